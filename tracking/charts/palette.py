"""One status palette for every chart, table and export, readable by colour-blind users and in black and white."""
from __future__ import annotations

import plotly.graph_objects as go

from tracking.domain.status import STATUS_ORDER, Status

# Okabe–Ito hues (safe for the common colour-vision deficiencies), darkened or lightened so that their
# lightness (CIE L*) is about 40 / 71 / 54 / 87: four distinct greys when printed in black and white.
STATUS_COLORS: dict[str, str] = {
    Status.DONE_ON_TIME.value: "#006D52",  # bluish green, dark
    Status.DONE_LATE.value: "#E69F00",     # orange
    Status.OVERDUE.value: "#D55E00",       # vermillion
    Status.OPEN.value: "#D9D9D9",          # light grey
    Status.NO_DEADLINE.value: "#FFFFFF",   # white, hatched and outlined in bars: nothing to be late for
}
# Status labels in the page tables (st.dataframe's coloured labels): the grid writes black on a colour whose relative
# luminance is above 0.5 and white otherwise, so the orange is lightened and the vermillion darkened until the word
# on each label reads at 4.5:1 or better (tests/unit/test_tables.py); the hues stay those of the charts.
TABLE_COLORS: dict[str, str] = {
    Status.DONE_ON_TIME.value: "#006D52",  # white on it, 6.4:1
    Status.DONE_LATE.value: "#F0B84D",     # light orange, black on it, 11.7:1
    Status.OVERDUE.value: "#B84F00",       # dark vermillion, white on it, 5.1:1
    Status.OPEN.value: "#D9D9D9",
    Status.NO_DEADLINE.value: "#FFFFFF",
}
# A second cue besides colour, for cells too small for a legend entry (heatmap) and for greyscale prints.
STATUS_SYMBOLS: dict[str, str] = {
    Status.DONE_ON_TIME.value: "✓",
    Status.DONE_LATE.value: "◐",
    Status.OVERDUE.value: "✗",
    Status.OPEN.value: "○",
    Status.NO_DEADLINE.value: "–",
}
STATUS_LABELS: dict[str, tuple[str, str]] = {
    Status.DONE_ON_TIME.value: ("Hoàn thành đúng hạn", "Done on time"),
    Status.DONE_LATE.value: ("Hoàn thành trễ hạn", "Done late"),
    Status.OVERDUE.value: ("Quá hạn", "Overdue"),
    Status.OPEN.value: ("Chưa đến hạn", "Not yet due"),
    Status.NO_DEADLINE.value: ("Chưa có hạn", "No deadline"),
}
STATUS_SHORT: dict[str, tuple[str, str]] = {  # for narrow table cells
    Status.DONE_ON_TIME.value: ("Đúng hạn", "On time"),
    Status.DONE_LATE.value: ("Trễ hạn", "Late"),
    Status.OVERDUE.value: ("Quá hạn", "Overdue"),
    Status.OPEN.value: ("Chưa đến hạn", "Not yet due"),
    Status.NO_DEADLINE.value: ("Chưa có hạn", "No deadline"),
}
STATUSES: tuple[str, ...] = tuple(s.value for s in STATUS_ORDER)
TEXT_ON: dict[str, str] = {s: ("white" if s == Status.DONE_ON_TIME.value else "#1A1A1A") for s in STATUSES}

FONT_FAMILY = "DejaVu Sans, Liberation Sans, Arial, sans-serif"
TEMPLATE = "plotly_white"
INK = "#1A1A1A"       # deadlines and reference lines
PROJECTION = "#0072B2"  # Okabe–Ito blue: projections only, never a status


def status_label(status: str, lang: str = "vi") -> str:
    vi, en = STATUS_LABELS[status]
    return en if lang == "en" else vi


def base_layout(fig: go.Figure, title: str, *, height: int | None = None, lang: str = "vi") -> go.Figure:
    """Explicit template and a font with full Vietnamese coverage, so screen and export look the same."""
    fig.update_layout(
        template=TEMPLATE,
        # automargin + paper reference: the title stays above tick labels put on top (heatmap) and the legend.
        title={"text": title, "x": 0.005, "xanchor": "left", "xref": "container", "yref": "paper", "y": 1, "yanchor": "bottom",
               "automargin": True, "pad": {"b": 14}, "font": {"size": 17}},
        font={"family": FONT_FAMILY, "size": 13, "color": INK},
        # Under the plot: a legend on top collides with the title as soon as the chart is narrow.
        legend={"orientation": "h", "yref": "container", "yanchor": "bottom", "y": 0, "x": 0, "xanchor": "left",
                "title": None},
        margin={"l": 10, "r": 20, "t": 50, "b": 30},
        hoverlabel={"font": {"family": FONT_FAMILY}},
        separators=".," if lang == "en" else ",.",  # Vietnamese writes 80,5 and 1.200
    )
    if height:
        fig.update_layout(height=height)
    return fig


def empty_figure(title: str, message: str, lang: str = "vi") -> go.Figure:
    """A titled figure that says why it is empty instead of showing bare axes."""
    fig = go.Figure()
    fig.add_annotation(text=message, x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False,
                       font={"size": 15, "color": "#555555"})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return base_layout(fig, title, height=260, lang=lang)


FOOTNOTE = "footnote"  # annotation name: a sentence under the chart (what a list leaves out, the as-of date)


LEGEND_ROW_PX = 34  # a horizontal legend's row and its gap


def add_footnote(fig: go.Figure, text: str, size: int = 12) -> go.Figure:
    """A wrapped sentence under the legend, with room made for it in the bottom margin; several stack up."""
    lines = text.count("<br>") + 1
    others = [a for a in fig.layout.annotations if a.name == FOOTNOTE]
    below = sum(a.text.count("<br>") + 1 for a in others)
    fig.add_annotation(text=text, name=FOOTNOTE, xref="paper", yref="paper", x=0, xanchor="left", y=0,
                       yanchor="top", yshift=-(48 + (size + 6) * below), showarrow=False, align="left",
                       font={"size": size, "color": "#444444"})
    # The note starts 48 px under the plot (below the axis labels) and the legend sits at the figure's bottom edge:
    # the margin holds both, or the legend covers the note and the edge cuts it (the timeline page's burn-up).
    margin = fig.layout.margin
    fig.update_layout(margin={"b": max((margin.b or 30) + (size + 6) * lines,
                                       48 + (size + 6) * (below + lines) + LEGEND_ROW_PX)})
    return fig


def private_copy(fig: go.Figure) -> go.Figure:
    """A copy of a figure others may be reading (a cached one), through a plain dict: plotly's own copy of a figure
    object fails now and then when two threads copy the same figure at once ("Invalid property … scatter.Marker:
    'pattern'", seen under load); building from a dict, as Streamlit does, is safe."""
    return go.Figure(fig.to_dict())


def add_subtitle(fig: go.Figure, text: str, size: int = 12) -> go.Figure:
    """A line (or lines) under the title: what a list leaves out, the as-of date of an exported picture. The title
    sits on the plot's top edge, so its padding grows by the subtitle's height or the subtitle would cover row 1."""
    subtitle = fig.layout.title.subtitle
    joined = f"{subtitle.text}<br>{text}" if subtitle.text else text
    lines = text.count("<br>") + 1
    pad = (fig.layout.title.pad.b or 0) + int(size * 1.35) * lines
    fig.update_layout(title={"subtitle": {"text": joined, "font": {"size": size, "color": "#444444"}}, "pad": {"b": pad}})
    return fig
