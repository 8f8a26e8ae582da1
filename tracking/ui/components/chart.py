"""A Plotly figure drawn as built (no Streamlit theme), with a toolbar in the reader's language whose saved picture
carries the as-of date and the demo label and is named after the chart and its date (as the exports are).

A plain status bar chart is drawn as HTML instead (tracking.charts.bars_html), and so is the compliance heatmap
(tracking.charts.heatmap_html): a page of such charts loads no plotly.js. Their picture is then made on the server
when asked for, from the Plotly figure: a status bar chart's is the exported one, the heatmap's the one the toolbar
saved."""
from __future__ import annotations

from datetime import date
from functools import cache
from typing import Callable, Hashable

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from tracking.charts import bars_html, heatmap_html, registry, toolbar
from tracking.charts.compliance import heatmap_figure, heatmap_title
from tracking.charts.palette import add_subtitle, private_copy
from tracking.labels import stamp_text
from tracking.ui.components import memo
from tracking.ui.i18n import lang, t
from tracking.views.dashboard import DashboardData


def show(fig: go.Figure, key: str, board: DashboardData | None = None) -> None:
    """`board`: the dashboard the chart shows, whose date (and demo label) the chart then says under its title."""
    if board is not None:
        fig = _stamped(private_copy(fig), board, lang())  # the figure may be a cached one, shared with other readers
    _draw(fig, key, board.as_of if board is not None else None)


def show_named(chart_key: str, board: DashboardData, key: str) -> None:
    """The dashboard chart `chart_key` (tracking.charts.registry) of this board, in the reader's language: built and
    stamped once per dashboard, then drawn as it is by every session that reads it."""
    language = lang()
    if registry.CHART_BY_KEY[chart_key].bars is not None:
        _show_bars(chart_key, board, key, language)
        return
    fig = memo.per_board(board, ("stamped figure", chart_key, language),
                         lambda: _stamped(registry.figure(chart_key, board, language), board, language))
    _draw(fig, key, board.as_of)


def _show_bars(chart_key: str, board: DashboardData, key: str, language: str) -> None:
    markup, title = memo.per_board(board, ("chart html", chart_key, language),
                                   lambda: _bars_markup(chart_key, board, language))
    st.html(markup)
    if _pictures_possible():
        def picture() -> bytes:  # made when asked for (most views never ask): the export's own picture
            from tracking.exports.service import chart_image

            return chart_image(board, chart_key, "png", language)

        _picture_button(picture, title, board, key)


# A picture of more rows is no picture to read, and past ≈ 1,250 rows of one line (≈ 630 of two) its PNG, twice the
# figure's height, passes Chromium's 65,535 px: a broken file. Hà Nội's departments, districts and 526 communes are
# 578 rows (a PNG 59,617 px tall, 7 MB, made in 7 s).
PICTURE_MAX_ROWS = 600


def show_heatmap(matrix: pd.DataFrame, board: DashboardData, key: str, choice: Hashable) -> None:
    """The compliance page's units × requirements heatmap (`matrix`: tracking.analysis.compliance.status_matrix of
    the filters `choice`), drawn as HTML; its picture is the Plotly heatmap the page drew before, made when asked."""
    language = lang()
    markup = memo.per_board(board, ("heatmap html", choice, language), lambda: heatmap_html.to_html(
        matrix, language, stamp_text(board.as_of, board.is_demo, language), name_width=heatmap_html.NAME_WIDTH))
    st.html(markup)
    if matrix.empty or not _pictures_possible():
        return
    if matrix["unit_code"].nunique() > PICTURE_MAX_ROWS:
        st.caption(t(f"Tải hình được khi bản đồ màu có không quá {PICTURE_MAX_ROWS} đơn vị: lọc bớt để tải hình.",
                     f"A picture can be saved for at most {PICTURE_MAX_ROWS} units: filter to save one."))
        return

    def picture() -> bytes:
        from tracking.exports.service import page_chart_image

        fig = memo.per_board(board, ("heatmap figure", choice, language),
                             lambda: heatmap_figure(matrix, language, name_width=heatmap_html.NAME_WIDTH))
        return page_chart_image(board, fig, "png", language)

    _picture_button(picture, heatmap_title(language), board, key)


def _picture_button(picture: Callable[[], bytes], title: str, board: DashboardData, key: str) -> None:
    st.download_button(t("Tải hình (PNG)", "Download picture (PNG)"), picture,
                       file_name=f"{toolbar.file_stem(title, board.as_of)}.png", mime="image/png",
                       key=f"{key}_png", icon=":material/image:", type="tertiary", on_click="ignore")


def _bars_markup(chart_key: str, board: DashboardData, language: str) -> tuple[str, str]:
    """The chart's HTML, and its title (which names its picture, as the Plotly toolbar named it)."""
    bars = registry.bars(chart_key, board, language)
    return bars_html.to_html(bars, stamp_text(board.as_of, board.is_demo, language)), bars.title


@cache
def _pictures_possible() -> bool:
    """Whether this server can render a chart to PNG (kaleido needs a Chromium): asked once per process."""
    from tracking.exports.images import images_available

    return images_available()


def _stamped(fig: go.Figure, board: DashboardData, language: str) -> go.Figure:
    return add_subtitle(fig, stamp_text(board.as_of, board.is_demo, language), size=12)


def _draw(fig: go.Figure, key: str, as_of: date | None) -> None:
    title = fig.layout.title.text or key
    st.plotly_chart(fig, theme=None, key=key, config=toolbar.config(title, as_of, lang()))
