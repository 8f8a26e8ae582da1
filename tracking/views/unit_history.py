"""Units as they were on the as-of date: the name, kind and parent in force, only units that existed, and no
milestone the inspectorate closed or moved by then (tracking.units.changes) or an amendment added later."""
from __future__ import annotations

import threading
from collections import OrderedDict
from contextlib import contextmanager
from datetime import date
from typing import NamedTuple

import numpy as np
import pandas as pd
from sqlalchemy import Connection, Engine, exists, func, select

from tracking.db.models import MilestoneClosureRow, MilestoneDeadlineChangeRow, RequirementRow, UnitChangeRow, UnitRow
from tracking.domain.units import Version, version_on
from tracking.units.changes import stored_changes


@contextmanager
def _connected(bind: Engine | Connection):
    """The connection given, or a new one of the engine given (a snapshot reads everything on one connection)."""
    if isinstance(bind, Connection):
        yield bind
    else:
        with bind.connect() as conn:
            yield conn


def _has_changes(conn) -> bool:
    return conn.scalar(select(UnitChangeRow.__table__.c.id).limit(1)) is not None


class Needed(NamedTuple):
    """What an as-of read must look at on a date: most databases have none of it, and their snapshots skip it."""
    later: bool  # a unit starts after the date
    closed: bool  # a milestone was closed or moved by then
    added: bool  # an amendment added a requirement after it
    amended: bool  # an amendment changed a deadline after it (the deadline then in force is replayed)
    changed: int  # the highest id of a unit's rename, reclassification, merge or split (0: none; names as they were)


def needed(bind: Engine | Connection, as_of: date, plan_requirements=None) -> Needed:
    """One round trip to know which of Needed's conditions hold. `plan_requirements` (a SELECT of requirement
    ids): only the plan's requirements are looked at, through their plan's index, not every plan's
    (requirements.effective_from has no index)."""
    u, c, r = UnitRow.__table__, MilestoneClosureRow.__table__, RequirementRow.__table__
    d = MilestoneDeadlineChangeRow.__table__
    of_plan = [] if plan_requirements is None else [r.c.id.in_(plan_requirements)]
    with _connected(bind) as conn:
        found = conn.execute(select(exists().where(u.c.valid_from > as_of), exists().where(c.c.closed_on <= as_of),
                                    exists().where(r.c.effective_from > as_of, *of_plan),
                                    exists().where(d.c.effective_on > as_of),
                                    select(func.coalesce(func.max(UnitChangeRow.__table__.c.id), 0)).scalar_subquery())).one()
    return Needed(*(bool(value) for value in found[:4]), found[4])


def counting_on(as_of: date, m, needed: tuple[bool, ...] = (True, True, True)) -> list:
    """SQL conditions on the milestones table `m`: its unit existed on `as_of`, and the inspectorate had not closed
    or moved it by then (both tables are small: a hashed NOT IN on either engine)."""
    u, c, r = UnitRow.__table__, MilestoneClosureRow.__table__, RequirementRow.__table__
    later, closed, added = needed[:3]
    return ([m.c.unit_code.not_in(select(u.c.code).where(u.c.valid_from > as_of))] if later else []) + (
        [m.c.id.not_in(select(c.c.milestone_id).where(c.c.closed_on <= as_of))] if closed else []) + (
        # a requirement an amendment added counts from its day (tracking.plans.amendments)
        [m.c.requirement_id.not_in(select(r.c.id).where(r.c.effective_from > as_of))] if added else [])


def in_force(engine: Engine, as_of: date) -> dict[str, Version]:
    """Unit code → its name, kind and parent on `as_of`, for the units a change touched by then (the others are as
    stored): small — only renamed, reclassified or moved units — so the national views can apply it in SQL."""
    with engine.connect() as conn:
        if not _has_changes(conn):
            return {}
        changes = {code: [c for c in found if c.day <= as_of] for code, found in stored_changes(conn).items()}
        changes = {code: found for code, found in changes.items() if found}
        if not changes:
            return {}
        u = UnitRow.__table__
        rows = conn.execute(select(u.c.code, u.c.name, u.c.kind, u.c.parent_code).where(u.c.code.in_(list(changes))))
        return {r.code: version_on(Version(r.name, r.kind, r.parent_code), changes[r.code], as_of) for r in rows}


