"""Vietnam's public holidays (data/holidays_vn.yaml), for moving a due date off a day off."""
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
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DataFileError(str(path), [f"không đọc được tệp ngày nghỉ lễ: {exc}"]) from None
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
