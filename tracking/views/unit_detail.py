"""One unit seen closely: its recorded history and its quantities (staff, trained officers, reception room)."""
from __future__ import annotations

from datetime import date
from typing import Iterable

import pandas as pd
from sqlalchemy import Engine, func, select

from tracking.db.models import MilestoneRow, QuantityUpdateRow, RequirementRow, UpdateRow

QUANTITIES = ("dedicated_staff", "parttime_staff", "officers_in_post", "officers_trained", "reception_room")
UNIT_HISTORY_COLUMNS = [
    "update_id", "requirement_code", "requirement_title", "period", "fact_date", "state", "percent", "evidence",
    "evidence_date", "note", "recorded_by", "recorded_at", "source",
]
QUANTITY_COLUMNS = ["unit_code", "quantity", "value", "text_value", "fact_date", "evidence", "note", "recorded_by",
                    "recorded_at"]


def _frame(engine: Engine, stmt, columns: list[str]) -> pd.DataFrame:
    with engine.connect() as conn:
        return pd.DataFrame(conn.execute(stmt).mappings().all(), columns=columns)


def unit_history(engine: Engine, unit_code: str, as_of: date) -> pd.DataFrame:
    """Every update of the unit's milestones with a fact date up to `as_of`, newest fact first."""
    u, m, r = UpdateRow.__table__, MilestoneRow.__table__, RequirementRow.__table__
    stmt = (
        select(
            u.c.id.label("update_id"), r.c.code.label("requirement_code"), r.c.title.label("requirement_title"),
            m.c.period, u.c.fact_date, u.c.state, u.c.percent, u.c.evidence, u.c.evidence_date, u.c.note,
            u.c.recorded_by, u.c.recorded_at, u.c.source,
        )
        .join(m, m.c.id == u.c.milestone_id)
        .join(r, r.c.id == m.c.requirement_id)
        .where(m.c.unit_code == unit_code, u.c.fact_date <= as_of)
        .order_by(u.c.fact_date.desc(), u.c.id.desc())
    )
    frame = _frame(engine, stmt, UNIT_HISTORY_COLUMNS)
    frame["period"] = frame["period"].replace("", None)
    return frame


def quantities_as_of(engine: Engine, as_of: date, unit_codes: Iterable[str] | None = None) -> pd.DataFrame:
    """The latest value of each (unit, quantity) whose fact date is up to `as_of` (ties: the last recorded)."""
    q = QuantityUpdateRow.__table__
    ranked = select(
        *(q.c[name] for name in QUANTITY_COLUMNS),
        func.row_number().over(partition_by=(q.c.unit_code, q.c.quantity),
                               order_by=(q.c.fact_date.desc(), q.c.id.desc())).label("rank"),
    ).where(q.c.fact_date <= as_of)
    if unit_codes is not None:
        ranked = ranked.where(q.c.unit_code.in_(list(unit_codes)))
    ranked = ranked.subquery("ranked")
    stmt = (
        select(*(ranked.c[name] for name in QUANTITY_COLUMNS))
        .where(ranked.c.rank == 1)
        .order_by(ranked.c.unit_code, ranked.c.quantity)
    )
    return _frame(engine, stmt, QUANTITY_COLUMNS)


def quantity_history(engine: Engine, unit_code: str, as_of: date) -> pd.DataFrame:
    """Every recorded quantity of the unit up to `as_of`, newest fact first."""
    q = QuantityUpdateRow.__table__
    stmt = (
        select(*(q.c[name] for name in QUANTITY_COLUMNS))
        .where(q.c.unit_code == unit_code, q.c.fact_date <= as_of)
        .order_by(q.c.fact_date.desc(), q.c.id.desc())
    )
    return _frame(engine, stmt, QUANTITY_COLUMNS)
