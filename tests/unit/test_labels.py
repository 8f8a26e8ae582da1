"""Words shown to people: roles, sources, recorders, periods, actions, in Vietnamese first and English on request."""
from datetime import date

import pandas as pd

from tracking.labels import action_label, period_label, person_label, role_label, source_label
from tracking.services.permissions import ROLE_LABELS, ROLES
from tracking.tables import Decimals, audit_table, cell_formats


def test_a_period_reads_as_a_vietnamese_quarter_and_one_off_milestones_have_none():
    assert period_label("2010Q3") == "Quý III/2010" and period_label("2011Q4", "en") == "Q4/2011"
    assert period_label("") == period_label(None) == period_label(float("nan")) == ""


def test_roles_sources_and_actions_have_words_in_both_languages_and_unknown_codes_pass_through():
    assert all(role_label(r) == ROLE_LABELS[r] and role_label(r, "en") != ROLE_LABELS[r] for r in ROLES)
    assert source_label("import") == "Nhập từ Excel" and source_label("demo", "en") == "Demo data"
    assert action_label("user_disabled") == "Khóa người dùng" and action_label("update", "en") == "Progress update"
    assert role_label(None) == source_label(None) == "" and source_label("new-kind") == "new-kind"


def test_the_seeded_history_is_attributed_to_demo_data_not_to_a_login_name():
    assert person_label("du_lieu_minh_hoa") == "Dữ liệu minh họa" and person_label("du_lieu_minh_hoa", "en") == "Demo data"
    assert person_label("thanhtra") == "thanhtra" and person_label(None) == ""


def test_an_audit_row_is_told_in_words_with_dates_as_dd_mm_yyyy():
    log = pd.DataFrame([
        {"recorded_at": None, "recorded_by": "canbo941", "action": "update", "unit_code": "941", "source": "import",
         "item": "REP-QUY", "period": "2010Q4", "state": "in_progress", "day": date(2011, 1, 5), "number": 50,
         "evidence": "BC số 12", "note": None, "role": None},
        {"recorded_at": None, "recorded_by": "thanhtra", "action": "quantity", "unit_code": "941", "source": "app",
         "item": "dedicated_staff", "period": None, "state": None, "day": date(2010, 10, 1), "number": 2,
         "evidence": None, "note": None, "role": None},
        {"recorded_at": None, "recorded_by": "quantri", "action": "user_added", "unit_code": None, "source": "app",
         "item": "lanhdao", "period": None, "state": None, "day": None, "number": None, "evidence": None,
         "note": None, "role": "leader"},
    ])
    table = audit_table(log)
    assert list(table["Nội dung"]) == ["REP-QUY · Quý IV/2010", "Cán bộ tiếp công dân chuyên trách", "lanhdao"]
    assert list(table["Chi tiết"]) == ["Đang thực hiện · 05/01/2011 · 50% · BC số 12", "2 · ngày 01/10/2010",
                                       "Lãnh đạo (chỉ xem)"]
    assert list(table["Đơn vị"]) == ["941", "941", ""] and list(table["Nguồn"]) == ["Nhập từ Excel", "Ứng dụng", "Ứng dụng"]


def test_vietnamese_tables_write_decimals_the_systems_way_and_english_ones_with_a_point_whole_numbers_stay_whole():
    frame = pd.DataFrame({"Đơn vị": ["Sở Nội vụ"], "Tỷ lệ (%)": [72.5], "Số mốc": [3]})
    # "localized": the browser's convention (72,5 on a Vietnamese system); printf "%.1f": always 72.5
    assert cell_formats(frame, "vi") == {"Tỷ lệ (%)": Decimals("localized", 0.1)}
    assert cell_formats(frame, "en") == {"Tỷ lệ (%)": Decimals("%.1f", 0.1)}


def test_recording_times_are_shown_in_vietnam_time():
    from datetime import datetime, timezone

    from tracking.labels import fmt_moment
    assert fmt_moment(datetime(2010, 10, 30, 2, 5, tzinfo=timezone.utc)) == "09:05 30/10/2010"
    assert fmt_moment(datetime(2010, 10, 30, 20, 0)) == "03:00 31/10/2010"  # SQLite: naive, stored in UTC
    assert fmt_moment(None) == ""


