"""Status of every milestone as of a date, computed in the database with set-based SQL (DESIGN.md §2)."""
from __future__ import annotations

import threading
from collections import OrderedDict
from datetime import date
from typing import Iterable

import numpy as np
import pandas as pd
from sqlalchemy import BigInteger, Connection, Date, Engine, Integer, case, cast, func, literal, select, tuple_, type_coerce
from sqlalchemy.orm import aliased

from tracking.db.data_stamp import catalogue_stamp
from tracking.db.models import MilestoneDeadlineChangeRow, MilestoneRow, RequirementRow, UnitRow, UpdateRow
from tracking.db.plan_scope import plan_id_sql, plan_province_sql
from tracking.domain.status import State, Status
from tracking.views import unit_history

SNAPSHOT_COLUMNS = [
    "milestone_id", "unit_code", "unit_name", "unit_short_name", "unit_level", "unit_group", "parent_code",
    "parent_name", "district_code", "requirement_code", "requirement_title", "area", "clause", "kind", "period",
    "deadline", "deadline_source", "deadline_clause", "deadline_as_written", "deadline_named", "deadline_qualifier",
    "deadline_note", "status", "state", "percent", "completed_on", "last_fact_date",
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
                       *, plan_id: int | None = None, every_plan: bool = False, dialect: str = "sqlite",
                       lives: tuple[bool, bool, bool] = (True, True, True)):
    """One SELECT: for each milestone in scope, its last known fact, the first day of its final run of `done`
    facts, and the status those give against its deadline.

    How the facts are found depends on the engine (both give the same rows, tests/status_oracle.py checks it):
    SQLite walks the (milestone, day, id) index a few steps per milestone, cheaper there than scanning every fact;
    PostgreSQL, whose per-row subqueries cost more, does one grouped scan of the facts and joins back the latest.
    """
    m = MilestoneRow.__table__
    scope = [] if every_plan else [m.c.requirement_id.in_(_plan_requirements(plan_id))]
    scope += unit_history.counting_on(as_of, m, lives)  # units not yet created, milestones closed: not counted
    if unit_codes is not None:
        scope.append(m.c.unit_code.in_(unit_codes))
    if requirement_codes is not None:
        # Within the plan: every plan has its own REP-QUY, and the plan's requirements are found by its index.
        of_plan = [] if every_plan else [RequirementRow.plan_id == plan_id_sql(plan_id)]
        scope.append(m.c.requirement_id.in_(
            select(RequirementRow.id).where(RequirementRow.code.in_(requirement_codes), *of_plan)))
    build = _facts_by_seeks if dialect == "sqlite" else _facts_by_scan
    f = _fenced(build(as_of, m, scope, dialect), dialect).subquery("facts")
    status = case(
        (
            f.c.completed_on.is_not(None),
            case(
                (f.c.deadline.is_(None) | (f.c.completed_on <= f.c.deadline), literal(Status.DONE_ON_TIME.value)),
                else_=literal(Status.DONE_LATE.value),
            ),
        ),
        (f.c.deadline.is_(None), literal(Status.NO_DEADLINE.value)),
        (f.c.deadline < as_of, literal(Status.OVERDUE.value)),
        else_=literal(Status.OPEN.value),
    )
    return select(
        f.c.milestone_id, f.c.unit_code, f.c.requirement_id, f.c.period, f.c.deadline, f.c.deadline_source,
        status.label("status"), f.c.state,
        # As the pure rules say: `done` without a percent counts as 100.
        func.coalesce(f.c.percent, case((f.c.state == State.DONE.value, 100))).label("percent"),
        f.c.completed_on, f.c.last_fact_date, f.c.evidence,
        f.c.note,  # the latest fact's note (the workbook shows it)
        f.c.replayed_change, *(f.c[name] for name in REPLAYED_WORDS),
    )


def _fenced(stmt, dialect: str):
    """A subquery the engine may not inline: inlined, its subqueries would run again for each use below."""
    return stmt.limit(-1).offset(0) if dialect == "sqlite" else stmt.offset(0)


def _plan_requirements(plan_id: int | None):
    return select(RequirementRow.id).where(RequirementRow.plan_id == plan_id_sql(plan_id))


