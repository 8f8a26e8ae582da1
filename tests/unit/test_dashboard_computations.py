"""What the dashboard computes from a snapshot: counts, shares, rankings, cells, burn-up, projection, norms."""
from datetime import date

import pandas as pd

from tests.status_oracle import snapshot_frame, snapshot_row
from tracking.analysis import compliance, norms, progress, schedule, trend
from tracking.domain.status import HistoryEntry, State, milestone_status

AREAS = pd.DataFrame([
    {"code": "organisation", "name": "Kiện toàn tổ chức", "name_en": "Organisation", "deadline": date(2010, 10, 30), "clause": "II.4"},
    {"code": "rules", "name": "Nội quy", "name_en": "Rules", "deadline": None, "clause": None},
    {"code": "budget", "name": "Kinh phí", "name_en": "Budget", "deadline": None, "clause": None},
])


def test_status_counts_match_the_pure_status_rules_for_each_milestone():
    as_of = date(2010, 12, 1)
    histories = {
        "a": ([HistoryEntry(date(2010, 10, 1), State.DONE, 1)], date(2010, 10, 30)),
        "b": ([HistoryEntry(date(2010, 11, 5), State.DONE, 2)], date(2010, 10, 30)),
        "c": ([HistoryEntry(date(2010, 9, 5), State.IN_PROGRESS, 3)], date(2010, 10, 30)),
        "d": ([], date(2011, 5, 31)),
        "e": ([HistoryEntry(date(2010, 9, 5), State.DONE, 4), HistoryEntry(date(2010, 11, 1), State.IN_PROGRESS, 5)],
              date(2010, 10, 30)),
    }
    rows = []
    for unit, (history, deadline) in histories.items():
        result = milestone_status(history, deadline, as_of)
        rows.append(snapshot_row(unit, status=result.status.value, deadline=deadline, completed=result.completed_on))
    assert progress.status_counts(snapshot_frame(*rows)) == {"done_on_time": 1, "done_late": 1, "overdue": 2, "open": 1,
                                                                 "no_deadline": 0}


def test_every_status_is_counted_even_when_absent_or_the_snapshot_is_empty():
    assert progress.status_counts(snapshot_frame()) == {"done_on_time": 0, "done_late": 0, "overdue": 0, "open": 0,
                                                               "no_deadline": 0}


def test_the_on_time_share_ignores_work_not_yet_due():
    snap = snapshot_frame(
        snapshot_row("941", "A", "done_on_time"), snapshot_row("941", "B", "overdue"),
        snapshot_row("941", "C", "open"), snapshot_row("941", "D", "open"),
    )
    row = progress.unit_scores(snap).iloc[0]
    assert (row["total"], row["done"], row["percent_done"], row["on_time_rate"]) == (4, 1, 25.0, 50.0)


def test_a_unit_with_nothing_due_has_no_on_time_share_rather_than_zero():
    row = progress.unit_scores(snapshot_frame(snapshot_row("941", "A", "open"))).iloc[0]
    assert pd.isna(row["on_time_rate"])


def test_area_progress_gives_days_left_before_and_days_overdue_after_the_deadline():
    snap = snapshot_frame(snapshot_row("941", status="done_on_time", completed=date(2010, 10, 1)),
                          snapshot_row("942", status="open"), snapshot_row("943", area="rules", deadline=None))
    before = progress.area_progress(snap, AREAS, date(2010, 10, 20)).set_index("code")
    after = progress.area_progress(snap, AREAS, date(2010, 11, 9)).set_index("code")
    assert before.at["organisation", "days_left"] == 10 and after.at["organisation", "days_left"] == -10
    assert before.at["organisation", "percent_done"] == 50.0
    assert pd.isna(before.at["rules", "days_left"])
    assert "budget" not in before.index  # an area without milestones is not shown


