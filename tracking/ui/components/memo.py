"""What a page derives from a shared dashboard (figures, tables), built once per dashboard and kept while it lives.

A dashboard is shared by every session that views the same plan and date (tracking.ui.data); building a Plotly
figure costs 30–40 ms and a table 5–20 ms, every view. Keys name what is built and everything it depends on besides
the dashboard (language, filters, unit). Values are shared: callers show them, never modify them.

Derived things weigh about 2 MB per dashboard (Plotly figures mostly) against ≈0.7 MB for the dashboard itself, so
they are kept for the MAX_BOARDS dashboards used last only: the shared cache can then hold every province at a few
dates (tracking.ui.data.SHARED_ENTRIES; `bench cache`) within the memory target, and a dashboard whose figures were
dropped rebuilds them (tens of ms) without reading the database again.
"""
from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from typing import Callable, Hashable, TypeVar

from tracking.views.dashboard import DashboardData

T = TypeVar("T")
_memos: OrderedDict[int, dict[Hashable, object]] = OrderedDict()  # least recently used first
_lock = threading.Lock()
MAX_PER_BOARD = 400  # filter choices are many; a dashboard keeps at most this many derived things
MAX_BOARDS = 32  # dashboards whose derived things are kept


def per_board(board: DashboardData, key: Hashable, build: Callable[[], T]) -> T:
    with _lock:
        memo = _memos.get(id(board))
        if memo is None:
            memo = _memos[id(board)] = {}
            # Forgotten when the board goes, before its id can be reused; without the lock, since the collector may
            # run this while this thread holds it (one dict operation is atomic).
            weakref.finalize(board, _memos.pop, id(board), None)
            while len(_memos) > MAX_BOARDS:
                _memos.popitem(last=False)
        _memos.move_to_end(id(board))
        if key in memo:
            return memo[key]  # type: ignore[return-value]
    value = build()
    with _lock:
        if len(memo) >= MAX_PER_BOARD:
            memo.clear()
        memo[key] = value
    return value
