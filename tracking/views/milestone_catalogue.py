"""The catalogue a snapshot's rows are labelled with: every milestone of the scope with its unit's and requirement's
labels, its period and its deadline, in the plan's order, indexed by milestone id.

Kept per process and catalogue stamp (tracking.db.data_stamp): recording an update leaves it as it is; a deadline set,
a milestone added or closed, a plan or unit reload read it again. Read as three lists (milestones, their units,
their requirements) put together by position in arrays: merging frames costs more than the reads at national scale.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from itertools import repeat
from operator import itemgetter

import numpy as np
import pandas as pd
from sqlalchemy import Connection, Text, cast, func, select

from tracking.db.data_stamp import MILESTONE_COUNT, catalogue_stamp
from tracking.db.models import MilestoneRow, RequirementRow, UnitRow
from tracking.db.plan_scope import plan_id_sql, plan_province_sql
from tracking.views.packed_facts import NO_DAY, dates_of, day_number

DEADLINE_WORDS = ("deadline_clause", "deadline_as_written", "deadline_named", "deadline_qualifier")
UNIT_LABELS = ("unit_name", "unit_short_name", "unit_level", "unit_group", "parent_code", "parent_name",
               "district_code", "unit_position")
REQUIREMENT_LABELS = ("requirement_code", "requirement_title", "area", "clause", "kind", "requirement_position",
                      "deadline_note")
STAMPED = "milestones_stamped"
CATALOGUE_ENTRIES = 8  # catalogues kept per process: a plan's is a few hundred kB, the whole country's ~20 MB
_catalogues: OrderedDict[tuple, pd.DataFrame] = OrderedDict()
_catalogues_lock = threading.Lock()


def plan_requirements(plan_id: int | None):
    """The ids of the plan's requirements (the default plan's when None), as a SELECT."""
    return select(RequirementRow.id).where(RequirementRow.plan_id == plan_id_sql(plan_id))


def milestone_catalogue(conn: Connection, plan_id: int | None = None, every_plan: bool = False) -> pd.DataFrame:
    """The catalogue of the plan's milestones (every plan's with `every_plan`), from the cache when its stamp is
    unchanged. Shared: take columns or rows from it (copy-on-write keeps it as it is), never write into it."""
    # A plan's catalogue is keyed by its own milestones' count, not every plan's (a count of the whole table
    # grows with the number of plans in the database).
    scope = None if every_plan else plan_requirements(plan_id)
    stamp = catalogue_stamp(conn, scope)
    key = (conn.engine.url.render_as_string(), plan_id, every_plan, stamp)
    with _catalogues_lock:
        if key in _catalogues:
            _catalogues.move_to_end(key)
            return _catalogues[key]
    catalogue = read_catalogue(conn, plan_id, every_plan)
    # How many milestones the stamp counted: a catalogue holding as many holds them all (read after the stamp, it
    # may hold one more), and a snapshot may then ask the database only for the milestones that have facts.
    catalogue.attrs[STAMPED] = int(stamp[MILESTONE_COUNT])
    with _catalogues_lock:
        _catalogues[key] = catalogue
        while len(_catalogues) > CATALOGUE_ENTRIES:
            _catalogues.popitem(last=False)
    return catalogue


def forget_catalogues() -> None:
    """For the benchmark's cold runs."""
    with _catalogues_lock:
        _catalogues.clear()


def read_catalogue(conn: Connection, plan_id: int | None, every_plan: bool) -> pd.DataFrame:
    m = MilestoneRow.__table__
    milestones = select(m.c.id, m.c.unit_code, m.c.requirement_id, func.nullif(m.c.period, ""),
                        func.coalesce(day_number(m.c.deadline, conn.dialect.name), NO_DAY), m.c.deadline_source)
    if not every_plan:
        milestones = milestones.where(m.c.requirement_id.in_(plan_requirements(plan_id)))
    ids, unit_codes, requirement_ids, periods, deadline_day, sources = _columns_of(
        conn, milestones, (NUMBERS, TEXTS, NUMBERS, TEXTS, NUMBERS, TEXTS))
    units, unit_sort, unit_at = _units(conn, plan_id, every_plan)
    requirements, requirement_sort, requirement_at = _requirements(conn, plan_id, every_plan)
    at_unit = _positions(unit_at, unit_codes.tolist())
    at_requirement = _positions(requirement_at, requirement_ids.tolist())
    # The plan's order: unit, then requirement, then period, a missing one first (as sort_values puts NaN).
    order = np.lexsort((pd.factorize(periods, sort=True)[0], requirement_sort[at_requirement], unit_sort[at_unit]))
    at_unit, at_requirement = at_unit[order], at_requirement[order]
    deadline_day, sources = deadline_day[order], sources[order]
    columns = {"unit_code": unit_codes[order], "period": periods[order], "deadline": dates_of(deadline_day),
               "deadline_source": sources, "deadline_day": deadline_day,
               **{name: values[at_unit] for name, values in units.items()},
               **{name: requirements[name][at_requirement] for name in REQUIREMENT_LABELS}}
    # The clause the date comes from and the plan's words: a date set later in the app, or proposed by the
    # software, is not the plan's (place -1 reads None).
    from_plan = np.isin(sources, ("plan", "inferred")) | (deadline_day == NO_DAY)
    words_at = np.where(from_plan, at_requirement, -1)
    columns.update({name: requirements[name][words_at] for name in DEADLINE_WORDS})
    index = pd.Index(ids[order], name="milestone_id")
    return pd.DataFrame({name: pd.Series(values, index=index, dtype=values.dtype, copy=False)
                         for name, values in columns.items()}, copy=False)


