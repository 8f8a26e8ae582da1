"""Status of every milestone as of a date, computed in the database with set-based SQL (DESIGN.md §2)."""
from __future__ import annotations

from datetime import date
from typing import Iterable

import pandas as pd
from sqlalchemy import Date, Engine, case, func, literal, select, type_coerce
from sqlalchemy.orm import aliased

from tracking.db.models import MilestoneRow, RequirementRow, UnitRow, UpdateRow
from tracking.domain.status import State, Status

SNAPSHOT_COLUMNS = [
    "milestone_id", "unit_code", "unit_name", "unit_short_name", "unit_level", "unit_group", "parent_code",
    "parent_name", "district_code", "requirement_code", "requirement_title", "area", "clause", "kind", "period",
    "deadline", "deadline_source", "deadline_clause", "status", "state", "percent", "completed_on", "last_fact_date", "evidence",
    "unit_position", "requirement_position", "due_soon",
]
DUE_SOON_DAYS = 14  # an open milestone this close to its deadline is flagged "sắp đến hạn"


def snapshot_statement(as_of: date, unit_codes: list[str] | None = None, requirement_codes: list[str] | None = None):
    """One SELECT: for each milestone, its last known fact and the first day of its final run of `done` facts.

    Facts are ranked newest first; a running count of not-done facts marks the leading run of `done` ones
    (count still 0), so one window pass and one GROUP BY give everything, without self-joins.
    """
    u, m, r = UpdateRow.__table__, MilestoneRow.__table__, RequirementRow.__table__
    newest_first = dict(partition_by=u.c.milestone_id, order_by=(u.c.fact_date.desc(), u.c.id.desc()))
    ranked = select(
        u.c.milestone_id, u.c.fact_date, u.c.state, u.c.percent, u.c.evidence,
        func.row_number().over(**newest_first).label("rn"),
        func.sum(case((u.c.state != State.DONE.value, 1), else_=0)).over(**newest_first, rows=(None, 0)).label("open_after"),
    ).where(u.c.fact_date <= as_of)
    if unit_codes is not None or requirement_codes is not None:
        ranked = ranked.where(u.c.milestone_id.in_(_milestone_ids(unit_codes, requirement_codes)))
    ranked = ranked.cte("ranked")
    latest = ranked.c.rn == 1
    facts = (
        select(
            ranked.c.milestone_id,
            func.min(case((ranked.c.open_after == 0, ranked.c.fact_date))).label("completed_on"),
            func.max(case((latest, ranked.c.state))).label("state"),
            # As the pure rules say: `done` without a percent counts as 100.
            func.max(case((latest, func.coalesce(ranked.c.percent, case((ranked.c.state == State.DONE.value, 100)))))
                     ).label("percent"),
            func.max(case((latest, ranked.c.evidence))).label("evidence"),
            func.max(ranked.c.fact_date).label("last_fact_date"),
        )
        .group_by(ranked.c.milestone_id)
        .cte("facts")
    )
    completed_on = type_coerce(facts.c.completed_on, Date)
    m, r = MilestoneRow.__table__, RequirementRow.__table__
    unit = UnitRow.__table__
    parent = aliased(UnitRow.__table__, name="parent")
    status = case(
        (
            completed_on.is_not(None),
            case(
                (m.c.deadline.is_(None) | (completed_on <= m.c.deadline), literal(Status.DONE_ON_TIME.value)),
                else_=literal(Status.DONE_LATE.value),
            ),
        ),
        (m.c.deadline.is_not(None) & (m.c.deadline < as_of), literal(Status.OVERDUE.value)),
        else_=literal(Status.OPEN.value),
    )
    stmt = (
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
            # The clause the date comes from; a deadline set later in the app has none.
            case((m.c.deadline_source == "set", None), else_=r.c.deadline_clause).label("deadline_clause"),
            status.label("status"),
            facts.c.state,
            facts.c.percent,
            completed_on.label("completed_on"),
            type_coerce(facts.c.last_fact_date, Date).label("last_fact_date"),
            facts.c.evidence,
            unit.c.position.label("unit_position"),
            r.c.position.label("requirement_position"),
        )
        .select_from(m)
        .join(unit, unit.c.code == m.c.unit_code)
        .join(r, r.c.id == m.c.requirement_id)
        .outerjoin(parent, parent.c.code == unit.c.parent_code)
        .outerjoin(facts, facts.c.milestone_id == m.c.id)
    )
    if unit_codes is not None:
        stmt = stmt.where(m.c.unit_code.in_(unit_codes))
    if requirement_codes is not None:
        stmt = stmt.where(r.c.code.in_(requirement_codes))
    return stmt


def _milestone_ids(unit_codes, requirement_codes):
    m, r = MilestoneRow.__table__, RequirementRow.__table__
    ids = select(m.c.id)
    if unit_codes is not None:
        ids = ids.where(m.c.unit_code.in_(unit_codes))
    if requirement_codes is not None:
        ids = ids.where(m.c.requirement_id.in_(select(r.c.id).where(r.c.code.in_(requirement_codes))))
    return ids


def snapshot(
    engine: Engine,
    as_of: date,
    *,
    unit_codes: Iterable[str] | None = None,
    requirement_codes: Iterable[str] | None = None,
) -> pd.DataFrame:
    """One row per milestone, sorted like the plan: units in list order, requirements in plan order."""
    stmt = snapshot_statement(
        as_of,
        list(unit_codes) if unit_codes is not None else None,
        list(requirement_codes) if requirement_codes is not None else None,
    )
    with engine.connect() as conn:
        result = conn.execute(stmt)
        keys, rows = list(result.keys()), result.all()
    # Column-wise construction: pandas probing each Row object for attributes costs more than the query.
    columns = list(zip(*rows)) if rows else [()] * len(keys)
    frame = pd.DataFrame({key: pd.Series(list(values)) for key, values in zip(keys, columns)})
    if frame.empty:
        return frame.drop(columns=["parent_level"]).reindex(columns=SNAPSHOT_COLUMNS)
    frame["district_code"] = frame["unit_code"].where(frame["unit_level"] == "district")
    frame.loc[frame["parent_level"] == "district", "district_code"] = frame["parent_code"]
    frame["period"] = frame["period"].replace("", None)
    frame["percent"] = frame["percent"].astype("Int64")
    frame["due_soon"] = [
        status == Status.OPEN.value and deadline is not None and deadline == deadline
        and 0 <= (deadline - as_of).days <= DUE_SOON_DAYS
        for status, deadline in zip(frame["status"], frame["deadline"])
    ]
    frame = frame.drop(columns=["parent_level"]).reindex(columns=SNAPSHOT_COLUMNS)
    return frame.sort_values(["unit_position", "requirement_position", "period"], na_position="first").reset_index(drop=True)
