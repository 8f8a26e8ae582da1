"""Counts and shares of milestone statuses: overall, per area, per level, per unit."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from tracking.charts.palette import STATUSES
from tracking.domain.status import Status, days_to_deadline
from tracking.labels import LEVEL_ORDER

DONE = (Status.DONE_ON_TIME.value, Status.DONE_LATE.value)
DUE_OR_DONE = (*DONE, Status.OVERDUE.value)


def status_counts(snap: pd.DataFrame) -> dict[str, int]:
    """Milestones per status, every status present (0 when none)."""
    counts = snap["status"].value_counts() if not snap.empty else pd.Series(dtype=int)
    return {s: int(counts.get(s, 0)) for s in STATUSES}


def due_soon_count(snap: pd.DataFrame) -> int:
    """Open milestones whose deadline is within the next two weeks (views.snapshot.DUE_SOON_DAYS)."""
    return int(snap["due_soon"].sum()) if "due_soon" in snap and not snap.empty else 0


def tally(snap: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """One row per group: a column per status, total, done, percent_done and on_time_rate.

    on_time_rate is the share done on time among the milestones already due or done (None when none is):
    a unit is not blamed for work whose deadline has not come.
    """
    columns = [*by, *STATUSES, "total", "done", "percent_done", "on_time_rate"]
    if snap.empty:
        return pd.DataFrame(columns=columns)
    table = snap.groupby([*by, "status"], dropna=False).size().unstack("status", fill_value=0)
    table = table.reindex(columns=list(STATUSES), fill_value=0).reset_index()
    table.columns.name = None
    table["total"] = table[list(STATUSES)].sum(axis=1)
    table["done"] = table[list(DONE)].sum(axis=1)
    table["percent_done"] = (100 * table["done"] / table["total"]).round(1)
    due = table[list(DUE_OR_DONE)].sum(axis=1)
    table["on_time_rate"] = (100 * table[Status.DONE_ON_TIME.value] / due.where(due > 0)).round(1)
    return table[columns]


def area_progress(snap: pd.DataFrame, areas: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """Per area in plan order: status counts, % complete, the plan-wide deadline and days left (negative: overdue)."""
    table = areas.merge(tally(snap, ["area"]), left_on="code", right_on="area", how="left").drop(columns="area")
    for column in (*STATUSES, "total", "done"):
        table[column] = table[column].fillna(0).astype(int)
    table = table[table["total"] > 0].reset_index(drop=True)
    table["days_left"] = [days_to_deadline(d if pd.notna(d) else None, as_of) for d in table["deadline"]]
    table["complete"] = table["done"] == table["total"]
    return table


def level_progress(snap: pd.DataFrame) -> pd.DataFrame:
    """Per level of government (departments, districts, communes)."""
    table = tally(snap, ["unit_level"])
    order = {level: i for i, level in enumerate(LEVEL_ORDER)}
    return table.sort_values("unit_level", key=lambda s: s.map(order).fillna(99)).reset_index(drop=True)


UNIT_KEYS = ["unit_code", "unit_name", "unit_short_name", "unit_level", "parent_code", "parent_name", "district_code",
             "unit_position"]


def unit_scores(snap: pd.DataFrame) -> pd.DataFrame:
    """Per unit, in the order of the unit list."""
    table = tally(snap, UNIT_KEYS)
    return table.sort_values("unit_position").reset_index(drop=True) if not table.empty else table


def units_behind(snap: pd.DataFrame, limit: int = 10) -> pd.DataFrame:
    """Units with overdue milestones, most overdue first, then least complete."""
    table = unit_scores(snap)
    if table.empty:
        return table
    table = table[table[Status.OVERDUE.value] > 0]
    return table.sort_values([Status.OVERDUE.value, "percent_done", "unit_position"],
                             ascending=[False, True, True]).head(limit).reset_index(drop=True)


@dataclass(frozen=True)
class BehindCut:
    """What a top-N list of units behind leaves out: how many units have overdue milestones at all, and how many
    of those left out have as many overdue as the last one shown (a tie the list had to cut)."""
    shown: int
    with_overdue: int
    tied_left_out: int
    tie_overdue: int


def behind_cut(snap: pd.DataFrame, limit: int = 10) -> BehindCut:
    table = unit_scores(snap)
    if table.empty:
        return BehindCut(0, 0, 0, 0)
    counts = table[Status.OVERDUE.value]
    counts = counts[counts > 0].sort_values(ascending=False).reset_index(drop=True)
    shown = min(limit, len(counts))
    if shown == 0 or shown == len(counts):
        return BehindCut(shown, len(counts), 0, 0)
    last = int(counts.iloc[shown - 1])
    return BehindCut(shown, len(counts), int((counts.iloc[shown:] == last).sum()), last)


def of_unit(snap: pd.DataFrame, unit_code: str) -> pd.DataFrame:
    """The milestones of one unit."""
    return snap[snap["unit_code"] == unit_code]


def of_communes(snap: pd.DataFrame, district_code: str) -> pd.DataFrame:
    """The milestones of a district's communes (empty for any other unit)."""
    return snap[(snap["parent_code"] == district_code) & (snap["unit_level"] == "commune")]
