"""One page of a long list, read in SQL: a count of what matches and at most `page_size` rows, so a national table
(274,000 changes, 12,000 accounts) never comes into memory whole."""
from __future__ import annotations

import operator
from dataclasses import dataclass
from functools import reduce
from typing import Sequence

import pandas as pd
from sqlalchemy import ColumnElement, Engine, Select, func, select, union_all

PAGE_SIZE = 50


@dataclass(frozen=True)
class Page:
    rows: pd.DataFrame
    total: int       # rows matching the filters, all pages
    page: int        # 1-based, clamped to the pages there are
    page_size: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))


def read_page(engine: Engine, stmt: Select, order_by: Sequence, columns: Sequence[str], page: int = 1,
              page_size: int = PAGE_SIZE) -> Page:
    """`stmt` filtered but unordered; `order_by` must settle ties, so a row is on exactly one page. A page past the
    end shows the last one."""
    with engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(stmt.subquery())).scalar_one()
        page = min(max(1, page), max(1, -(-total // page_size)))
        result = conn.execute(stmt.order_by(*order_by).limit(page_size).offset((page - 1) * page_size))
        rows = pd.DataFrame(result.mappings().all(), columns=list(columns))
    return Page(rows, total, page, page_size)


def like_escaped(text: str) -> str:
    """Typed text as itself in a LIKE pattern (with ESCAPE '\\'): '_' and '%' are letters of a name, not wildcards."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


@dataclass(frozen=True)
class Arm:
    """One table's share of a list merged from several, newest first, under the list's filters: its rows (the list's
    columns), the column `at` that orders them (of the arm's own table, so an index on it serves), the times alone
    (one column) and a count of the rows."""
    rows: Select
    at: ColumnElement
    times: Select
    counted: Select


def read_merged_page(engine: Engine, arms: Sequence[Arm], columns: Sequence[str], tie_break: Sequence[str],
                     page: int = 1, page_size: int = PAGE_SIZE) -> Page:
    """The page of the arms' union ordered by `columns[0]` descending, then `tie_break` ascending, without sorting
    the union: the count is the arms' counts added; the page's first and last times are found by walking the arms'
    times in index order (from the oldest end when the page is nearer it, so the last page costs what the first
    does); only the rows between those two times are read whole and sorted. The walk is bounded by half the list."""
    with engine.connect() as conn:
        total = conn.execute(_sum(arm.counted for arm in arms)).scalar_one() if arms else 0
        page = min(max(1, page), max(1, -(-total // page_size)))
        skip = (page - 1) * page_size
        size = min(page_size, total - skip)
        empty = Page(pd.DataFrame([], columns=list(columns)), total, page, page_size)
        if size <= 0:
            return empty
        newest_first = skip <= total - skip - size
        if not newest_first:  # the same rows, counted from the other end, turned round below
            skip = total - skip - size
        times = union_all(*(arm.times for arm in arms))
        at = times.selected_columns[0]
        bounds = conn.execute(times.order_by(at.desc() if newest_first else at.asc()).limit(size).offset(skip))
        bounds = bounds.scalars().all()
        if not bounds:  # the list changed between the count and now
            return empty
        first, last = bounds[0], bounds[-1]
        before = conn.execute(_sum(arm.counted.where(arm.at > first if newest_first else arm.at < first)
                                   for arm in arms)).scalar_one()
        low, high = (last, first) if newest_first else (first, last)
        rows = union_all(*(arm.rows.where(arm.at >= low, arm.at <= high) for arm in arms))
        keys = [rows.selected_columns[columns[0]].desc()] + [rows.selected_columns[c].asc() for c in tie_break]
        if not newest_first:
            keys = [rows.selected_columns[columns[0]].asc()] + [rows.selected_columns[c].desc() for c in tie_break]
        found = conn.execute(rows.order_by(*keys).limit(size).offset(skip - before)).mappings().all()
    frame = pd.DataFrame(found if newest_first else found[::-1], columns=list(columns))
    return Page(frame.reset_index(drop=True), total, page, page_size)


def _sum(counts) -> Select:
    return select(reduce(operator.add, (count.scalar_subquery() for count in counts)))
