"""Every dashboard chart, by key: the dashboard draws them and the exports render exactly these."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterator

import plotly.graph_objects as go

from tracking.analysis import compliance, progress, schedule, trend
from tracking.charts import compliance as compliance_charts
from tracking.charts import progress as progress_charts
from tracking.charts import timeline as timeline_charts
from tracking.charts.slide import ROWS_PER_SLIDE, for_slide
from tracking.labels import Seat, behind_note, pick, seat_of, wrap
from tracking.views.dashboard import DashboardData


@dataclass(frozen=True)
class ChartSpec:
    key: str
    title_vi: str
    title_en: str
    build: Callable[[DashboardData, str], go.Figure]
    # For a slide: (title suffix, figure) pairs when the chart must be split or trimmed to be read in the room.
    slides: Callable[[DashboardData, str], list[tuple[str, go.Figure]]] | None = None
    # Whether the chart means something for this board: the district charts only where the map has districts.
    shown: Callable[[DashboardData], bool] = lambda data: True
    # A plain status bar chart also as data (tracking.charts.progress.StatusBars), which pages draw as HTML: the
    # overview then loads no plotly.js at all. `build` is then the same bars as a figure, for the exports.
    bars: Callable[[DashboardData, str], progress_charts.StatusBars] | None = None

    # The title in a province's or city's own words (tracking.labels.Seat), where it names its levels.
    titled: Callable[[DashboardData, str], str] | None = None

    def title(self, lang: str, data: DashboardData | None = None) -> str:
        """The title; given the board's data, in its province's or city's words ('Xếp hạng quận, huyện, thị xã …')."""
        return self.titled(data, lang) if self.titled and data is not None else pick(lang, self.title_vi, self.title_en)


def snapshot_in(data: DashboardData, lang: str):
    """The snapshot with task texts in the reader's language (the plan gives an English title per requirement)."""
    if lang != "en" or data.requirements.empty or "title_en" not in data.requirements:
        return data.snapshot
    english = data.requirements.set_index("code")["title_en"].dropna().to_dict()
    snap = data.snapshot
    return snap.assign(requirement_title=snap["requirement_code"].map(english).fillna(snap["requirement_title"]))


def has_districts(data: DashboardData) -> bool:
    """Three-level map (province → district → commune); on today's two-level map communes sit under the province."""
    return bool((data.units["level"] == "district").any()) if not data.units.empty else False


def seat(data: DashboardData) -> Seat:
    """How the board's province or city names its departments and districts (tracking.labels.Seat)."""
    return seat_of(data.plan.get("issuer"), data.units)


def charts_for(data: DashboardData) -> list[ChartSpec]:
    return [spec for spec in CHARTS if spec.shown(data)]


HEATMAP_ROWS_PER_SLIDE = 9  # unit names take two lines under 9 area columns
AREA_CELLS_NOTE = ("Mỗi ô là tình trạng xấu nhất trong các yêu cầu của lĩnh vực (với báo cáo định kỳ: trong các kỳ).",
                   "Each cell shows the worst status among the area's requirements (for periodic reports: their periods).")


