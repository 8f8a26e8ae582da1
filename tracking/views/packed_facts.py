"""Facts and days as integers: the SQL that packs a fact into one integer, and the arrays that read them back.

A fact packs as day << 44 | id << 10 | state << 8 | percent. It orders like (fact_date, id), so one MAX (or one
seek down the (milestone, day, id, state, percent) index) finds a milestone's latest fact and, in the low bits, all
a status needs from it, as one integer instead of a date, a string and a number. Days count from 1970 and may be
negative (the shifts are arithmetic); ids stay below 2^34; a percent is 0–100 on every write path (the services
and the import check it), 255 meaning none.

On PostgreSQL the database packs each fact as it is written (migration 0019: the STORED column `packed`, indexed
with its milestone); SQLite packs the facts it found, with packed_fact.
"""
from __future__ import annotations

from datetime import date
from itertools import chain

import numpy as np
from sqlalchemy import BigInteger, Date, Integer, case, cast, column, func, literal, literal_column, table
from sqlalchemy.sql.elements import ClauseElement

from tracking.domain.status import State
from tracking.views.joined_columns import fetched

EPOCH = date(1970, 1, 1)
SQLITE_EPOCH = 2440587  # julianday('1970-01-01') is 2440587.5: SQLite's day number, truncated, minus this
DAY_SHIFT, ID_SHIFT, STATE_SHIFT = 44, 10, 8
NO_PERCENT = 255
STATES = (State.NOT_STARTED, State.IN_PROGRESS, State.DONE)  # a state's code is its place here
DONE_CODE = STATES.index(State.DONE)
NO_FACT = 0  # ids start at 1: no fact packs to 0
NO_DAY = -(2**31)  # "no such day" among day numbers (not done, no deadline)


def day_number(column, dialect: str):
    """Whole days since 1970 of a date column (PostgreSQL: date − date; SQLite: its cheapest date function)."""
    if dialect == "postgresql":
        return cast(column - cast(literal(EPOCH), Date), BigInteger)
    return cast(func.julianday(column), BigInteger) - SQLITE_EPOCH


# PostgreSQL's updates with their packed facts. Not the model's table: the column exists on PostgreSQL only and no
# writer may name it (PostgreSQL computes it).
STORED = table("updates", column("milestone_id", Integer), column("packed", BigInteger))


def packed_fact(u, dialect: str):
    """The fact of row `u` (updates or an alias of it) as one integer."""
    state = case(*((u.c.state == s.value, code) for code, s in enumerate(STATES) if code), else_=0)
    return (day_number(u.c.fact_date, dialect) * 2**DAY_SHIFT + cast(u.c.id, BigInteger) * 2**ID_SHIFT
            + state * 2**STATE_SHIFT + func.coalesce(u.c.percent, NO_PERCENT))


def packed_before(as_of) -> ClauseElement:
    """PostgreSQL: the least packed fact of the day after `as_of` (a date or a bound parameter): a fact is up to
    the date when its packed integer is below it."""
    day = as_of if isinstance(as_of, ClauseElement) else literal(as_of, Date)
    return (day_number(day, "postgresql") + 1) * 2**DAY_SHIFT


def shifted(packed, shift: int, mask: int | None = None):
    """(packed >> shift) & mask in SQL: the day (DAY_SHIFT) or the state (STATE_SHIFT, 3) of a packed fact."""
    value = packed.op(">>")(literal_column(str(shift)))  # PostgreSQL shifts a bigint by an integer, not a bigint
    return value if mask is None else value.op("&")(literal_column(str(mask)))


def is_done(packed):
    """In SQL: the packed fact says `done` (one mask and one comparison a fact, in a grouped walk of every fact)."""
    return packed.op("&")(literal_column(str(3 << STATE_SHIFT))) == DONE_CODE << STATE_SHIFT


def day_of(day: date) -> int:
    return (day - EPOCH).days


def dates_of(days: np.ndarray) -> np.ndarray:
    """Day numbers as an object array of dates (None for NO_DAY); each day of the span is made once."""
    known = days != NO_DAY
    if not known.any():
        return np.full(len(days), None, dtype=object)
    first = days[known].min()
    span = np.arange(first, days[known].max() + 1).astype("datetime64[D]").astype(object)
    return np.append(span, None)[np.where(known, days - first, len(span))]


def integer_columns(result) -> list[np.ndarray]:
    """The columns of a result whose values are all integers, as int64 arrays, from the driver's own rows
    (SQLAlchemy's row objects cost more than the query at national scale)."""
    count = len(result.keys())
    table = fetched(result, lambda rows: np.fromiter(chain.from_iterable(rows), dtype=np.int64,
                                                     count=len(rows) * count).reshape(len(rows), count))
    return [table[:, i] for i in range(count)]
