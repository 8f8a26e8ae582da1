"""Reporting periods such as 2010Q4."""
from __future__ import annotations

import re
from datetime import date, timedelta

# ASCII digits and the whole text: \d takes other scripts' digits ("٢٠١٠Q4") and $ a trailing newline.
_QUARTER = re.compile(r"([0-9]{4})Q([1-4])")


def is_quarter(code: str) -> bool:
    return bool(_QUARTER.fullmatch(code))


def quarter_end(code: str) -> date:
    match = _QUARTER.fullmatch(code)
    if not match:
        raise ValueError(f"Kỳ báo cáo không hợp lệ: {code!r} (đúng dạng: 2010Q4)")
    year, q = int(match.group(1)), int(match.group(2))
    first_of_next = date(year + (q == 4), 1 if q == 4 else 3 * q + 1, 1)
    return first_of_next - timedelta(days=1)


def quarter_start(code: str) -> date:
    end = quarter_end(code)
    return date(end.year, end.month - 2, 1)


def quarter_of(day: date) -> str:
    return f"{day.year}Q{(day.month - 1) // 3 + 1}"


def quarter_label(code: str) -> str:
    """Vietnamese label: 'Quý IV/2010'."""
    q = int(code[-1])
    return f"Quý {('I', 'II', 'III', 'IV')[q - 1]}/{code[:4]}"
