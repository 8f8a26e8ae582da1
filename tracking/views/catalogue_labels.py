"""The labels a catalogue's milestones take from their units and requirements: a few thousand rows read once per
catalogue, each column an array that a milestone's place in it picks from (place -1: not there, reads None), so the
country's 55,000 milestones are labelled by taking from arrays, not by building 55,000 strings."""
from __future__ import annotations

from dataclasses import dataclass
from operator import itemgetter

import numpy as np
import pandas as pd
from sqlalchemy import Connection, select

from tracking.db.models import RequirementRow, UnitRow
from tracking.db.plan_scope import plan_id_sql, plan_province_sql
from tracking.views.joined_columns import NUMBERS, TEXTS, columns_of, driver_rows, listed

DEADLINE_WORDS = ("deadline_clause", "deadline_as_written", "deadline_named", "deadline_qualifier")
UNIT_LABELS = ("unit_name", "unit_short_name", "unit_level", "unit_group", "parent_code", "parent_name",
               "district_code", "unit_position")
REQUIREMENT_LABELS = ("requirement_code", "requirement_title", "area", "clause", "kind", "requirement_position",
                      "deadline_note")


@dataclass(frozen=True)
class Labels:
    """One table's labels: `columns` (name → values, one more place at the end reading None), `rank` (each place's
    rank in the plan's order: by position, a missing one first, then by place; the last place before every other)
    and `index` (each key's place)."""
    columns: dict[str, np.ndarray]
    rank: np.ndarray
    index: pd.Index

    def places(self, keys) -> np.ndarray:
        """Each key's place (-1 where it is not among these labels)."""
        # Texts as an Index of objects: given an array, pandas would first make it an array of its string type
        # (four times the lookup's cost).
        return self.index.get_indexer(pd.Index(keys, dtype=object) if keys.dtype == object else keys)


def unit_labels(conn: Connection, plan_id: int | None, every_plan: bool) -> Labels:
    """The units' labels, each with its parent's name and its district."""
    u = UnitRow.__table__
    stmt = select(u.c.code, u.c.name, u.c.short_name, u.c.level, u.c.group, u.c.parent_code, u.c.position)
    if not every_plan:
        stmt = stmt.where(u.c.province_code == plan_province_sql(plan_id))
    codes, names, short_names, levels, groups, parents, positions = columns_of(conn, stmt, (TEXTS,) * 6 + (NUMBERS,))
    index = pd.Index(codes, dtype=object)
    known_codes, known_names, known_levels = codes, names, levels
    # An Index of objects, as in Labels.places: given an array, pandas would first make it its string array
    # (12,000 parents: ≈2 ms against 0.6 ms, measured apart from the database).
    parents_index = pd.Index(parents, dtype=object)
    parent_at = index.get_indexer(parents_index)
    outside = pd.unique(parents[(parent_at < 0) & pd.notna(parents)])  # parents that are not among the scope's units
    if len(outside):
        rows = driver_rows(conn, select(u.c.code, u.c.name, u.c.level).where(u.c.code.in_(outside.tolist())))
        known_codes, known_names, known_levels = (
            np.concatenate([mine, np.array([row[i] for row in rows], dtype=object)])
            for i, mine in enumerate((codes, names, levels)))
        parent_at = pd.Index(known_codes, dtype=object).get_indexer(parents_index)
    parent_names = listed(known_names)[parent_at]
    parent_levels = listed(known_levels)[parent_at]
    districts = np.where(levels == "district", codes, np.where(parent_levels == "district", parents, None))
    labels = (names, short_names, levels, groups, parents, parent_names, districts, positions.astype(object))
    return Labels({name: listed(values) for name, values in zip(UNIT_LABELS, labels)}, _ranks(positions), index)


def requirement_labels(conn: Connection, plan_id: int | None, every_plan: bool) -> Labels:
    """The requirements' labels and the plan's words of their deadlines."""
    r = RequirementRow.__table__
    stmt = select(r.c.id, r.c.code, r.c.title, r.c.area_code, r.c.clause, r.c.kind, r.c.position, r.c.deadline_note,
                  *(r.c[name] for name in DEADLINE_WORDS))
    if not every_plan:
        stmt = stmt.where(r.c.plan_id == plan_id_sql(plan_id))
    rows = driver_rows(conn, stmt)  # a few thousand at most, and a date among them: read as rows
    ids, *values = (list(map(itemgetter(i), rows)) for i in range(8 + len(DEADLINE_WORDS)))
    columns = {name: listed(column) for name, column in zip((*REQUIREMENT_LABELS, *DEADLINE_WORDS), values)}
    named = columns["deadline_named"]
    if any(isinstance(value, str) for value in named):  # SQLite hands dates back as ISO text
        columns["deadline_named"] = np.array(named, dtype="datetime64[D]").astype(object)
    positions = values[REQUIREMENT_LABELS.index("requirement_position")]
    return Labels(columns, _ranks(positions), pd.Index(np.array(ids, dtype=np.int64)))


def _ranks(positions) -> np.ndarray:
    """Each place's rank by (position, place), a missing position first; place -1 ("not in the list") first of all.
    Ranking by place too keeps two units of the same position (in two provinces) apart, whatever order the
    database hands the milestones in."""
    first = np.iinfo(np.int64).min
    keys = np.array([first] + [first if position is None else position for position in positions], dtype=np.int64)
    ranks = np.empty(len(keys), dtype=np.int64)
    ranks[np.argsort(keys, kind="stable")] = np.arange(len(keys))
    return np.roll(ranks, -1)  # the first key was place -1's: it goes last
