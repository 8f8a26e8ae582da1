"""The history of one milestone, as recorded."""
from __future__ import annotations

from datetime import timezone

from sqlalchemy import Engine, select

from tracking.db.models import NO_PERIOD, MilestoneRow, RequirementRow, UpdateRow

HISTORY_FIELDS = [
    "id", "fact_date", "state", "percent", "evidence", "evidence_date", "note", "recorded_by", "recorded_at", "source",
]


def milestone_history(engine: Engine, unit_code: str, requirement_code: str, period: str | None = None) -> list[dict]:
    """Every update, oldest recorded first."""
    u, m, r = UpdateRow.__table__, MilestoneRow.__table__, RequirementRow.__table__
    stmt = (
        select(*(u.c[name] for name in HISTORY_FIELDS))
        .join(m, m.c.id == u.c.milestone_id)
        .join(r, r.c.id == m.c.requirement_id)
        .where(m.c.unit_code == unit_code, r.c.code == requirement_code, m.c.period == (period or NO_PERIOD))
        .order_by(u.c.id)
    )
    with engine.connect() as conn:
        rows = [dict(row) for row in conn.execute(stmt).mappings()]
    for row in rows:  # SQLite returns the stored UTC time without its zone; say which zone it is
        if row["recorded_at"] is not None and row["recorded_at"].tzinfo is None:
            row["recorded_at"] = row["recorded_at"].replace(tzinfo=timezone.utc)
    return rows
