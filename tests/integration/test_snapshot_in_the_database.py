"""The set-based snapshot in SQL gives exactly what the pure status rules give, on SQLite and PostgreSQL."""
import random
from concurrent.futures import Future

import pytest
from datetime import date, timedelta

import pandas as pd
from sqlalchemy import insert, select

from tracking.db.models import MilestoneRow, UpdateRow
from tracking.domain.status import HistoryEntry, State, milestone_status
from tracking.services.updates import UpdateCommand, record_update
from tracking.uow import UnitOfWork
from tracking.views.snapshot import snapshot
from tests.accounts import add_account

TODAY = date(2026, 11, 26)


@pytest.fixture(autouse=True)
def inspector(engine):
    add_account(engine, "thanh_tra")


def record(engine, unit, req, state, day, period=None, by="thanh_tra"):
    with UnitOfWork(engine) as uow:
        return record_update(uow, UpdateCommand(unit, req, state, day, by, period=period), today=TODAY)


def status_of(engine, as_of, unit, req, period=None):
    frame = snapshot(engine, date.fromisoformat(as_of), unit_codes=[unit], requirement_codes=[req])
    row = frame[frame["period"].isna()] if period is None else frame[frame["period"] == period]
    assert len(row) == 1
    return row.iloc[0]


def test_every_milestone_appears_once_with_no_history(engine):
    frame = snapshot(engine, date(2010, 7, 1))
    assert len(frame) == frame["milestone_id"].nunique() > 700
    # Nothing is done yet: "not yet due" where there is a deadline, "no deadline" (its own bucket) where there is none.
    assert set(frame.loc[frame["deadline"].notna(), "status"]) == {"open"}
    assert set(frame.loc[frame["deadline"].isna(), "status"]) == {"no_deadline"}


def test_replaying_several_dates_follows_the_history(engine):
    record(engine, "941", "ORG-HUYEN", "in_progress", "2010-09-01")
    record(engine, "941", "ORG-HUYEN", "done", "2010-11-05")
    # "trước ngày 30/10/2010": by default the named day is still on time (setting deadline_reading, data/README.md).
    expected = {"2010-08-01": "open", "2010-10-30": "open", "2010-10-31": "overdue", "2010-11-05": "done_late"}
    for as_of, status in expected.items():
        assert status_of(engine, as_of, "941", "ORG-HUYEN")["status"] == status, as_of
    assert status_of(engine, "2011-01-01", "941", "ORG-HUYEN")["completed_on"] == date(2010, 11, 5)


def test_done_on_the_deadline_day_and_reopening_in_sql(engine):
    record(engine, "942", "ORG-HUYEN", "done", "2010-10-29")
    assert status_of(engine, "2010-12-01", "942", "ORG-HUYEN")["status"] == "done_on_time"
    record(engine, "942", "ORG-HUYEN", "in_progress", "2010-11-10")
    assert status_of(engine, "2010-11-09", "942", "ORG-HUYEN")["status"] == "done_on_time"
    assert status_of(engine, "2010-12-01", "942", "ORG-HUYEN")["status"] == "overdue"


def test_same_day_updates_follow_recording_order_in_sql(engine):
    record(engine, "943", "FAC-HUYEN", "in_progress", "2010-12-01")
    record(engine, "943", "FAC-HUYEN", "done", "2010-12-01")
    assert status_of(engine, "2011-01-05", "943", "FAC-HUYEN")["status"] == "done_on_time"


def test_out_of_order_correction_in_sql(engine):
    record(engine, "944", "ORG-HUYEN", "done", "2010-11-05")
    record(engine, "944", "ORG-HUYEN", "done", "2010-10-20")
    row = status_of(engine, "2010-12-01", "944", "ORG-HUYEN")
    assert row["status"] == "done_on_time" and row["completed_on"] == date(2010, 10, 20)


def test_requirement_without_deadline_has_no_deadline_status_until_done(engine):
    assert status_of(engine, "2011-12-31", "941", "RUL-SBN")["deadline_source"] == "set"
    assert status_of(engine, "2011-12-31", "941", "RUL-SBN")["status"] == "no_deadline"
    record(engine, "941", "RUL-SBN", "done", "2011-06-01")
    assert status_of(engine, "2011-12-31", "941", "RUL-SBN")["status"] == "done_on_time"


def test_recurring_quarterly_report_has_one_milestone_per_period(engine):
    frame = snapshot(engine, date(2011, 2, 1), unit_codes=["941"], requirement_codes=["REP-QUY"])
    assert list(frame["period"]) == ["2010Q3", "2010Q4", "2011Q1", "2011Q2", "2011Q3", "2011Q4"]
    record(engine, "941", "REP-QUY", "done", "2011-01-08", period="2010Q4")
    assert status_of(engine, "2011-02-01", "941", "REP-QUY", "2010Q4")["status"] == "done_on_time"
    assert status_of(engine, "2011-02-01", "941", "REP-QUY", "2010Q3")["status"] == "overdue"
    assert status_of(engine, "2011-02-01", "941", "REP-QUY", "2011Q1")["status"] == "open"


