"""Rows of a horizontal chart in a fixed order, top to bottom, with an optional note at the right end of each."""
from __future__ import annotations

from typing import Sequence

import plotly.graph_objects as go


def fix_rows(fig: go.Figure, labels: Sequence[str], notes: Sequence[str] | None = None) -> None:
    """First label on top; `notes` (e.g. '69% · quá hạn 77 ngày') on a second category axis at the right, so they
    take the margin they need, which annotations cannot. Both axes get the same explicit range to line up."""
    rows = list(labels)
    span = {"categoryorder": "array", "categoryarray": rows, "range": [len(rows) - 0.5, -0.5], "autorange": False}
    fig.layout.yaxis.update(automargin=True, **span)
    axes = ("y",)
    if notes is not None:
        fig.update_layout(yaxis2={"overlaying": "y", "side": "right", "showgrid": False, "zeroline": False,
                                  "tickmode": "array", "tickvals": rows, "ticktext": [f"  {n.replace('<br>', '  <br>  ')}  " for n in notes],
                                  "automargin": True, **span})
        axes = ("y", "y2")
    # Invisible rows so that rows without data still get their label.
    for axis in axes:
        fig.add_scatter(y=rows, x=[None] * len(rows), yaxis=axis, showlegend=False, hoverinfo="skip")
