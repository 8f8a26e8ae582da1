"""Deterministic, plausible 2010–2011 history so a new user sees a living dashboard ("dữ liệu minh họa")."""
from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta, timezone
from types import SimpleNamespace

from sqlalchemy import Engine, func, insert, select

from tracking.db.models import MilestoneRow, PlanRow, QuantityUpdateRow, RequirementRow, SettingRow, UnitRow, UpdateRow
from tracking.labels import DEMO_RECORDER
from tracking.labels import VIETNAM_TIME
from tracking.views.catalog import DEMO_SETTING
from tracking.services.versions import bump_unit_figures, lock_milestones, lock_unit_figures, stamp_updates
from tracking.uow import UnitOfWork

DEMO_USER = DEMO_RECORDER
HISTORY_END = date(2012, 1, 31)  # the plan's tracking window, so the Quý IV/2011 reports arrive too
NO_DEADLINE_TARGET = date(2011, 3, 31)  # typical pace for tasks whose deadline the plan leaves open
# Share of units per behaviour, and how many days around the deadline they finish (None: never finishes).
PROFILES = (
    ("early", 0.35, (-60, -5)),
    ("on_time", 0.30, (-10, 0)),
    ("late", 0.22, (5, 150)),
    ("never", 0.13, None),
)
DOC_TYPES = (("Quyết định", "QĐ"), ("Kế hoạch", "KH"), ("Công văn", "CV"), ("Báo cáo", "BC"))


def _profile(rng: random.Random):
    roll, acc = rng.random(), 0.0
    for name, share, window in PROFILES:
        acc += share
        if roll <= acc:
            return name, window
    return PROFILES[-1][0], PROFILES[-1][2]


def _stamp(day: date, rng: random.Random) -> datetime:
    recorded = day + timedelta(days=rng.randint(0, 12))
    office_hours = datetime.combine(recorded, time(7 + rng.randint(0, 9), rng.randint(0, 59)), tzinfo=VIETNAM_TIME)
    return office_hours.astimezone(timezone.utc)


def generate(milestones: list[dict], units: list[dict], plan_start: date, seed: int = 42):
    """Rows for the updates and quantity_updates tables. Pure: same input, same output."""
    rng = random.Random(seed)
    unit_profile = {u["code"]: _profile(rng) for u in units}
    updates: list[dict] = []
    for ms in milestones:
        name, window = unit_profile[ms["unit_code"]]
        if name != "never" and rng.random() < 0.08:
            name, window = "never", None  # even good units miss a task now and then
        target = ms["deadline"] or NO_DEADLINE_TARGET
        start = max(plan_start + timedelta(days=30), target - timedelta(days=rng.randint(40, 110)))
        start = min(start, HISTORY_END)
        doc_name, doc_abbr = rng.choice(DOC_TYPES)
        doc = f"{doc_name} số {rng.randint(12, 480)}/{doc_abbr}-{ms['unit_code'][:6]}"
        if window is None:
            if rng.random() < 0.6:
                updates.append(_row(ms, start, "in_progress", rng.choice((10, 25, 40, 60)), None, rng))
            continue
        done_on = target + timedelta(days=rng.randint(*window))
        if ms["period"]:  # quarterly reports arrive around their due date
            done_on = target + timedelta(days=rng.randint(-8, 3 if name != "late" else 40))
        done_on = max(done_on, plan_start + timedelta(days=20))
        if done_on > HISTORY_END:
            updates.append(_row(ms, min(start, HISTORY_END), "in_progress", 50, None, rng))
            continue
        if not ms["period"] and start < done_on:
            updates.append(_row(ms, start, "in_progress", rng.choice((20, 30, 50, 70)), None, rng))
        updates.append(_row(ms, done_on, "done", 100, doc, rng))
    return updates, _quantities(units, unit_profile, rng, plan_start)


def _row(ms: dict, day: date, state: str, percent, evidence, rng) -> dict:
    return {
        "milestone_id": ms["id"], "fact_date": day, "state": state, "percent": percent, "evidence": evidence,
        "evidence_date": day if evidence else None, "note": None, "recorded_by": DEMO_USER,
        "recorded_at": _stamp(day, rng), "source": "demo",
    }


def _quantities(units: list[dict], unit_profile: dict, rng: random.Random, plan_start: date) -> list[dict]:
    rows = []
    for unit in units:
        if unit["level"] not in ("department", "district", "commune") or unit["group"] == "requested":
            continue
        name, _ = unit_profile[unit["code"]]
        day = plan_start + timedelta(days=rng.randint(60, 200))
        dedicated = {"district": rng.choice((0, 1, 1, 2, 2)), "department": rng.choice((0, 1, 1))}.get(unit["level"], 0)
        parttime = rng.randint(1, 4) if unit["level"] != "commune" else rng.choice((0, 1, 1, 1))
        if name == "never":
            dedicated, parttime = 0, rng.choice((0, 1))
        in_post = dedicated + parttime
        trained = in_post if name in ("early", "on_time") else rng.randint(0, in_post)
        room = 1 if name != "never" and rng.random() < 0.85 else 0
        for quantity, value in (
            ("dedicated_staff", dedicated), ("parttime_staff", parttime), ("officers_in_post", in_post),
            ("officers_trained", trained), ("reception_room", room),
        ):
            rows.append({
                "unit_code": unit["code"], "quantity": quantity, "value": value, "text_value": None,
                "fact_date": day, "evidence": None, "note": None, "recorded_by": DEMO_USER,
                "recorded_at": _stamp(day, rng),
            })
    return rows


def _stamp_versions(session, updates: list[dict]) -> None:
    """The demo is history like any other: each row takes the next version of its milestone (services.versions)."""
    rows = [SimpleNamespace(milestone_id=u["milestone_id"], version=None) for u in updates]
    stamp_updates(session, rows, lock_milestones(session, [u["milestone_id"] for u in updates]))
    for update, row in zip(updates, rows):
        update["version"] = row.version


def load_demo(engine: Engine) -> int:
    """Add the demo history once; returns how many updates were added (0 if it is already there)."""
    with UnitOfWork(engine) as uow:
        s = uow.session
        if s.scalar(select(func.count()).select_from(UpdateRow).where(UpdateRow.source == "demo")):
            return 0
        m, r = MilestoneRow.__table__, RequirementRow.__table__
        milestones = [dict(row) for row in s.execute(
            select(m.c.id, m.c.unit_code, m.c.period, m.c.deadline).join(r, r.c.id == m.c.requirement_id)
            .order_by(m.c.id)).mappings()]
        units = [dict(row) for row in s.execute(
            select(UnitRow.code, UnitRow.level, UnitRow.group).order_by(UnitRow.position)).mappings()]
        plan_start = s.scalar(select(func.min(PlanRow.starts_on)))
        updates, quantities = generate(milestones, units, plan_start)
        if updates:
            _stamp_versions(s, updates)
            s.execute(insert(UpdateRow), updates)
        if quantities:
            s.execute(insert(QuantityUpdateRow), quantities)
            for code in {q["unit_code"] for q in quantities}:
                bump_unit_figures(s, code, lock_unit_figures(s, code))
        s.merge(SettingRow(key=DEMO_SETTING, value="1", updated_by=DEMO_USER))
        uow.commit()
        return len(updates)
