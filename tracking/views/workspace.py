"""Reads of the plan workspace: a draft as stored, the drafts of a province, the plans and their events."""
from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from tracking.db.models import AreaRow, PlanDraftRow, PlanEventRow, PlanRow, RequirementRow
from tracking.domain.plan import Unit
from tracking.plans.workspace import province_units


def draft(engine: Engine, draft_id: int) -> dict | None:
    """id, kind, plan_id, province_code, source_name, source_text, tree, status, updated_by, updated_at."""
    with Session(engine) as s:
        row = s.get(PlanDraftRow, draft_id)
        if row is None:
            return None
        return {k: getattr(row, k) for k in ("id", "kind", "plan_id", "province_code", "source_name", "source_text",
                                             "tree", "status", "updated_by", "updated_at")}


def units(engine: Engine, province_code: str) -> list[Unit]:
    with Session(engine) as s:
        return province_units(s, province_code)


def drafts(engine: Engine, province_code: str | None) -> pd.DataFrame:
    """Drafts still open (newest first): the ones a person may resume."""
    d = PlanDraftRow.__table__
    stmt = (select(d.c.id, d.c.kind, d.c.source_name, d.c.province_code, d.c.updated_by, d.c.updated_at)
            .where(d.c.status == "draft").order_by(d.c.updated_at.desc(), d.c.id.desc()))
    if province_code:
        stmt = stmt.where(d.c.province_code == province_code)
    with engine.connect() as conn:
        result = conn.execute(stmt)
        return pd.DataFrame(result.mappings().all(), columns=list(result.keys()))


def plan_events(engine: Engine, province_code: str | None) -> pd.DataFrame:
    """Plans published or amended in the workspace, newest first, with who did it and when."""
    e, p = PlanEventRow.__table__, PlanRow.__table__
    stmt = (select(p.c.code.label("plan_code"), p.c.title, e.c.action, e.c.document_number, e.c.document_date,
                   e.c.effective_on, e.c.recorded_by, e.c.recorded_at)
            .join(p, p.c.id == e.c.plan_id).order_by(e.c.recorded_at.desc(), e.c.id.desc()))
    if province_code:
        stmt = stmt.where(p.c.province_code == province_code)
    with engine.connect() as conn:
        result = conn.execute(stmt)
        return pd.DataFrame(result.mappings().all(), columns=list(result.keys()))


def plan_requirements(engine: Engine, plan_id: int) -> list[tuple[str, str, bool]]:
    """(code, title, is recurring) of a plan's requirements, in its order (for the amendment form)."""
    r = RequirementRow.__table__
    with engine.connect() as conn:
        return [(row.code, row.title, bool(row.recurrence)) for row in conn.execute(
            select(r.c.code, r.c.title, r.c.recurrence).where(r.c.plan_id == plan_id).order_by(r.c.position, r.c.id))]


def plan_areas(engine: Engine, plan_id: int) -> dict[str, str]:
    """code → name of a plan's areas, in its order (where an amendment's added tasks go)."""
    a = AreaRow.__table__
    with engine.connect() as conn:
        return {row.code: row.name for row in conn.execute(
            select(a.c.code, a.c.name).where(a.c.plan_id == plan_id).order_by(a.c.position, a.c.id))}
