"""Every dashboard chart, by key: the dashboard draws them and the exports render exactly these."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import plotly.graph_objects as go

from tracking.analysis import compliance, progress, schedule, trend
from tracking.charts import compliance as compliance_charts
from tracking.charts import progress as progress_charts
from tracking.charts import timeline as timeline_charts
from tracking.labels import fmt_date, pick, shorten
from tracking.views.dashboard import DashboardData


@dataclass(frozen=True)
class ChartSpec:
    key: str
    title_vi: str
    title_en: str
    build: Callable[[DashboardData, str], go.Figure]


def _plan_start(data: DashboardData):
    return data.plan.get("starts_on", data.as_of)


def _heatmap(data: DashboardData, lang: str) -> go.Figure:
    # All 109 communes would make the exported image unreadable; they have their own chart below.
    snap = compliance.filter_snapshot(data.snapshot, levels=("department", "district"))
    return compliance_charts.heatmap_figure(compliance.status_matrix(snap), lang, pick(
        lang, "Tuân thủ của sở, ban, ngành và huyện theo từng yêu cầu",
        "Compliance of departments and districts, per requirement"))


def _burnup(data: DashboardData, lang: str) -> go.Figure:
    end = max(data.plan.get("ends_on", data.as_of), data.as_of)
    series = trend.burnup(data.done_changes, data.snapshot, _plan_start(data), end, data.as_of)
    marks = [(a.deadline, pick(lang, f"Hạn {shorten(a.name, 24)}", f"Due: {shorten(a.name_en, 24)}"))
             for a in data.areas.itertuples(index=False) if a.deadline is not None and a.deadline == a.deadline]
    projection = trend.overall_projection(data.done_changes, data.snapshot, data.as_of)
    return timeline_charts.burnup_figure(series, projection, data.as_of, marks, lang)


CHARTS: list[ChartSpec] = [
    ChartSpec("area_progress", "Tiến độ theo lĩnh vực", "Progress by area",
              lambda d, lang: progress_charts.area_progress_figure(progress.area_progress(d.snapshot, d.areas, d.as_of), lang)),
    ChartSpec("level_progress", "Tiến độ theo cấp", "Progress by level",
              lambda d, lang: progress_charts.level_progress_figure(progress.level_progress(d.snapshot), lang)),
    ChartSpec("units_behind", "Các đơn vị chậm nhất", "Units most behind",
              lambda d, lang: progress_charts.units_behind_figure(progress.units_behind(d.snapshot), lang)),
    ChartSpec("compliance_heatmap", "Tuân thủ theo đơn vị và yêu cầu", "Compliance by unit and requirement", _heatmap),
    ChartSpec("district_ranking", "Xếp hạng huyện, thành phố", "Ranking of districts",
              lambda d, lang: compliance_charts.district_ranking_figure(compliance.ranking(d.snapshot, "district"), lang)),
    ChartSpec("department_ranking", "Xếp hạng sở, ban, ngành tỉnh", "Ranking of provincial departments",
              lambda d, lang: compliance_charts.department_ranking_figure(compliance.ranking(d.snapshot, "department"), lang)),
    ChartSpec("communes_by_district", "Cấp xã theo huyện, thành phố", "Communes by district",
              lambda d, lang: compliance_charts.communes_by_district_figure(compliance.communes_by_district(d.snapshot), lang)),
    ChartSpec("requirement_gantt", "Thời hạn và thực tế hoàn thành", "Deadlines against completion",
              lambda d, lang: timeline_charts.gantt_figure(schedule.requirement_schedule(d.snapshot), d.snapshot,
                                                           _plan_start(d), d.as_of, lang)),
    ChartSpec("burnup", "Số mốc hoàn thành theo thời gian", "Completed milestones over time", _burnup),
    ChartSpec("area_projection", "Dự báo ngày hoàn thành", "Projected completion dates",
              lambda d, lang: timeline_charts.projection_figure(
                  trend.area_projections(d.done_changes, d.snapshot, d.areas, d.as_of), d.as_of, lang)),
]
CHART_BY_KEY = {spec.key: spec for spec in CHARTS}


def figure(key: str, data: DashboardData, lang: str = "vi") -> go.Figure:
    return CHART_BY_KEY[key].build(data, lang)


def dashboard_figures(data: DashboardData, lang: str = "vi") -> list[tuple[ChartSpec, go.Figure]]:
    return [(spec, spec.build(data, lang)) for spec in CHARTS]