class _Touched(NamedTuple):
    """What relabelling a catalogue's rows needs whatever the date: the changes, the units they touch (and every
    unit a change moves one under), and which rows are of those units or under them."""
    changes: dict[str, list]
    start: dict  # code → the stored row (name, kind, parent_code, level) of a unit a change touched
    parents: dict  # code → the stored row (name, level) of a unit a change moves another one under
    own: np.ndarray  # per row: its unit was changed
    under: np.ndarray  # per row: its parent was changed


# Per catalogue read and highest change id, the catalogue known by the arrays of its unit and parent codes (where
# they are in memory): the catalogue stamp (tracking.views.milestone_catalogue) counts units, and units added or
# reloaded read the catalogue again into new arrays; a refresh for a deadline set keeps them. The arrays are held
# here, so no other array can take their place in memory while the entry is kept.
_touched_by_codes: OrderedDict[tuple, tuple[tuple[np.ndarray, ...], _Touched | None]] = OrderedDict()
_touched_lock = threading.Lock()
_KEPT = 8


def as_they_were(frame: pd.DataFrame, bind: Engine | Connection, as_of: date, labels: pd.DataFrame | None = None,
                 rows: np.ndarray | None = None, changed: int | None = None) -> pd.DataFrame:
    """The snapshot's rows labelled with the names in force on `as_of` (units and their parents). Only the rows of
    units a change touched are rewritten: the others keep their columns, shared (copy-on-write) with the catalogue.

    `labels`: the catalogue the frame's rows were taken from (at positions `rows`; None: all of it, in its order),
    and `changed` the highest change id (Needed.changed): what the changes touched is then found once per catalogue
    read and changes, not for each date."""
    with _connected(bind) as conn:
        touched = _touched_of(conn, labels, changed) if labels is not None and changed is not None else \
            _touched(conn, frame)
    if touched is None:
        return frame
    own, under = (touched.own, touched.under) if rows is None or labels is None else \
        (touched.own[rows], touched.under[rows])
    if not (own.any() or under.any()):
        return frame
    changes, start = touched.changes, touched.start
    codes = set(frame["unit_code"].to_numpy()[own]) | set(frame["parent_code"].to_numpy()[under])
    names = {code: version_on(Version(start[code].name, start[code].kind, start[code].parent_code), changes[code],
                              as_of) for code in codes if code in start}
    moved = {code: v.parent for code, v in names.items() if v.parent != start[code].parent_code}
    frame = frame.copy(deep=False)  # the caller's frame stays as it was
    if moved:  # moved under another parent (e.g. a commune to a new district): the parent of that day
        at = np.flatnonzero(own)
        at = at[np.fromiter((code in moved for code in frame["unit_code"].to_numpy()[at]), dtype=bool,
                            count=len(at))]
        parents = [moved[code] for code in frame["unit_code"].to_numpy()[at]]
        known = [touched.parents.get(code) for code in parents]
        for column, values in (("parent_code", parents),
                               ("parent_name", [row.name if row else None for row in known]),
                               ("district_code", [code if row and row.level == "district" else None
                                                  for code, row in zip(parents, known)])):
            _rewrite(frame, column, at, values)
        under = under.copy()
        under[at] = [code in changes for code in parents]  # the parents of that day
    renamed = {code: version.name for code, version in names.items()}
    for code_column, name_column, which in (("unit_code", "unit_name", own), ("parent_code", "parent_name", under)):
        at = np.flatnonzero(which)
        codes = frame[code_column].to_numpy()[at]
        hit = np.fromiter((code in renamed for code in codes), dtype=bool, count=len(codes))
        if hit.any():
            _rewrite(frame, name_column, at[hit], [renamed[code] for code in codes[hit]])
    return frame


def _rewrite(frame: pd.DataFrame, column: str, at: np.ndarray, values: list) -> None:
    """frame[column] with `values` at positions `at`, as a new column (the old one may be the catalogue's)."""
    new = frame[column].to_numpy(dtype=object).copy()
    new[at] = values
    frame[column] = pd.Series(new, index=frame.index, dtype=object)


def touched(conn: Connection, catalogue: pd.DataFrame) -> None:
    """Find and keep what the units' changes touch in a catalogue, before a snapshot asks (as_they_were then finds
    it kept)."""
    changed = conn.scalar(select(func.coalesce(func.max(UnitChangeRow.__table__.c.id), 0)))
    if changed:
        _touched_of(conn, catalogue, changed)