def _milestone_columns(m, replay=None):
    # Only the milestone's own columns: names and titles come from the (small) catalogues, joined in pandas,
    # rather than repeated on every one of tens of thousands of rows by the database.
    deadline, source = m.c.deadline, m.c.deadline_source
    if replay is not None:  # the deadline in force on the as-of date (an amendment may have moved it since)
        first, old = replay
        deadline = case((first.c.first_id.is_not(None), old.c.old_deadline), else_=m.c.deadline)
        source = case((first.c.first_id.is_not(None), old.c.old_source), else_=m.c.deadline_source)
    columns = (m.c.id.label("milestone_id"), m.c.unit_code, m.c.requirement_id,
               func.nullif(m.c.period, "").label("period"), type_coerce(deadline, Date).label("deadline"),
               source.label("deadline_source"))
    if replay is None:
        return columns
    return (*columns, first.c.first_id.label("replayed_change"), *(old.c[name] for name in REPLAYED_WORDS))


# The plan's words of a deadline an amendment changed after the as-of date (NULL where none did).
REPLAYED_WORDS = ("old_named", "old_qualifier", "old_as_written", "old_clause")


def _deadline_replay(as_of: date):
    """Per milestone, the first deadline change made after the as-of date: its old value is the one then in force
    (amendments apply in date order, so the lowest id is the earliest). One grouped read of a small table."""
    c = MilestoneDeadlineChangeRow.__table__
    first = (select(c.c.milestone_id, func.min(c.c.id).label("first_id")).where(c.c.effective_on > as_of)
             .group_by(c.c.milestone_id).subquery("later_change"))
    return first, aliased(c, name="old_deadline")


def _replayed(stmt_from, m, replay):
    first, old = replay
    return stmt_from.outerjoin(first, first.c.milestone_id == m.c.id).outerjoin(old, old.c.id == first.c.first_id)


def _facts_by_seeks(as_of: date, m, scope, dialect: str):
    latest = aliased(UpdateRow.__table__, name="latest")
    completed_on = case((latest.c.state == State.DONE.value, _completion_by_seeks(as_of, m, latest, dialect)))
    replay = _deadline_replay(as_of)
    return (
        select(*_milestone_columns(m, replay), latest.c.state, latest.c.percent,
               type_coerce(completed_on, Date).label("completed_on"), latest.c.fact_date.label("last_fact_date"),
               latest.c.evidence, latest.c.note)
        .select_from(_replayed(m.outerjoin(latest, latest.c.id == _latest_id(as_of, m.c.id)), m, replay))
        .where(*scope)
    )


def _latest_id(as_of: date, milestone_id):
    """The milestone's latest fact up to the date: one seek down the (milestone, day, id) index."""
    u = aliased(UpdateRow.__table__, name="pick")
    return (select(u.c.id).where(u.c.milestone_id == milestone_id, u.c.fact_date <= as_of)
            .order_by(u.c.fact_date.desc(), u.c.id.desc()).limit(1).scalar_subquery())


def _completion_by_seeks(as_of: date, m, latest, dialect: str):
    """First day of the final run of `done` facts, latest fact being done (SQLite: seeks, no scan).

    Usually the fact before the latest is not done, and the latest fact's day is the answer; otherwise (several
    done facts in a row, a reopened milestone) the first fact after the last not-done one.
    """
    before = aliased(UpdateRow.__table__, name="before")
    previous_state = (
        select(before.c.state)
        .where(before.c.milestone_id == m.c.id,
               tuple_(before.c.fact_date, before.c.id) < tuple_(latest.c.fact_date, latest.c.id))
        .order_by(before.c.fact_date.desc(), before.c.id.desc()).limit(1).scalar_subquery()
    )
    opened, after = aliased(UpdateRow.__table__, name="opened"), aliased(UpdateRow.__table__, name="after")
    last_open_key = (
        select(fact_key(opened, dialect))
        .where(opened.c.milestone_id == m.c.id, opened.c.state != State.DONE.value, opened.c.fact_date <= as_of)
        .order_by(opened.c.fact_date.desc(), opened.c.id.desc()).limit(1)
        .correlate(m).scalar_subquery()  # two levels down: SQLAlchemy only correlates one by itself
    )
    run_start = (
        select(func.min(after.c.fact_date))
        .where(after.c.milestone_id == m.c.id, after.c.fact_date <= as_of,
               fact_key(after, dialect) > func.coalesce(last_open_key, 0))
        .scalar_subquery()
    )
    return case((func.coalesce(previous_state, "") != State.DONE.value, latest.c.fact_date), else_=run_start)


