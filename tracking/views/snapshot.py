"""Status of every milestone as of a date (DESIGN.md §2): the facts found in the database, the rest in arrays.

Per milestone the database hands back two integers: its latest fact up to the date, packed with that fact's state
and percent (all read from the (milestone, day, id, state, percent) index, never from the row), and the first day of
its final run of `done` facts. Names, order and deadlines come from a catalogue read again only when the catalogue
stamp changes; the status is then the rule of tracking.domain.status.classify applied to whole arrays
(tests/status_oracle.py and tests/integration/test_snapshot_in_the_database.py hold both to the pure rules).
"""
from __future__ import annotations

from datetime import date
from functools import lru_cache
from operator import itemgetter
from typing import Iterable

import numpy as np
import pandas as pd
from sqlalchemy import Connection, Date, Engine, bindparam, case, func, literal, select, tuple_, type_coerce
from sqlalchemy.orm import aliased

from tracking.db.models import MilestoneDeadlineChangeRow, MilestoneRow, RequirementRow, UpdateRow
from tracking.db.plan_scope import plan_id_sql
from tracking.domain.status import State, Status
from tracking.views import unit_history
from tracking.views.joined_columns import fetched
from tracking.views.milestone_catalogue import (STAMPED, catalogue_arrived, catalogue_coming, plan_requirements,
                                                 read_catalogue)
from tracking.views.packed_facts import (DAY_SHIFT, DONE_CODE, NO_DAY, NO_FACT, NO_PERCENT, STATE_SHIFT, STATES,
                                         STORED, dates_of, day_number, day_of, integer_columns, is_done, packed_before,
                                         packed_fact, shifted)

SNAPSHOT_COLUMNS = [
    "milestone_id", "unit_code", "unit_name", "unit_short_name", "unit_level", "unit_group", "parent_code",
    "parent_name", "district_code", "requirement_code", "requirement_title", "area", "clause", "kind", "period",
    "deadline", "deadline_source", "deadline_clause", "deadline_as_written", "deadline_named", "deadline_qualifier",
    "deadline_note", "status", "state", "percent", "completed_on", "last_fact_date",
    "unit_position", "requirement_position", "due_soon",
]
DUE_SOON_DAYS = 14  # an open milestone this close to its deadline is flagged "sắp đến hạn"

STATE_NAMES = np.array([state.value for state in STATES] + [None], dtype=object)  # code 3: no fact yet
STATUS_NAMES = np.array([status.value for status in Status], dtype=object)
ON_TIME, LATE, OVERDUE, OPEN, NO_DEADLINE = (list(Status).index(s) for s in (
    Status.DONE_ON_TIME, Status.DONE_LATE, Status.OVERDUE, Status.OPEN, Status.NO_DEADLINE))


def facts_statement(as_of: date, unit_codes: list[str] | None = None, requirement_codes: list[str] | None = None,
                    *, plan_id: int | None = None, every_plan: bool = False, dialect: str = "sqlite",
                    lives: tuple[bool, bool, bool] = (True, True, True), carry=(), with_facts_only: bool = False):
    """One SELECT: per milestone in scope, `milestone_id`, `latest` (its latest fact up to the date, packed, or
    NO_FACT) and `completed` (the day number of the first of its final run of `done` facts, or NO_DAY), plus the
    milestone columns named in `carry`; `with_facts_only`: only the milestones with a fact by the date (the caller
    knows the others). `as_of` is a date or a bound parameter.

    How the facts are found depends on the engine (both give the same rows, tests/status_oracle.py checks it):
    SQLite seeks the covering index once or twice per milestone; PostgreSQL, whose per-row subqueries cost more,
    walks its index of packed facts once, grouped by milestone.
    """
    m = MilestoneRow.__table__
    scope = [] if every_plan else [m.c.requirement_id.in_(plan_requirements(plan_id))]
    scope += unit_history.counting_on(as_of, m, lives)  # units not yet created, milestones closed: not counted
    if unit_codes is not None:
        scope.append(m.c.unit_code.in_(unit_codes))
    if requirement_codes is not None:
        # Within the plan: every plan has its own REP-QUY, and the plan's requirements are found by its index.
        of_plan = [] if every_plan else [RequirementRow.plan_id == plan_id_sql(plan_id)]
        scope.append(m.c.requirement_id.in_(
            select(RequirementRow.id).where(RequirementRow.code.in_(requirement_codes), *of_plan)))
    carried = [m.c[name] for name in carry]
    build = _facts_by_seeks if dialect == "sqlite" else _facts_by_scan
    return build(as_of, m, scope, dialect, carried, with_facts_only)


