"""A Plotly figure drawn as built (no Streamlit theme), with a toolbar in the reader's language whose saved picture
carries the as-of date and the demo label and is named after the chart and its date (as the exports are)."""
from __future__ import annotations

from datetime import date

import plotly.graph_objects as go
import streamlit as st

from tracking.charts import registry, toolbar
from tracking.charts.palette import add_subtitle, private_copy
from tracking.labels import stamp_text
from tracking.ui.components import memo
from tracking.ui.i18n import lang
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
    fig = memo.per_board(board, ("stamped figure", chart_key, language),
                         lambda: _stamped(registry.figure(chart_key, board, language), board, language))
    _draw(fig, key, board.as_of)


def _stamped(fig: go.Figure, board: DashboardData, language: str) -> go.Figure:
    return add_subtitle(fig, stamp_text(board.as_of, board.is_demo, language), size=12)


def _draw(fig: go.Figure, key: str, as_of: date | None) -> None:
    title = fig.layout.title.text or key
    st.plotly_chart(fig, theme=None, key=key, config=toolbar.config(title, as_of, lang()))
