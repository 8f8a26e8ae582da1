"""Country-wide summaries for one as-of date, aggregated in the database: bounded output whatever the scale.

Provinces (one plan each), then a province's districts (each with its communes), then a district's communes:
every function returns one row per group with a column per status, never one row per milestone.
"""
from __future__ import annotations

from datetime import date

import pandas as pd
from sqlalchemy import Engine, case, func, or_, select
from sqlalchemy.orm import aliased

from tracking.charts.palette import STATUSES
from tracking.db.models import PlanRow, RequirementRow, UnitRow
from tracking.views import unit_history
from tracking.views.snapshot import frame_from_cursor, snapshot_statement

SUMMARY_COLUMNS = [*STATUSES, "total", "done", "percent_done", "on_time_rate"]


def _statuses(engine: Engine, as_of: date, **scope):
    return snapshot_statement(as_of, dialect=engine.dialect.name, lives=unit_history.needed(engine, as_of),
                              **scope).subquery("statuses")


def _pivot(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Rows (keys…, status, n) → one row per key with a count per status, percent done and on-time rate."""
    if frame.empty:
        return pd.DataFrame(columns=[*keys, *SUMMARY_COLUMNS])
    frame = frame.assign(n=frame["n"].astype(int))
    wide = frame.pivot_table(index=keys, columns="status", values="n", aggfunc="sum", fill_value=0)
    wide = wide.reindex(columns=list(STATUSES), fill_value=0).reset_index()
    wide.columns.name = None
    wide["total"] = wide[list(STATUSES)].sum(axis=1)
    wide["done"] = wide["done_on_time"] + wide["done_late"]
    wide["percent_done"] = (100 * wide["done"] / wide["total"]).round(1)
    due = wide["done"] + wide["overdue"]
    wide["on_time_rate"] = (100 * wide["done_on_time"] / due.where(due > 0)).round(1)
    return wide


def national_counts(engine: Engine, as_of: date) -> pd.DataFrame:
    """Milestones per province, area, unit level and status: at most 63 × 9 × 4 × 4 rows, one scan of the facts."""
    s = _statuses(engine, as_of, every_plan=True)
    r, p, u = RequirementRow.__table__, PlanRow.__table__, UnitRow.__table__
    keys = (p.c.id.label("plan_id"), p.c.province_code, r.c.area_code.label("area"), u.c.level, s.c.status)
    stmt = (
        select(*keys, func.count().label("n"))
        .select_from(s).join(r, r.c.id == s.c.requirement_id).join(p, p.c.id == r.c.plan_id)
        .join(u, u.c.code == s.c.unit_code)
        .group_by(*keys)
    )
    names = select(u.c.code.label("province_code"), u.c.name.label("province_name")).where(u.c.level == "province")
    with engine.connect() as conn:
        counts = frame_from_cursor(conn.execute(stmt))
        labels = frame_from_cursor(conn.execute(names))
    return counts.merge(labels, on="province_code", how="left")


def status_totals(counts: pd.DataFrame) -> dict[str, int]:
    """Milestones per status in the whole country, from national_counts."""
    return {status: int(counts.loc[counts["status"] == status, "n"].sum()) if len(counts) else 0 for status in STATUSES}


def provinces(counts: pd.DataFrame) -> pd.DataFrame:
    """One row per province plan, ranked by share done (then on-time rate), from national_counts."""
    wide = _pivot(counts, ["plan_id", "province_code", "province_name"])
    wide = wide.sort_values(["percent_done", "on_time_rate", "province_code"], ascending=[False, False, True],
                            na_position="last").reset_index(drop=True)
    wide.insert(0, "rank", range(1, len(wide) + 1))
    return wide


def provinces_by(counts: pd.DataFrame, dimension: str) -> pd.DataFrame:
    """One row per province and area (dimension 'area') or unit level ('level'), from national_counts."""
    return _pivot(counts, ["province_code", "province_name", dimension])


def _parent_on(u, versions: dict) -> object:
    """The parent in force as a SQL expression: the stored parent, except for the few units a change moved."""
    moved = {code: v.parent for code, v in versions.items() if v.parent}
    return case(moved, value=u.c.code, else_=u.c.parent_code) if moved else u.c.parent_code


def _named_on(frame: pd.DataFrame, code: str, name: str, versions: dict) -> pd.DataFrame:
    """Names in force on the as-of date (a district that became a town, a commune that became a ward)."""
    if versions and not frame.empty:
        frame[name] = [versions[c].name if c in versions else n for c, n in zip(frame[code], frame[name])]
    return frame


def districts(engine: Engine, as_of: date, plan_id: int | None = None) -> pd.DataFrame:
    """One row per district of the plan's province, its communes' milestones included: each commune under the
    district it belonged to on `as_of` (units with a life), the district under its name of that day."""
    s = _statuses(engine, as_of, plan_id=plan_id)
    u, d = UnitRow.__table__, aliased(UnitRow.__table__, name="district")
    versions = unit_history.in_force(engine, as_of)
    stmt = (
        select(d.c.code.label("district_code"), d.c.name.label("district_name"), d.c.position, s.c.status,
               func.count().label("n"))
        .select_from(s).join(u, u.c.code == s.c.unit_code)
        .join(d, or_(d.c.code == u.c.code, d.c.code == _parent_on(u, versions)))
        .where(d.c.level == "district")
        .group_by(d.c.code, d.c.name, d.c.position, s.c.status)
    )
    with engine.connect() as conn:
        counts = frame_from_cursor(conn.execute(stmt))
    wide = _pivot(counts, ["district_code", "district_name", "position"])
    wide = _named_on(wide, "district_code", "district_name", versions)
    return wide.sort_values("position").drop(columns="position").reset_index(drop=True)


def communes(engine: Engine, as_of: date, district_code: str, *, search: str = "", offset: int = 0,
             limit: int = 50) -> tuple[pd.DataFrame, int]:
    """One page of a district's communes on `as_of` (name containing `search`), and how many match in all: the
    communes under it that day (a commune moved in or out counts where it was), under their names of that day."""
    u = UnitRow.__table__
    versions = unit_history.in_force(engine, as_of)
    wanted = (select(u.c.code, u.c.name)
              .where(_parent_on(u, versions) == district_code, u.c.level == "commune",
                     or_(u.c.valid_from.is_(None), u.c.valid_from <= as_of)))
    with engine.connect() as conn:
        rows = conn.execute(wanted.order_by(u.c.position)).all()
        needle = search.strip().lower()  # on the name of that day (a handful of renames: filtered here, not in SQL)
        codes = [r.code for r in rows if needle in (versions[r.code].name if r.code in versions else r.name).lower()]
        province = conn.scalar(select(u.c.province_code).where(u.c.code == district_code))
        plan_id = conn.scalar(select(func.min(PlanRow.id)).where(PlanRow.province_code == province))
    page = codes[offset:offset + limit]
    if not page:
        return pd.DataFrame(columns=["unit_code", "unit_name", *SUMMARY_COLUMNS]), len(codes)
    s = _statuses(engine, as_of, unit_codes=page, plan_id=plan_id)
    stmt = (
        select(s.c.unit_code, u.c.name.label("unit_name"), u.c.position, s.c.status, func.count().label("n"))
        .select_from(s).join(u, u.c.code == s.c.unit_code)
        .group_by(s.c.unit_code, u.c.name, u.c.position, s.c.status)
    )
    with engine.connect() as conn:
        counts = frame_from_cursor(conn.execute(stmt))
    wide = _named_on(_pivot(counts, ["unit_code", "unit_name", "position"]), "unit_code", "unit_name", versions)
    return wide.sort_values("position").drop(columns="position").reset_index(drop=True), len(codes)