def test_sql_snapshot_equals_the_pure_rules_on_random_histories(engine):
    rng = random.Random(7)
    with engine.begin() as conn:
        milestones = conn.execute(select(MilestoneRow.id, MilestoneRow.deadline).limit(120)).all()
        rows, seq = [], 0
        for milestone_id, _ in milestones:
            for _ in range(rng.randint(0, 5)):
                seq += 1
                rows.append({
                    "milestone_id": milestone_id, "state": rng.choice(list(State)).value,
                    "fact_date": date(2010, 7, 1) + timedelta(days=rng.randint(0, 500)), "percent": None,
                    "recorded_by": "t", "source": "test",
                })
        conn.execute(insert(UpdateRow), rows)
        stored = conn.execute(select(UpdateRow.milestone_id, UpdateRow.fact_date, UpdateRow.state, UpdateRow.id)).all()
    history = {}
    for milestone_id, fact_date, state, update_id in stored:
        history.setdefault(milestone_id, []).append(HistoryEntry(fact_date, State(state), update_id))
    deadlines = dict(milestones)
    for as_of in (date(2010, 9, 1), date(2010, 10, 30), date(2011, 1, 1), date(2011, 6, 1), date(2012, 1, 1)):
        frame = snapshot(engine, as_of).set_index("milestone_id")
        for milestone_id, deadline in milestones:
            expected = milestone_status(history.get(milestone_id, []), deadline, as_of)
            got = frame.loc[milestone_id]
            assert got["status"] == expected.status.value, (milestone_id, as_of)
            assert (None if got["percent"] is pd.NA else got["percent"]) == expected.percent
            assert (got["completed_on"] if got["completed_on"] == got["completed_on"] else None) == expected.completed_on


def test_an_open_milestone_within_two_weeks_of_its_deadline_is_due_soon(engine):
    assert bool(status_of(engine, "2010-10-16", "941", "ORG-HUYEN")["due_soon"])
    assert not bool(status_of(engine, "2010-10-15", "941", "ORG-HUYEN")["due_soon"])
    assert not bool(status_of(engine, "2010-10-31", "941", "ORG-HUYEN")["due_soon"])  # overdue, not due soon
    record(engine, "941", "ORG-HUYEN", "done", "2010-10-10")
    assert not bool(status_of(engine, "2010-10-20", "941", "ORG-HUYEN")["due_soon"])


def test_the_shared_catalogue_follows_deadlines_and_plan_reloads(engine):
    """Names, titles and deadlines come from a catalogue kept between snapshots: every writer must refresh it."""
    from dataclasses import replace

    from tracking.plans.seed import load_data, seed
    from tracking.services.deadlines import set_deadline

    as_of = date(2011, 6, 30)
    before = snapshot(engine, as_of)
    undated = before[before["deadline"].isna() & before["period"].isna()].iloc[0]
    with UnitOfWork(engine) as uow:
        set_deadline(uow, undated["requirement_code"], "2011-03-31", by="thanh_tra")
        uow.commit()
    rows = snapshot(engine, as_of)
    rows = rows[rows["requirement_code"] == undated["requirement_code"]]
    assert set(rows["deadline"]) == {date(2011, 3, 31)} and set(rows["deadline_source"]) == {"set"}

    units, plans = load_data()
    first, *rest = plans[0].requirements
    seed(engine, units, [replace(plans[0], requirements=(replace(first, title="Tiêu đề sửa lại"), *rest)), *plans[1:]])
    titles = snapshot(engine, as_of).query("requirement_code == @first.code")["requirement_title"]
    assert set(titles) == {"Tiêu đề sửa lại"}


def test_a_milestone_the_shared_catalogue_does_not_know_yet_gets_its_own_row(engine, monkeypatch):
    """Between reading the catalogue and the facts another process may add a milestone: it must not borrow the
    labels of another row."""
    from tracking.views import snapshot as module

    as_of = date(2011, 6, 30)
    full = snapshot(engine, as_of)
    stale = full.set_index("milestone_id").iloc[1:]  # as if the first milestone were added after the catalogue
    real = module.catalogue_coming

    def stale_catalogue(conn, plan_id, every_plan, apart=None, storable=False):
        coming = Future()
        coming.set_result(real(conn, plan_id, every_plan).result().loc[stale.index])
        return coming

    monkeypatch.setattr(module, "catalogue_coming", stale_catalogue)
    again = snapshot(engine, as_of)
    pd.testing.assert_frame_equal(again, full)
