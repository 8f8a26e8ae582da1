"""Status of every milestone as of a date (DESIGN.md §2): the facts found in the database, the rest in arrays.

Per milestone the database hands back two integers: its latest fact up to the date, packed with that fact's state
and percent (all read from the (milestone, day, id, state, percent) index, never from the row), and the first day of
its final run of `done` facts. Names, order and deadlines come from a catalogue read again only when the catalogue
stamp changes; the status is then the rule of tracking.domain.status.classify applied to whole arrays
(tests/status_oracle.py and tests/integration/test_snapshot_in_the_database.py hold both to the pure rules).
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from itertools import chain
from datetime import date
from typing import Iterable

import numpy as np
import pandas as pd
from sqlalchemy import (BigInteger, Connection, Date, Engine, case, cast, func, literal, literal_column, select,
                        type_coerce)
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
    "unit_position", "requirement_position", "due_soon",
]
DUE_SOON_DAYS = 14  # an open milestone this close to its deadline is flagged "sắp đến hạn"

# A fact as one integer: day << 44 | id << 10 | state << 8 | percent. It orders like (fact_date, id), so one MAX
# (or one seek) finds the latest fact and, in the low bits, all a status needs from it. Days count from 1970 and
# may be negative (the shifts are arithmetic); ids stay below 2^34; a percent is 0–100 on every write path (the
# services and the import check it), 255 meaning none.
EPOCH = date(1970, 1, 1)
SQLITE_EPOCH = 2440587  # julianday('1970-01-01') is 2440587.5: SQLite's day number, truncated, minus this
DAY_SHIFT, ID_SHIFT, STATE_SHIFT = 44, 10, 8
NO_PERCENT = 255
STATES = (State.NOT_STARTED, State.IN_PROGRESS, State.DONE)  # a state's code is its place here
DONE_CODE = STATES.index(State.DONE)
NO_FACT = 0  # ids start at 1: no fact packs to 0
NO_DAY = -(2**31)  # "no such day" among day numbers (not done, no deadline)
OLDEST = -(2**62)  # below every packed fact

STATE_NAMES = np.array([state.value for state in STATES] + [None], dtype=object)  # code 3: no fact yet
STATUS_NAMES = np.array([status.value for status in Status], dtype=object)
ON_TIME, LATE, OVERDUE, OPEN, NO_DEADLINE = (list(Status).index(s) for s in (
    Status.DONE_ON_TIME, Status.DONE_LATE, Status.OVERDUE, Status.OPEN, Status.NO_DEADLINE))


def day_number(column, dialect: str):
    """Whole days since 1970 of a date column (PostgreSQL: date − date; SQLite: its cheapest date function)."""
    if dialect == "postgresql":
        return cast(column - cast(literal(EPOCH), Date), BigInteger)
    return cast(func.julianday(column), BigInteger) - SQLITE_EPOCH


def packed_fact(u, dialect: str):
    """The fact of row `u` (an alias of updates) as one integer; see DAY_SHIFT."""
    state = case(*((u.c.state == s.value, code) for code, s in enumerate(STATES) if code), else_=0)
    return (day_number(u.c.fact_date, dialect) * 2**DAY_SHIFT + cast(u.c.id, BigInteger) * 2**ID_SHIFT
            + state * 2**STATE_SHIFT + func.coalesce(u.c.percent, NO_PERCENT))


def _shifted(packed, shift: int, mask: int | None = None):
    value = packed.op(">>")(literal_column(str(shift)))  # PostgreSQL shifts a bigint by an integer, not a bigint
    return value if mask is None else value.op("&")(literal_column(str(mask)))


def facts_statement(as_of: date, unit_codes: list[str] | None = None, requirement_codes: list[str] | None = None,
                    *, plan_id: int | None = None, every_plan: bool = False, dialect: str = "sqlite",
                    lives: tuple[bool, bool, bool] = (True, True, True), carry=()):
    """One SELECT: per milestone in scope, `milestone_id`, `latest` (its latest fact up to the date, packed, or
    NO_FACT) and `completed` (the day number of the first of its final run of `done` facts, or NO_DAY), plus the
    milestone columns named in `carry`.

    How the facts are found depends on the engine (both give the same rows, tests/status_oracle.py checks it):
    SQLite seeks the covering index once or twice per milestone; PostgreSQL, whose per-row subqueries cost more,
    walks the index once, grouped by milestone.
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
    carried = [m.c[name] for name in carry]
    build = _facts_by_seeks if dialect == "sqlite" else _facts_by_scan
    return build(as_of, m, scope, dialect, carried)


