"""Which plan a view reads: a database may hold every province's plan; Sóc Trăng's (the first loaded) is the default."""
from __future__ import annotations

from sqlalchemy import Engine, func, select

from tracking.db.models import PlanRow
from tracking.errors import InvalidInput


def default_plan_id():
    """SQL for the default plan: the first one loaded (`init` loads data/plans before anything is generated)."""
    return select(func.min(PlanRow.id)).scalar_subquery()


def plan_id_sql(plan_id: int | None):
    return default_plan_id() if plan_id is None else plan_id


def plan_province_sql(plan_id: int | None):
    """SQL for the province code of the plan (the default plan when None)."""
    return select(PlanRow.province_code).where(PlanRow.id == plan_id_sql(plan_id)).scalar_subquery()


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