def test_the_units_most_behind_are_those_with_most_overdue_then_least_done():
    snap = snapshot_frame(
        snapshot_row("A", "R1", "overdue", unit_position=1), snapshot_row("A", "R2", "done_on_time", unit_position=1),
        snapshot_row("B", "R1", "overdue", unit_position=2), snapshot_row("B", "R2", "overdue", unit_position=2),
        snapshot_row("C", "R1", "overdue", unit_position=3), snapshot_row("C", "R2", "open", unit_position=3),
        snapshot_row("D", "R1", "done_on_time", unit_position=4),
    )
    assert progress.units_behind(snap)["unit_code"].tolist() == ["B", "C", "A"]


def test_a_quarterly_cell_shows_an_overdue_period_before_anything_else():
    assert compliance.cell_status(["done_on_time", "overdue", "open"]) == "overdue"
    assert compliance.cell_status(["done_on_time", "done_late", "open"]) == "done_late"
    assert compliance.cell_status(["done_on_time", "open", "open"]) == "done_on_time"
    assert compliance.cell_status(["open", "open"]) == "open"


def test_the_matrix_has_one_cell_per_unit_and_requirement_with_periods_counted():
    snap = snapshot_frame(
        snapshot_row("941", "REP-QUY", "done_on_time", period="2010Q3", completed=date(2010, 10, 5)),
        snapshot_row("941", "REP-QUY", "done_late", period="2010Q4", completed=date(2011, 1, 20)),
        snapshot_row("941", "REP-QUY", "open", period="2011Q1"),
        snapshot_row("941", "ORG-HUYEN", "done_on_time", completed=date(2010, 10, 1)),
    )
    matrix = compliance.status_matrix(snap).set_index("requirement_code")
    assert matrix.at["REP-QUY", "status"] == "done_late"
    assert (matrix.at["REP-QUY", "periods"], matrix.at["REP-QUY", "periods_done"]) == (3, 2)
    assert compliance.status_matrix(snap, ["done_late"])["requirement_code"].tolist() == ["REP-QUY"]


def test_filters_keep_a_district_with_its_communes_and_drop_departments():
    snap = snapshot_frame(
        snapshot_row("941"), snapshot_row("31501", level="commune", district="941", parent="941"),
        snapshot_row("942"), snapshot_row("SNV", level="department", district=None),
    )
    kept = compliance.filter_snapshot(snap, districts=["941"])
    assert sorted(kept["unit_code"]) == ["31501", "941"]
    assert compliance.filter_snapshot(snap, levels=["department"])["unit_code"].tolist() == ["SNV"]


def test_districts_are_ranked_with_their_communes_and_best_first():
    snap = snapshot_frame(
        snapshot_row("941", "A", "done_on_time", unit_position=1, name="Thành phố Sóc Trăng"),
        snapshot_row("31501", "B", "overdue", level="commune", district="941", parent="941", unit_position=2),
        snapshot_row("942", "A", "done_on_time", unit_position=3, name="Huyện Châu Thành"),
        snapshot_row("943", "A", "open", unit_position=4, name="Huyện Cù Lao Dung"),
    )
    ranking = compliance.ranking(snap, "district")
    assert ranking["unit_code"].tolist() == ["942", "941", "943"]
    assert ranking["on_time_rate"].tolist()[:2] == [100.0, 50.0]
    assert ranking["rank"].tolist() == [1, 2, 3]


def test_the_schedule_has_a_row_per_requirement_and_period_with_first_and_last_completion():
    snap = snapshot_frame(
        snapshot_row("941", "ORG-HUYEN", "done_on_time", completed=date(2010, 9, 1)),
        snapshot_row("942", "ORG-HUYEN", "done_late", completed=date(2010, 12, 1)),
        snapshot_row("941", "REP-QUY", "open", period="2010Q4", deadline=date(2011, 1, 10), source="set",
                     requirement_position=2),
    )
    table = schedule.requirement_schedule(snap)
    assert table["requirement_code"].tolist() == ["ORG-HUYEN", "REP-QUY"]
    first = table.iloc[0]
    assert (first["first_done"], first["last_done"], first["done"], first["total"]) == (
        date(2010, 9, 1), date(2010, 12, 1), 2, 2)
    assert table.iloc[1]["deadline_source"] == "set"


