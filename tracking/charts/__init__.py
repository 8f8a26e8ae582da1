"""Plotly figures built from plain DataFrames: the dashboard draws them, the exports render them."""
