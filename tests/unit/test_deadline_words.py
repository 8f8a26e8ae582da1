"""A deadline keeps the plan's words; the last day on time follows the reading rule, off weekends and holidays."""
from datetime import date

import pandas as pd
import pytest

from tracking.domain.deadlines import last_day_on_time, next_working_day, phrase
from tracking.domain.reporting import ReportingSchedule
from tracking.labels import deadline_source_label, deadline_words, reading_footnote
from tracking.plans.holidays import load_holidays

HOLIDAYS = load_holidays()


@pytest.mark.parametrize("named, qualifier, default, literal", [
    # "trước ngày 30/10/2010": 30/10 is on time by default; literally 29/10 (a Friday, a working day)
    (date(2010, 10, 30), "before", date(2010, 10, 30), date(2010, 10, 29)),
    # "trước ngày 15/11/2010": literally 14/11, a Sunday, which the Civil Code moves to Monday 15/11
    (date(2010, 11, 15), "before", date(2010, 11, 15), date(2010, 11, 15)),
    # "trước ngày 31/12/2010": literally 30/12 (a Thursday)
    (date(2010, 12, 31), "before", date(2010, 12, 31), date(2010, 12, 30)),
    # "trước tháng 06/2011": the end of May under both readings
    (date(2011, 6, 1), "before_month", date(2011, 5, 31), date(2011, 5, 31)),
    # "trong quý III/2026": the quarter's last day (30/09/2026, a Wednesday)
    (date(2026, 7, 15), "in_quarter", date(2026, 9, 30), date(2026, 9, 30)),
    (date(2026, 2, 10), "in_half", date(2026, 6, 30), date(2026, 6, 30)),
    # "chậm nhất ngày 02/01/2011": the named day itself; literally, Sunday 02/01... here a Sunday → Tuesday 04/01
    # (Monday 03/01/2011 is the day off in lieu of New Year's Day, which fell on a Saturday)
    (date(2011, 1, 2), "by", date(2011, 1, 2), date(2011, 1, 4)),
])
def test_the_last_day_on_time_under_each_reading(named, qualifier, default, literal):
    assert last_day_on_time(named, qualifier, "named_day_on_time", HOLIDAYS) == default
    assert last_day_on_time(named, qualifier, "literal", HOLIDAYS) == literal


def test_ongoing_and_event_deadlines_have_no_day():
    assert last_day_on_time(None, "ongoing") is None
    assert last_day_on_time(date(2010, 10, 30), "event") is None


def test_a_sunday_due_date_moves_to_monday_and_a_holiday_to_the_next_working_day():
    assert next_working_day(date(2010, 10, 10), HOLIDAYS) == date(2010, 10, 11)  # Sunday → Monday
    assert next_working_day(date(2011, 4, 12), HOLIDAYS) == date(2011, 4, 13)    # Giỗ Tổ Hùng Vương 2011
    assert next_working_day(date(2011, 2, 2), HOLIDAYS) == date(2011, 2, 8)      # Tết Tân Mão and its day off in lieu
    schedule = ReportingSchedule("2010Q3", "2011Q4", {"REP-QUY": 10, "REP-TONGHOP": 20})
    assert schedule.due("REP-QUY", "2010Q3", holidays=HOLIDAYS) == date(2010, 10, 11)
    assert schedule.due("REP-QUY", "2011Q1", holidays=HOLIDAYS) == date(2011, 4, 11)
    assert schedule.due("REP-QUY", "2011Q2", holidays=HOLIDAYS) == date(2011, 7, 11)
    assert schedule.due("REP-TONGHOP", "2010Q3", holidays=HOLIDAYS) == date(2010, 10, 20)  # a Wednesday: kept


def test_the_holidays_file_names_its_source_and_covers_the_plans_years():
    assert {day.year for day in HOLIDAYS} >= {2010, 2011, 2012}
    assert date(2011, 2, 3) in HOLIDAYS and date(2012, 9, 3) in HOLIDAYS  # mùng 1 Tết; 2/9 nghỉ bù


def test_the_screen_shows_the_plans_words_and_marks_any_computed_day():
    assert deadline_words(date(2010, 10, 30), "plan", "trước ngày 30/10/2010", date(2010, 10, 30), "before") \
        == "trước ngày 30/10/2010"
    assert deadline_words(date(2010, 10, 29), "plan", "trước ngày 30/10/2010", date(2010, 10, 30), "before") \
        == "trước ngày 30/10/2010 (tính đến hết 29/10/2010)"
    assert deadline_words(date(2011, 5, 31), "plan", "trước tháng 06/2011", date(2011, 6, 1), "before_month", "en") \
        == "before 06/2011 (on time up to 31/05/2011)"
    assert deadline_words(date(2010, 10, 11), "proposed") == "11/10/2010"  # the software's date is only a date
    assert deadline_words(None, "set", "thường xuyên", None, "ongoing") == "thường xuyên (không có hạn hoàn thành)"
    assert deadline_words(pd.NaT, "set") == "Chưa có hạn"
    assert deadline_source_label("proposed") == "Lịch do hệ thống đề xuất"
    assert deadline_source_label("set", has_deadline=False, qualifier="ongoing").startswith("Nhiệm vụ thường xuyên")


def test_the_reading_rule_is_said_in_words_in_both_languages():
    assert "vẫn tính là đúng hạn" in reading_footnote("named_day_on_time")
    assert "Điều 153" in reading_footnote("literal") and "art. 153.5" in reading_footnote("literal", "en")


def test_phrases_in_the_plans_idiom():
    assert phrase(date(2026, 8, 1), "in_quarter") == "trong quý III/2026"
    assert phrase(date(2011, 6, 1), "before_month") == "trước tháng 06/2011"
    assert phrase(None, "ongoing") == "thường xuyên"


def test_a_plan_due_in_years_the_holiday_list_lacks_is_told_so_and_only_those_years():
    from dataclasses import replace

    from tracking.plans.holidays import holiday_years
    from tracking.plans.loader import load_plan, load_units, plan_files
    from tracking.plans.notices import plan_due_days, plan_notices

    assert holiday_years() == {2010, 2011, 2012}
    plan = load_plan(plan_files()[0], load_units())
    assert plan_notices(plan) == []  # Sóc Trăng's plan: 2010–2011, listed
    assert date(2010, 10, 30) in plan_due_days(plan) and date(2011, 4, 20) in plan_due_days(plan)  # a quarter's report
    later = replace(plan, ends_on=date(2027, 12, 31), requirements=(
        replace(plan.requirements[0], deadline=date(2025, 9, 2)), replace(plan.requirements[1], deadline=date(2026, 5, 1)),
        *plan.requirements[2:]))
    (vi,), (en,) = plan_notices(later), plan_notices(later, "en")
    assert "chưa có năm 2025, 2026:" in vi and "does not cover 2025, 2026:" in en  # the window's end is no due date
