"""Reads for the workflow pages: accounts, deadlines set later, a unit's quantities and milestones."""
from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine, func, select

from tracking.db.models import (
    NO_PERIOD, DeadlineChangeRow, MilestoneRow, PlanRow, QuantityUpdateRow, RequirementRow, UnitRow, UserRow,
)
from tracking.db.plan_scope import default_plan_id
from tracking.views.paging import PAGE_SIZE, Page, like_escaped, read_page

USER_COLUMNS = ["username", "display_name", "role", "unit_code", "province_code", "active", "created_at"]


def _frame(engine: Engine, stmt, columns=None) -> pd.DataFrame:
    with engine.connect() as conn:
        result = conn.execute(stmt)
        return pd.DataFrame(result.mappings().all(), columns=columns or list(result.keys()))


def users(engine: Engine) -> pd.DataFrame:
    """Accounts without their password hashes."""
    u = UserRow.__table__
    return _frame(engine, select(*(u.c[c] for c in USER_COLUMNS)).order_by(u.c.username), USER_COLUMNS)


def users_page(engine: Engine, search: str = "", page: int = 1, page_size: int = PAGE_SIZE) -> Page:
    """One page of accounts (a national database has one per unit), with their unit's and province's names;
    `search` is part of a username or full name, in any case."""
    u, unit, province = UserRow.__table__, UnitRow.__table__.alias("unit"), UnitRow.__table__.alias("province")
    stmt = (select(*(u.c[c] for c in USER_COLUMNS), unit.c.name.label("unit_name"),
                   province.c.name.label("province_name"))
            .outerjoin(unit, unit.c.code == u.c.unit_code)
            .outerjoin(province, (province.c.code == u.c.province_code) & (province.c.level == "province")))
    if search.strip():
        pattern = "%" + like_escaped(search.strip().lower()) + "%"
        stmt = stmt.where(func.lower(u.c.username).like(pattern, escape="\\")
                          | func.lower(func.coalesce(u.c.display_name, "")).like(pattern, escape="\\"))
    return read_page(engine, stmt, (u.c.username,), [*USER_COLUMNS, "unit_name", "province_name"], page, page_size)


def open_deadlines(engine: Engine, province_code: str | None = None) -> pd.DataFrame:
    """Requirements (and periods) whose deadline the plan leaves open: current date, who set it and when.

    Of one plan: the province's (None: the default plan), as services.deadlines sets them."""
    m, r, d = MilestoneRow.__table__, RequirementRow.__table__, DeadlineChangeRow.__table__
    plan_id = default_plan_id() if province_code is None else (
        select(func.min(PlanRow.id)).where(PlanRow.province_code == province_code).scalar_subquery())
    keys = (
        select(r.c.id.label("requirement_id"), r.c.code.label("requirement_code"), r.c.title, r.c.clause,
               m.c.period, func.max(m.c.deadline).label("deadline"), func.count().label("milestones"),
               func.min(m.c.deadline_source).label("source"), r.c.deadline_note, r.c.position)
        .join(m, m.c.requirement_id == r.c.id)
        .where(m.c.deadline_source.in_(("set", "proposed")), r.c.plan_id == plan_id)
        .group_by(r.c.id, r.c.code, r.c.title, r.c.clause, m.c.period, r.c.deadline_note, r.c.position)
    )
    frame = _frame(engine, keys)
    changes = _frame(engine, select(d.c.requirement_id, d.c.period, d.c.set_by, d.c.set_at, d.c.id).order_by(d.c.id))
    changes["period"] = changes["period"].fillna(NO_PERIOD)
    last = changes.drop_duplicates(["requirement_id", "period"], keep="last")
    frame = frame.merge(last[["requirement_id", "period", "set_by", "set_at"]], on=["requirement_id", "period"], how="left")
    frame = frame.sort_values(["position", "period"]).drop(columns=["position"]).reset_index(drop=True)
    return frame.astype({"set_by": object, "set_at": object}).where(frame.notna(), None)


def quantity_history(engine: Engine, unit_code: str) -> pd.DataFrame:
    q = QuantityUpdateRow.__table__
    cols = ["id", "quantity", "value", "fact_date", "evidence", "note", "recorded_by", "recorded_at"]
    return _frame(engine, select(*(q.c[c] for c in cols)).where(q.c.unit_code == unit_code).order_by(q.c.id), cols)


def unit_milestones(engine: Engine, unit_code: str) -> pd.DataFrame:
    """The unit's milestones in plan order, with their write version (what a form remembers)."""
    m, r = MilestoneRow.__table__, RequirementRow.__table__
    stmt = (
        select(m.c.id.label("milestone_id"), r.c.code.label("requirement_code"), r.c.title, r.c.clause,
               m.c.period, m.c.deadline, m.c.deadline_source, r.c.deadline_clause, m.c.version)
        .join(r, r.c.id == m.c.requirement_id)
        .where(m.c.unit_code == unit_code)
        .order_by(r.c.position, m.c.period)
    )
    return _frame(engine, stmt)


def unit_names(engine: Engine, province_code: str | None = None) -> dict[str, str]:
    """Code → name in the plan's order; of one province's units when given (a national database has 12,000)."""
    stmt = select(UnitRow.code, UnitRow.name).order_by(UnitRow.position, UnitRow.code)
    if province_code:
        stmt = stmt.where(UnitRow.province_code == province_code)
    with engine.connect() as conn:
        return dict(conn.execute(stmt).all())


def units_with_milestones(engine: Engine) -> set[str]:
    """Units the plan gives at least one task (the province itself has none)."""
    with engine.connect() as conn:
        return set(conn.scalars(select(MilestoneRow.unit_code).distinct()))
