"""One entry point for every export, shared by the page and the CLI: read once, render, return bytes or images."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Callable

import plotly.graph_objects as go
from sqlalchemy import Engine

from tracking.charts import registry
from tracking.charts.palette import add_subtitle, private_copy
from tracking.charts.registry import dashboard_figures, iter_slide_figures
from tracking.charts.slide import for_image
from tracking.exports import images
from tracking.exports.docx_report import consolidated_report
from tracking.exports.pptx_deck import build_deck
from tracking.exports.xlsx import compliance_workbook
from tracking.labels import Seat, pick, stamp_text
from tracking.views.dashboard import DashboardData, load_dashboard

Progress = Callable[[float, str], None]  # share done (0..1), what is being made


@dataclass(frozen=True)
class ExportKind:
    key: str
    label_vi: str
    label_en: str
    mime: str
    needs_chromium: bool

    def label(self, lang: str = "vi", seat: Seat = Seat()) -> str:
        """The file's name on the page; the Word report goes to the UBND of a province, or of a city ('thành phố')."""
        return pick(lang, self.label_vi, self.label_en).format(kind=seat.kind)


KINDS = {
    "pptx": ExportKind("pptx", "Bài trình chiếu PowerPoint", "PowerPoint deck",
                       "application/vnd.openxmlformats-officedocument.presentationml.presentation", True),
    "xlsx": ExportKind("xlsx", "Bảng tính Excel", "Excel workbook",
                       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", False),
    "docx": ExportKind("docx", "Báo cáo Word gửi UBND {kind}", "Word report to the UBND",
                       "application/vnd.openxmlformats-officedocument.wordprocessingml.document", False),
    "png": ExportKind("png", "Hình biểu đồ PNG (tệp .zip)", "Chart images, PNG (.zip)", "application/zip", True),
    "svg": ExportKind("svg", "Hình biểu đồ SVG (tệp .zip)", "Chart images, SVG (.zip)", "application/zip", True),
}


def load(engine: Engine, as_of: date) -> DashboardData:
    return load_dashboard(engine, as_of)


def file_name(kind: str, as_of: date) -> str:
    stem = {"pptx": "trinh-chieu", "xlsx": "bang-tuan-thu", "docx": "bao-cao-ubnd", "png": "bieu-do-png",
            "svg": "bieu-do-svg"}[kind]
    return f"{stem}-{as_of:%Y-%m-%d}.{'zip' if kind in ('png', 'svg') else kind}"


def chart_images(data: DashboardData, fmt: str, lang: str = "vi", progress: Progress | None = None,
                 share: float = 1.0) -> list[images.ChartImage]:
    """Every registered dashboard chart rendered to `fmt`; progress covers the first `share` of the bar."""
    images.warm_up()
    footer = image_footer(data, lang)
    charts = [(spec, for_image(fig, footer)) for spec, fig in dashboard_figures(data, lang)]

    def step(done: int, total: int, title: str) -> None:
        if progress:
            progress(share * done / total, title)

    return images.render_all(charts, fmt, lang, progress=step, dated=f"{data.as_of:%Y-%m-%d}")


def chart_image(data: DashboardData, key: str, fmt: str = "png", lang: str = "vi") -> bytes:
    """One dashboard chart as `chart_images` renders it (its picture in the exported folder)."""
    return images.render(for_image(registry.figure(key, data, lang), image_footer(data, lang)), fmt, exact=True)


PAGE_CHART_WIDTH = 980  # a full-width chart on the dashboard at 1440 px


def page_chart_image(data: DashboardData, fig: go.Figure, fmt: str = "png", lang: str = "vi") -> bytes:
    """A page's own chart, one the exports do not make (the compliance page's heatmap as filtered), as the chart
    toolbar saved it when the page drew it with Plotly: at the page's width, the as-of date (and demo data) under
    its title. `fig` may be a shared one: it is copied."""
    fig = add_subtitle(private_copy(fig), stamp_text(data.as_of, data.is_demo, lang), size=12)
    fig.update_layout(width=PAGE_CHART_WIDTH)
    return images.render(fig, fmt, exact=True)


def image_footer(data: DashboardData, lang: str = "vi") -> str:
    """What every picture says about itself at its foot: the as-of date, demo data, and in English that it is not
    the official (Vietnamese) text."""
    stamp = stamp_text(data.as_of, data.is_demo, lang)
    return stamp + (" · Unofficial translation: the Vietnamese edition is the reference" if lang == "en" else "")


def deck(data: DashboardData, lang: str = "vi", progress: Progress | None = None) -> bytes:
    """Charts laid out for the slide (tracking.charts.slide), long ones over several slides."""
    images.warm_up()  # Chromium starts while the first figures are built
    titles = []

    def figures():  # each figure goes to Chromium as soon as it is built
        for title, fig in iter_slide_figures(data, lang):
            titles.append(title)
            yield fig

    def step(done: int, total: int) -> None:
        if progress:
            progress(0.9 * done / total, titles[done - 1])

    pngs = images.render_many(figures(), "png", exact=True, progress=step)
    return build_deck(data, list(zip(titles, pngs)), lang)


def export_bytes(kind: str, data: DashboardData, lang: str = "vi", progress: Progress | None = None) -> bytes:
    """The file for one export kind (png/svg as a .zip of one image per chart)."""
    if kind == "pptx":
        result = deck(data, lang, progress)
    elif kind == "xlsx":
        result = compliance_workbook(data, lang)
    elif kind == "docx":
        result = consolidated_report(data, lang=lang)
    elif kind in ("png", "svg"):
        result = images.zip_images(chart_images(data, kind, lang, progress, share=0.95))
    else:
        raise ValueError(kind)
    if progress:
        progress(1.0, "")
    return result