def _latest(as_of: date, milestone_id, what, *, offset: int = 0, name: str = "pick"):
    """A value of the milestone's latest fact up to the date (offset 1: of the fact before it): one seek down
    the covering index, reading nothing else."""
    u = aliased(UpdateRow.__table__, name=name)
    stmt = (select(what(u)).where(u.c.milestone_id == milestone_id, u.c.fact_date <= as_of)
            .order_by(u.c.fact_date.desc(), u.c.id.desc()).limit(1))
    return (stmt.offset(offset) if offset else stmt).scalar_subquery()


def _facts_by_seeks(as_of: date, m, scope, dialect: str, carried, with_facts_only: bool):
    """SQLite: the latest fact in one seek; when it is `done`, one more step back says whether the run started
    there (the usual history); only a milestone done twice in a row needs to find where its run began."""
    latest = func.coalesce(_latest(as_of, m.c.id, lambda u: packed_fact(u, dialect)), NO_FACT)
    # Fenced (LIMIT -1 OFFSET 0): SQLite would otherwise inline the seek into each use below and run it again.
    x = select(m.c.id.label("milestone_id"), latest.label("latest"), *carried).where(*scope).limit(-1).offset(0) \
        .subquery("x")
    previous_state = _latest(as_of, x.c.milestone_id, lambda u: u.c.state, offset=1, name="before")
    completed = case(
        (shifted(x.c.latest, STATE_SHIFT, 3) != DONE_CODE, NO_DAY),
        (func.coalesce(previous_state, "") != State.DONE.value, shifted(x.c.latest, DAY_SHIFT)),
        else_=_run_start(as_of, x, x.c.milestone_id, dialect),
    )
    stmt = select(x.c.milestone_id, x.c.latest, completed.label("completed"), *(x.c[c.name] for c in carried))
    return stmt.where(x.c.latest != NO_FACT) if with_facts_only else stmt


def _run_start(as_of, outer, milestone_id, dialect: str):
    """The day the milestone's final run of `done` facts began: the fact right after its last not-done one, or its
    first fact when every one is done (seeks in its own index entries; asked only where the quick answers do not
    apply)."""
    opened, after, first = (aliased(UpdateRow.__table__, name=name) for name in ("opened", "after", "first"))
    last_open = (select(opened.c.fact_date, opened.c.id)
                 .where(opened.c.milestone_id == milestone_id, opened.c.fact_date <= as_of,
                        opened.c.state != State.DONE.value)
                 .order_by(opened.c.fact_date.desc(), opened.c.id.desc()).limit(1)
                 .correlate(outer).scalar_subquery())  # two levels down: SQLAlchemy only correlates one by itself
    # Every fact after the last not-done one, up to the latest (which is done and not after the date), is done.
    next_one = (select(day_number(after.c.fact_date, dialect))
                .where(after.c.milestone_id == milestone_id, tuple_(after.c.fact_date, after.c.id) > last_open)
                .order_by(after.c.fact_date, after.c.id).limit(1).scalar_subquery())
    first_one = (select(day_number(first.c.fact_date, dialect)).where(first.c.milestone_id == milestone_id)
                 .order_by(first.c.fact_date, first.c.id).limit(1).scalar_subquery())
    return func.coalesce(next_one, first_one)


def _facts_by_scan(as_of: date, m, scope, dialect: str, carried, with_facts_only: bool):
    """PostgreSQL: one walk of the (milestone, packed) index in its order gives, per milestone, its latest fact,
    its latest not-done fact and its first done one, all as the packed integers the database stored (migration
    0019). When every done fact comes after the last not-done one (the usual history) the final run of `done`
    starts at the first; otherwise (a milestone reopened, or done and not done the same day) at the fact right
    after the last not-done one: one seek further down the same index."""
    u = STORED
    packed = u.c.packed
    done = is_done(packed)
    grouped = select(
        u.c.milestone_id,
        func.max(packed).label("last"),
        func.max(packed).filter(~done).label("last_open"),
        func.min(packed).filter(done).label("first_done"),
    ).where(packed < packed_before(as_of))
    if scope:
        grouped = grouped.where(u.c.milestone_id.in_(select(m.c.id).where(*scope)))
    # Asked in the index's order, PostgreSQL aggregates as it walks and merges with the milestones, instead of
    # hashing every fact.
    g = grouped.group_by(u.c.milestone_id).order_by(u.c.milestone_id).subquery("grouped")
    after = STORED.alias("after")
    reopened_run = (select(after.c.packed).where(after.c.milestone_id == g.c.milestone_id,
                                                 after.c.packed > g.c.last_open)
                    .order_by(after.c.packed).limit(1).scalar_subquery())
    completed = case(
        (g.c.last.is_(None) | ~is_done(g.c.last), NO_DAY),
        (g.c.last_open.is_(None) | (g.c.first_done > g.c.last_open), shifted(g.c.first_done, DAY_SHIFT)),
        else_=shifted(reopened_run, DAY_SHIFT),
    )
    if with_facts_only and not carried:  # no need to walk the milestones as well
        return select(g.c.milestone_id, g.c.last.label("latest"), completed.label("completed"))
    return (select(m.c.id.label("milestone_id"), func.coalesce(g.c.last, NO_FACT).label("latest"),
                   completed.label("completed"), *carried)
            .select_from(m.outerjoin(g, g.c.milestone_id == m.c.id)).where(*scope).order_by(m.c.id))


