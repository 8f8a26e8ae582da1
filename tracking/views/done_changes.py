"""How many milestones became done (or stopped being done) on each day: the raw material of a burn-up."""
from __future__ import annotations

from datetime import date

import pandas as pd
from sqlalchemy import Engine, case, func, select

from tracking.db.models import MilestoneRow, RequirementRow, UpdateRow
from tracking.domain.status import State
from tracking.db.plan_scope import plan_id_sql

DONE_CHANGE_COLUMNS = ["fact_date", "area", "requirement_code", "change"]


def done_changes(engine: Engine, as_of: date, plan_id: int | None = None) -> pd.DataFrame:
    """Net change in done milestones per fact date and requirement, from the facts known by `as_of`.

    A milestone counts as done from each fact that makes it done after a fact that did not, and stops counting
    when a later fact reopens it — the same reading of the history as the status engine.
    """
    u, m, r = UpdateRow.__table__, MilestoneRow.__table__, RequirementRow.__table__
    ordered = (
        select(
            u.c.milestone_id, u.c.fact_date, u.c.state,
            func.lag(u.c.state).over(partition_by=u.c.milestone_id, order_by=(u.c.fact_date, u.c.id)).label("prev"),
        )
        .where(u.c.fact_date <= as_of, u.c.milestone_id.in_(
            select(m.c.id).join(r, r.c.id == m.c.requirement_id).where(r.c.plan_id == plan_id_sql(plan_id))))
        .subquery("ordered")
    )
    is_done = case((ordered.c.state == State.DONE.value, 1), else_=0)
    was_done = case((ordered.c.prev == State.DONE.value, 1), else_=0)
    change = func.sum(is_done - was_done)
    stmt = (
        select(ordered.c.fact_date, r.c.area_code.label("area"), r.c.code.label("requirement_code"), change.label("change"))
        .join(m, m.c.id == ordered.c.milestone_id)
        .join(r, r.c.id == m.c.requirement_id)
        .group_by(ordered.c.fact_date, r.c.area_code, r.c.code)
        .having(change != 0)
        .order_by(ordered.c.fact_date, r.c.code)
    )
    with engine.connect() as conn:
        rows = conn.execute(stmt).mappings().all()
    frame = pd.DataFrame(rows, columns=DONE_CHANGE_COLUMNS)
    frame["change"] = frame["change"].astype(int)
    return frame
