"""Column widths that keep a table's decision columns inside its frame."""
from __future__ import annotations

from datetime import date

import pandas as pd

from tracking.table_widths import fit, natural_px


def _milestones(rows: int = 12) -> pd.DataFrame:
    return pd.DataFrame({
        "Yêu cầu": [f"ORG-{i}" for i in range(rows)],
        "Tình trạng": ["Hoàn thành đúng hạn"] * rows,
        "Nội dung": ["Bố trí cán bộ làm công tác tiếp công dân chuyên trách tại trụ sở tiếp công dân của tỉnh"] * rows,
        "Thời hạn": [date(2010, 10, 30)] * rows,
        "Ngày hoàn thành": [date(2010, 10, 1)] * rows,
        "Tiến độ (%)": [100.0] * rows,
        "Căn cứ": ["Quyết định số 1234/QĐ-UBND ngày 01/10/2010 của Ủy ban nhân dân tỉnh"] * rows,
    })


def test_a_table_that_fits_is_left_to_size_itself():
    small = pd.DataFrame({"Mã": ["941"], "Số mốc": [3]})
    assert fit(small).widths == {} and fit(small).pinned == ()


def test_a_wide_table_fits_its_frame_by_shrinking_the_long_text_while_dates_and_shares_keep_their_width():
    frame = _milestones()
    fitted = fit(frame, 975)
    assert sum(fitted.widths.values()) <= 975
    assert fitted.pinned == ()
    for column in ("Tình trạng", "Thời hạn", "Ngày hoàn thành", "Tiến độ (%)"):
        assert fitted.widths[column] == natural_px(frame, column), column
    assert fitted.widths["Nội dung"] < natural_px(frame, "Nội dung")


def test_a_matrix_too_wide_for_any_frame_pins_its_code_and_name():
    matrix = pd.DataFrame({"Mã": ["941"], "Đơn vị": ["Thành phố Sóc Trăng"],
                           **{f"REQ-{i:02d}": ["Quá hạn"] for i in range(40)}})
    fitted = fit(matrix, 975)
    assert fitted.pinned == ("Mã", "Đơn vị")
    assert all(fitted.widths[f"REQ-{i:02d}"] >= natural_px(pd.DataFrame({"x": ["Quá hạn"]}), "x") for i in range(40))


def test_half_a_page_is_a_narrower_frame():
    frame = _milestones()
    assert sum(fit(frame, 470).widths.values()) <= 470 or fit(frame, 470).pinned


def test_a_citys_level_names_repeated_down_a_column_are_read_whole_while_unit_names_give_way():
    levels = ["Sở, ban, ngành thành phố", "Quận, huyện, thị xã", "Xã, phường, thị trấn"] * 10
    frame = pd.DataFrame({
        "Đơn vị": [f"Ủy ban nhân dân phường Phúc Xá số {i} thuộc quận Ba Đình" for i in range(30)],
        "Cấp": levels,
        "Tình trạng": ["Hoàn thành đúng hạn"] * 30,
        "Căn cứ": ["Quyết định số 1234/QĐ-UBND ngày 01/10/2010 của Ủy ban nhân dân thành phố"] * 30,
    })
    fitted = fit(frame, 470)
    assert fitted.widths["Cấp"] == natural_px(frame, "Cấp")
    assert fitted.widths["Đơn vị"] < natural_px(frame, "Đơn vị")
    # Names of units, few and not repeated, are still text that may be cut.
    names = frame.iloc[:3].assign(Cấp=["Ủy ban nhân dân phường Phúc Xá"] * 3)
    assert fit(names, 300).widths.get("Cấp", 0) < natural_px(names, "Cấp")
