"""Every change, from the append-only tables themselves (so nothing written can be missing from it)."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd
from sqlalchemy import Engine, false, select, union_all

from tracking.cells import safe_cell
from tracking.views.audit_arms import (  # noqa: F401 — ACTION_KINDS, AuditFilters: what the page imports from here
    ACTION_KINDS, AuditFilters, every_arm, filtered_arms,
)
from tracking.views.paging import PAGE_SIZE, Page, read_merged_page

AUDIT_COLUMNS = ["recorded_at", "recorded_by", "action", "unit_code", "subject", "detail", "source"]
DETAIL_COLUMNS = ["item", "period", "state", "day", "number", "evidence", "note", "role"]
# Newest first; changes of one instant by kind, subject and detail, then by every other column, so two changes of
# one instant keep their order from page to page.
TIE_BREAK = ["action", "subject", "detail", "recorded_by", "unit_code", "source", "item", "period", "state", "day",
             "number", "evidence", "note", "role"]


def audit_statement():
    """One row per change. `subject` and `detail` are a plain-text summary (CSV, command line); the columns after
    them (item, period, state, day, number, evidence, note, role) let a table say the same in either language."""
    return union_all(*every_arm()).subquery("audit")


def _filtered(filters: AuditFilters):
    """The whole filtered log as one statement (the command line's read, and what the page must agree with)."""
    arms = [arm.rows for arm in filtered_arms(filters)] or [every_arm()[0].where(false())]  # no kind matches
    a = union_all(*arms).subquery("audit")
    return select(*(a.c[c] for c in AUDIT_COLUMNS + DETAIL_COLUMNS)), a


def _read(engine: Engine, stmt) -> pd.DataFrame:
    with engine.connect() as conn:
        return _squeezed(pd.DataFrame(conn.execute(stmt).mappings().all(), columns=AUDIT_COLUMNS + DETAIL_COLUMNS))


def _squeezed(frame: pd.DataFrame) -> pd.DataFrame:
    frame["detail"] = frame["detail"].str.split().str.join(" ")
    return frame


def audit_page(engine: Engine, filters: AuditFilters = AuditFilters(), page: int = 1,
               page_size: int = PAGE_SIZE) -> Page:
    """One page of the log, newest first: a count and at most `page_size` rows, both in SQL (the history of a
    national database is hundreds of thousands of rows; none of them is read into memory beyond the page). Each
    table is counted and walked by its own time index (tracking.views.paging.read_merged_page)."""
    result = read_merged_page(engine, filtered_arms(filters), AUDIT_COLUMNS + DETAIL_COLUMNS, TIE_BREAK, page,
                              page_size)
    return replace(result, rows=_squeezed(result.rows))


def audit_log(
    engine: Engine, *, unit_code: str | None = None, user: str | None = None,
    start: date | None = None, end: date | None = None, limit: int | None = None, action: str | None = None,
) -> pd.DataFrame:
    """Newest first; `start`/`end` filter on the day the change was recorded (inclusive). For the command line and
    the tests: the page reads `audit_page`. `user` here is the exact username."""
    stmt, a = _filtered(AuditFilters(unit_code=unit_code, start=start, end=end, action=action))
    if user:
        stmt = stmt.where(a.c.recorded_by == user)
    stmt = stmt.order_by(a.c.recorded_at.desc())
    if limit:
        stmt = stmt.limit(limit)
    return _read(engine, stmt)


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with BOM, so Excel shows the Vietnamese letters; text that would run as a formula stays text."""
    shown = frame.copy()
    for column in shown.columns:
        if not pd.api.types.is_numeric_dtype(shown[column]):
            shown[column] = shown[column].map(safe_cell)
    return shown.to_csv(index=False).encode("utf-8-sig")
