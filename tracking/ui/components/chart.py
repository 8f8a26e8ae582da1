"""A Plotly figure drawn as built (no Streamlit theme), with the modebar and a PNG download named after it."""
from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st


def show(fig: go.Figure, key: str) -> None:
    config = {"displaylogo": False, "toImageButtonOptions": {"format": "png", "filename": key, "scale": 2}}
    st.plotly_chart(fig, theme=None, key=key, config=config)
