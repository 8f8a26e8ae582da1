"""Deadlines against actual completion, one row per requirement (and reporting period)."""
from __future__ import annotations

import pandas as pd

from tracking.analysis.compliance import cell_status
from tracking.analysis.progress import tally

WORDS = ("deadline_as_written", "deadline_named", "deadline_qualifier")  # the plan's words, one per requirement
SCHEDULE_KEYS = ["requirement_code", "period", "requirement_title", "area", "clause", "requirement_position"]


def requirement_schedule(snap: pd.DataFrame) -> pd.DataFrame:
    """Per (requirement, period) in plan order: its deadline and where it comes from, counts, first and last completion.

    All milestones of one requirement and period share a deadline (plan text, or one set later for all units);
    the earliest is taken should that ever differ.
    """
    columns = [*SCHEDULE_KEYS, "deadline", "deadline_source", "deadline_clause", *WORDS, "first_done", "last_done",
               "status"]
    if snap.empty:
        return pd.DataFrame(columns=[*columns, "total", "done"])
    frame = snap.assign(period=snap["period"].fillna(""))
    grouped = frame.groupby(SCHEDULE_KEYS, dropna=False)
    table = grouped.agg(
        deadline=("deadline", "min"), deadline_source=("deadline_source", "first"),
        deadline_clause=("deadline_clause", "first"),
        **{name: (name, "first") for name in WORDS if name in frame},
        first_done=("completed_on", "min"), last_done=("completed_on", "max"), status=("status", cell_status),
    ).reset_index()
    counts = tally(frame, ["requirement_code", "period"])
    table = table.merge(counts, on=["requirement_code", "period"])
    table["period"] = table["period"].replace("", None)
    return table.sort_values(["requirement_position", "period"], na_position="first").reset_index(drop=True)