def _chunks(count: int, size: int = ROWS_PER_SLIDE) -> list[slice]:
    """Even pages: 21 rows → 11 + 10, not 11 + 10 by accident of the cut."""
    pages = max(1, -(-count // size))
    step = -(-count // pages)
    return [slice(i, i + step) for i in range(0, count, step)] or [slice(0, 0)]


def _numbered(parts: list[tuple[str, go.Figure]]) -> list[tuple[str, go.Figure]]:
    if len(parts) < 2:
        return parts
    return [(f"{suffix} ({i}/{len(parts)})".strip(), fig) for i, (suffix, fig) in enumerate(parts, 1)]


def _plan_start(data: DashboardData):
    return data.plan.get("starts_on", data.as_of)


def _by_area(data: DashboardData, lang: str):
    """The snapshot with each area standing for a requirement (a heatmap column per area), and the areas' short
    names (the name up to its first comma: "Kiện toàn tổ chức")."""
    names = data.areas.set_index("code")["name_en" if lang == "en" else "name"].to_dict()
    order = {code: i for i, code in enumerate(data.areas["code"])}
    snap = data.snapshot.assign(requirement_code=data.snapshot["area"],
                                requirement_title=data.snapshot["area"].map(names),
                                requirement_position=data.snapshot["area"].map(order))
    return snap, {code: name.split(",")[0] for code, name in names.items()}


def _heatmap(data: DashboardData, lang: str) -> go.Figure:
    # Departments and districts (all 109 communes would make the image unreadable; they have their own chart), a
    # column per area under its short name: 29 requirement columns are names no one can read in a picture.
    snap, short = _by_area(data, lang)
    matrix = compliance.status_matrix(compliance.filter_snapshot(snap, levels=("department", "district")))
    title = pick(lang, f"Tuân thủ của sở, ban, ngành và {seat(data).district_word()} theo lĩnh vực",
                 "Compliance of departments and districts, per area") if has_districts(data) else pick(
        lang, "Tuân thủ của sở, ban, ngành theo lĩnh vực", "Compliance of departments, per area")
    return compliance_charts.heatmap_figure(matrix, lang, title, column_names=short, cell_note=AREA_CELLS_NOTE)


def _heatmap_slides(data: DashboardData, lang: str) -> list[tuple[str, go.Figure]]:
    """One column per area (its worst status), districts on one slide and departments over as many as they need."""
    snap, short = _by_area(data, lang)
    parts = []
    levels = (("district", pick(lang, seat(data).districts, "districts")),
              ("department", pick(lang, "sở, ban, ngành", "departments")))
    for level, label in levels[0 if has_districts(data) else 1:]:
        matrix = compliance.status_matrix(compliance.filter_snapshot(snap, levels=(level,)))
        units = list(dict.fromkeys(matrix["unit_code"]))
        pages = []
        for part in _chunks(len(units), HEATMAP_ROWS_PER_SLIDE):
            chosen = matrix[matrix["unit_code"].isin(units[part])]
            fig = compliance_charts.heatmap_figure(chosen, lang, column_names=short, name_width=26,
                                                   cell_note=AREA_CELLS_NOTE)
            pages.append((pick(lang, f"— {label}", f"— {label}"), fig))
        parts += _numbered(pages)
    return parts


def _ranking_slides(level: str):
    def build(data: DashboardData, lang: str) -> list[tuple[str, go.Figure]]:
        table = compliance.ranking(data.snapshot, level)
        draw = (compliance_charts.district_ranking_figure if level == "district"
                else compliance_charts.department_ranking_figure)
        return _numbered([("", draw(table.iloc[part], lang, seat(data))) for part in _chunks(len(table))])
    return build


def _gantt(data: DashboardData, lang: str, rows: slice = slice(None)) -> go.Figure:
    snap = snapshot_in(data, lang)
    table = schedule.requirement_schedule(snap).iloc[rows]
    return timeline_charts.gantt_figure(table, snap, _plan_start(data), data.as_of, lang)


def _gantt_slides(data: DashboardData, lang: str) -> list[tuple[str, go.Figure]]:
    count = len(schedule.requirement_schedule(data.snapshot))
    return _numbered([("", _gantt(data, lang, part)) for part in _chunks(count, ROWS_PER_SLIDE - 1)])


def _area_bars(data: DashboardData, lang: str) -> progress_charts.StatusBars:
    return progress_charts.area_progress_bars(progress.area_progress(data.snapshot, data.areas, data.as_of), lang)


def _level_bars(data: DashboardData, lang: str) -> progress_charts.StatusBars:
    return progress_charts.level_progress_bars(progress.level_progress(data.snapshot), lang, not has_districts(data),
                                               seat(data))


def _units_behind_bars(data: DashboardData, lang: str) -> progress_charts.StatusBars:
    note = behind_note(progress.behind_cut(data.snapshot), lang)
    return progress_charts.units_behind_bars(progress.units_behind(data.snapshot), lang, note)


def _ranking_bars(level: str):
    draw = (compliance_charts.district_ranking_bars if level == "district"
            else compliance_charts.department_ranking_bars)
    return lambda data, lang: draw(compliance.ranking(data.snapshot, level), lang, seat(data))


def _communes_bars(data: DashboardData, lang: str) -> progress_charts.StatusBars:
    return compliance_charts.communes_by_district_bars(compliance.communes_by_district(data.snapshot), lang,
                                                       seat(data))


def _communes_slides(data: DashboardData, lang: str) -> list[tuple[str, go.Figure]]:
    """Hà Nội has 29 districts: on one slide their bars and numbers were printed over each other."""
    table = compliance.communes_by_district(data.snapshot)
    return _numbered([("", compliance_charts.communes_by_district_figure(table.iloc[part], lang, seat(data)))
                      for part in _chunks(len(table))])


def _communes_title(data: DashboardData, lang: str) -> str:
    """A city's districts are not all huyện: 'không gồm UBND cấp huyện' (Hà Nội: 'theo quận, huyện, thị xã')."""
    return pick(lang, f"Cấp xã theo {seat(data).districts}: chỉ các xã, không gồm {seat(data).district_office()}",
                "Communes by district: the communes only, not the district office")


def _drawn(bars: Callable[[DashboardData, str], progress_charts.StatusBars]):
    return lambda data, lang: progress_charts.figure(bars(data, lang))


def _burnup(data: DashboardData, lang: str) -> go.Figure:
    end = max(data.plan.get("ends_on", data.as_of), data.as_of)
    series = trend.burnup(data.done_changes, data.snapshot, _plan_start(data), end, data.as_of)
    marks = [(a.deadline, pick(lang, f"Hạn {a.name}", f"Due: {a.name_en}"))
             for a in data.areas.itertuples(index=False) if a.deadline is not None and a.deadline == a.deadline]
    projection = trend.overall_projection(data.done_changes, data.snapshot, data.as_of, areas=data.areas,
                                          horizon=horizon(data))
    names = data.areas.set_index("code")["name_en" if lang == "en" else "name"].to_dict()
    short = {code: name.split(",")[0] for code, name in names.items()}
    return timeline_charts.burnup_figure(series, projection, data.as_of, marks, lang, short)


def horizon(data: DashboardData):
    """How far any forecast may go (tracking.analysis.trend.horizon_for)."""
    return trend.horizon_for(data.plan.get("ends_on"), data.as_of)


def area_forecasts(data: DashboardData):
    """The areas' forecasts and the whole plan's, by the one model (chart, slide and table alike)."""
    return (trend.area_projections(data.done_changes, data.snapshot, data.areas, data.as_of, horizon=horizon(data)),
            trend.overall_projection(data.done_changes, data.snapshot, data.as_of, areas=data.areas,
                                     horizon=horizon(data)))


def _projection(data: DashboardData, lang: str) -> go.Figure:
    table, overall = area_forecasts(data)
    return timeline_charts.projection_figure(table, data.as_of, lang, overall, _plan_start(data))


CHARTS: list[ChartSpec] = [
    ChartSpec("area_progress", "Tiến độ theo lĩnh vực", "Progress by area", _drawn(_area_bars), bars=_area_bars),
    ChartSpec("level_progress", "Tiến độ theo cấp", "Progress by level", _drawn(_level_bars), bars=_level_bars),
    ChartSpec("units_behind", "Các đơn vị chậm nhất: nhiều mốc quá hạn nhất, mỗi đơn vị tính riêng",
              "Units most behind: most overdue milestones, each unit on its own", _drawn(_units_behind_bars),
              bars=_units_behind_bars),
    ChartSpec("compliance_heatmap", "Tuân thủ theo đơn vị và lĩnh vực: mỗi đơn vị tính riêng, không gồm cấp xã",
              "Compliance by unit and area: each unit on its own, communes not included", _heatmap,
              _heatmap_slides),
    ChartSpec("district_ranking", "Xếp hạng huyện, thành phố theo tỷ lệ đúng hạn, tính cả các xã",
              "Districts ranked by on-time share, their communes included",
              _drawn(_ranking_bars("district")), _ranking_slides("district"), shown=has_districts,
              bars=_ranking_bars("district"),
              titled=lambda data, lang: compliance_charts.district_ranking_title(lang, seat(data))),
    ChartSpec("department_ranking", "Xếp hạng sở, ban, ngành tỉnh theo tỷ lệ đúng hạn",
              "Provincial departments ranked by on-time share",
              _drawn(_ranking_bars("department")), _ranking_slides("department"), bars=_ranking_bars("department"),
              titled=lambda data, lang: compliance_charts.department_ranking_title(lang, seat(data))),
    ChartSpec("communes_by_district", "Cấp xã theo huyện, thành phố: chỉ các xã, không gồm UBND huyện",
              "Communes by district: the communes only, not the district office",
              _drawn(_communes_bars), _communes_slides, shown=has_districts, bars=_communes_bars,
              titled=_communes_title),
    ChartSpec("requirement_gantt", "Thời hạn và thực tế hoàn thành", "Deadlines against completion", _gantt,
              _gantt_slides),
    ChartSpec("burnup", "Số mốc hoàn thành theo thời gian", "Completed milestones over time", _burnup),
    ChartSpec("area_projection", "Dự báo ngày hoàn thành: ngoại suy tốc độ 90 ngày gần nhất",
              "Forecast completion dates: straight line from the last 90 days", _projection),
]
CHART_BY_KEY = {spec.key: spec for spec in CHARTS}


def figure(key: str, data: DashboardData, lang: str = "vi") -> go.Figure:
    return CHART_BY_KEY[key].build(data, lang)


def bars(key: str, data: DashboardData, lang: str = "vi") -> progress_charts.StatusBars | None:
    """The chart as StatusBars when it is a plain status bar chart (a page draws it as HTML), else None."""
    spec = CHART_BY_KEY[key]
    return spec.bars(data, lang) if spec.bars else None


def dashboard_figures(data: DashboardData, lang: str = "vi") -> list[tuple[ChartSpec, go.Figure]]:
    return [(spec, spec.build(data, lang)) for spec in charts_for(data)]


def slide_figures(data: DashboardData, lang: str = "vi") -> list[tuple[str, go.Figure]]:
    """Every chart as the deck shows it: (slide title, figure laid out for the slide), long charts split."""
    return list(iter_slide_figures(data, lang))


def iter_slide_figures(data: DashboardData, lang: str = "vi") -> Iterator[tuple[str, go.Figure]]:
    """`slide_figures` one chart at a time, so the first images render while the later figures are built."""
    for spec in charts_for(data):
        parts = spec.slides(data, lang) if spec.slides else [("", spec.build(data, lang))]
        for suffix, fig in parts:
            yield f"{spec.title(lang, data)} {suffix}".strip(), for_slide(fig)
