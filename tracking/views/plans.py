"""Which plan a view reads, from a plan code or a province code (none: the default plan)."""
from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine, select

from tracking.db.models import PlanRow, UnitRow
from tracking.errors import InvalidInput


def resolve_plan(engine: Engine, plan: str | None = None, province: str | None = None) -> int | None:
    """A plan id from a plan code or a province code (None, None: the default plan, as None)."""
    if not plan and not province:
        return None
    stmt = select(PlanRow.id).order_by(PlanRow.id).limit(1)
    stmt = stmt.where(PlanRow.code == plan.strip()) if plan else stmt.where(PlanRow.province_code == province.strip())
    with engine.connect() as conn:
        found = conn.scalar(stmt)
    if found is None:
        raise InvalidInput("plan" if plan else "province",
                           f"không có kế hoạch mã '{plan}'" if plan else f"không có kế hoạch của tỉnh mã '{province}'")
    return found


def province_plans(engine: Engine) -> pd.DataFrame:
    """plan_id, plan_code, title, province_code, province_name of every plan, the default (first loaded) first."""
    p, u = PlanRow.__table__, UnitRow.__table__
    stmt = (
        select(p.c.id.label("plan_id"), p.c.code.label("plan_code"), p.c.title, p.c.province_code,
               u.c.name.label("province_name"))
        .outerjoin(u, (u.c.code == p.c.province_code) & (u.c.level == "province"))
        .order_by(p.c.id)
    )
    with engine.connect() as conn:
        result = conn.execute(stmt)
        return pd.DataFrame(result.mappings().all(), columns=list(result.keys()))
