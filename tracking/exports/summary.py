"""Figures the exports add to the dashboard's (tracking.analysis.progress): totals and the overdue units."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from tracking.analysis.progress import status_counts
from tracking.charts.palette import STATUSES
from tracking.domain.status import Status
from tracking.labels import (deadline_sources, deadline_words, deadline_words_of, fmt_date, fmt_percent, period_label,
                             pick, shorten)


@dataclass(frozen=True)
class Totals:
    total: int
    done_on_time: int
    done_late: int
    overdue: int
    open: int
    no_deadline: int

    @property
    def done(self) -> int:
        return self.done_on_time + self.done_late

    @property
    def percent_done(self) -> float:
        return 100.0 * self.done / self.total if self.total else 0.0

    @property
    def on_time_pct(self) -> float:
        return 100.0 * self.done_on_time / self.total if self.total else 0.0


def totals(snapshot: pd.DataFrame) -> Totals:
    counts = status_counts(snapshot)
    return Totals(len(snapshot), *(counts[s] for s in STATUSES))


def _oldest_source(rows: pd.DataFrame, keys: list[str], deadline: str, source: str) -> pd.Series:
    """The provenance of the earliest deadline of each group (the one the table shows)."""
    return rows.sort_values(deadline, kind="stable").groupby(keys, sort=False)[source].first()


COMMUNE_LEVEL = "Cấp xã"  # how communes directly under the province are grouped in a folded row


def unit_labels(snapshot: pd.DataFrame) -> pd.Series:
    """Unit names, communes with their district ("Xã Xuân Hòa (Huyện Kế Sách)") since commune names repeat."""
    in_district = (snapshot["unit_level"] == "commune") & snapshot["district_code"].notna()
    return snapshot["unit_name"].where(~in_district,
                                       snapshot["unit_name"] + " (" + snapshot["parent_name"].fillna("") + ")")


def district_names(snapshot: pd.DataFrame) -> pd.Series:
    """The district a row's commune belongs to; on a two-level map (communes under the province) the commune level."""
    return snapshot["parent_name"].where(snapshot["district_code"].notna(), COMMUNE_LEVEL)


def overdue_units(snapshot: pd.DataFrame, as_of: date, title_limit: int = 54, lang: str = "vi") -> pd.DataFrame:
    """One row per (area, unit) with overdue milestones: how many, which tasks (short titles), the oldest deadline."""
    late = snapshot[snapshot["status"] == Status.OVERDUE.value]
    columns = ["area", "unit_code", "unit_name", "unit_level", "parent_name", "overdue", "tasks", "oldest_deadline",
               "oldest_deadline_text", "oldest_deadline_source", "days_overdue"]
    if late.empty:
        return pd.DataFrame(columns=columns)
    late = late.assign(label=unit_labels(late), deadline_words=deadline_sources(late, lang),
                       deadline_text=deadline_words_of(late, lang), parent_name=district_names(late)).sort_values(
        ["unit_position", "requirement_position", "period"])
    tasks = late.groupby(["area", "unit_code", "requirement_code"], sort=False).apply(
        lambda rows: _task(rows, title_limit, lang), include_groups=False)
    tasks = tasks.groupby(level=["area", "unit_code"], sort=False).agg("; ".join)
    grouped = late.groupby(["area", "unit_code"], sort=False).agg(
        unit_name=("label", "first"),
        unit_level=("unit_level", "first"),
        parent_name=("parent_name", "first"),
        overdue=("milestone_id", "size"),
        oldest_deadline=("deadline", "min"),
    )
    grouped["tasks"] = tasks
    grouped["oldest_deadline_source"] = _oldest_source(late, ["area", "unit_code"], "deadline", "deadline_words")
    grouped["oldest_deadline_text"] = _oldest_source(late, ["area", "unit_code"], "deadline", "deadline_text")
    grouped = grouped.reset_index()
    grouped["days_overdue"] = grouped["oldest_deadline"].map(lambda d: (as_of - d).days)
    return grouped[columns]


def communes_by_district(late_units: pd.DataFrame) -> pd.DataFrame:
    """overdue_units with the communes of each district folded into one row, for a table that fits a slide."""
    if late_units.empty:
        return late_units
    communes = late_units["unit_level"] == "commune"
    folded = late_units[communes].groupby(["area", "parent_name"], sort=False).agg(
        unit_code=("unit_code", "first"),
        names=("unit_name", lambda names: ", ".join(n.split(" (")[0] for n in names)),
        overdue=("overdue", "sum"),
        tasks=("tasks", lambda tasks: "; ".join(dict.fromkeys(tasks))),
        oldest_deadline=("oldest_deadline", "min"),
        days_overdue=("days_overdue", "max"),
    )
    folded["oldest_deadline_source"] = _oldest_source(late_units[communes], ["area", "parent_name"], "oldest_deadline",
                                                      "oldest_deadline_source")
    folded["oldest_deadline_text"] = _oldest_source(late_units[communes], ["area", "parent_name"], "oldest_deadline",
                                                    "oldest_deadline_text")
    folded = folded.reset_index()
    folded["unit_name"] = folded["parent_name"] + ": " + folded["names"]
    folded["unit_level"] = "commune"
    rows = pd.concat([late_units[~communes], folded[late_units.columns]], ignore_index=True)
    return rows


