"""Quarterly reports to Thanh tra tỉnh (section IV): expected, received, on time — DHIS2's reporting rate
(received / expected) and timeliness (on time / expected). A quarter's report is expected once the quarter
has ended; it is on time if it was received by the quarter's due date (the milestone deadline, a setting)."""
from __future__ import annotations

from datetime import date

import pandas as pd
from sqlalchemy import Engine

from tracking.domain.periods import quarter_end
from tracking.views.snapshot import snapshot

REPORT_REQUIREMENT = "REP-QUY"


def reporting(engine: Engine, as_of: date, requirement_code: str = REPORT_REQUIREMENT,
              plan_id: int | None = None) -> pd.DataFrame:
    """One row per unit and quarter of one plan (None: the default plan): expected, received, on_time (0/1), the
    DHIS2 cell and the milestone status."""
    frame = snapshot(engine, as_of, requirement_codes=[requirement_code], plan_id=plan_id)
    if frame.empty:
        return frame.assign(expected=0, received=0, on_time=0, cell="")
    ended = frame["period"].map(quarter_end) < as_of
    received = frame["completed_on"].notna()
    on_time = received & (frame["deadline"].isna() | (frame["completed_on"] <= frame["deadline"]))
    frame = frame.assign(expected=ended.astype(int), received=(ended & received).astype(int),
                         on_time=(ended & on_time).astype(int))
    frame["cell"] = "not_due"
    frame.loc[ended & ~received, "cell"] = "missing"
    frame.loc[ended & received, "cell"] = "late"
    frame.loc[ended & on_time, "cell"] = "on_time"
    return frame


def missing(report: pd.DataFrame) -> pd.DataFrame:
    """Expected reports not received, by quarter then unit (in list order); status says whether the due date passed."""
    rows = report[report["cell"] == "missing"].sort_values(["period", "unit_position"])
    return rows[["period", "unit_code", "unit_name", "deadline", "status"]].reset_index(drop=True)


def rates(report: pd.DataFrame, by: str) -> pd.DataFrame:
    """Expected, received, on time and the two rates (percent, one decimal) per value of `by` (rows without one,
    e.g. departments when grouping by district, are left out)."""
    sums = report.groupby(by)[["expected", "received", "on_time"]].sum()
    expected = sums["expected"].where(sums["expected"] > 0)
    sums["reporting_rate"] = (100 * sums["received"] / expected).round(1)
    sums["timeliness"] = (100 * sums["on_time"] / expected).round(1)
    return sums.reset_index()


def totals(report: pd.DataFrame) -> dict:
    """Province-wide expected, received, on time and the two rates (percent, or None when nothing is expected)."""
    expected, received, on_time = (int(report[c].sum()) for c in ("expected", "received", "on_time"))
    return {
        "expected": expected, "received": received, "on_time": on_time,
        "reporting_rate": 100 * received / expected if expected else None,
        "timeliness": 100 * on_time / expected if expected else None,
    }
