"""Telling a task table from a layout table by its header: the words a column of tasks, leads, times carries."""
from __future__ import annotations

import re

from .text import fold

_COLUMNS = (
    ("number", re.compile(r"^(?:stt|tt|so tt|so thu tu)$")),
    ("lead", re.compile(r"chu tri|co quan thuc hien|don vi thuc hien|co quan, don vi thuc hien|don vi chu tri")),
    ("coordinating", re.compile(r"phoi hop")),
    ("time", re.compile(r"thoi gian|thoi han|tien do|han hoan thanh|moc hoan thanh")),
    ("task", re.compile(r"noi dung|nhiem vu|cong viec|giai phap|hoat dong")),
)


def columns(row: tuple[str, ...]) -> dict[str, int]:
    found: dict[str, int] = {}
    for i, cell in enumerate(row):
        folded = fold(cell).strip()
        for name, pattern in _COLUMNS:
            if name not in found and pattern.search(folded):
                found[name] = i
                break
    return found


def header_row(rows: tuple[tuple[str, ...], ...]) -> int | None:
    """The row naming a task column and a lead or time column (within the first three), or None: no task table."""
    return next((i for i, r in enumerate(rows[:3]) if {"task", "lead"} <= set(columns(r))
                 or {"task", "time"} <= set(columns(r))), None)
