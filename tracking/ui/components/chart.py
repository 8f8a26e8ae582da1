"""A Plotly figure drawn as built (no Streamlit theme), with a toolbar in the reader's language whose saved picture
carries the as-of date and the demo label and is named after the chart and its date (as the exports are)."""
from __future__ import annotations

from datetime import date

import plotly.graph_objects as go
import streamlit as st

from tracking.charts import registry, toolbar
from tracking.charts.palette import add_subtitle
from tracking.labels import stamp_text
from tracking.ui.components import memo
from tracking.ui.i18n import lang
from tracking.views.dashboard import DashboardData


def show(fig: go.Figure, key: str, board: DashboardData | None = None) -> None:
    """`board`: the dashboard the chart shows, whose date (and demo label) the chart then says under its title."""
    as_of: date | None = board.as_of if board is not None else None
    if board is not None:
        # a copy: the figure may be a cached one, shared with other readers
        fig = add_subtitle(go.Figure(fig), stamp_text(board.as_of, board.is_demo, lang()), size=12)
    title = fig.layout.title.text or key
    st.plotly_chart(fig, theme=None, key=key, config=toolbar.config(title, as_of, lang()))


def show_named(chart_key: str, board: DashboardData, key: str) -> None:
    """The dashboard chart `chart_key` (tracking.charts.registry) of this board, in the reader's language."""
    show(figure(chart_key, board, lang()), key, board)


def figure(chart_key: str, board: DashboardData, language: str) -> go.Figure:
    return memo.per_board(board, ("figure", chart_key, language), lambda: registry.figure(chart_key, board, language))
