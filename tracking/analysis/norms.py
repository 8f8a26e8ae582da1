"""A unit's quantities (staff, trained officers, reception room) against the norms the plan sets for it."""
from __future__ import annotations

from typing import Iterable

import pandas as pd

from tracking.labels import pick

QUANTITY_LABELS: dict[str, tuple[str, str]] = {
    "dedicated_staff": ("Cán bộ tiếp công dân chuyên trách", "Dedicated reception staff"),
    "parttime_staff": ("Cán bộ kiêm nhiệm, không chuyên trách", "Part-time reception staff"),
    "officers_in_post": ("Cán bộ tiếp công dân hiện có", "Reception officers in post"),
    "officers_trained": ("Cán bộ đã được bồi dưỡng nghiệp vụ", "Officers trained"),
    "trained_ratio": ("Tỷ lệ cán bộ đã được bồi dưỡng", "Share of officers trained"),
    "reception_room": ("Phòng tiếp công dân riêng", "Separate reception room"),
}
ROW_ORDER = ("dedicated_staff", "parttime_staff", "officers_in_post", "officers_trained", "trained_ratio",
             "reception_room")
NORM_COLUMNS = ["quantity", "label", "value", "shown", "norm", "meets", "requirement_code", "fact_date", "evidence"]


def norms_for(requirements: pd.DataFrame, requirement_codes: Iterable[str]) -> dict[str, dict]:
    """The norms of the given requirements, by quantity (each with the requirement it comes from)."""
    wanted = set(requirement_codes)
    found: dict[str, dict] = {}
    for row in requirements.itertuples(index=False):
        if row.code in wanted and isinstance(row.norms, dict):
            for quantity, bounds in row.norms.items():
                found.setdefault(quantity, {**bounds, "requirement_code": row.code})
    return found


def meets(value: float | None, bounds: dict | None) -> bool | None:
    """None when there is no norm or no value to judge."""
    if bounds is None or value is None or pd.isna(value):
        return None
    return bool(value >= bounds.get("min", float("-inf")) and value <= bounds.get("max", float("inf")))


def norm_text(quantity: str, bounds: dict | None, lang: str = "vi") -> str:
    if not bounds:
        return "—"
    low, high = bounds.get("min"), bounds.get("max")
    if quantity == "reception_room":
        return pick(lang, "có", "yes")
    if quantity == "trained_ratio":
        return pick(lang, f"≥ {low * 100:.0f}%", f"≥ {low * 100:.0f}%")
    if low is not None and high is not None:
        return f"{low}–{high}"
    return f"≥ {low}" if low is not None else f"≤ {high}"


def _shown(quantity: str, value, lang: str) -> str:
    if value is None or pd.isna(value):
        return pick(lang, "chưa có số liệu", "no data")
    if quantity == "reception_room":
        return pick(lang, "có", "yes") if value else pick(lang, "không", "no")
    if quantity == "trained_ratio":
        return f"{value * 100:.0f}%"
    return str(int(value))


def norm_check(latest: pd.DataFrame, norms: dict[str, dict], lang: str = "vi") -> pd.DataFrame:
    """One row per quantity: the latest value known, the norm and whether it is met.

    `latest` holds one unit's rows of tracking.views.unit_detail.quantities_as_of.
    """
    by_quantity = latest.set_index("quantity") if not latest.empty else pd.DataFrame()
    values = {q: by_quantity.at[q, "value"] if q in by_quantity.index else None for q in ROW_ORDER}
    in_post, trained = values["officers_in_post"], values["officers_trained"]
    values["trained_ratio"] = trained / in_post if in_post and trained is not None and pd.notna(trained) else None
    rows = []
    for quantity in ROW_ORDER:
        bounds = norms.get(quantity)
        if quantity == "trained_ratio" and bounds is None:
            continue
        source = "officers_trained" if quantity == "trained_ratio" else quantity
        known = source in by_quantity.index
        rows.append({
            "quantity": quantity,
            "label": pick(lang, *QUANTITY_LABELS[quantity]),
            "value": values[quantity],
            "shown": _shown(quantity, values[quantity], lang),
            "norm": norm_text(quantity, bounds, lang),
            "meets": meets(values[quantity], bounds),
            "requirement_code": bounds.get("requirement_code") if bounds else None,
            "fact_date": by_quantity.at[source, "fact_date"] if known else None,
            "evidence": by_quantity.at[source, "evidence"] if known else None,
        })
    return pd.DataFrame(rows, columns=NORM_COLUMNS)
