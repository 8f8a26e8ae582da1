"""Status of every milestone as of a date, computed in the database with set-based SQL (DESIGN.md §2)."""
from __future__ import annotations

from datetime import date
from typing import Iterable

import pandas as pd
from sqlalchemy import BigInteger, Date, Engine, Integer, case, cast, func, literal, select, type_coerce
from sqlalchemy.orm import aliased

from tracking.db.models import MilestoneRow, RequirementRow, UnitRow, UpdateRow
from tracking.db.plan_scope import plan_id_sql, plan_province_sql
from tracking.domain.status import State, Status

SNAPSHOT_COLUMNS = [
    "milestone_id", "unit_code", "unit_name", "unit_short_name", "unit_level", "unit_group", "parent_code",
    "parent_name", "district_code", "requirement_code", "requirement_title", "area", "clause", "kind", "period",
    "deadline", "deadline_source", "deadline_clause", "status", "state", "percent", "completed_on", "last_fact_date",
    "evidence", "note", "unit_position", "requirement_position", "due_soon",
]
DUE_SOON_DAYS = 14  # an open milestone this close to its deadline is flagged "sắp đến hạn"


EPOCH = date(1970, 1, 1)
KEY_SCALE = 10**10  # ordering key of a fact: its date as yyyymmdd, then its id (ids stay below 10^10)


def fact_key(u, dialect: str):
    """An integer that orders facts like (fact_date, id), so one MAX/MIN finds the latest or first of a kind.

    The day is a whole day number (PostgreSQL: days since 1970; SQLite: the Julian day, its cheapest date
    function), times 10^10, plus the id; key_date() gives the date back.
    """
    if dialect == "postgresql":
        day = cast(u.c.fact_date - cast(literal(EPOCH), Date), BigInteger)  # date - date: whole days
    else:  # SQLite stores dates as 'YYYY-MM-DD' text
        day = cast(func.julianday(u.c.fact_date), BigInteger)
    return day * KEY_SCALE + u.c.id


