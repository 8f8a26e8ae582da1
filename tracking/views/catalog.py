"""The plan, its areas, requirements and units as they are stored (the reference data of every view)."""
from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine, select

from tracking.db.models import AreaRow, PlanRow, RequirementRow, SettingRow, UnitRow
from tracking.db.plan_scope import plan_id_sql, plan_province_sql

DEMO_SETTING = "demo_data"


def _frame(engine: Engine, stmt) -> pd.DataFrame:
    with engine.connect() as conn:
        result = conn.execute(stmt)
        return pd.DataFrame(result.mappings().all(), columns=list(result.keys()))


def plan_info(engine: Engine, plan_id: int | None = None) -> dict | None:
    with engine.connect() as conn:
        row = conn.execute(select(PlanRow.__table__).where(PlanRow.id == plan_id_sql(plan_id))).mappings().first()
    return dict(row) if row else None


def areas(engine: Engine, plan_id: int | None = None) -> pd.DataFrame:
    a = AreaRow.__table__
    return _frame(engine, select(a.c.code, a.c.name, a.c.name_en, a.c.deadline, a.c.clause)
                  .where(a.c.plan_id == plan_id_sql(plan_id)).order_by(a.c.position))


def requirements(engine: Engine, plan_id: int | None = None) -> pd.DataFrame:
    r = RequirementRow.__table__
    cols = [r.c[name] for name in (
        "code", "area_code", "clause", "title", "title_en", "deadline", "deadline_clause", "kind", "lead",
        "lead_note", "coordinating", "recurrence", "norms",
    )]
    return _frame(engine, select(*cols).where(r.c.plan_id == plan_id_sql(plan_id)).order_by(r.c.position))


def units(engine: Engine, plan_id: int | None = None) -> pd.DataFrame:
    """The units of the plan's province (the default plan's when None)."""
    u = UnitRow.__table__
    cols = [u.c[name] for name in ("code", "name", "short_name", "level", "parent_code", "group", "kind", "verified", "note")]
    return _frame(engine, select(*cols).where(u.c.province_code == plan_province_sql(plan_id)).order_by(u.c.position))


def setting(engine: Engine, key: str, default: str | None = None) -> str | None:
    with engine.connect() as conn:
        value = conn.scalar(select(SettingRow.value).where(SettingRow.key == key))
    return default if value is None else value


def is_demo(engine: Engine) -> bool:
    return setting(engine, DEMO_SETTING, "0") == "1"
