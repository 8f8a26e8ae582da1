"""How units change over time: renames, changes of kind, merges and splits, and a unit as it was on a day."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

CHANGE_KINDS = ("rename", "reclassify", "merge", "split")
CHANGE_LABELS = {"rename": ("Đổi tên", "Renamed"), "reclassify": ("Đổi loại", "Kind changed"),
                 "merge": ("Nhập", "Merged"), "split": ("Chia", "Split")}
CLOSURE_ACTIONS = ("moved", "closed")
NO_LONGER_APPLIES = "không còn áp dụng"


@dataclass(frozen=True)
class UnitChange:
    day: date
    kind: str
    units: tuple[str, ...]             # the unit(s) before the change
    successors: tuple[str, ...] = ()   # merge: the successor; split: the new units
    name: str | None = None            # rename / reclassify: the name from `day` on
    unit_kind: str | None = None       # reclassify: the kind from `day` on (xã → thị trấn, huyện → thị xã)
    parent: str | None = None          # a move under another parent from `day` on
    act: str = ""
    note: str | None = None


@dataclass(frozen=True)
class Version:
    name: str
    kind: str | None
    parent: str | None


def version_on(start: Version, changes: list[UnitChange], day: date) -> Version:
    """The unit's name, kind and parent in force on `day`: the start values, then every change made by then."""
    name, kind, parent = start.name, start.kind, start.parent
    for change in sorted(changes, key=lambda c: c.day):
        if change.day > day:
            break
        name, kind, parent = change.name or name, change.unit_kind or kind, change.parent or parent
    return Version(name, kind, parent)
