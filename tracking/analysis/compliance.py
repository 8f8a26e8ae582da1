"""Who complies with what: the unit × requirement matrix, filters and the rankings of districts and departments."""
from __future__ import annotations

from typing import Iterable

import pandas as pd

from tracking.analysis.progress import UNIT_KEYS, tally
from tracking.domain.status import Status

# A cell that covers several quarterly periods shows the most telling of them: any overdue period, else any late
# one, else on time if every period due so far was on time; "not yet due" only when no period has come due.
CELL_PRIORITY = (Status.OVERDUE.value, Status.DONE_LATE.value, Status.DONE_ON_TIME.value, Status.OPEN.value,
                 Status.NO_DEADLINE.value)
MATRIX_COLUMNS = [*UNIT_KEYS, "requirement_code", "requirement_title", "area", "requirement_position", "status",
                  "periods", "periods_done"]


def filter_snapshot(
    snap: pd.DataFrame,
    *,
    levels: Iterable[str] = (),
    districts: Iterable[str] = (),
    areas: Iterable[str] = (),
) -> pd.DataFrame:
    """Keep the milestones of the chosen levels, districts (the district itself and its communes) and areas."""
    keep = pd.Series(True, index=snap.index)
    if levels := list(levels):
        keep &= snap["unit_level"].isin(levels)
    if districts := list(districts):
        keep &= snap["district_code"].isin(districts)
    if areas := list(areas):
        keep &= snap["area"].isin(areas)
    return snap[keep]


def cell_status(statuses: Iterable[str]) -> str:
    present = set(statuses)
    return next((s for s in CELL_PRIORITY if s in present), Status.OPEN.value)


def status_matrix(snap: pd.DataFrame, statuses: Iterable[str] = ()) -> pd.DataFrame:
    """One row per (unit, requirement); optionally only the cells whose status is among `statuses`."""
    if snap.empty:
        return pd.DataFrame(columns=MATRIX_COLUMNS)
    keys = [*UNIT_KEYS, "requirement_code", "requirement_title", "area", "requirement_position"]
    done = snap["status"].isin((Status.DONE_ON_TIME.value, Status.DONE_LATE.value))
    grouped = snap.assign(is_done=done).groupby(keys, dropna=False)
    matrix = grouped.agg(status=("status", cell_status), periods=("status", "size"), periods_done=("is_done", "sum"))
    matrix = matrix.reset_index().sort_values(["unit_position", "requirement_position"]).reset_index(drop=True)
    if wanted := list(statuses):
        matrix = matrix[matrix["status"].isin(wanted)].reset_index(drop=True)
    return matrix[MATRIX_COLUMNS]


def ranking(snap: pd.DataFrame, level: str) -> pd.DataFrame:
    """Districts (with their communes; `own_on_time_rate` is the district office alone) or departments, best first:
    on-time share, then fewest overdue, then % done.

    Units with nothing due yet come last, in list order: there is nothing to rank them on. Bodies the plan only
    requests (III.6: Văn phòng Tỉnh ủy, Văn phòng Đoàn ĐBQH & HĐND) are not subordinate and are not ranked.
    """
    if level == "district":
        rows = snap[snap["district_code"].notna()].assign(unit_code=lambda f: f["district_code"])
        names = snap[snap["unit_level"] == "district"].drop_duplicates("unit_code").set_index("unit_code")
        table = tally(rows, ["unit_code"])
        table = table.join(names[["unit_name", "unit_short_name", "unit_position"]], on="unit_code")
        # The district office's own share too, named as such wherever the ranking is shown: the heatmap and the
        # unit page show the office alone, and the two figures must not pass for one.
        own = tally(snap[snap["unit_level"] == "district"], ["unit_code"]).set_index("unit_code")["on_time_rate"]
        table["own_on_time_rate"] = table["unit_code"].map(own)
    else:
        ranked = snap[(snap["unit_level"] == level) & (snap["unit_group"] != "requested")]
        table = tally(ranked, ["unit_code", "unit_name", "unit_short_name", "unit_position"])
    if table.empty:
        return table.assign(rank=pd.Series(dtype=int))
    table = table.sort_values(
        ["on_time_rate", Status.OVERDUE.value, "percent_done", "unit_position"],
        ascending=[False, True, False, True], na_position="last",
    ).reset_index(drop=True)
    table["rank"] = range(1, len(table) + 1)
    return table


def communes_by_district(snap: pd.DataFrame) -> pd.DataFrame:
    """Commune milestones tallied per district, districts in list order (district_name for the labels)."""
    communes = snap[snap["unit_level"] == "commune"]
    order = communes.groupby("district_code")["unit_position"].min()
    table = tally(communes, ["district_code", "parent_name"]).rename(columns={"parent_name": "district_name"})
    if table.empty:
        return table
    return table.sort_values("district_code", key=lambda s: s.map(order)).reset_index(drop=True)
