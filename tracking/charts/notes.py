"""A short note at the right end of each row of a horizontal chart (e.g. '69% · quá hạn 77 ngày')."""
from __future__ import annotations

from typing import Sequence

import plotly.graph_objects as go


def add_right_notes(fig: go.Figure, labels: Sequence[str], notes: Sequence[str]) -> None:
    """A second category axis on the right, so the notes take the margin they need (annotations cannot)."""
    fig.update_layout(yaxis2={"overlaying": "y", "side": "right", "autorange": "reversed", "showgrid": False,
                              "tickmode": "array", "tickvals": list(labels), "ticktext": [f"  {n}  " for n in notes],
                              "automargin": True, "zeroline": False,
                              "categoryorder": "array", "categoryarray": list(labels)})
    fig.layout.yaxis.update(categoryorder="array", categoryarray=list(labels))
    # Invisible rows on both axes so that rows without data still get their label, in the same order.
    for axis in ("y", "y2"):
        fig.add_scatter(y=list(labels), x=[None] * len(labels), yaxis=axis, showlegend=False, hoverinfo="skip")