def _units(conn: Connection, plan_id: int | None, every_plan: bool) -> tuple[dict, np.ndarray, dict]:
    """The units' labels (each with its parent's name and its district), their sort keys, and each code's place."""
    u = UnitRow.__table__
    stmt = select(u.c.code, u.c.name, u.c.short_name, u.c.level, u.c.group, u.c.parent_code, u.c.position)
    if not every_plan:
        stmt = stmt.where(u.c.province_code == plan_province_sql(plan_id))
    codes, names, short_names, levels, groups, parents, positions = (
        list(values) for values in _columns_of(conn, stmt, (TEXTS,) * 6 + (NUMBERS,)))
    named = {code: (name, level) for code, name, level in zip(codes, names, levels)}
    outside = set(parents) - set(named) - {None}  # a parent that is not among the scope's units
    if outside:
        named |= {code: (name, level) for code, name, level in
                  conn.execute(select(u.c.code, u.c.name, u.c.level).where(u.c.code.in_(outside)))}
    parent_names = [named[p][0] if p in named else None for p in parents]
    districts = [code if level == "district" else parent if parent in named and named[parent][1] == "district" else None
                 for code, level, parent in zip(codes, levels, parents)]
    labels = (names, short_names, levels, groups, parents, parent_names, districts, positions)
    return ({name: _listed(values) for name, values in zip(UNIT_LABELS, labels)}, _sort_keys(positions),
            {code: i for i, code in enumerate(codes)})


def _requirements(conn: Connection, plan_id: int | None, every_plan: bool) -> tuple[dict, np.ndarray, dict]:
    """The requirements' labels and the plan's words of their deadlines, their sort keys, and each id's place."""
    r = RequirementRow.__table__
    stmt = select(r.c.id, r.c.code, r.c.title, r.c.area_code, r.c.clause, r.c.kind, r.c.position, r.c.deadline_note,
                  *(r.c[name] for name in DEADLINE_WORDS))
    if not every_plan:
        stmt = stmt.where(r.c.plan_id == plan_id_sql(plan_id))
    rows = _rows(conn, stmt)  # a few thousand at most, and a date among them: read as rows
    ids, *values = (list(map(itemgetter(i), rows)) for i in range(8 + len(DEADLINE_WORDS)))
    columns = {name: _listed(column) for name, column in zip((*REQUIREMENT_LABELS, *DEADLINE_WORDS), values)}
    named = columns["deadline_named"]
    if any(isinstance(value, str) for value in named):  # SQLite hands dates back as ISO text
        columns["deadline_named"] = np.array(named, dtype="datetime64[D]").astype(object)
    return columns, _sort_keys(values[REQUIREMENT_LABELS.index("requirement_position")]), \
        {identifier: i for i, identifier in enumerate(ids)}


def _listed(values: list) -> np.ndarray:
    """The values and a None after them: what place -1 ("not in the list") reads."""
    out = np.empty(len(values) + 1, dtype=object)
    out[:-1] = values
    return out


def _sort_keys(positions: list) -> np.ndarray:
    """Positions as sort keys, place -1 ("not in the list") before every other."""
    first = np.iinfo(np.int64).min
    return np.array([first if position is None else position for position in positions] + [first], dtype=np.int64)


def _rows(conn: Connection, stmt) -> list[tuple]:
    """The driver's own rows (SQLAlchemy's row objects cost more than the read at national scale)."""
    result = conn.execute(stmt)
    rows = result.cursor.fetchall() if result.cursor is not None else []
    result.close()
    return rows


NUMBERS, TEXTS = "numbers", "texts"  # what a column holds: whole numbers (never NULL), or texts
SEPARATOR, NULL = "\x1f", "\x1e"  # ASCII's unit and record separators: in no code, name or title


def _columns_of(conn: Connection, stmt, kinds: tuple[str, ...]) -> list[np.ndarray]:
    """The columns of `stmt` (of the kinds given), each read as one text joining its values: the country's
    55,000 milestones are one row of six values instead of 330,000 values made one by one into Python objects,
    and numbers are parsed in C. Each aggregate takes every row in the same order, so the columns stay aligned; a
    text holding the separator (which none should) is found by the count, and the rows are read instead."""
    sqlite = conn.dialect.name == "sqlite"
    joined = func.group_concat if sqlite else func.string_agg

    def joined_column(column, kind: str):
        if kind == NUMBERS:  # SQLite writes numbers as text by itself
            return joined(column if sqlite else cast(column, Text), ",")
        return joined(column if getattr(column, "nullable", None) is False else func.coalesce(column, NULL), SEPARATOR)

    rows = stmt.subquery("listed")
    count, *texts = conn.execute(select(func.count(), *(joined_column(c, k) for c, k in zip(rows.c, kinds)))).one()
    columns = []
    for text, kind in zip(texts, kinds):
        if kind == NUMBERS:
            values = np.fromstring(text or "", dtype=np.int64, sep=",")
        else:
            values = np.array(text.split(SEPARATOR) if text is not None else [], dtype=object)
            if NULL in (text or ""):
                values[values == NULL] = None
        if len(values) != count:
            return _row_columns(_rows(conn, stmt), kinds)
        columns.append(values)
    return columns


def _row_columns(rows: list[tuple], kinds: tuple[str, ...]) -> list[np.ndarray]:
    return [np.fromiter(map(itemgetter(i), rows), dtype=np.int64 if kind == NUMBERS else object, count=len(rows))
            for i, kind in enumerate(kinds)]


def _positions(at: dict, keys, missing: int = -1) -> np.ndarray:
    """Each key's place in a list (`missing` where it is not there)."""
    return np.fromiter(map(at.get, keys, repeat(missing)), dtype=np.int64, count=len(keys))