def _facts_by_scan(as_of: date, m, scope, dialect: str):
    """One grouped scan gives, per milestone, the key of its latest fact, of its latest not-done fact and of its
    first done fact. The final run of `done` starts at the first done fact when that comes after the last not-done
    one (the usual history); only a milestone reopened and done again needs a look back at its own facts."""
    u = UpdateRow.__table__
    key = fact_key(u, dialect)
    is_done = u.c.state == State.DONE.value
    grouped = select(
        u.c.milestone_id,
        func.max(key).label("last_key"),
        func.max(case((~is_done, key))).label("open_key"),
        func.min(case((is_done, key))).label("done_key"),
    ).where(u.c.fact_date <= as_of)
    if scope:
        grouped = grouped.where(u.c.milestone_id.in_(select(m.c.id).where(*scope)))
    facts = grouped.group_by(u.c.milestone_id).cte("grouped")
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
    completed_on = case(
        (facts.c.last_key.is_(None) | latest_open, None),
        (facts.c.open_key.is_(None) | (facts.c.done_key > facts.c.open_key), key_date(facts.c.done_key, dialect)),
        else_=done_again,
    )
    replay = _deadline_replay(as_of)
    return (
        select(*_milestone_columns(m, replay), latest.c.state, latest.c.percent,
               type_coerce(completed_on, Date).label("completed_on"),
               type_coerce(key_date(facts.c.last_key, dialect), Date).label("last_fact_date"),
               latest.c.evidence, latest.c.note)
        .select_from(_replayed(m.outerjoin(facts, facts.c.milestone_id == m.c.id)
                               .outerjoin(latest, latest.c.id == facts.c.last_key % KEY_SCALE), m, replay))
        .where(*scope)
    )


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
        r.c.deadline_clause.label("plan_deadline_clause"), r.c.deadline_as_written.label("plan_deadline_as_written"),
        r.c.deadline_named.label("plan_deadline_named"), r.c.deadline_qualifier.label("plan_deadline_qualifier"),
        r.c.deadline_note,
    )
    if not every_plan:
        units = units.where(unit.c.province_code == plan_province_sql(plan_id))
        requirements = requirements.where(r.c.plan_id == plan_id_sql(plan_id))
    return units, requirements


AS_OF_COLUMNS = ("milestone_id", "deadline", "deadline_source", "status", "state", "percent", "completed_on",
                 "last_fact_date", "evidence", "note", "replayed_change", *REPLAYED_WORDS)
CATALOGUE_ENTRIES = 8  # catalogues kept per process: a plan's is a few hundred kB, the whole country's ~20 MB
_catalogues: OrderedDict[tuple, pd.DataFrame] = OrderedDict()
_catalogues_lock = threading.Lock()


def snapshot(
    engine: Engine,
    as_of: date,
    *,
    unit_codes: Iterable[str] | None = None,
    requirement_codes: Iterable[str] | None = None,
    plan_id: int | None = None,
    every_plan: bool = False,
) -> pd.DataFrame:
    """One row per milestone of the plan (the default plan unless told), sorted like the plan.

    The database gives what depends on the date (status, latest fact, completion); names, titles, deadlines and
    the plan's order come from the catalogue of milestones, read again only when its stamp says it changed.
    """
    stmt = snapshot_statement(
        as_of,
        list(unit_codes) if unit_codes is not None else None,
        list(requirement_codes) if requirement_codes is not None else None,
        plan_id=plan_id, every_plan=every_plan, dialect=engine.dialect.name,
        lives=unit_history.needed(engine, as_of, None if every_plan else _plan_requirements(plan_id)),
    )
    stmt = stmt.with_only_columns(*[stmt.selected_columns[name] for name in AS_OF_COLUMNS])
    with engine.connect() as conn:
        catalogue = milestone_catalogue(conn, plan_id, every_plan)
        facts = columns_from_cursor(conn.execute(stmt), DATE_COLUMNS)
        ids = np.asarray(facts["milestone_id"], dtype="int64")
        where = catalogue.index.get_indexer(ids)
        if (where < 0).any():  # a milestone added between the two reads (PostgreSQL reads each statement afresh)
            catalogue = _read_catalogue(conn, plan_id, every_plan)
            where = catalogue.index.get_indexer(ids)
    order = np.argsort(where, kind="stable")  # the plan's order, kept by the catalogue
    rows = where[order]
    columns = {"milestone_id": pd.Series(ids[order])}
    for name in SNAPSHOT_COLUMNS[1:]:
        if name in facts:
            columns[name] = pd.Series(np.asarray(facts[name], dtype=object)[order], dtype=object)
        elif name in catalogue:
            columns[name] = pd.Series(catalogue[name].to_numpy()[rows], dtype=catalogue[name].dtype)
    columns["percent"] = columns["percent"].astype("Int64")
    deadline = catalogue["deadline_day"].to_numpy()[rows].astype("datetime64[D]")
    days_left = (deadline - np.datetime64(as_of, "D")).astype("int64")
    columns["due_soon"] = pd.Series((columns["status"] == Status.OPEN.value).to_numpy() & ~np.isnat(deadline)
                                    & (days_left >= 0) & (days_left <= DUE_SOON_DAYS))
    frame = pd.DataFrame(columns)[SNAPSHOT_COLUMNS]
    _replay_words(frame, facts, order)
    return unit_history.as_they_were(frame, engine, as_of)


