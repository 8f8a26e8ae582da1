"""The quarterly reporting schedule: which quarters are reported and how many days after each one a report is due.

Section IV of the plan says only "định kỳ hàng quý". The quarters and the due days are the project's choice (the
plan file gives the default), kept as the setting `reporting_schedule` that an administrator may change.
"""
from __future__ import annotations

import json
from calendar import monthrange
from dataclasses import dataclass, field
from datetime import date, timedelta

from tracking.domain.deadlines import next_working_day
from tracking.domain.periods import is_quarter, quarter_end

SETTING_KEY = "reporting_schedule"
MAX_DUE_DAYS = 90


def quarters_between(first: str, last: str) -> tuple[str, ...]:
    year, q = int(first[:4]), int(first[-1])
    out = []
    while (year, q) <= (int(last[:4]), int(last[-1])):
        out.append(f"{year}Q{q}")
        year, q = (year + 1, 1) if q == 4 else (year, q + 1)
    return tuple(out)


@dataclass(frozen=True)
class ReportingSchedule:
    first: str
    last: str
    due_days: dict[str, int] = field(default_factory=dict)  # requirement code → days after the quarter ends
    proposed: bool = field(default=False, compare=False)  # the plan file's default, not yet confirmed by a person

    @property
    def periods(self) -> tuple[str, ...]:
        return quarters_between(self.first, self.last)

    def due(self, requirement_code: str, period: str, default_days: int = 10,
            holidays: frozenset[date] = frozenset()) -> date:
        """N days after the quarter ends, moved to the next working day when that is a day off."""
        day = quarter_end(period) + timedelta(days=self.due_days.get(requirement_code, default_days))
        return next_working_day(day, holidays)

    def last_due(self) -> date:
        return max(self.due(code, self.last) for code in self.due_days) if self.due_days else quarter_end(self.last)

    def window_ends_on(self) -> date:
        """The tracking window ends with the month in which the last report falls due (Quý IV/2011 → 31/01/2012)."""
        last = self.last_due()
        return date(last.year, last.month, monthrange(last.year, last.month)[1])

    def problems(self) -> list[tuple[str, str]]:
        """(field, reason) for every way the schedule cannot be used."""
        found = []
        for name, value in (("first", self.first), ("last", self.last)):
            if not is_quarter(str(value)):
                found.append((name, f"kỳ '{value}' không hợp lệ (đúng dạng 2010Q3)"))
        if not found and self.last < self.first:
            found.append(("last", f"quý cuối {self.last} trước quý đầu {self.first}"))
        for code, days in self.due_days.items():
            if not isinstance(days, int) or isinstance(days, bool) or not 0 <= days <= MAX_DUE_DAYS:
                found.append(("due_days", f"số ngày của {code} phải từ 0 đến {MAX_DUE_DAYS}"))
        return found

    def to_json(self) -> str:
        return json.dumps({"first": self.first, "last": self.last, "due_days": self.due_days}, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> "ReportingSchedule":
        data = json.loads(text)
        return cls(str(data["first"]), str(data["last"]), {str(k): int(v) for k, v in data["due_days"].items()})
