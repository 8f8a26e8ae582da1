"""A deadline as the plan words it, and the last day a completion still counts as on time.

The plan names a day with a qualifier ("trước ngày 30/10/2010", "trước tháng 06/2011", "trong quý III/2026").
What is stored and shown is that wording; the last day on time is derived from it under a reading rule that the
inspectorate chooses (setting `deadline_reading`):

- `named_day_on_time` (default): provincial offices apply "trước ngày X" as "no later than X", so a completion on
  the named day is on time. No officer writes "hạn 29/10" for "trước ngày 30/10".
- `literal`: "trước ngày X" ends the day before X; a period that ends on a non-working day runs to the next
  working day (Civil Code 2005 art. 153.5; Civil Code 2015 art. 148.5).

"trước tháng 6/2011" (before a month) ends with the previous month under both readings: nobody reads it as
"during June". A month, quarter, half or year given as the period ("trong quý III/2026") ends with its last day.
"""
from __future__ import annotations

from calendar import monthrange
from datetime import date, timedelta

QUALIFIERS = ("before", "by", "before_month", "in_month", "in_quarter", "in_half", "in_year", "ongoing", "event")
# Qualifiers that carry no date: ongoing duties and tasks timed by another body's progress.
UNDATED = ("ongoing", "event")
READINGS = ("named_day_on_time", "literal")
DEFAULT_READING = "named_day_on_time"
READING_SETTING = "deadline_reading"

READING_LABELS = {
    "named_day_on_time": ("hoàn thành trong ngày được nêu (\"trước ngày X\") vẫn tính là đúng hạn",
                          "completion on the named day (\"before X\") counts as on time"),
    "literal": ("đọc theo nghĩa đen: \"trước ngày X\" hết hạn vào ngày liền trước X; hạn rơi vào ngày nghỉ được lùi "
                "sang ngày làm việc kế tiếp (Bộ luật Dân sự 2005, Điều 153 khoản 5)",
                "literal reading: \"before X\" ends the day before X; a deadline on a day off moves to the next working "
                "day (Civil Code 2005, art. 153.5)"),
}


def is_working_day(day: date, holidays: frozenset[date] = frozenset()) -> bool:
    """Saturday and Sunday are days off for state offices (40-hour week, Decree 101/CP of 1998)."""
    return day.weekday() < 5 and day not in holidays


def next_working_day(day: date, holidays: frozenset[date] = frozenset()) -> date:
    """The day itself when it is a working day, else the first working day after it."""
    while not is_working_day(day, holidays):
        day += timedelta(days=1)
    return day


def _month_end(day: date) -> date:
    return date(day.year, day.month, monthrange(day.year, day.month)[1])


def period_end(named: date, qualifier: str) -> date:
    """The last day of the period a qualifier names, for qualifiers that name a period."""
    if qualifier == "in_month":
        return _month_end(named)
    if qualifier == "in_quarter":
        last_month = (named.month - 1) // 3 * 3 + 3
        return _month_end(date(named.year, last_month, 1))
    if qualifier == "in_half":
        return date(named.year, 6, 30) if named.month <= 6 else date(named.year, 12, 31)
    if qualifier == "in_year":
        return date(named.year, 12, 31)
    return named


def last_day_on_time(named: date | None, qualifier: str | None, reading: str = DEFAULT_READING,
                     holidays: frozenset[date] = frozenset()) -> date | None:
    """The last day on which a completion is on time, or None when the plan gives no date."""
    if named is None or qualifier in UNDATED:
        return None
    qualifier = qualifier or "by"
    literal = reading == "literal"
    if qualifier == "before":
        day = named - timedelta(days=1) if literal else named
    elif qualifier == "before_month":
        day = date(named.year, named.month, 1) - timedelta(days=1)
    else:
        day = period_end(named, qualifier)
    return next_working_day(day, holidays) if literal else day


_QUARTERS = ("I", "II", "III", "IV")


def phrase(named: date | None, qualifier: str | None, lang: str = "vi") -> str:
    """The qualifier and date in the plan's idiom, for a deadline whose words were not kept (never a new date)."""
    vi = lang != "en"
    if qualifier == "ongoing":
        return "thường xuyên" if vi else "ongoing"
    if qualifier == "event":
        return "theo tiến độ của việc liên quan" if vi else "as the related work progresses"
    if named is None:
        return ""
    qualifier = qualifier or "by"
    if qualifier == "before":
        return f"trước ngày {named:%d/%m/%Y}" if vi else f"before {named:%d/%m/%Y}"
    if qualifier == "before_month":
        return f"trước tháng {named:%m/%Y}" if vi else f"before {named:%m/%Y}"
    if qualifier == "in_month":
        return f"trong tháng {named:%m/%Y}" if vi else f"in {named:%m/%Y}"
    if qualifier == "in_quarter":
        q = _QUARTERS[(named.month - 1) // 3]
        return f"trong quý {q}/{named.year}" if vi else f"in Q{(named.month - 1) // 3 + 1}/{named.year}"
    if qualifier == "in_half":
        first = named.month <= 6
        return (f"6 tháng {'đầu' if first else 'cuối'} năm {named.year}" if vi
                else f"{'first' if first else 'second'} half of {named.year}")
    if qualifier == "in_year":
        return f"trong năm {named.year}" if vi else f"in {named.year}"
    return f"chậm nhất ngày {named:%d/%m/%Y}" if vi else f"by {named:%d/%m/%Y}"
