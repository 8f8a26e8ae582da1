"""The plan, its areas, requirements and units as they are stored (the reference data of every view)."""
from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine, func, select

from tracking.db.models import AreaRow, MilestoneRow, PlanRow, RequirementRow, SettingRow, UnitRow
from tracking.domain.reporting import SETTING_KEY as SCHEDULE_SETTING
from tracking.domain.reporting import ReportingSchedule
from tracking.db.plan_scope import default_plan_id, plan_id_sql, plan_province_sql

DEMO_SETTING = "demo_data"


def _frame(engine: Engine, stmt) -> pd.DataFrame:
    with engine.connect() as conn:
        result = conn.execute(stmt)
        return pd.DataFrame(result.mappings().all(), columns=list(result.keys()))


def plan_info(engine: Engine, plan_id: int | None = None) -> dict | None:
    with engine.connect() as conn:
        row = conn.execute(select(PlanRow.__table__).where(PlanRow.id == plan_id_sql(plan_id))).mappings().first()
    return dict(row) if row else None


def window_end(engine: Engine, plan_id: int | None = None):
    """The last day of the tracking window (the plan's ends_on): the dashboards stop there."""
    plan = plan_info(engine, plan_id)
    return plan["ends_on"] if plan else None


def areas(engine: Engine, plan_id: int | None = None) -> pd.DataFrame:
    a = AreaRow.__table__
    return _frame(engine, select(a.c.code, a.c.name, a.c.name_en, a.c.deadline, a.c.clause, a.c.deadline_as_written,
                                 a.c.deadline_named, a.c.deadline_qualifier)
                  .where(a.c.plan_id == plan_id_sql(plan_id)).order_by(a.c.position))


def requirements(engine: Engine, plan_id: int | None = None) -> pd.DataFrame:
    r = RequirementRow.__table__
    cols = [r.c[name] for name in (
        "code", "area_code", "clause", "title", "title_en", "deadline", "deadline_clause", "deadline_as_written",
        "deadline_named", "deadline_qualifier", "deadline_note", "kind", "lead", "lead_note", "lead_source",
        "coordinating", "recurrence", "norms",
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


def current_schedule(conn) -> ReportingSchedule | None:
    """The reporting schedule in force: the admin's setting, else what the plan file loaded (None: no recurring task).

    `conn` is a Connection or a Session (the write service reads it inside its own transaction)."""
    stored = conn.scalar(select(SettingRow.value).where(SettingRow.key == SCHEDULE_SETTING))
    if stored:
        return ReportingSchedule.from_json(stored)
    r, m = RequirementRow.__table__, MilestoneRow.__table__
    default = r.c.plan_id == default_plan_id()  # the schedule is the default plan's
    recurring = conn.execute(select(r.c.code, r.c.due_days_after_period_end).where(r.c.recurrence.is_not(None), default)
                             .order_by(r.c.position)).all()
    if not recurring:
        return None
    first, last = conn.execute(select(func.min(m.c.period), func.max(m.c.period))
                               .join(r, r.c.id == m.c.requirement_id).where(r.c.recurrence.is_not(None), default)).one()
    return ReportingSchedule(first, last, {code: int(days or 0) for code, days in recurring}, proposed=True)


def reporting_schedule(engine: Engine) -> ReportingSchedule | None:
    with engine.connect() as conn:
        return current_schedule(conn)
