"""Parsing and checking of user input, with Vietnamese messages that name the field."""
from __future__ import annotations

import math
import re
from datetime import date

from tracking.domain.status import State
from tracking.errors import InvalidInput
from tracking.text import entered, nfc

STATE_LABELS = {"not_started": "chưa bắt đầu", "in_progress": "đang thực hiện", "done": "hoàn thành"}
STATES_BY_LABEL = {label: code for code, label in STATE_LABELS.items()}
# The documented forms only, in ASCII digits: Python's own parsers also take "2010-W43-6", "20101030", "3_0"
# (underscores in int()), "1e2" and digits of other scripts, none of which a person means as a date or a count.
ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
VN_DATE = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")
NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")


def parse_date(value: str | date | None, field: str, *, required: bool = True) -> date | None:
    if value is None or value == "":
        if required:
            raise InvalidInput(field, "bắt buộc phải có ngày (dạng YYYY-MM-DD)")
        return None
    if isinstance(value, date):
        return value
    text = str(value).strip()
    day = strict_date(text)
    if day is None:
        raise InvalidInput(field, f"ngày '{text}' không tồn tại hoặc sai định dạng (đúng dạng YYYY-MM-DD hoặc dd/mm/yyyy)")
    return day


def iso_day(text: str) -> date | None:
    """A link's YYYY-MM-DD (ASCII digits, a real day), else None."""
    return strict_date(text) if ISO_DATE.fullmatch(text or "") else None


def strict_date(text: str) -> date | None:
    """A date written YYYY-MM-DD or d/m/yyyy in ASCII digits that exists on the calendar, else None."""
    if match := ISO_DATE.fullmatch(text):
        year, month, day = match.groups()
    elif match := VN_DATE.fullmatch(text):
        day, month, year = match.groups()
    else:
        return None
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def parse_state(value: str | None, field: str = "state") -> State:
    """A state code, or its Vietnamese label in any case and in composed or decomposed Unicode."""
    text = nfc(str(value)).strip()
    try:
        return State(STATES_BY_LABEL.get(text.lower(), text))
    except ValueError:
        allowed = ", ".join(f"{k} ({v})" for k, v in STATE_LABELS.items())
        raise InvalidInput(field, f"trạng thái '{value}' không hợp lệ; chỉ nhận: {allowed}") from None


def parse_percent(value, field: str = "percent") -> int | None:
    """0–100; "35%" as typed in a CSV is 35."""
    if isinstance(value, str) and value.strip().endswith("%"):
        value = value.strip()[:-1].strip()
        if not value:
            raise InvalidInput(field, "'%' không phải là số")
    return parse_whole(value, field, 100, "tỷ lệ phải là")


def parse_whole(value, field: str, maximum: int, what: str = "phải là") -> int | None:
    """A whole number from 0 to `maximum`, or None when left empty."""
    if value is None or value == "":
        return None
    if isinstance(value, bool) or (isinstance(value, str) and not NUMBER.fullmatch(value.strip())):
        raise InvalidInput(field, f"'{value}' không phải là số (chỉ nhận chữ số 0–9, ví dụ 35)")
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise InvalidInput(field, f"'{value}' không phải là số") from None
    if not math.isfinite(number):  # float() accepts 'nan', 'inf', '1e400'
        raise InvalidInput(field, f"'{value}' không phải là số")
    if number != int(number) or not 0 <= number <= maximum:
        raise InvalidInput(field, f"{what} số nguyên từ 0 đến {maximum}, nhận được '{value}'")
    return int(number)


def check_fact_date(fact_date: date, field: str, plan_start: date, today: date) -> None:
    if fact_date > today:
        raise InvalidInput(field, f"ngày {fact_date:%d/%m/%Y} ở tương lai (hôm nay là {today:%d/%m/%Y})")
    if fact_date < plan_start:
        raise InvalidInput(field, f"ngày {fact_date:%d/%m/%Y} trước khi kế hoạch bắt đầu ({plan_start:%d/%m/%Y})")


def check_text(value: str | None, field: str, limit: int) -> str | None:
    if value is None:
        return None
    text = entered(str(value), field).strip()
    if len(text) > limit:
        raise InvalidInput(field, f"dài quá {limit} ký tự")
    return text or None
