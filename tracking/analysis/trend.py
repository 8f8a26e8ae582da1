"""Progress over time: the burn-up of completed milestones and a projection of each area's completion date."""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from tracking.analysis.progress import DONE

TREND_WINDOW_DAYS = 90


def burnup(changes: pd.DataFrame, snap: pd.DataFrame, start: date, end: date, as_of: date) -> pd.DataFrame:
    """Daily series from `start` to `end`: done (known facts, up to as_of only), due (deadlines passed), total."""
    days = pd.date_range(start, end, freq="D")
    per_day = changes.groupby("fact_date")["change"].sum()
    per_day.index = pd.to_datetime(per_day.index)
    done = per_day.reindex(days, fill_value=0).cumsum()
    done[days > pd.Timestamp(as_of)] = pd.NA
    deadlines = pd.to_datetime(snap["deadline"].dropna())
    due = deadlines.value_counts().reindex(days, fill_value=0).cumsum()
    return pd.DataFrame({"day": days, "done": done.astype("Int64").values, "due": due.values, "total": len(snap)})


@dataclass(frozen=True)
class Projection:
    total: int
    done: int
    done_before_window: int
    projected_on: date | None   # None: complete already, or no progress in the window to extrapolate
    complete: bool

    @property
    def per_30_days(self) -> float:
        return (self.done - self.done_before_window) * 30 / TREND_WINDOW_DAYS


def project(total: int, done: int, done_before_window: int, as_of: date, window: int = TREND_WINDOW_DAYS) -> Projection:
    """Straight-line projection of the recent pace: when the remaining milestones would be done."""
    remaining, gained = total - done, done - done_before_window
    if remaining <= 0:
        return Projection(total, done, done_before_window, None, True)
    if gained <= 0:
        return Projection(total, done, done_before_window, None, False)
    days = math.ceil(remaining * window / gained)
    return Projection(total, done, done_before_window, as_of + timedelta(days=days), False)


def area_projections(changes: pd.DataFrame, snap: pd.DataFrame, areas: pd.DataFrame, as_of: date,
                     window: int = TREND_WINDOW_DAYS) -> pd.DataFrame:
    """Per area in plan order: deadline, done now, done before the window, projected completion date."""
    cutoff = as_of - timedelta(days=window)
    earlier = changes[changes["fact_date"] <= cutoff].groupby("area")["change"].sum()
    totals = snap.groupby("area").size()
    done_now = snap[snap["status"].isin(DONE)].groupby("area").size()
    overdue = snap[snap["status"] == "overdue"].groupby("area").size()
    rows = []
    for area in areas.itertuples(index=False):
        total = int(totals.get(area.code, 0))
        if not total:
            continue
        p = project(total, int(done_now.get(area.code, 0)), int(earlier.get(area.code, 0)), as_of, window)
        rows.append({
            "code": area.code, "name": area.name, "name_en": area.name_en,
            "deadline": area.deadline if pd.notna(area.deadline) else None,
            "total": p.total, "done": p.done, "per_30_days": round(p.per_30_days, 1),
            "projected_on": p.projected_on, "complete": p.complete,
            "gained": p.done - p.done_before_window, "overdue": int(overdue.get(area.code, 0)),
        })
    return pd.DataFrame(rows, columns=["code", "name", "name_en", "deadline", "total", "done", "per_30_days",
                                       "projected_on", "complete", "gained", "overdue"])


def overall_projection(changes: pd.DataFrame, snap: pd.DataFrame, as_of: date,
                       window: int = TREND_WINDOW_DAYS) -> Projection:
    """The same projection for all milestones together (the dashed end of the burn-up)."""
    before = int(changes.loc[changes["fact_date"] <= as_of - timedelta(days=window), "change"].sum())
    return project(len(snap), int(snap["status"].isin(DONE).sum()), before, as_of, window)