def snapshot_statement(as_of: date, unit_codes: list[str] | None = None, requirement_codes: list[str] | None = None,
                       *, plan_id: int | None = None, every_plan: bool = False, dialect: str = "sqlite",
                       lives: tuple[bool, bool, bool] = (True, True, True)):
    """The statuses in SQL, for what aggregates them in the database (tracking.views.national): per milestone,
    `milestone_id`, `unit_code`, `requirement_id`, the deadline in force on the date and the `status` — the same
    rule as snapshot(), which computes it from the same facts in arrays."""
    f = _fenced(facts_statement(as_of, unit_codes, requirement_codes, plan_id=plan_id, every_plan=every_plan,
                                dialect=dialect, lives=lives, carry=("unit_code", "requirement_id", "deadline")),
                dialect).subquery("facts")
    first, old = _deadline_replay(as_of)
    replayed = first.c.first_id.is_not(None)
    deadline = type_coerce(case((replayed, old.c.old_deadline), else_=f.c.deadline), Date)
    deadline_day = day_number(deadline, dialect)
    done = f.c.completed != NO_DAY
    status = case(
        (done & (deadline.is_(None) | (f.c.completed <= deadline_day)), literal(Status.DONE_ON_TIME.value)),
        (done, literal(Status.DONE_LATE.value)),
        (deadline.is_(None), literal(Status.NO_DEADLINE.value)),
        (deadline < as_of, literal(Status.OVERDUE.value)),
        else_=literal(Status.OPEN.value),
    )
    return (select(f.c.milestone_id, f.c.unit_code, f.c.requirement_id, deadline.label("deadline"),
                   status.label("status"), f.c.latest, f.c.completed)
            .select_from(f.outerjoin(first, first.c.milestone_id == f.c.milestone_id)
                         .outerjoin(old, old.c.id == first.c.first_id)))


def _fenced(stmt, dialect: str):
    """A subquery the engine may not inline: inlined, its subqueries would run again for each use below."""
    return stmt.limit(-1).offset(0) if dialect == "sqlite" else stmt.offset(0)


# The plan's words of a deadline an amendment changed after the as-of date.
REPLAYED_WORDS = ("old_named", "old_qualifier", "old_as_written", "old_clause")


def _deadline_replay(as_of: date):
    """Per milestone, the first deadline change made after the as-of date: its old value is the one then in force
    (amendments apply in date order, so the lowest id is the earliest). One grouped read of a small table."""
    c = MilestoneDeadlineChangeRow.__table__
    first = (select(c.c.milestone_id, func.min(c.c.id).label("first_id")).where(c.c.effective_on > as_of)
             .group_by(c.c.milestone_id).subquery("later_change"))
    return first, aliased(c, name="old_deadline")


