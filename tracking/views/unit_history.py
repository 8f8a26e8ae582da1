"""Units as they were on the as-of date: the name, kind and parent in force, only units that existed, and no
milestone the inspectorate closed or moved by then (tracking.units.changes) or an amendment added later."""
from __future__ import annotations

from contextlib import contextmanager
from datetime import date
from typing import NamedTuple

import numpy as np
import pandas as pd
from sqlalchemy import Connection, Engine, exists, select

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
    changed: bool  # a unit was ever renamed, reclassified, merged or split (names as they were)


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
                                    exists().where(UnitChangeRow.__table__.c.id.is_not(None)))).one()
    return Needed(*(bool(value) for value in found))


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


def as_they_were(frame: pd.DataFrame, bind: Engine | Connection, as_of: date) -> pd.DataFrame:
    """The snapshot's rows labelled with the names in force on `as_of` (units and their parents). Only the rows of
    units a change touched are rewritten: the others keep their columns, shared (copy-on-write) with the catalogue."""
    with _connected(bind) as conn:
        if not _has_changes(conn):
            return frame
        changes = stored_changes(conn)
        own = frame["unit_code"].isin(list(changes)).to_numpy()
        under = frame["parent_code"].isin(list(changes)).to_numpy()
        if not (own.any() or under.any()):
            return frame
        touched = set(frame["unit_code"][own]) | set(frame["parent_code"][under])
        u = UnitRow.__table__
        start = {r.code: r for r in conn.execute(select(u.c.code, u.c.name, u.c.kind, u.c.parent_code, u.c.level)
                                                 .where(u.c.code.in_(touched)))}
        names = {code: version_on(Version(start[code].name, start[code].kind, start[code].parent_code), changes[code],
                                  as_of) for code in touched if code in start}
        moved = {code: v.parent for code, v in names.items() if v.parent != start[code].parent_code}
        parents = {r.code: r for r in conn.execute(select(u.c.code, u.c.name, u.c.level)
                                                   .where(u.c.code.in_(set(moved.values()))))} if moved else {}
    frame = frame.copy(deep=False)  # the caller's frame stays as it was
    if moved:  # moved under another parent (e.g. a commune to a new district): the parent of that day
        rows = frame["unit_code"].isin(list(moved))
        new_parent = frame.loc[rows, "unit_code"].map(moved)
        frame.loc[rows, "parent_code"] = new_parent
        frame.loc[rows, "parent_name"] = new_parent.map(lambda c: parents[c].name if c in parents else None)
        frame.loc[rows, "district_code"] = new_parent.map(
            lambda c: c if c in parents and parents[c].level == "district" else None)
        under = frame["parent_code"].isin(list(changes)).to_numpy()  # the parents of that day
    renamed = {code: version.name for code, version in names.items()}
    for code_column, name_column, rows in (("unit_code", "unit_name", own), ("parent_code", "parent_name", under)):
        at = np.flatnonzero(rows)
        codes = frame[code_column].to_numpy()[at]
        hit = np.fromiter((code in renamed for code in codes), dtype=bool, count=len(codes))
        if hit.any():
            values = frame[name_column].to_numpy().copy()
            values[at[hit]] = [renamed[code] for code in codes[hit]]
            frame[name_column] = pd.Series(values, index=frame.index, dtype=object)
    return frame


def units_as_of(units: pd.DataFrame, engine: Engine, as_of: date) -> pd.DataFrame:
    """The catalogue of units (tracking.views.catalog.units) with each unit's name and kind on `as_of`, without
    units not yet created or already ended then."""
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
    units = units.copy()
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
