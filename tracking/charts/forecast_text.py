"""The forecast's words, the same on every chart, slide and table: its method and horizon, and what each state says."""
from __future__ import annotations

from datetime import date

from tracking.analysis.trend import (
    AREA_UNKNOWN, BEYOND_HORIZON, COMPLETE, HORIZON_YEARS, NO_PACE, TREND_WINDOW_DAYS,
)
from tracking.labels import fmt_date, pick

METHOD = (f"ngoại suy tốc độ {TREND_WINDOW_DAYS} ngày gần nhất",
          f"straight line from the pace of the last {TREND_WINDOW_DAYS} days")
CANNOT = ("không dự báo được", "no forecast")


def method_note(horizon: date | None, lang: str = "vi") -> str:
    """The sentence every forecast figure carries: how the date is made and how far it may go."""
    limit = (pick(lang, f"; không dự báo sau {fmt_date(horizon)} ({HORIZON_YEARS} năm sau khi kế hoạch kết thúc)",
                  f"; nothing forecast after {fmt_date(horizon)} ({HORIZON_YEARS} years after the plan's end)")
             if horizon else "")
    return pick(lang, f"Dự báo: {METHOD[0]}{limit}. Cả kế hoạch xong khi lĩnh vực chậm nhất xong.",
                f"Forecast: {METHOD[1]}{limit}. The whole plan is done when its slowest area is.")


def state_phrase(state: str, *, remaining: int = 0, overdue: int = 0, beyond_on: date | None = None,
                 horizon: date | None = None, blocking_area: str = "", blocked: int = 0, lang: str = "vi", detailed: bool = False) -> str:
    """Why a forecast has no date, in a short note (chart) or a sentence (table)."""
    cannot = pick(lang, *CANNOT)
    if state == COMPLETE:
        return pick(lang, "đã hoàn thành", "completed")
    if state == BEYOND_HORIZON:
        if detailed:
            return pick(lang, f"{cannot.capitalize()}: theo tốc độ hiện nay sẽ xong sau {fmt_date(horizon)} "
                              f"(ngoại suy: {fmt_date(beyond_on)}), quá xa để tin được",
                        f"{cannot.capitalize()}: at the current pace it would end after {fmt_date(horizon)} "
                        f"(straight line: {fmt_date(beyond_on)}), too far to trust")
        return pick(lang, f"{cannot}: sau {fmt_date(horizon)}", f"{cannot}: after {fmt_date(horizon)}")
    if state == AREA_UNKNOWN:
        if blocked > 1:
            return pick(lang, f"{cannot} ({blocked} lĩnh vực chưa có dự báo)",
                        f"{cannot} ({blocked} areas have none)")
        return pick(lang, f"{cannot}: {blocking_area} chưa dự báo được", f"{cannot}: {blocking_area} has no forecast")
    if state == NO_PACE:
        late = pick(lang, f", {overdue} quá hạn", f", {overdue} overdue") if overdue else ""
        if detailed:
            return pick(lang, f"{cannot.capitalize()}: trong {TREND_WINDOW_DAYS} ngày qua không có mốc nào hoàn thành "
                              f"để ngoại suy (còn {remaining} mốc chưa xong{late})",
                        f"{cannot.capitalize()}: nothing was completed in the last {TREND_WINDOW_DAYS} days to "
                        f"extrapolate ({remaining} not done{late})")
        return pick(lang, f"{cannot} (0 mốc xong/{TREND_WINDOW_DAYS} ngày{late})",
                    f"{cannot} (none done in {TREND_WINDOW_DAYS} days{late})")
    return ""


def upper_first(text: str) -> str:
    """A phrase as a sentence: its first letter capital, the rest (names of areas) as written."""
    return text[:1].upper() + text[1:]