def _plan_requirements(plan_id: int | None):
    return select(RequirementRow.id).where(RequirementRow.plan_id == plan_id_sql(plan_id))


def _latest(as_of: date, milestone_id, what, *, offset: int = 0, name: str = "pick"):
    """A value of the milestone's latest fact up to the date (offset 1: of the fact before it): one seek down
    the covering index, reading nothing else."""
    u = aliased(UpdateRow.__table__, name=name)
    stmt = (select(what(u)).where(u.c.milestone_id == milestone_id, u.c.fact_date <= as_of)
            .order_by(u.c.fact_date.desc(), u.c.id.desc()).limit(1))
    return (stmt.offset(offset) if offset else stmt).scalar_subquery()


def _facts_by_seeks(as_of: date, m, scope, dialect: str, carried):
    """SQLite: the latest fact in one seek; when it is `done`, one more step back says whether the run started
    there (the usual history); only a milestone done twice in a row needs to find where its run began."""
    packed = lambda u: packed_fact(u, dialect)  # noqa: E731
    latest = func.coalesce(_latest(as_of, m.c.id, packed), NO_FACT)
    # Fenced (LIMIT -1 OFFSET 0): SQLite would otherwise inline the seek into each use below and run it again.
    x = select(m.c.id.label("milestone_id"), latest.label("latest"), *carried).where(*scope).limit(-1).offset(0) \
        .subquery("x")
    previous_state = _latest(as_of, x.c.milestone_id, lambda u: u.c.state, offset=1, name="before")
    opened = aliased(UpdateRow.__table__, name="opened")
    last_open = (select(packed(opened))
                 .where(opened.c.milestone_id == x.c.milestone_id, opened.c.fact_date <= as_of,
                        opened.c.state != State.DONE.value)
                 .order_by(opened.c.fact_date.desc(), opened.c.id.desc()).limit(1)
                 .correlate(x).scalar_subquery())  # two levels down: SQLAlchemy only correlates one by itself
    after = aliased(UpdateRow.__table__, name="after")
    run_start = (select(func.min(day_number(after.c.fact_date, dialect)))
                 .where(after.c.milestone_id == x.c.milestone_id, after.c.fact_date <= as_of,
                        packed(after) > func.coalesce(last_open, OLDEST))
                 .scalar_subquery())
    completed = case(
        (_shifted(x.c.latest, STATE_SHIFT, 3) != DONE_CODE, NO_DAY),
        (func.coalesce(previous_state, "") != State.DONE.value, _shifted(x.c.latest, DAY_SHIFT)),
        else_=run_start,
    )
    return select(x.c.milestone_id, x.c.latest, completed.label("completed"), *(x.c[c.name] for c in carried))


