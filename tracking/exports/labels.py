"""Words the exports share: unit levels and dates the Vietnamese way."""
from __future__ import annotations

from datetime import date

LEVEL_LABELS = {
    "province": ("Tỉnh", "Province"),
    "department": ("Sở, ban, ngành tỉnh", "Provincial departments"),
    "district": ("Huyện, thành phố", "Districts"),
    "commune": ("Xã, phường, thị trấn", "Communes"),
}
LEVEL_ORDER = ("province", "department", "district", "commune")


def level_label(level: str, lang: str = "vi") -> str:
    vi, en = LEVEL_LABELS.get(level, (level, level))
    return en if lang == "en" else vi


def dmy(day: date | None) -> str:
    """dd/mm/yyyy, or an empty string for no date."""
    return day.strftime("%d/%m/%Y") if day else ""


def long_vi_date(day: date) -> str:
    """'ngày 05 tháng 3 năm 2011': Decree 30/2020 pads days below 10 and only the months 1 and 2 with a zero."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"