def _touched_of(conn: Connection, catalogue: pd.DataFrame, changed: int) -> _Touched | None:
    """What the changes touched in the catalogue, found once per catalogue read and changes."""
    codes = tuple(catalogue[column].to_numpy() for column in ("unit_code", "parent_code"))
    key = (changed, *((array.__array_interface__["data"][0], array.shape, array.strides) for array in codes))
    with _touched_lock:
        kept = _touched_by_codes.get(key)
        if kept is not None:
            _touched_by_codes.move_to_end(key)
            return kept[1]
    touched = _touched(conn, catalogue)
    with _touched_lock:
        _touched_by_codes[key] = (codes, touched)
        while len(_touched_by_codes) > _KEPT:
            _touched_by_codes.popitem(last=False)
    return touched


def _touched(conn: Connection, rows: pd.DataFrame) -> _Touched | None:
    """The changes and what they touched among `rows` (None: no unit ever changed)."""
    if not _has_changes(conn):
        return None
    changes = stored_changes(conn)
    own = rows["unit_code"].isin(list(changes)).to_numpy()
    under = rows["parent_code"].isin(list(changes)).to_numpy()
    codes = set(rows["unit_code"].to_numpy()[own]) | set(rows["parent_code"].to_numpy()[under])
    moved_to = {change.parent for code in codes for change in changes[code] if change.parent}
    u = UnitRow.__table__
    start = {r.code: r for r in conn.execute(select(u.c.code, u.c.name, u.c.kind, u.c.parent_code, u.c.level)
                                             .where(u.c.code.in_(codes)))} if codes else {}
    parents = {r.code: r for r in conn.execute(select(u.c.code, u.c.name, u.c.level)
                                               .where(u.c.code.in_(moved_to)))} if moved_to else {}
    return _Touched(changes, start, parents, own, under)


def units_as_of(units: pd.DataFrame, engine: Engine, as_of: date) -> pd.DataFrame:
    """The catalogue of units (tracking.views.catalog.units) with each unit's name and kind on `as_of`, without
    units not yet created or already ended then; `listed_kind` keeps the kind the unit list gives (the plan's
    words for its levels follow the list, not the date: tracking.labels.district_kinds)."""
    if units.empty:
        return units
    with engine.connect() as conn:
        u = UnitRow.__table__
        lives = {r.code: r for r in conn.execute(select(u.c.code, u.c.valid_from, u.c.valid_to)
                                                 .where(u.c.code.in_(list(units["code"]))))}
        changes = stored_changes(conn) if _has_changes(conn) else {}
    alive = [(lives[c].valid_from is None or lives[c].valid_from <= as_of) and
             (lives[c].valid_to is None or as_of <= lives[c].valid_to) for c in units["code"]]
    units = units[alive].reset_index(drop=True)
    if not changes:
        return units
    units = units.assign(listed_kind=units["kind"])
    versions = [version_on(Version(n, k, p), changes.get(c, []), as_of)
                for c, n, k, p in zip(units["code"], units["name"], units["kind"], units["parent_code"])]
    units["name"], units["kind"] = [v.name for v in versions], [v.kind for v in versions]
    units["parent_code"] = [v.parent for v in versions]
    return units


def changes_of(engine: Engine, unit_code: str, as_of: date) -> pd.DataFrame:
    """The changes that touched the unit (as the unit changed, merged in, or as a successor) by `as_of`, oldest
    first: day, kind, units before and after, the name and kind from that day, the legal act."""
    c = UnitChangeRow.__table__
    with engine.connect() as conn:
        rows = conn.execute(select(c).where(c.c.change_date <= as_of).order_by(c.c.change_date, c.c.id)).all()
    picked = [r for r in rows if unit_code in r.unit_codes or unit_code in r.successor_codes]
    return pd.DataFrame([{"day": r.change_date, "kind": r.kind, "units": ", ".join(r.unit_codes),
                          "successors": ", ".join(r.successor_codes), "name": r.new_name, "unit_kind": r.new_kind,
                          "act": r.act} for r in picked],
                        columns=["day", "kind", "units", "successors", "name", "unit_kind", "act"])