def test_a_deadline_says_where_it_comes_from_in_words_an_official_can_check():
    from tracking.labels import deadline_source_label
    assert deadline_source_label("inferred", "II.4") == "Suy ra từ mục II.4"
    assert deadline_source_label("inferred", "II.4", "en") == "Inferred from II.4"
    assert deadline_source_label("plan", "III.4") == "Theo kế hoạch (mục III.4)"
    assert deadline_source_label("set", None) == "Đặt sau"
    assert deadline_source_label("set", None, has_deadline=False) == "Chưa có hạn"


def test_after_window_note_names_one_late_date_counts_several_and_says_nothing_inside():
    from datetime import date
    from tracking.labels import after_window_note
    end = date(2012, 1, 31)
    assert after_window_note([end], end) == "" and after_window_note([date(2012, 2, 1)], None) == ""
    assert "ngày sự việc 01/02/2012 sau ngày cuối của kỳ theo dõi (31/01/2012)" in after_window_note([date(2012, 2, 1)], end)
    several = after_window_note([date(2011, 1, 1), date(2012, 3, 1), date(2012, 2, 1)], end)
    assert "2 dòng có ngày sự việc sau ngày cuối của kỳ theo dõi (31/01/2012), muộn nhất 01/03/2012" in several
    assert "after the end of the tracking window" in after_window_note([date(2012, 2, 1)], end, "en")


def test_the_commune_level_is_named_for_the_map_and_the_country_view_names_both_when_mixed():
    from tracking.labels import level_label, on_two_levels, provinces_on_two_levels
    assert level_label("commune") == "Xã, phường, thị trấn"
    assert level_label("commune", two_level=True) == "Xã, phường, đặc khu"
    assert level_label("commune", "en", True) == "Communes, wards, special zones"
    assert level_label("commune", two_level=None) == "Xã, phường, thị trấn, đặc khu"
    assert level_label("department", two_level=True) == "Sở, ban, ngành tỉnh"
    assert on_two_levels(pd.DataFrame({"level": ["province", "department", "commune"]}))
    assert not on_two_levels(pd.DataFrame({"level": ["province", "district", "commune"]}))
    snapshot_rows = pd.DataFrame({"unit_level": ["department", "commune"], "district_code": [None, None]})
    assert on_two_levels(snapshot_rows) and not on_two_levels(snapshot_rows.assign(district_code=[None, "941"]))
    old = pd.DataFrame({"province_code": ["94"] * 3, "level": ["department", "district", "commune"]})
    today = pd.DataFrame({"province_code": ["40"] * 2, "level": ["department", "commune"]})
    assert provinces_on_two_levels(old) is False and provinces_on_two_levels(today) is True
    assert provinces_on_two_levels(pd.concat([old, today])) is None


def test_a_seat_names_a_provinces_districts_as_the_plan_does_and_a_citys_by_their_kinds():
    from tracking.labels import Seat, district_kinds, level_label

    province, city = Seat(), Seat("thành phố", "quận, huyện, thị xã")
    assert (province.district_word(), province.district_office(), province.inspectorate()) == (
        "huyện", "UBND huyện", "Thanh tra tỉnh")
    assert (city.district_word(), city.district_office(), city.inspectorate("en")) == (
        "quận, huyện, thị xã", "UBND cấp huyện", "City Inspectorate")
    assert level_label("department", "en", seat=city) == "City departments"
    # Sóc Trăng on 31/01/2012: Vĩnh Châu is a thị xã that day, but the plan's list (and so its level's name) is 2010's.
    units = pd.DataFrame({"level": ["district"] * 3, "name": ["Huyện Châu Thành", "Thị xã Vĩnh Châu", "Thành phố Sóc Trăng"],
                          "kind": ["huyện", "thị xã", "thành phố"], "listed_kind": ["huyện", "huyện", "thành phố"]})
    assert district_kinds(units) == "huyện, thành phố"
    assert district_kinds(units.drop(columns="listed_kind")) == "huyện, thị xã, thành phố"
