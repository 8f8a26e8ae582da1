"""Status of every milestone as of a date, computed in the database with set-based SQL (DESIGN.md §2)."""
from __future__ import annotations

from datetime import date
from typing import Iterable

import pandas as pd
from sqlalchemy import Engine, and_, case, func, literal, select
from sqlalchemy.orm import aliased

from tracking.db.models import MilestoneRow, RequirementRow, UnitRow, UpdateRow
from tracking.domain.status import State, Status

SNAPSHOT_COLUMNS = [
    "milestone_id", "unit_code", "unit_name", "unit_short_name", "unit_level", "unit_group", "parent_code",
    "parent_name", "district_code", "requirement_code", "requirement_title", "area", "clause", "kind", "period",
    "deadline", "deadline_source", "status", "state", "percent", "completed_on", "last_fact_date", "evidence",
    "unit_position", "requirement_position",
]


def snapshot_statement(as_of: date):
    """One SELECT: for each milestone, the last known state and the start of its final run of `done` facts."""
    u = UpdateRow.__table__
    known = (
        select(
            u.c.milestone_id, u.c.fact_date, u.c.state, u.c.percent, u.c.evidence,
            func.row_number().over(partition_by=u.c.milestone_id, order_by=(u.c.fact_date, u.c.id)).label("seq"),
        )
        .where(u.c.fact_date <= as_of)
        .cte("known")
    )
    agg = (
        select(
            known.c.milestone_id,
            func.max(known.c.seq).label("last_seq"),
            func.max(case((known.c.state != State.DONE.value, known.c.seq))).label("last_open_seq"),
        )
        .group_by(known.c.milestone_id)
        .cte("agg")
    )
    # Every fact after the last not-done one is `done`; their first date is the completion date.
    done_run = (
        select(known.c.milestone_id, func.min(known.c.fact_date).label("completed_on"))
        .join(agg, agg.c.milestone_id == known.c.milestone_id)
        .where(known.c.seq > func.coalesce(agg.c.last_open_seq, 0))
        .group_by(known.c.milestone_id)
        .cte("done_run")
    )
    last = (
        select(known.c.milestone_id, known.c.state, known.c.percent, known.c.evidence, known.c.fact_date)
        .join(agg, and_(agg.c.milestone_id == known.c.milestone_id, known.c.seq == agg.c.last_seq))
        .cte("last_fact")
    )
    m, r = MilestoneRow.__table__, RequirementRow.__table__
    unit = UnitRow.__table__
    parent = aliased(UnitRow.__table__, name="parent")
    status = case(
        (
            done_run.c.completed_on.is_not(None),
            case(
                (m.c.deadline.is_(None) | (done_run.c.completed_on <= m.c.deadline), literal(Status.DONE_ON_TIME.value)),
                else_=literal(Status.DONE_LATE.value),
            ),
        ),
        (m.c.deadline.is_not(None) & (m.c.deadline < as_of), literal(Status.OVERDUE.value)),
        else_=literal(Status.OPEN.value),
    )
    return (
        select(
            m.c.id.label("milestone_id"),
            unit.c.code.label("unit_code"),
            unit.c.name.label("unit_name"),
            unit.c.short_name.label("unit_short_name"),
            unit.c.level.label("unit_level"),
            unit.c.group.label("unit_group"),
            unit.c.parent_code,
            parent.c.name.label("parent_name"),
            parent.c.level.label("parent_level"),
            r.c.code.label("requirement_code"),
            r.c.title.label("requirement_title"),
            r.c.area_code.label("area"),
            r.c.clause,
            r.c.kind,
            m.c.period,
            m.c.deadline,
            m.c.deadline_source,
            status.label("status"),
            last.c.state,
            last.c.percent,
            done_run.c.completed_on,
            last.c.fact_date.label("last_fact_date"),
            last.c.evidence,
            unit.c.position.label("unit_position"),
            r.c.position.label("requirement_position"),
        )
        .select_from(m)
        .join(unit, unit.c.code == m.c.unit_code)
        .join(r, r.c.id == m.c.requirement_id)
        .outerjoin(parent, parent.c.code == unit.c.parent_code)
        .outerjoin(last, last.c.milestone_id == m.c.id)
        .outerjoin(done_run, done_run.c.milestone_id == m.c.id)
    )


def snapshot(
    engine: Engine,
    as_of: date,
    *,
    unit_codes: Iterable[str] | None = None,
    requirement_codes: Iterable[str] | None = None,
) -> pd.DataFrame:
    """One row per milestone, sorted like the plan: units in list order, requirements in plan order."""
    stmt = snapshot_statement(as_of)
    m, r = MilestoneRow.__table__, RequirementRow.__table__
    if unit_codes is not None:
        stmt = stmt.where(m.c.unit_code.in_(list(unit_codes)))
    if requirement_codes is not None:
        stmt = stmt.where(r.c.code.in_(list(requirement_codes)))
    with engine.connect() as conn:
        rows = conn.execute(stmt).mappings().all()
    frame = pd.DataFrame(rows, columns=[*SNAPSHOT_COLUMNS[:8], "parent_level", *SNAPSHOT_COLUMNS[8:]])
    if frame.empty:
        return frame.drop(columns=["parent_level"]).reindex(columns=SNAPSHOT_COLUMNS)
    frame["district_code"] = frame["unit_code"].where(frame["unit_level"] == "district")
    frame.loc[frame["parent_level"] == "district", "district_code"] = frame["parent_code"]
    frame["period"] = frame["period"].replace("", None)
    frame["percent"] = frame["percent"].astype("Int64")
    frame = frame.drop(columns=["parent_level"]).reindex(columns=SNAPSHOT_COLUMNS)
    return frame.sort_values(["unit_position", "requirement_position", "period"], na_position="first").reset_index(drop=True)
