"""Amending a published plan: the as-of replay before the amendment shows the plan as it stood, after it the
amended plan; withdrawn milestones are closed, never deleted; every change is audited (both engines)."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from tests.accounts import add_account
from tracking.db.models import MilestoneClosureRow, MilestoneRow, PlanEventRow
from tracking.errors import InvalidInput
from tracking.plans.seed import load_data, seed
from tracking.plans.amendments import Amendment, DeadlineChange, amend_plan
from tracking.services.permissions import PermissionDenied
from tracking.views.audit import audit_log
from tracking.views.plans import resolve_plan
from tracking.views.snapshot import snapshot

DAY = date(2010, 12, 1)
ADDED = {"code": "FAC-CAMERA", "area": "facilities", "clause": "II.2", "title": "Lắp camera tại phòng tiếp dân",
         "applies_to": {"groups": ["sbn"]}, "lead": "self", "deadline": date(2011, 3, 31),
         "deadline_source": "plan", "deadline_clause": "II.2", "deadline_qualifier": "by", "deadline_as_written": "chậm nhất ngày 31/3/2011"}


def _amend(engine, by="thanhtra"):
    return amend_plan(engine, by, resolve_plan(engine, plan="ST-TCD-2010"), Amendment(
        number="45/KH-UBND", issued_on=DAY, added=[ADDED],
        deadlines=[DeadlineChange("FAC-SBN", date(2011, 2, 28), "by", "chậm nhất ngày 28/02/2011")],
        withdrawn=["ORG-XA"]))


def _codes(frame):
    return set(frame["requirement_code"])


def test_the_replay_before_the_amendment_shows_the_plan_as_it_then_stood(engine):
    add_account(engine, "thanhtra", role="inspector", province="94")
    with engine.connect() as conn:
        milestones_before = conn.scalar(select(func.count()).select_from(MilestoneRow))
    before_amendment = snapshot(engine, date(2010, 11, 15))
    _amend(engine)

    before = snapshot(engine, date(2010, 11, 15))
    assert "FAC-CAMERA" not in _codes(before) and "ORG-XA" in _codes(before)
    assert set(before[before["requirement_code"] == "FAC-SBN"]["deadline"]) == {date(2010, 12, 31)}
    # … in the plan's words of then, as well as its date.
    assert set(before[before["requirement_code"] == "FAC-SBN"]["deadline_as_written"]) == set(
        before_amendment[before_amendment["requirement_code"] == "FAC-SBN"]["deadline_as_written"])
    assert len(before) == len(before_amendment)

    after = snapshot(engine, date(2011, 1, 10))
    assert "FAC-CAMERA" in _codes(after) and "ORG-XA" not in _codes(after)
    assert set(after[after["requirement_code"] == "FAC-SBN"]["deadline"]) == {date(2011, 2, 28)}
    assert set(after[after["requirement_code"] == "FAC-SBN"]["deadline_as_written"]) == {"chậm nhất ngày 28/02/2011"}
    # Under the old deadline every department's facilities would be overdue on 10/01/2011; not any more.
    assert set(after[after["requirement_code"] == "FAC-SBN"]["status"]) == {"open"}

    with engine.connect() as conn:  # closed, never deleted
        closed = conn.scalar(select(func.count()).select_from(MilestoneClosureRow))
        milestones_after = conn.scalar(select(func.count()).select_from(MilestoneRow))
        event = conn.execute(select(PlanEventRow)).one()
    assert closed == len(before[before["requirement_code"] == "ORG-XA"])
    assert milestones_after == milestones_before + len(after[after["requirement_code"] == "FAC-CAMERA"])
    assert (event.action, event.document_number, event.document_date, event.recorded_by) == (
        "amended", "45/KH-UBND", DAY, "thanhtra")
    assert event.detail["withdrawn"] == ["ORG-XA"] and event.detail["added"] == ["FAC-CAMERA"]
    log = audit_log(engine)
    assert "plan_amended" in set(log["action"])

    # Loading data/ again (every `init` does) leaves what the amendment changed as the amendment left it.
    seed(engine, *load_data())
    again = snapshot(engine, date(2011, 1, 10))
    assert set(again[again["requirement_code"] == "FAC-SBN"]["deadline"]) == {date(2011, 2, 28)}
    assert "ORG-XA" not in _codes(again) and len(again) == len(after)


def test_an_amendment_is_refused_whole_and_never_made_by_a_reader(engine):
    add_account(engine, "thanhtra", role="inspector", province="94")
    add_account(engine, "lanhdao", role="leader")
    with pytest.raises(PermissionDenied):
        _amend(engine, by="lanhdao")
    plan_id = resolve_plan(engine, plan="ST-TCD-2010")
    with pytest.raises(InvalidInput, match="KHONG-CO"):
        amend_plan(engine, "thanhtra", plan_id, Amendment(number="46/KH-UBND", issued_on=DAY,
                                                          withdrawn=["ORG-XA", "KHONG-CO"]))
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(MilestoneClosureRow)) == 0
        assert conn.scalar(select(func.count()).select_from(PlanEventRow)) == 0