def _task(rows: pd.DataFrame, limit: int, lang: str = "vi") -> str:
    """'Định kỳ hàng quý báo cáo… (Quý III/2010, Quý IV/2010)'; in English 'Q3/2010'."""
    title = shorten(rows["requirement_title"].iloc[0], limit)
    periods = [period_label(p, lang) for p in rows["period"] if isinstance(p, str) and p]
    return f"{title} ({', '.join(periods)})" if periods else title


def overdue_requirements(snapshot: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """One row per (requirement, period) with overdue units, in plan order: title, deadline and its source, units."""
    late = snapshot[snapshot["status"] == Status.OVERDUE.value]
    columns = ["area", "requirement_code", "requirement_title", "period", "deadline", "deadline_text",
               "deadline_source", "units", "count"]
    if late.empty:
        return pd.DataFrame(columns=columns)
    late = late.assign(period=late["period"].fillna(""), deadline_words=deadline_sources(late, lang),
                       deadline_text=deadline_words_of(late, lang))
    late = late.sort_values(["requirement_position", "period", "unit_position"])
    grouped = late.groupby(["requirement_code", "period"], sort=False).agg(
        area=("area", "first"),
        requirement_title=("requirement_title", "first"),
        deadline=("deadline", "first"),
        deadline_text=("deadline_text", "first"),
        deadline_source=("deadline_words", "first"),  # one deadline per requirement and period, for every unit
        count=("milestone_id", "size"),
    ).reset_index()
    names = {key: _names_by_district(rows) for key, rows in late.groupby(["requirement_code", "period"], sort=False)}
    grouped["units"] = [names[(code, period)] for code, period in zip(grouped["requirement_code"], grouped["period"])]
    return grouped[columns]


def _names_by_district(rows: pd.DataFrame) -> str:
    """'Sở Tư pháp, Huyện Mỹ Tú; Huyện Kế Sách: Xã Xuân Hòa, Xã Nhơn Mỹ': communes listed under their district."""
    communes = rows["unit_level"] == "commune"
    parts = [", ".join(rows.loc[~communes, "unit_name"])] if (~communes).any() else []
    for district, group in rows[communes].groupby(district_names(rows[communes]), sort=False):
        parts.append(f"{district}: {', '.join(group['unit_name'])}")
    return "; ".join(parts)


def key_messages(snapshot: pd.DataFrame, areas: pd.DataFrame, as_of: date, lang: str = "vi") -> list[str]:
    """The deck's opening slide, in sentences made from the figures: where things stand, which deadline areas are
    overdue, which units are most behind (a tie said as a tie)."""
    from tracking.analysis.progress import area_progress, unit_scores  # avoids an import cycle with the charts

    t = totals(snapshot)
    day = fmt_date(as_of)
    if not t.total:
        return [pick(lang, "Chưa có mốc nào để tổng hợp.", "No milestones yet.")]
    late_units = snapshot.loc[snapshot["status"] == Status.OVERDUE.value, "unit_code"].nunique()
    lines = [pick(lang,
                  f"Đến ngày {day}: hoàn thành {t.done}/{t.total} mốc ({fmt_percent(t.percent_done, lang, 1)}); "
                  f"{t.overdue} mốc quá hạn chưa hoàn thành, ở {late_units} đơn vị.",
                  f"As of {day}: {t.done} of {t.total} milestones done ({fmt_percent(t.percent_done, lang, 1)}); "
                  f"{t.overdue} overdue and not done, at {late_units} units.")]
    table = area_progress(snapshot, areas, as_of)
    past = table[table["deadline"].notna() & (table["overdue"] > 0)]
    for row in past.itertuples(index=False):
        name = row.name_en if lang == "en" else row.name
        words = deadline_words(row.deadline, "plan", getattr(row, "deadline_as_written", None),
                               getattr(row, "deadline_named", None), getattr(row, "deadline_qualifier", None), lang)
        lines.append(pick(lang,
                          f"{name} (hạn: {words}): còn {row.overdue} mốc quá hạn, "
                          f"đã quá hạn {-int(row.days_left)} ngày; hoàn thành {fmt_percent(row.percent_done, lang)}.",
                          f"{name} (due: {words}): {row.overdue} milestones overdue, "
                          f"{-int(row.days_left)} days past the deadline; {fmt_percent(row.percent_done, lang)} done."))
    scores = unit_scores(snapshot)
    if not scores.empty and scores[Status.OVERDUE.value].max() > 0:
        worst = int(scores[Status.OVERDUE.value].max())
        top = scores[scores[Status.OVERDUE.value] == worst].sort_values("unit_position")
        names = ", ".join(top["unit_name"])
        each = len(top) > 1  # "7 mốc mỗi đơn vị" of a single unit read as if there were several
        lines.append(pick(lang, f"Nhiều mốc quá hạn nhất ({worst} mốc{' mỗi đơn vị' if each else ''}): {names}.",
                          f"Most overdue ({worst} milestone{'s' if worst > 1 else ''}{' each' if each else ''}): "
                          f"{names}."))
    reports = snapshot[snapshot["period"].map(lambda p: isinstance(p, str) and bool(p))]
    overdue_reports = int((reports["status"] == Status.OVERDUE.value).sum())
    if overdue_reports:
        lines.append(pick(lang, f"Báo cáo quý: {overdue_reports} báo cáo đến hạn chưa nộp.",
                          f"Quarterly reports: {overdue_reports} due and not sent."))
    return lines
