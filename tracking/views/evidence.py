"""The evidence and note of each milestone's latest fact as of a date, read for the rows a page or a file shows.

Not part of the snapshot: they are the only values of a fact that live in the row rather than in the index the
snapshot reads, and no count, chart or ranking needs them."""
from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
from sqlalchemy import Engine, select
from sqlalchemy.orm import aliased

from tracking.db.models import MilestoneRow, UpdateRow

WORD_COLUMNS = ("evidence", "note")
CHUNK = 5_000  # milestones per statement: well under SQLite's limit on bound values


def latest_words(engine: Engine, milestone_ids, as_of: date) -> pd.DataFrame:
    """milestone_id → evidence, note of its latest fact up to `as_of` (milestones with no fact yet are absent)."""
    m, u = MilestoneRow.__table__, UpdateRow.__table__
    pick = aliased(u, name="pick")
    latest_id = (select(pick.c.id).where(pick.c.milestone_id == m.c.id, pick.c.fact_date <= as_of)
                 .order_by(pick.c.fact_date.desc(), pick.c.id.desc()).limit(1).scalar_subquery())
    ids = [int(i) for i in milestone_ids]
    rows = []
    with engine.connect() as conn:
        for start in range(0, len(ids), CHUNK):
            rows += conn.execute(select(m.c.id, u.c.evidence, u.c.note).select_from(m).join(u, u.c.id == latest_id)
                                 .where(m.c.id.in_(ids[start:start + CHUNK]))).all()
    return pd.DataFrame(rows, columns=["milestone_id", *WORD_COLUMNS], dtype=object).set_index("milestone_id")


def with_words(engine: Engine, snap: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """The snapshot's rows with the evidence and note of each one's latest fact (None where there is none)."""
    words = latest_words(engine, snap["milestone_id"], as_of)
    at = words.index.get_indexer(snap["milestone_id"])
    out = snap.copy(deep=False)
    for name in WORD_COLUMNS:
        values = np.append(words[name].to_numpy(dtype=object), None)  # index -1: no fact, no words
        out[name] = pd.Series(values[at], index=snap.index, dtype=object)
    return out