def test_the_burn_up_counts_a_reopened_milestone_only_while_it_is_done():
    changes = pd.DataFrame({"fact_date": [date(2010, 9, 1), date(2010, 9, 10), date(2010, 9, 20)],
                            "area": ["organisation"] * 3, "requirement_code": ["ORG-HUYEN"] * 3, "change": [1, -1, 1]})
    snap = snapshot_frame(snapshot_row("941", deadline=date(2010, 9, 15)), snapshot_row("942", deadline=None))
    series = trend.burnup(changes, snap, date(2010, 9, 1), date(2010, 9, 30), date(2010, 9, 25)).set_index("day")
    assert series.loc["2010-09-05", "done"] == 1 and series.loc["2010-09-12", "done"] == 0
    assert series.loc["2010-09-25", "done"] == 1 and pd.isna(series.loc["2010-09-26", "done"])
    assert series.loc["2010-09-14", "due"] == 0 and series.loc["2010-09-15", "due"] == 1
    assert series["total"].iloc[0] == 2


def test_the_projection_extends_the_pace_of_the_last_ninety_days():
    projection = trend.project(total=100, done=40, done_before_window=10, as_of=date(2011, 1, 1))
    assert projection.projected_on == date(2011, 6, 30)  # 60 left at 30 per 90 days: 180 days after 1 January
    assert projection.per_30_days == 10


def test_no_projection_without_recent_progress_and_none_needed_when_complete():
    stalled = trend.project(total=10, done=4, done_before_window=4, as_of=date(2011, 1, 1))
    assert stalled.projected_on is None and not stalled.complete
    assert trend.project(total=10, done=10, done_before_window=2, as_of=date(2011, 1, 1)).complete


def test_a_district_norm_of_one_to_two_dedicated_officers_is_checked_against_the_latest_value():
    requirements = pd.DataFrame([
        {"code": "ORG-HUYEN", "norms": {"dedicated_staff": {"min": 1, "max": 2}, "parttime_staff": {"min": 1}}},
        {"code": "TRN-HUYEN", "norms": {"trained_ratio": {"min": 1}}},
        {"code": "FAC-HUYEN", "norms": {"reception_room": {"min": 1}}},
    ])
    found = norms.norms_for(requirements, ["ORG-HUYEN", "TRN-HUYEN", "FAC-HUYEN"])
    latest = pd.DataFrame([
        {"quantity": "dedicated_staff", "value": 3, "fact_date": date(2010, 9, 1), "evidence": "QĐ 1"},
        {"quantity": "parttime_staff", "value": 2, "fact_date": date(2010, 9, 1), "evidence": None},
        {"quantity": "officers_in_post", "value": 5, "fact_date": date(2010, 9, 1), "evidence": None},
        {"quantity": "officers_trained", "value": 4, "fact_date": date(2011, 3, 1), "evidence": None},
    ])
    check = norms.norm_check(latest, found).set_index("quantity")
    assert check.at["dedicated_staff", "norm"] == "1–2" and check.at["dedicated_staff", "meets"] is False
    assert check.at["parttime_staff", "meets"] is True
    assert check.at["trained_ratio", "shown"] == "80%" and check.at["trained_ratio", "meets"] is False
    assert check.at["reception_room", "shown"] == "chưa có số liệu" and check.at["reception_room", "meets"] is None


def test_bodies_the_plan_only_requests_are_not_ranked_among_departments():
    snap = snapshot_frame(
        snapshot_row("SNV", "A", "overdue", level="department"),
        {**snapshot_row("VPTU", "B", "done_on_time", level="department"), "unit_group": "requested"},
    )
    assert compliance.ranking(snap, "department")["unit_code"].tolist() == ["SNV"]
