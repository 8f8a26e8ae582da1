"""Vietnamese alphabetical order, and the country view's comparison tables: titled in words, rows by place."""
from __future__ import annotations

import io

import pandas as pd

from tracking.national_tables import by_place, comparison_table, place, ranking_table
from tracking.tables import to_csv_bytes
from tracking.text import vietnamese_key

PROVINCES = ["Ủy ban nhân dân thành phố Đà Nẵng", "Ủy ban nhân dân tỉnh Điện Biên", "Ủy ban nhân dân tỉnh Đắk Lắk",
             "Ủy ban nhân dân thành phố Hà Nội", "Ủy ban nhân dân tỉnh Hà Giang", "Ủy ban nhân dân thành phố Cần Thơ",
             "Ủy ban nhân dân tỉnh Cà Mau", "Ủy ban nhân dân tỉnh Hải Dương", "Ủy ban nhân dân tỉnh Hoà Bình",
             "Ủy ban nhân dân thành phố Hồ Chí Minh", "Ủy ban nhân dân tỉnh Bắc Ninh", "Ủy ban nhân dân tỉnh Bạc Liêu",
             "Ủy ban nhân dân tỉnh Yên Bái", "Ủy ban nhân dân tỉnh Vĩnh Long", "Ủy ban nhân dân tỉnh Quảng Ninh"]
IN_ORDER = ["Bạc Liêu", "Bắc Ninh", "Cà Mau", "Cần Thơ", "Đà Nẵng", "Đắk Lắk", "Điện Biên", "Hà Giang", "Hà Nội",
            "Hải Dương", "Hoà Bình", "Hồ Chí Minh", "Quảng Ninh", "Vĩnh Long", "Yên Bái"]


def test_vietnamese_order_puts_each_letter_after_its_base_and_tones_after_letters():
    words = ["Đà Nẵng", "Dương", "Da", "Ô Môn", "Ơn", "Oanh", "Ư", "Uông", "Ăn", "Âm", "An", "Hà Nội", "Hải Phòng",
             "Há", "Phường 10", "Phường 9", "Zô", "ô tô"]
    assert sorted(words, key=vietnamese_key) == ["An", "Ăn", "Âm", "Da", "Dương", "Đà Nẵng", "Hà Nội", "Há",
                                                  "Hải Phòng", "Oanh", "Ô Môn", "ô tô", "Ơn", "Phường 9",
                                                  "Phường 10", "Uông", "Ư", "Zô"]


def test_a_tone_on_another_vowel_and_decomposed_text_sort_as_the_same_word():
    assert vietnamese_key("Hoà Bình")[0] == vietnamese_key("Hòa Bình")[0]
    assert vietnamese_key("Hà Nội")[0] == vietnamese_key("Ha\u0300 No\u0323\u0302i")[0]


def _by(dimension: str, values: list[str]) -> pd.DataFrame:
    rows = [{"province_code": f"{i:02d}", "province_name": name, dimension: value, "percent_done": 10.0 * i}
            for i, name in enumerate(PROVINCES) for value in values]
    return pd.DataFrame(rows)


def test_the_comparison_rows_go_by_place_whatever_the_city_or_province_prefix():
    frame = comparison_table(_by("area", ["facilities", "organisation"]), "area", "vi",
                             {"organisation": "Kiện toàn tổ chức, bộ máy, cán bộ", "facilities": "Cơ sở vật chất"})
    assert list(frame["Tỉnh, thành phố"]) == IN_ORDER
    assert list(frame.columns) == ["Tỉnh, thành phố", "Kiện toàn tổ chức, bộ máy, cán bộ", "Cơ sở vật chất"]
    assert frame.set_index("Tỉnh, thành phố").loc["Hà Nội", "Cơ sở vật chất"] == 30.0  # rows keep their values


def test_the_downloaded_comparison_has_the_same_vietnamese_headers_and_order():
    frame = comparison_table(_by("level", ["commune", "department", "district"]), "level", "vi")
    csv = pd.read_csv(io.BytesIO(to_csv_bytes(frame)), encoding="utf-8-sig")
    assert list(csv.columns) == ["Tỉnh, thành phố", "Sở, ban, ngành tỉnh", "Huyện, thành phố", "Xã, phường, thị trấn"]
    assert list(csv["Tỉnh, thành phố"]) == IN_ORDER


def test_the_ranking_names_places_and_the_picker_lists_them_in_order():
    provinces = pd.DataFrame({"rank": [1, 2, 3], "plan_id": [7, 8, 9], "province_code": ["01", "94", "48"],
                              "province_name": [PROVINCES[3], "Ủy ban nhân dân tỉnh Sóc Trăng", PROVINCES[0]],
                              "total": [5, 5, 5], "percent_done": [80.0, 60.0, 40.0]})
    ranked = ranking_table(provinces, "vi")
    assert list(ranked.columns) == ["Hạng", "Tỉnh, thành phố", "Số mốc", "% hoàn thành"]
    assert list(ranked["Tỉnh, thành phố"]) == ["Hà Nội", "Sóc Trăng", "Đà Nẵng"]  # rank order kept
    assert by_place(provinces) == ["48", "01", "94"]
    assert place("Ủy ban nhân dân tỉnh Thừa Thiên Huế") == "Thừa Thiên Huế"