def _replay_words(frame: pd.DataFrame, facts: dict, order: np.ndarray) -> None:
    """Where an amendment changed the deadline after the as-of date, the plan's words then in force."""
    replayed = np.asarray(facts["replayed_change"], dtype=object)[order] if len(order) else np.array([])
    mask = pd.notna(replayed) if len(replayed) else np.zeros(0, dtype=bool)
    if not mask.any():
        return
    for name in REPLAYED_WORDS:
        target = name.replace("old_", "deadline_")
        frame[target] = frame[target].astype(object)
        frame.loc[mask, target] = np.asarray(facts[name], dtype=object)[order][mask]


def milestone_catalogue(conn: Connection, plan_id: int | None = None, every_plan: bool = False) -> pd.DataFrame:
    """Every milestone of the scope with its unit's and requirement's labels, in the plan's order, indexed by id.

    Shared by every session of the process and never modified (callers get rows taken from it, not it)."""
    # A plan's catalogue is keyed by its own milestones' count, not every plan's (a count of the whole table
    # grows with the number of plans in the database).
    scope = None if every_plan else _plan_requirements(plan_id)
    key = (conn.engine.url.render_as_string(), plan_id, every_plan, catalogue_stamp(conn, scope))
    with _catalogues_lock:
        if key in _catalogues:
            _catalogues.move_to_end(key)
            return _catalogues[key]
    catalogue = _read_catalogue(conn, plan_id, every_plan)
    with _catalogues_lock:
        _catalogues[key] = catalogue
        while len(_catalogues) > CATALOGUE_ENTRIES:
            _catalogues.popitem(last=False)
    return catalogue


def forget_catalogues() -> None:
    """For the benchmark's cold runs."""
    with _catalogues_lock:
        _catalogues.clear()


def _read_catalogue(conn: Connection, plan_id: int | None, every_plan: bool) -> pd.DataFrame:
    m = MilestoneRow.__table__
    milestones = select(*_milestone_columns(m))
    if not every_plan:
        milestones = milestones.where(m.c.requirement_id.in_(_plan_requirements(plan_id)))
    unit_stmt, requirement_stmt = catalogue_statements(plan_id, every_plan)
    frame = frame_from_cursor(conn.execute(milestones), ("deadline",))
    units = frame_from_cursor(conn.execute(unit_stmt))
    requirements = frame_from_cursor(conn.execute(requirement_stmt), ("plan_deadline_named",))
    frame = frame.merge(units, on="unit_code", how="left").merge(requirements, on="requirement_id", how="left")
    frame = frame.sort_values(["unit_position", "requirement_position", "period"], na_position="first", kind="stable")
    # The clause the date comes from; a deadline set later in the app has none.
    # So are the plan's words: a date set later, or proposed by the software, is not the plan's.
    from_plan = frame["deadline_source"].isin(("plan", "inferred")) | frame["deadline"].isna()
    for name in ("deadline_clause", "deadline_as_written", "deadline_named", "deadline_qualifier"):
        frame[name] = frame[f"plan_{name}"].where(from_plan, None)
    frame["deadline_day"] = pd.to_datetime(frame["deadline"]).to_numpy().astype("datetime64[D]")
    frame["milestone_id"] = frame["milestone_id"].astype("int64")
    return frame.set_index("milestone_id")


DATE_COLUMNS = ("deadline", "completed_on", "last_fact_date", "old_named")


def frame_from_cursor(result, dates: Iterable[str] = ()) -> pd.DataFrame:
    """A DataFrame of object columns built column-wise (see columns_from_cursor)."""
    return pd.DataFrame({key: pd.Series(values, dtype=object)
                         for key, values in columns_from_cursor(result, dates).items()})


def columns_from_cursor(result, dates: Iterable[str] = ()) -> dict[str, tuple | np.ndarray]:
    """Column-wise from the driver's own rows: SQLAlchemy's per-row objects and type processing cost more than
    the query at national scale. SQLite hands dates back as ISO text; `dates` names the columns to turn into
    dates."""
    keys = list(result.keys())
    rows = result.cursor.fetchall() if result.cursor is not None else []
    result.close()
    columns = dict(zip(keys, zip(*rows))) if rows else {key: () for key in keys}
    for name in dates:
        values = columns.get(name, ())
        if any(isinstance(value, str) for value in values):  # numpy parses ISO days in C; NaT comes back as None
            columns[name] = np.array(values, dtype="datetime64[D]").astype(object)
    return columns
