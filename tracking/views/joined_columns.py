"""Columns read as one text each: a SELECT's values joined by the database (`group_concat`/`string_agg`) and split
in C, instead of made one by one into Python objects from the driver's rows."""
from __future__ import annotations

import gc
import threading
from contextlib import contextmanager
from operator import itemgetter

import numpy as np
from sqlalchemy import Connection, Text, cast, func, select

NUMBERS, TEXTS = "numbers", "texts"  # what a column holds: whole numbers (never NULL), or texts
SEPARATOR, NULL = "\x1f", "\x1e"  # ASCII's unit and record separators: in no code, name or title


def columns_of(conn: Connection, stmt, kinds: tuple[str, ...]) -> list[np.ndarray]:
    """The columns of `stmt` (of the kinds given): the country's 55,000 milestones are one row of a few values
    instead of a few hundred thousand values made one by one into Python objects, and numbers are parsed in C. Each
    aggregate takes every row in the same order, so the columns stay aligned; a text holding the separator (which
    none should) is found by the count, and the rows are read instead."""
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
            return row_columns(driver_rows(conn, stmt), kinds)
        columns.append(values)
    return columns


def driver_rows(conn: Connection, stmt) -> list[tuple]:
    """The driver's own rows (SQLAlchemy's row objects cost more than the read at national scale)."""
    return fetched(conn.execute(stmt))


def fetched(result, into=None):
    """An executed result's rows as the driver gives them, the result closed: the one way the snapshot, the
    catalogue and the bench's floor read rows, so that they are timed alike. `into`: what the rows are made into
    (arrays), while the collector is still held off, so that it never meets the rows' tuples."""
    with collector_paused():
        rows = result.cursor.fetchall() if result.cursor is not None else []
        result.close()
        if into is not None:
            rows = into(rows)
    return rows


_pauses = 0  # readers inside collector_paused(), in every thread
_paused_by_us = False
_pauses_lock = threading.Lock()


@contextmanager
def collector_paused():
    """Python's cycle collector held off while the driver makes a row tuple per milestone: 55,000 new tuples
    would run it some eighty times, and in a fresh process (the imports' objects not yet counted as old) end in a
    full pass over the whole heap, ≈0.1 s, as long as the read itself. The tuples hold only numbers, texts and
    dates, never a cycle; at the next collection they are found untracked. Counted across threads: the collector
    comes back when the last reader leaves, and only if it was on before."""
    global _pauses, _paused_by_us
    with _pauses_lock:
        if _pauses == 0:
            _paused_by_us = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _pauses_lock:
            _pauses -= 1
            if _pauses == 0 and _paused_by_us:
                gc.enable()


def row_columns(rows: list[tuple], kinds: tuple[str, ...]) -> list[np.ndarray]:
    return [np.fromiter(map(itemgetter(i), rows), dtype=np.int64 if kind == NUMBERS else object, count=len(rows))
            for i, kind in enumerate(kinds)]


def listed(values) -> np.ndarray:
    """The values and a None after them: what place -1 ("not in the list") reads."""
    out = np.empty(len(values) + 1, dtype=object)
    out[:-1] = values
    return out
