"""Vietnam's public holidays (data/holidays_vn.yaml), for moving a due date off a day off, and the years the list
covers: a plan with due dates in a year it does not cover is told so, since a due date falling on that year's Tết or
Quốc khánh would silently stay where it is (the days off of a year are fixed by that year's announcements, which
this software cannot guess)."""
from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path

import yaml

from tracking.errors import DataFileError
from tracking.plans.loader import DATA_DIR

HOLIDAYS_FILE = DATA_DIR / "holidays_vn.yaml"


@lru_cache(maxsize=4)
def load_holidays(path: Path = HOLIDAYS_FILE) -> frozenset[date]:
    raw = _read(path)
    days, problems = set(), []
    for i, row in enumerate((raw or {}).get("holidays") or [], start=1):
        day = row.get("date") if isinstance(row, dict) else None
        if not isinstance(day, date):
            problems.append(f"ngày nghỉ thứ {i}: thiếu 'date' dạng YYYY-MM-DD")
        else:
            days.add(day)
    if problems:
        raise DataFileError(str(path), problems)
    return frozenset(days)


@lru_cache(maxsize=4)
def holiday_years(path: Path = HOLIDAYS_FILE) -> frozenset[int]:
    """The years whose days off the file lists in full (its `years`)."""
    years = _read(path).get("years")
    if not isinstance(years, list) or not all(isinstance(y, int) and not isinstance(y, bool) for y in years):
        raise DataFileError(str(path), ["'years' phải là danh sách các năm đã có đủ ngày nghỉ, ví dụ [2010, 2011]"])
    return frozenset(years)


def uncovered_years(days, covered: frozenset[int]) -> list[int]:
    """The years of `days` (None ignored) the holiday list does not cover, in order."""
    return sorted({day.year for day in days if day is not None} - covered)


def uncovered_notice(years: list[int], lang: str = "vi") -> str | None:
    """What to tell whoever publishes a plan with due dates in those years; None when there are none."""
    if not years:
        return None
    listed = ", ".join(map(str, years))
    if lang == "en":
        return (f"The list of public holidays (data/holidays_vn.yaml) does not cover {listed}: a due date of those "
                "years that falls on a holiday is not moved to the next working day. Add those years' days off "
                "(with the document announcing them) if a due date may fall on one.")
    return (f"Danh sách ngày nghỉ lễ, Tết (data/holidays_vn.yaml) chưa có năm {listed}: hạn của các năm này nếu rơi "
            "vào ngày lễ, Tết sẽ không được dời sang ngày làm việc kế tiếp. Hãy thêm ngày nghỉ của các năm đó (kèm "
            "văn bản công bố) nếu có hạn có thể rơi vào ngày nghỉ.")


def _read(path: Path) -> dict:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DataFileError(str(path), [f"không đọc được tệp ngày nghỉ lễ: {exc}"]) from None
    return raw if isinstance(raw, dict) else {}