def key_date(key, dialect: str):
    """The fact date inside a fact_key (computed per milestone, not per fact)."""
    if dialect == "postgresql":
        return cast(literal(EPOCH), Date) + cast(key // KEY_SCALE, Integer)  # typed even when rendered inline
    return func.date(key // KEY_SCALE + 0.5)  # julianday('YYYY-MM-DD') is the day's number + .5 (noon to midnight)


def snapshot_statement(as_of: date, unit_codes: list[str] | None = None, requirement_codes: list[str] | None = None,
                       *, plan_id: int | None = None, every_plan: bool = False, dialect: str = "sqlite"):
    """One SELECT: for each milestone, its last known fact and the first day of its final run of `done` facts.

    One grouped scan of the facts up to the as-of date gives, per milestone, the key of its latest fact, of its
    latest not-done fact and of its first done fact. The final run of `done` starts at the first done fact
    when that comes after the last not-done one (the usual history); only a milestone reopened and done again
    needs a look back at its own facts (a correlated subquery, by index).
    """
    u, m, r = UpdateRow.__table__, MilestoneRow.__table__, RequirementRow.__table__
    key = fact_key(u, dialect)
    is_done = u.c.state == State.DONE.value
    grouped = select(
        u.c.milestone_id,
        func.max(key).label("last_key"),
        func.max(case((~is_done, key))).label("open_key"),
        func.min(case((is_done, key))).label("done_key"),
    ).where(u.c.fact_date <= as_of)
    if not every_plan:
        grouped = grouped.where(u.c.milestone_id.in_(
            select(m.c.id).join(r, r.c.id == m.c.requirement_id).where(r.c.plan_id == plan_id_sql(plan_id))))
    if unit_codes is not None or requirement_codes is not None:
        grouped = grouped.where(u.c.milestone_id.in_(_milestone_ids(unit_codes, requirement_codes)))
    facts = grouped.group_by(u.c.milestone_id).cte("facts")
    latest = aliased(UpdateRow.__table__, name="latest")
    again = aliased(UpdateRow.__table__, name="again")
    done_again = (
        select(func.min(again.c.fact_date))
        .where(again.c.milestone_id == facts.c.milestone_id, again.c.state == State.DONE.value,
               again.c.fact_date <= as_of, fact_key(again, dialect) > facts.c.open_key)
        .scalar_subquery()
    )
    # The latest fact is done unless the latest not-done fact is the latest fact: no need to read that row.
    latest_open = facts.c.open_key.is_not(None) & (facts.c.open_key == facts.c.last_key)
    completed_on = type_coerce(case(
        (facts.c.last_key.is_(None) | latest_open, None),
        (facts.c.open_key.is_(None) | (facts.c.done_key > facts.c.open_key), key_date(facts.c.done_key, dialect)),
        else_=done_again,
    ), Date)
    status = case(
        (
            completed_on.is_not(None),
            case(
                (m.c.deadline.is_(None) | (completed_on <= m.c.deadline), literal(Status.DONE_ON_TIME.value)),
                else_=literal(Status.DONE_LATE.value),
            ),
        ),
        (m.c.deadline.is_not(None) & (m.c.deadline < as_of), literal(Status.OVERDUE.value)),
        else_=literal(Status.OPEN.value),
    )
    # Only the milestone's own columns: names and titles come from the (small) catalogues, joined in pandas,
    # rather than repeated on every one of tens of thousands of rows by the database.
    stmt = (
        select(
            m.c.id.label("milestone_id"),
            m.c.unit_code,
            m.c.requirement_id,
            func.nullif(m.c.period, "").label("period"),
            m.c.deadline,
            m.c.deadline_source,
            status.label("status"),
            latest.c.state,
            # As the pure rules say: `done` without a percent counts as 100.
            func.coalesce(latest.c.percent, case((latest.c.state == State.DONE.value, 100))).label("percent"),
            completed_on.label("completed_on"),
            type_coerce(key_date(facts.c.last_key, dialect), Date).label("last_fact_date"),
            latest.c.evidence,
            latest.c.note,  # the latest fact's note (the workbook shows it)
        )
        .select_from(m)
        .outerjoin(facts, facts.c.milestone_id == m.c.id)
        .outerjoin(latest, latest.c.id == facts.c.last_key % KEY_SCALE)
    )
    if not every_plan:
        stmt = stmt.where(m.c.requirement_id.in_(select(r.c.id).where(r.c.plan_id == plan_id_sql(plan_id))))
    if unit_codes is not None:
        stmt = stmt.where(m.c.unit_code.in_(unit_codes))
    if requirement_codes is not None:
        stmt = stmt.where(m.c.requirement_id.in_(select(r.c.id).where(r.c.code.in_(requirement_codes))))
    return stmt


def catalogue_statements(plan_id: int | None = None, every_plan: bool = False):
    """The units (with parent and district) and requirements a snapshot's rows are labelled with."""
    unit, r = UnitRow.__table__, RequirementRow.__table__
    parent = aliased(UnitRow.__table__, name="parent")
    district_code = case((unit.c.level == "district", unit.c.code), (parent.c.level == "district", parent.c.code))
    units = select(
        unit.c.code.label("unit_code"), unit.c.name.label("unit_name"), unit.c.short_name.label("unit_short_name"),
        unit.c.level.label("unit_level"), unit.c.group.label("unit_group"), unit.c.parent_code,
        parent.c.name.label("parent_name"), district_code.label("district_code"), unit.c.position.label("unit_position"),
    ).outerjoin(parent, parent.c.code == unit.c.parent_code)
    requirements = select(
        r.c.id.label("requirement_id"), r.c.code.label("requirement_code"), r.c.title.label("requirement_title"),
        r.c.area_code.label("area"), r.c.clause, r.c.kind, r.c.position.label("requirement_position"),
        r.c.deadline_clause.label("plan_deadline_clause"),
    )
    if not every_plan:
        units = units.where(unit.c.province_code == plan_province_sql(plan_id))
        requirements = requirements.where(r.c.plan_id == plan_id_sql(plan_id))
    return units, requirements


def _milestone_ids(unit_codes, requirement_codes):
    m, r = MilestoneRow.__table__, RequirementRow.__table__
    ids = select(m.c.id)
    if unit_codes is not None:
        ids = ids.where(m.c.unit_code.in_(unit_codes))
    if requirement_codes is not None:
        ids = ids.where(m.c.requirement_id.in_(select(r.c.id).where(r.c.code.in_(requirement_codes))))
    return ids


def snapshot(
    engine: Engine,
    as_of: date,
    *,
    unit_codes: Iterable[str] | None = None,
    requirement_codes: Iterable[str] | None = None,
    plan_id: int | None = None,
    every_plan: bool = False,
) -> pd.DataFrame:
    """One row per milestone of the plan (the default plan unless told), sorted like the plan."""
    stmt = snapshot_statement(
        as_of,
        list(unit_codes) if unit_codes is not None else None,
        list(requirement_codes) if requirement_codes is not None else None,
        plan_id=plan_id, every_plan=every_plan, dialect=engine.dialect.name,
    )
    unit_stmt, requirement_stmt = catalogue_statements(plan_id, every_plan)
    with engine.connect() as conn:
        frame = frame_from_cursor(conn.execute(stmt))
        units = frame_from_cursor(conn.execute(unit_stmt))
        requirements = frame_from_cursor(conn.execute(requirement_stmt))
    if frame.empty:
        return frame.reindex(columns=SNAPSHOT_COLUMNS).reset_index(drop=True)
    frame = frame.merge(units, on="unit_code", how="left").merge(requirements, on="requirement_id", how="left")
    frame = frame.sort_values(["unit_position", "requirement_position", "period"], na_position="first", kind="stable")
    frame["percent"] = frame["percent"].astype("Int64")
    # The clause the date comes from; a deadline set later in the app has none.
    frame["deadline_clause"] = frame["plan_deadline_clause"].where(frame["deadline_source"] != "set", None)
    days_left = pd.to_datetime(frame["deadline"]).sub(pd.Timestamp(as_of)).dt.days
    frame["due_soon"] = (frame["status"] == Status.OPEN.value) & days_left.between(0, DUE_SOON_DAYS)
    return frame.reindex(columns=SNAPSHOT_COLUMNS).reset_index(drop=True)


def frame_from_cursor(result) -> pd.DataFrame:
    """Column-wise from the cursor: pandas probing each Row object for attributes costs more than the query."""
    keys, rows = list(result.keys()), result.all()
    columns = list(zip(*rows)) if rows else [()] * len(keys)
    return pd.DataFrame({key: pd.Series(values, dtype=object) for key, values in zip(keys, columns)})
