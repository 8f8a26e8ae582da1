"""Progress over time: the burn-up of completed milestones and the one forecast every chart, slide and table uses.

The forecast is a straight line through the pace of the last TREND_WINDOW_DAYS days, per area; the whole plan is
done when its slowest area is (never earlier), and nothing is forecast past the horizon (HORIZON_YEARS after the
plan's end): a line that long says nothing, and drawing it would leave the chart's axis.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from tracking.analysis.progress import DONE

TREND_WINDOW_DAYS = 90
HORIZON_YEARS = 2

# Why a projection has, or has not, a date.
PROJECTED, COMPLETE, NO_PACE, BEYOND_HORIZON, AREA_UNKNOWN = (
    "projected", "complete", "no_pace", "beyond_horizon", "area_unknown")


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


def horizon_for(plan_ends_on: date | None, as_of: date) -> date:
    """The last date a forecast may give: HORIZON_YEARS after the plan's end (or the as-of date, if later)."""
    end = max(plan_ends_on or as_of, as_of)
    try:
        return end.replace(year=end.year + HORIZON_YEARS)
    except ValueError:  # 29 February
        return end.replace(year=end.year + HORIZON_YEARS, day=28)


@dataclass(frozen=True)
class Projection:
    total: int
    done: int
    done_before_window: int
    projected_on: date | None   # a date only when state is PROJECTED
    complete: bool
    state: str = PROJECTED
    horizon: date | None = None
    beyond_on: date | None = None  # BEYOND_HORIZON: where the straight line would end (said, never drawn)
    set_by: str | None = None      # for the whole plan: the area whose forecast sets (or blocks) the date
    blocked: int = 0               # AREA_UNKNOWN: how many unfinished areas have no forecast

    @property
    def per_30_days(self) -> float:
        return (self.done - self.done_before_window) * 30 / TREND_WINDOW_DAYS

    @property
    def remaining(self) -> int:
        return self.total - self.done


def project(total: int, done: int, done_before_window: int, as_of: date, window: int = TREND_WINDOW_DAYS,
            horizon: date | None = None) -> Projection:
    """Straight-line projection of the recent pace: when the remaining milestones would be done."""
    remaining, gained = total - done, done - done_before_window
    if remaining <= 0:
        return Projection(total, done, done_before_window, None, True, COMPLETE, horizon)
    if gained <= 0:
        return Projection(total, done, done_before_window, None, False, NO_PACE, horizon)
    on = as_of + timedelta(days=math.ceil(remaining * window / gained))
    if horizon is not None and on > horizon:
        return Projection(total, done, done_before_window, None, False, BEYOND_HORIZON, horizon, beyond_on=on)
    return Projection(total, done, done_before_window, on, False, PROJECTED, horizon)


def area_projections(changes: pd.DataFrame, snap: pd.DataFrame, areas: pd.DataFrame, as_of: date,
                     window: int = TREND_WINDOW_DAYS, horizon: date | None = None) -> pd.DataFrame:
    """Per area in plan order: deadline, done now, done before the window, projected completion date (None when
    complete, without pace, or past the horizon: `state` says which)."""
    rows = []
    for area, p, overdue in _per_area(changes, snap, areas, as_of, window, horizon):
        rows.append({
            "code": area.code, "name": area.name, "name_en": area.name_en,
            "deadline": area.deadline if pd.notna(area.deadline) else None,
            "total": p.total, "done": p.done, "per_30_days": round(p.per_30_days, 1),
            "projected_on": p.projected_on, "complete": p.complete,
            "gained": p.done - p.done_before_window, "overdue": overdue,
            "state": p.state, "beyond_on": p.beyond_on, "horizon": p.horizon,
        })
    return pd.DataFrame(rows, columns=["code", "name", "name_en", "deadline", "total", "done", "per_30_days",
                                       "projected_on", "complete", "gained", "overdue", "state", "beyond_on",
                                       "horizon"])


def _per_area(changes, snap, areas, as_of, window, horizon):
    cutoff = as_of - timedelta(days=window)
    earlier = changes[changes["fact_date"] <= cutoff].groupby("area")["change"].sum()
    totals = snap.groupby("area").size()
    done_now = snap[snap["status"].isin(DONE)].groupby("area").size()
    overdue = snap[snap["status"] == "overdue"].groupby("area").size()
    for area in areas.itertuples(index=False):
        total = int(totals.get(area.code, 0))
        if total:
            p = project(total, int(done_now.get(area.code, 0)), int(earlier.get(area.code, 0)), as_of, window, horizon)
            yield area, p, int(overdue.get(area.code, 0))


def overall_projection(changes: pd.DataFrame, snap: pd.DataFrame, as_of: date, window: int = TREND_WINDOW_DAYS,
                       areas: pd.DataFrame | None = None, horizon: date | None = None) -> Projection:
    """The whole plan (the dashed end of the burn-up): its own straight line, but never earlier than its slowest
    area, and not forecast at all while an unfinished area has none."""
    before = int(changes.loc[changes["fact_date"] <= as_of - timedelta(days=window), "change"].sum())
    own = project(len(snap), int(snap["status"].isin(DONE).sum()), before, as_of, window, horizon)
    if own.complete or areas is None:
        return own
    slowest, slowest_on, unknown = None, None, []
    for area, p, _ in _per_area(changes, snap, areas, as_of, window, horizon):
        if p.complete:
            continue
        if p.projected_on is None:
            unknown.append(area.code)
        elif slowest_on is None or p.projected_on > slowest_on:
            slowest, slowest_on = area.code, p.projected_on
    if unknown:  # an unfinished area without a forecast: neither has the whole plan
        return Projection(own.total, own.done, own.done_before_window, None, False, AREA_UNKNOWN, horizon,
                          set_by=unknown[0], blocked=len(unknown))
    if own.projected_on is None or slowest_on is None or own.projected_on >= slowest_on:
        return own
    return Projection(own.total, own.done, own.done_before_window, slowest_on, False, PROJECTED, horizon,
                      set_by=slowest)
