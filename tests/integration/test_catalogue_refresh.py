"""A catalogue whose stamp changed is brought up to date by reading only what changed — a deadline set, milestones
moved to a successor, milestones closed — and is then what a full read gives; any other change reads it all again.
On SQLite and PostgreSQL."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from sqlalchemy import delete, select

from tests.accounts import add_account
from tests.spies import calls_of
from tests.integration.test_units_over_time import MERGE  # 31642 merged into 31648 on 01/01/2011
from tracking.db.models import MilestoneRow, UpdateRow
from tracking.services.deadlines import set_deadline
from tracking.services.reporting_schedule import set_reporting_schedule
from tracking.uow import UnitOfWork
from tracking.units.changes import apply_changes, close_open_milestones, load_changes, stored_units
from tracking.views import milestone_catalogue as catalogues
from tracking.views.snapshot import snapshot

SUCCESSOR = "31648"
AS_OF = date(2011, 6, 30)


@pytest.fixture
def full_reads(monkeypatch):
    """How many times the whole catalogue was read."""
    return calls_of(monkeypatch, catalogues, "_read")


def catalogue(engine, **scope):
    with engine.connect() as conn:
        return catalogues.milestone_catalogue(conn, **scope)


def read_afresh(engine, **scope):
    with engine.connect() as conn:
        return catalogues.read_catalogue(conn, scope.get("plan_id"), scope.get("every_plan", False))


def assert_refreshed_like_a_full_read(engine, full_reads, **scope):
    refreshed = catalogue(engine, **scope)
    assert not full_reads, "refreshed by reading the whole catalogue"
    pd.testing.assert_frame_equal(refreshed, read_afresh(engine, **scope))
    assert refreshed.attrs[catalogues.STAMPED] == len(refreshed)
    return refreshed


@pytest.mark.parametrize("scope", [{}, {"every_plan": True}], ids=["plan", "every plan"])
def test_a_deadline_set_is_read_for_its_milestones_alone(engine, full_reads, scope):
    add_account(engine, "thanh_tra")
    before = catalogue(engine, **scope)
    full_reads.clear()
    with UnitOfWork(engine) as uow:
        set_deadline(uow, "RUL-SBN", "2011-03-31", by="thanh_tra")
    after = assert_refreshed_like_a_full_read(engine, full_reads, **scope)
    changed = after["requirement_code"] == "RUL-SBN"
    assert set(after.loc[changed, "deadline"]) == {date(2011, 3, 31)}
    assert set(after.loc[changed, "deadline_source"]) == {"set"}
    assert before.loc[changed[changed].index, "deadline"].isna().all()  # the cached one was left as it was
    plan_words = after.loc[changed, "deadline_as_written"]
    assert plan_words.isna().all()  # a date the inspectorate set is not the plan's


def test_milestones_moved_to_a_successor_are_added_in_the_plans_order(engine, full_reads, tmp_path):
    add_account(engine, "tt", "inspector", province="94")
    merge(engine, tmp_path)
    with engine.begin() as conn:  # the successor has none of them yet: moving makes new milestones
        m, u = MilestoneRow.__table__, UpdateRow.__table__
        conn.execute(delete(m).where(m.c.unit_code == SUCCESSOR, m.c.id.not_in(select(u.c.milestone_id))))
    before = catalogue(engine)
    full_reads.clear()
    moved = close_open_milestones(engine, "31642", "moved", "tt")["moved"]
    assert moved > 0
    after = assert_refreshed_like_a_full_read(engine, full_reads)
    assert len(after) == len(before) + moved
    assert set(after.loc[after.index.difference(before.index), "unit_code"]) == {SUCCESSOR}
    # The snapshot built on the refreshed catalogue is the one a process starting now would build.
    shown = snapshot(engine, AS_OF)
    catalogues.forget_catalogues()
    pd.testing.assert_frame_equal(shown, snapshot(engine, AS_OF))


def test_milestones_closed_leave_the_catalogue_as_it_was_and_stop_counting(engine, full_reads, tmp_path):
    add_account(engine, "tt", "inspector", province="94")
    merge(engine, tmp_path)
    before = catalogue(engine)
    counted = len(snapshot(engine, AS_OF))
    full_reads.clear()
    closed = close_open_milestones(engine, "31642", "closed", "tt")["closed"]
    assert closed > 0
    after = assert_refreshed_like_a_full_read(engine, full_reads)
    assert len(after) == len(before)
    assert len(snapshot(engine, AS_OF)) == counted - closed


def test_a_change_a_refresh_cannot_follow_reads_the_whole_catalogue(engine, full_reads):
    add_account(engine, "quantri", "admin")
    catalogue(engine)
    full_reads.clear()
    with UnitOfWork(engine) as uow:  # rewrites the quarterly milestones' deadlines in place, touching a setting
        set_reporting_schedule(uow, "2010Q4", "2011Q3", {}, by="quantri")
    after = catalogue(engine)
    assert len(full_reads) == 1
    pd.testing.assert_frame_equal(after, read_afresh(engine))


def merge(engine, folder):
    """Song Phụng merged into another commune on 01/01/2011 (a unit change: the catalogue is read again)."""
    path = folder / "changes.yaml"
    path.write_text(MERGE, encoding="utf-8")
    assert apply_changes(engine, load_changes(path, stored_units(engine)), "tt") == 1
