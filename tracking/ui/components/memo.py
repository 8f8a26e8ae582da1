"""What a page derives from a shared dashboard (figures, tables), built once per dashboard and kept while it lives.

A dashboard is shared by every session that views the same plan and date (tracking.ui.data); building a Plotly
figure costs 30–40 ms and a table 5–20 ms, every view. Keys name what is built and everything it depends on besides
the dashboard (language, filters, unit). Values are shared: callers show them, never modify them.
"""
from __future__ import annotations

import threading
import weakref
from typing import Callable, Hashable, TypeVar

from tracking.views.dashboard import DashboardData

T = TypeVar("T")
_memos: dict[int, dict[Hashable, object]] = {}
_lock = threading.Lock()
MAX_PER_BOARD = 400  # filter choices are many; a dashboard keeps at most this many derived things


def per_board(board: DashboardData, key: Hashable, build: Callable[[], T]) -> T:
    with _lock:
        memo = _memos.get(id(board))
        if memo is None:
            memo = _memos[id(board)] = {}
            weakref.finalize(board, _memos.pop, id(board), None)  # before the id can be reused
        if key in memo:
            return memo[key]  # type: ignore[return-value]
    value = build()
    with _lock:
        if len(memo) >= MAX_PER_BOARD:
            memo.clear()
        memo[key] = value
    return value