def _facts_by_scan(as_of: date, m, scope, dialect: str, carried):
    """PostgreSQL: one walk of the covering index in its order gives, per milestone, its latest fact, its latest
    not-done fact and its first done fact. The final run of `done` starts at the first done fact when that comes
    after the last not-done one (the usual history); only a milestone reopened and done again needs a look back at
    its facts."""
    u = UpdateRow.__table__
    facts = select(u.c.milestone_id, packed_fact(u, dialect).label("fact"),
                   (u.c.state == State.DONE.value).label("done")).where(u.c.fact_date <= as_of)
    if scope:
        facts = facts.where(u.c.milestone_id.in_(select(m.c.id).where(*scope)))
    # In the index's order and fenced (OFFSET 0): the fact is packed once per row, and the groups come sorted, so
    # PostgreSQL aggregates as it walks instead of hashing every fact.
    f = facts.order_by(u.c.milestone_id).offset(0).subquery("facts_up_to")
    g = select(
        f.c.milestone_id,
        func.max(f.c.fact).label("last"),
        func.max(f.c.fact).filter(~f.c.done).label("open"),
        func.min(f.c.fact).filter(f.c.done).label("first_done"),
    ).group_by(f.c.milestone_id).subquery("grouped")
    again = aliased(UpdateRow.__table__, name="again")
    done_again = (
        select(func.min(day_number(again.c.fact_date, dialect)))
        .where(again.c.milestone_id == g.c.milestone_id, again.c.state == State.DONE.value,
               again.c.fact_date <= as_of, packed_fact(again, dialect) > g.c.open)
        .scalar_subquery()
    )
    completed = case(
        (g.c.last.is_(None) | (g.c.open == g.c.last), NO_DAY),  # no fact, or the latest is not done
        (g.c.open.is_(None) | (g.c.first_done > g.c.open), _shifted(g.c.first_done, DAY_SHIFT)),
        else_=done_again,
    )
    return (select(m.c.id.label("milestone_id"), func.coalesce(g.c.last, NO_FACT).label("latest"),
                   completed.label("completed"), *carried)
            .select_from(m.outerjoin(g, g.c.milestone_id == m.c.id)).where(*scope))


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

    The database gives what depends on the date (the latest fact, the completion); names, titles, deadlines and
    the plan's order come from the catalogue of milestones, read again only when its stamp says it changed. The
    evidence and note of the latest fact are not here: tracking.views.evidence reads them for the rows shown.
    """
    stmt = facts_statement(
        as_of,
        list(unit_codes) if unit_codes is not None else None,
        list(requirement_codes) if requirement_codes is not None else None,
        plan_id=plan_id, every_plan=every_plan, dialect=engine.dialect.name,
        lives=unit_history.needed(engine, as_of, None if every_plan else _plan_requirements(plan_id)),
    )
    with engine.connect() as conn:
        catalogue = milestone_catalogue(conn, plan_id, every_plan)
        ids, latest, completed = integer_columns(conn.execute(stmt))
        where = catalogue.index.get_indexer(ids)
        if (where < 0).any():  # a milestone added between the two reads (PostgreSQL reads each statement afresh)
            catalogue = _read_catalogue(conn, plan_id, every_plan)
            where = catalogue.index.get_indexer(ids)
        replayed = _replayed_deadlines(conn, as_of)
    if len(where) == len(catalogue):  # every milestone of the catalogue (ids are unique): its order as it is
        rows = None
        latest, completed = _scattered(latest, where), _scattered(completed, where)
    else:  # the plan's order, kept by the catalogue
        order = np.argsort(where, kind="stable")
        rows, latest, completed = where[order], latest[order], completed[order]
    frame = _frame(catalogue, rows, latest, completed, as_of, replayed)
    return unit_history.as_they_were(frame, engine, as_of)


def _scattered(values: np.ndarray, where: np.ndarray) -> np.ndarray:
    out = np.empty_like(values)
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
    days_left = deadline_day - _day(as_of)
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
        [done & (no_deadline | (completed <= deadline_day)), done, no_deadline, deadline_day < _day(as_of)],
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
        deadline_day[place] = NO_DAY if row.old_deadline is None else _day(row.old_deadline)
    return deadline_day


def _day(day: date) -> int:
    return (day - EPOCH).days


def dates_of(days: np.ndarray) -> np.ndarray:
    """Day numbers as an object array of dates (None for NO_DAY); each distinct day is made once."""
    if not len(days):
        return np.empty(0, dtype=object)
    distinct, at = np.unique(days, return_inverse=True)
    made = np.where(distinct == NO_DAY, np.datetime64("NaT"), distinct.astype("datetime64[D]")).astype(object)
    return made[at]


def integer_columns(result) -> list[np.ndarray]:
    """The columns of a result whose values are all integers, as int64 arrays, from the driver's own rows
    (SQLAlchemy's row objects cost more than the query at national scale)."""
    count = len(result.keys())
    rows = result.cursor.fetchall() if result.cursor is not None else []
    result.close()
    flat = np.fromiter(chain.from_iterable(rows), dtype=np.int64, count=len(rows) * count)
    table = flat.reshape(len(rows), count)
    return [table[:, i] for i in range(count)]


WORD_COLUMNS = ("deadline_clause", "deadline_as_written", "deadline_named", "deadline_qualifier")


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
    """Three reads (milestones, their units, their requirements) put together by position in arrays: a merge of
    frames costs more than the reads at national scale."""
    m = MilestoneRow.__table__
    milestones = select(m.c.id, m.c.unit_code, m.c.requirement_id, func.nullif(m.c.period, ""),
                        func.coalesce(day_number(m.c.deadline, conn.dialect.name), NO_DAY), m.c.deadline_source)
    if not every_plan:
        milestones = milestones.where(m.c.requirement_id.in_(_plan_requirements(plan_id)))
    unit_stmt, requirement_stmt = catalogue_statements(plan_id, every_plan)
    ids, unit_codes, requirement_ids, periods, deadline_day, sources = _columns(conn.execute(milestones), 6)
    units = _columns(conn.execute(unit_stmt), 9)
    requirements = _columns(conn.execute(requirement_stmt), 12)
    unit_keys, requirement_keys = units.pop(0), requirements[0]
    # Index -1 (a unit or requirement outside the scope's lists) takes the None appended at the end of each.
    at_unit = pd.Index(unit_keys).get_indexer(unit_codes)
    at_requirement = pd.Index(np.asarray(requirement_keys, dtype=np.int64)).get_indexer(
        np.asarray(requirement_ids, dtype=np.int64))
    unit_position = _with_none(units[7])[at_unit]
    requirement_position = _with_none(requirements[6])[at_requirement]
    periods = np.asarray(periods, dtype=object)
    order = np.lexsort((_ranks(periods), _ranks(requirement_position), _ranks(unit_position)))
    at_unit, at_requirement = at_unit[order], at_requirement[order]
    deadline_day = np.asarray(deadline_day, dtype=np.int64)[order]
    sources = np.asarray(sources, dtype=object)[order]
    columns = {"unit_code": np.asarray(unit_codes, dtype=object)[order], "period": periods[order],
               "deadline": dates_of(deadline_day), "deadline_source": sources, "deadline_day": deadline_day}
    unit_names = ("unit_name", "unit_short_name", "unit_level", "unit_group", "parent_code", "parent_name",
                  "district_code", "unit_position")
    for name, values in zip(unit_names, units):
        columns[name] = _with_none(values)[at_unit]
    requirement_names = ("requirement_code", "requirement_title", "area", "clause", "kind", "requirement_position",
                         *(f"plan_{name}" for name in WORD_COLUMNS), "deadline_note")
    plan_words = {}
    for name, values in zip(requirement_names, requirements[1:]):
        (plan_words if name.startswith("plan_") else columns)[name] = _with_none(values)[at_requirement]
    # The clause the date comes from and the plan's words: a date set later in the app, or proposed by the
    # software, is not the plan's.
    from_plan = np.isin(sources, ("plan", "inferred")) | (deadline_day == NO_DAY)
    for name in WORD_COLUMNS:
        columns[name] = np.where(from_plan, plan_words[f"plan_{name}"], None)
    if conn.dialect.name == "sqlite":  # SQLite hands dates back as ISO text
        columns["deadline_named"] = _parsed_dates(columns["deadline_named"])
    index = pd.Index(np.asarray(ids, dtype=np.int64)[order], name="milestone_id")
    return pd.DataFrame({name: pd.Series(values, index=index, dtype=values.dtype, copy=False)
                         for name, values in columns.items()}, copy=False)


def _columns(result, count: int) -> list[tuple]:
    rows = result.cursor.fetchall() if result.cursor is not None else []
    result.close()
    return list(zip(*rows)) if rows else [()] * count


def _with_none(values) -> np.ndarray:
    """The values and a None after them, for index -1."""
    out = np.empty(len(values) + 1, dtype=object)
    out[:-1] = values
    return out


def _ranks(values: np.ndarray) -> np.ndarray:
    """Sort keys with missing values first (as sort_values(na_position="first") orders them)."""
    codes, _ = pd.factorize(values, sort=True, use_na_sentinel=True)
    return codes


def _parsed_dates(values: np.ndarray) -> np.ndarray:
    if not any(isinstance(value, str) for value in values):
        return values
    return np.array(values, dtype="datetime64[D]").astype(object)


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
        first = next((value for value in values if value is not None), None)
        if isinstance(first, str):  # numpy parses ISO days in C; NaT comes back as None
            columns[name] = np.array(values, dtype="datetime64[D]").astype(object)
    return columns
