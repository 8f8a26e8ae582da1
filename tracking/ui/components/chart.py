"""A Plotly figure drawn as built (no Streamlit theme), with the modebar and a PNG download named after it."""
from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from tracking.charts import registry
from tracking.ui.components import memo
from tracking.ui.i18n import lang
from tracking.views.dashboard import DashboardData


def show(fig: go.Figure, key: str) -> None:
    config = {"displaylogo": False, "toImageButtonOptions": {"format": "png", "filename": key, "scale": 2}}
    st.plotly_chart(fig, theme=None, key=key, config=config)


def show_named(chart_key: str, board: DashboardData, key: str) -> None:
    """The dashboard chart `chart_key` (tracking.charts.registry) of this board, in the reader's language."""
    show(figure(chart_key, board, lang()), key)


def figure(chart_key: str, board: DashboardData, language: str) -> go.Figure:
    return memo.per_board(board, ("figure", chart_key, language), lambda: registry.figure(chart_key, board, language))
