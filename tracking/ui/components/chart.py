"""A Plotly figure drawn as built (no Streamlit theme), with the modebar and a PNG download named after it."""
from __future__ import annotations

import threading
import weakref

import plotly.graph_objects as go
import streamlit as st

from tracking.charts import registry
from tracking.ui.i18n import lang
from tracking.views.dashboard import DashboardData

# Building a figure (plotly validates every property) costs 30–40 ms; a dashboard is shared by every session that
# views the same plan and date (tracking.ui.data), so its figures are built once and kept while it lives.
_figures: dict[int, dict[tuple[str, str], go.Figure]] = {}
_figures_lock = threading.Lock()


def show(fig: go.Figure, key: str) -> None:
    config = {"displaylogo": False, "toImageButtonOptions": {"format": "png", "filename": key, "scale": 2}}
    st.plotly_chart(fig, theme=None, key=key, config=config)


def show_named(chart_key: str, board: DashboardData, key: str) -> None:
    """The dashboard chart `chart_key` (tracking.charts.registry) of this board, in the reader's language."""
    show(figure(chart_key, board, lang()), key)


def figure(chart_key: str, board: DashboardData, language: str) -> go.Figure:
    with _figures_lock:
        memo = _figures.get(id(board))
        if memo is None:
            memo = _figures[id(board)] = {}
            weakref.finalize(board, _figures.pop, id(board), None)  # before the id can be reused
        fig = memo.get((chart_key, language))
    if fig is None:
        fig = registry.figure(chart_key, board, language)
        with _figures_lock:
            memo[(chart_key, language)] = fig
    return fig