def _replayed_deadlines(conn: Connection, as_of: date) -> list:
    """The deadlines (and the plan's words for them) in force on the date where an amendment changed them since:
    usually none."""
    first, old = _deadline_replay(as_of)
    return conn.execute(select(first.c.milestone_id, old.c.old_deadline, old.c.old_source,
                               *(old.c[name] for name in REPLAYED_WORDS))
                        .join_from(first, old, old.c.id == first.c.first_id)).all()


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

    The database gives what depends on the date (the latest fact, the completion); names, titles, deadlines and
    the plan's order come from the catalogue of milestones, read again only when its stamp says it changed. The
    evidence and note of the latest fact are not here: tracking.views.evidence reads them for the rows shown.
    """
    with engine.connect() as conn:
        # The catalogue first: a first read in this process starts at once on another connection (PostgreSQL).
        storable = isinstance(engine, Engine)  # not a caller's connection in a transaction (the bench's change)
        coming = catalogue_coming(conn, plan_id, every_plan, apart=_reader_apart(engine), storable=storable)
        lives = unit_history.needed(conn, as_of, None if every_plan else plan_requirements(plan_id))
        # When every milestone of the catalogue counts and the catalogue holds all the stamp counted, the milestones
        # without a fact need not be asked for (a catalogue still being read is taken to hold them, and checked).
        whole = unit_codes is None and requirement_codes is None and not any(lives[:3])
        if coming.done():
            catalogue = coming.result()
            whole = whole and catalogue.attrs.get(STAMPED) == len(catalogue)
        scope = (engine.dialect.name, tuple(unit_codes) if unit_codes is not None else None,
                 tuple(requirement_codes) if requirement_codes is not None else None, plan_id, every_plan,
                 tuple(lives[:3]))
        ids, latest, completed = integer_columns(conn.execute(_facts_for(*scope, whole), {AS_OF.key: as_of}))
        catalogue = catalogue_arrived(coming, conn, plan_id, every_plan, storable)
        if whole and catalogue.attrs.get(STAMPED) != len(catalogue):  # read while milestones were added
            whole = False
            ids, latest, completed = integer_columns(conn.execute(_facts_for(*scope, whole), {AS_OF.key: as_of}))
        where = catalogue.index.get_indexer(ids)
        if (where < 0).any():  # a milestone added between the two reads (PostgreSQL reads each statement afresh)
            catalogue = read_catalogue(conn, plan_id, every_plan)
            where = catalogue.index.get_indexer(ids)
        replayed = _replayed_deadlines(conn, as_of) if lives.amended else []
        if whole or len(where) == len(catalogue):  # all of the catalogue (ids are unique): its order as it is
            rows = None
            latest, completed = _spread(latest, where, len(catalogue), NO_FACT), \
                _spread(completed, where, len(catalogue), NO_DAY)
        else:  # the plan's order, kept by the catalogue
            order = np.argsort(where, kind="stable")
            rows, latest, completed = where[order], latest[order], completed[order]
        frame = _frame(catalogue, rows, latest, completed, as_of, replayed)
        return unit_history.as_they_were(frame, conn, as_of, catalogue, rows, lives.changed) \
            if lives.changed else frame


def _reader_apart(engine) -> Engine | None:
    """The engine a whole catalogue may be read on beside the facts: PostgreSQL's only. There the other statement runs
    in another server process (a fresh process's first national snapshot: 0.20–0.28 → 0.17–0.19 s, same CPU); SQLite
    runs inside this process, and the reader thread's Python contends with the facts' fetch for the interpreter's
    lock (0.24–0.25 → 0.25–0.40 s, CPU 0.25 → 0.33–0.40 s, measured 07/12/2026 at 63 provinces)."""
    return engine if isinstance(engine, Engine) and engine.dialect.name == "postgresql" else None


AS_OF = bindparam("as_of", type_=Date)


@lru_cache(maxsize=64)
def _facts_for(dialect: str, unit_codes: tuple | None, requirement_codes: tuple | None, plan_id: int | None,
               every_plan: bool, lives: tuple[bool, bool, bool], with_facts_only: bool):
    """The facts statement of a scope, the date left as a parameter: built once (building it costs as much as a
    tenth of the floor), then only executed."""
    return facts_statement(AS_OF, list(unit_codes) if unit_codes is not None else None,
                           list(requirement_codes) if requirement_codes is not None else None, plan_id=plan_id,
                           every_plan=every_plan, dialect=dialect, lives=lives, with_facts_only=with_facts_only)


def _spread(values: np.ndarray, where: np.ndarray, size: int, missing: int) -> np.ndarray:
    """The values at their places among `size` (`missing` at the places no value goes to)."""
    out = np.full(size, missing, dtype=values.dtype)
    out[where] = values
    return out


def _frame(catalogue: pd.DataFrame, rows: np.ndarray | None, latest: np.ndarray, completed: np.ndarray,
           as_of: date, replayed: list) -> pd.DataFrame:
    """The snapshot's rows: the catalogue's columns for `rows` (None: all, as they are) beside the as-of ones.

    The catalogue's columns are shared, not copied (copy-on-write: whoever changes a column gets a copy of it, and
    the shared catalogue stays as it was)."""
    labels = catalogue if rows is None else catalogue.iloc[rows]
    index = labels.index
    deadline_day = labels["deadline_day"].to_numpy()
    has_fact = latest != NO_FACT
    state = np.where(has_fact, (latest >> STATE_SHIFT) & 3, len(STATES))
    percent = latest & NO_PERCENT
    unknown = percent == NO_PERCENT
    # As the pure rules say: `done` without a percent counts as 100.
    percent = np.where(unknown & (state == DONE_CODE), 100, percent)
    percent_missing = ~has_fact | (unknown & (state != DONE_CODE))
    replaced = {}
    if replayed:
        deadline_day = _replay(replaced, labels, deadline_day, replayed)
    status = _status_codes(completed, deadline_day, as_of)
    days_left = deadline_day - day_of(as_of)
    due_soon = (status == OPEN) & (deadline_day != NO_DAY) & (days_left >= 0) & (days_left <= DUE_SOON_DAYS)
    as_of_columns = {
        "milestone_id": index.to_numpy(), "status": STATUS_NAMES[status], "state": STATE_NAMES[state],
        "percent": pd.arrays.IntegerArray(percent, percent_missing), "completed_on": dates_of(completed),
        "last_fact_date": dates_of(np.where(has_fact, latest >> DAY_SHIFT, NO_DAY)), "due_soon": due_soon, **replaced,
    }
    frame = pd.DataFrame({
        name: pd.Series(as_of_columns[name], index=index, dtype=_DTYPES.get(name, object), copy=False)
        if name in as_of_columns else labels[name]
        for name in SNAPSHOT_COLUMNS}, copy=False)
    frame.index = pd.RangeIndex(len(frame))
    return frame


_DTYPES = {"milestone_id": np.int64, "percent": "Int64", "due_soon": bool}


def _status_codes(completed: np.ndarray, deadline_day: np.ndarray, as_of: date) -> np.ndarray:
    """tracking.domain.status.classify, for every milestone at once (day numbers; NO_DAY: none)."""
    done = completed != NO_DAY
    no_deadline = deadline_day == NO_DAY
    return np.select(
        [done & (no_deadline | (completed <= deadline_day)), done, no_deadline, deadline_day < day_of(as_of)],
        [ON_TIME, LATE, NO_DEADLINE, OVERDUE], OPEN)


def _replay(replaced: dict, labels: pd.DataFrame, deadline_day: np.ndarray, replayed: list) -> np.ndarray:
    """Where an amendment changed the deadline after the as-of date: the deadline, its source and the plan's
    words then in force (into `replaced`), and the day numbers of the deadlines then in force."""
    at = labels.index.get_indexer([row.milestone_id for row in replayed])
    if not (at >= 0).any():
        return deadline_day
    deadline_day = deadline_day.copy()
    targets = {"old_deadline": "deadline", "old_source": "deadline_source",
               **{name: name.replace("old_", "deadline_") for name in REPLAYED_WORDS}}
    replaced.update({target: labels[target].to_numpy().copy() for target in targets.values()})
    for place, row in zip(at, replayed):
        if place < 0:
            continue
        for name, target in targets.items():
            replaced[target][place] = getattr(row, name)
        deadline_day[place] = NO_DAY if row.old_deadline is None else day_of(row.old_deadline)
    return deadline_day


def frame_from_cursor(result, dates: Iterable[str] = ()) -> pd.DataFrame:
    """A DataFrame of object columns built column-wise (see columns_from_cursor)."""
    return pd.DataFrame({key: pd.Series(values, dtype=object)
                         for key, values in columns_from_cursor(result, dates).items()})


def columns_from_cursor(result, dates: Iterable[str] = ()) -> dict[str, np.ndarray]:
    """Column-wise from the driver's own rows: SQLAlchemy's per-row objects and type processing cost more than
    the query at national scale, and so does turning the rows into tuples of columns (zip(*rows) leaves Python's
    collector a full pass over the heap to make, ≈50 ms at 63 provinces). SQLite hands dates back as ISO text;
    `dates` names the columns to turn into dates (each distinct day parsed once)."""
    keys = list(result.keys())
    columns = fetched(result, lambda rows: {key: np.fromiter(map(itemgetter(i), rows), dtype=object, count=len(rows))
                                            for i, key in enumerate(keys)})
    for name in dates:
        values = columns.get(name)
        first = next((value for value in values if value is not None), None) if values is not None else None
        if isinstance(first, str):
            at, distinct = pd.factorize(values)  # -1 where None: the None appended last
            days = np.array(distinct, dtype="datetime64[D]").astype(object)
            columns[name] = np.append(days, None)[at]
    return columns
