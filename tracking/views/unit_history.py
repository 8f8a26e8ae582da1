"""Units as they were on the as-of date: the name, kind and parent in force, only units that existed, and no
milestone the inspectorate closed or moved by then (tracking.units.changes) or an amendment added later."""
from __future__ import annotations

from datetime import date

import pandas as pd
from sqlalchemy import Engine, select

from tracking.db.models import MilestoneClosureRow, RequirementRow, UnitChangeRow, UnitRow
from tracking.domain.units import Version, version_on
from tracking.units.changes import stored_changes


def _has_changes(conn) -> bool:
    return conn.scalar(select(UnitChangeRow.id).limit(1)) is not None


def counting_on(as_of: date, m) -> list:
    """SQL conditions on the milestones table `m`: its unit existed on `as_of`, and the inspectorate had not closed
    or moved it by then (both tables are small: a hashed NOT IN on either engine)."""
    u, c, r = UnitRow.__table__, MilestoneClosureRow.__table__, RequirementRow.__table__
    return [m.c.unit_code.not_in(select(u.c.code).where(u.c.valid_from > as_of)),
            m.c.id.not_in(select(c.c.milestone_id).where(c.c.closed_on <= as_of)),
            # a requirement an amendment added counts from its day (tracking.plans.amendments)
            m.c.requirement_id.not_in(select(r.c.id).where(r.c.effective_from > as_of))]


def as_they_were(frame: pd.DataFrame, engine: Engine, as_of: date) -> pd.DataFrame:
    """The snapshot's rows labelled with the names in force on `as_of` (units and their parents)."""
    with engine.connect() as conn:
        if not _has_changes(conn):
            return frame
        changes = stored_changes(conn)
        touched = set(changes) & (set(frame["unit_code"]) | set(frame["parent_code"].dropna()))
        if not touched:
            return frame
        u = UnitRow.__table__
        start = {r.code: r for r in conn.execute(select(u.c.code, u.c.name, u.c.kind, u.c.parent_code, u.c.level)
                                                 .where(u.c.code.in_(touched)))}
    names = {code: version_on(Version(start[code].name, start[code].kind, start[code].parent_code), changes[code], as_of)
             for code in touched if code in start}
    frame = frame.copy()
    frame["unit_name"] = [names[c].name if c in names else n for c, n in zip(frame["unit_code"], frame["unit_name"])]
    frame["parent_name"] = [names[c].name if c in names else n for c, n in zip(frame["parent_code"], frame["parent_name"])]
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
    return units
