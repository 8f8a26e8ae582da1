"""Figures every export reports: status counts overall, per area and per level, and the overdue units."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from tracking.domain.status import STATUS_ORDER, Status
from tracking.exports.labels import LEVEL_ORDER

STATUSES = [s.value for s in STATUS_ORDER]
DONE = (Status.DONE_ON_TIME.value, Status.DONE_LATE.value)


@dataclass(frozen=True)
class Totals:
    total: int
    done_on_time: int
    done_late: int
    overdue: int
    open: int

    @property
    def done(self) -> int:
        return self.done_on_time + self.done_late

    @property
    def done_pct(self) -> float:
        return 100.0 * self.done / self.total if self.total else 0.0

    @property
    def on_time_pct(self) -> float:
        return 100.0 * self.done_on_time / self.total if self.total else 0.0


def totals(snapshot: pd.DataFrame) -> Totals:
    counts = snapshot["status"].value_counts()
    return Totals(len(snapshot), *(int(counts.get(s, 0)) for s in STATUSES))


def _counts_by(snapshot: pd.DataFrame, key: str) -> pd.DataFrame:
    table = pd.crosstab(snapshot[key], snapshot["status"]).reindex(columns=STATUSES, fill_value=0)
    table["total"] = table[STATUSES].sum(axis=1)
    table["done_pct"] = (100.0 * (table["done_on_time"] + table["done_late"]) / table["total"]).round(1)
    return table


def by_area(snapshot: pd.DataFrame, areas: pd.DataFrame) -> pd.DataFrame:
    """One row per area in plan order (areas without milestones left out): name, deadline, counts, % done."""
    counts = _counts_by(snapshot, "area")
    frame = areas.set_index("code")[["name", "name_en", "deadline"]].join(counts, how="inner")
    return frame.rename_axis("area").reset_index()


def by_level(snapshot: pd.DataFrame) -> pd.DataFrame:
    """One row per unit level (department, district, commune) with counts and % done."""
    counts = _counts_by(snapshot, "unit_level")
    order = [lvl for lvl in LEVEL_ORDER if lvl in counts.index]
    return counts.loc[order].rename_axis("level").reset_index()


def unit_labels(snapshot: pd.DataFrame) -> pd.Series:
    """Unit names, communes with their district ("Xã Xuân Hòa (Huyện Kế Sách)") since commune names repeat."""
    commune = snapshot["unit_level"] == "commune"
    return snapshot["unit_name"].where(~commune, snapshot["unit_name"] + " (" + snapshot["parent_name"].fillna("") + ")")


def overdue_units(snapshot: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """One row per (area, unit) with overdue milestones: how many, which requirements, the oldest deadline."""
    late = snapshot[snapshot["status"] == Status.OVERDUE.value]
    columns = ["area", "unit_code", "unit_name", "overdue", "requirements", "oldest_deadline", "days_overdue"]
    if late.empty:
        return pd.DataFrame(columns=columns)
    late = late.assign(label=unit_labels(late))
    grouped = late.groupby(["area", "unit_code"], sort=False).agg(
        unit_name=("label", "first"),
        unit_position=("unit_position", "first"),
        overdue=("milestone_id", "size"),
        requirements=("requirement_code", lambda codes: ", ".join(dict.fromkeys(codes))),
        oldest_deadline=("deadline", "min"),
    ).reset_index()
    grouped["days_overdue"] = grouped["oldest_deadline"].map(lambda d: (as_of - d).days)
    return grouped.sort_values(["area", "unit_position"])[columns].reset_index(drop=True)


def overdue_requirements(snapshot: pd.DataFrame) -> pd.DataFrame:
    """One row per (requirement, period) with overdue units, in plan order: title, deadline, unit names."""
    late = snapshot[snapshot["status"] == Status.OVERDUE.value]
    columns = ["area", "requirement_code", "requirement_title", "period", "deadline", "units", "count"]
    if late.empty:
        return pd.DataFrame(columns=columns)
    late = late.assign(period=late["period"].fillna(""))
    late = late.sort_values(["requirement_position", "period", "unit_position"])
    grouped = late.groupby(["requirement_code", "period"], sort=False).agg(
        area=("area", "first"),
        requirement_title=("requirement_title", "first"),
        deadline=("deadline", "first"),
        count=("milestone_id", "size"),
    ).reset_index()
    names = {key: _names_by_district(rows) for key, rows in late.groupby(["requirement_code", "period"], sort=False)}
    grouped["units"] = [names[(code, period)] for code, period in zip(grouped["requirement_code"], grouped["period"])]
    return grouped[columns]


def _names_by_district(rows: pd.DataFrame) -> str:
    """'Sở Tư pháp, Huyện Mỹ Tú; Huyện Kế Sách: Xã Xuân Hòa, Xã Nhơn Mỹ': communes listed under their district."""
    communes = rows["unit_level"] == "commune"
    parts = [", ".join(rows.loc[~communes, "unit_name"])] if (~communes).any() else []
    for district, group in rows[communes].groupby("parent_name", sort=False):
        parts.append(f"{district}: {', '.join(group['unit_name'])}")
    return "; ".join(parts)
