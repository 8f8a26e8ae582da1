"""SQL for "which plan": a database may hold every province's plan; the first one loaded (Sóc Trăng's) is the default."""
from __future__ import annotations

from sqlalchemy import func, select

from tracking.db.models import PlanRow


def default_plan_id():
    """The first plan loaded: `init` loads data/plans before anything is generated."""
    return select(func.min(PlanRow.__table__.c.id)).scalar_subquery()


def plan_id_sql(plan_id: int | None):
    return default_plan_id() if plan_id is None else plan_id


def plan_province_sql(plan_id: int | None):
    """The province code of the plan (the default plan's when None)."""
    return select(PlanRow.__table__.c.province_code).where(PlanRow.__table__.c.id == plan_id_sql(plan_id)).scalar_subquery()
