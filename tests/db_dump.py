"""Every row of every table, in a stable order: compare two dumps to prove that a refusal changed nothing."""
from __future__ import annotations

from sqlalchemy import select

from tracking.db.models import DERIVED_TABLES, Base


def dump(engine) -> dict[str, list[tuple]]:
    tables = {}
    with engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            if table.name in DERIVED_TABLES:  # made again from the rest, in the background
                continue
            rows = conn.execute(select(table)).all()
            tables[table.name] = sorted((tuple(r) for r in rows), key=repr)
    return tables
