"""A dashboard figure redrawn for a slide: laid out at the picture's size in points, text never under 14 pt.

A figure made for the screen is ~1280 px wide; shrunk onto a slide its 13 px text prints at ~7 pt. Here the layout
is the picture box itself, 1 layout pixel = 1 point of the slide, so a font size in the layout is its size in the
room. The slide's own title names the chart: the picture does not repeat it.
"""
from __future__ import annotations

import plotly.graph_objects as go

from tracking.charts.palette import add_footnote
from tracking.labels import wrap

# The picture box under a slide title (tracking.exports.pptx_deck places the image exactly there).
PICTURE_WIDTH_PT, PICTURE_HEIGHT_PT = 888, 396
MIN_PT = 14
ROWS_PER_SLIDE = 11
FOOTNOTE_CHARS = 84  # horizontal bars (or Gantt rows) that fit the box at 14 pt with the axis and the legend


def for_slide(fig: go.Figure, width: int = PICTURE_WIDTH_PT, height: int = PICTURE_HEIGHT_PT) -> go.Figure:
    """The figure at slide size: no title, every text at least MIN_PT, the margins the slide needs. Changes `fig`
    itself (copying a figure costs more than building it): pass one built for the slide."""
    out = fig
    if out.layout.title.subtitle.text:  # without a title, a subtitle's sentence goes under the chart
        add_footnote(out, out.layout.title.subtitle.text.replace("<br>", " "))
        out.layout.title.subtitle.text = None
        out.layout.title.pad.b = 0
    # The legend spans the whole picture (not just the plot area, where it wrapped into a column).
    out.update_layout(title={"text": ""}, width=width, height=height, font={"size": MIN_PT},
                      legend={"font": {"size": MIN_PT}, "xref": "container", "x": 0.01, "y": 0.005},
                      margin={"t": 30, "l": 6, "r": 12})
    out.layout.title.font.size = None
    footnote_lines = 0
    for annotation in out.layout.annotations:
        annotation.font.size = max(annotation.font.size or MIN_PT, MIN_PT)
        if annotation.name == "footnote":
            annotation.text = wrap(annotation.text.replace("<br>", " "), FOOTNOTE_CHARS)
            annotation.yshift = -(34 + (MIN_PT + 6) * footnote_lines)
            footnote_lines += annotation.text.count("<br>") + 1
    # plotly.js wraps a horizontal legend at about half the picture's width: two entries a line.
    entries = sum(1 for t in out.data if t.showlegend is not False and t.name)
    legend = (22 * -(-entries // 2) + 10) if out.layout.showlegend is not False and entries else 0
    for trace in out.data:
        if trace.type == "bar":  # numbers stay upright and at full size (plotly would turn or shrink them)
            trace.update(textangle=0, constraintext="none")
    out.update_layout(margin={"b": 30 + legend + (MIN_PT + 6) * footnote_lines + (8 if footnote_lines else 0)})
    for axis in _axes(out):
        if axis.tickfont.size is not None and axis.tickfont.size < MIN_PT:
            axis.tickfont.size = MIN_PT
        if axis.title.font.size is not None and axis.title.font.size < MIN_PT:
            axis.title.font.size = MIN_PT
    for trace in out.data:
        font = getattr(trace, "textfont", None)
        if font is not None and font.size is not None and font.size < MIN_PT:
            font.size = MIN_PT
    return out


def _axes(fig: go.Figure):
    layout = fig.layout
    return [layout[name] for name in layout if name.startswith(("xaxis", "yaxis")) and layout[name] is not None]


def smallest_text_pt(fig: go.Figure, picture_width_pt: float) -> float:
    """The smallest text size in the figure, in points once the picture is `picture_width_pt` wide on the slide
    (every font the layout sets or inherits: base, title, legend, axes, annotations, trace labels)."""
    base = fig.layout.font.size or 12  # plotly's default
    sizes = [base]
    if fig.layout.title.text:
        sizes.append(fig.layout.title.font.size or base * 1.4)
    if fig.layout.title.subtitle.text:
        sizes.append(fig.layout.title.subtitle.font.size or base)
    if fig.layout.showlegend is not False and len(fig.data) > 0:
        sizes.append(fig.layout.legend.font.size or base)
    for axis in _axes(fig):
        if axis.visible is not False and axis.showticklabels is not False:
            sizes.append(axis.tickfont.size or base)
    sizes += [a.font.size or base for a in fig.layout.annotations if a.text]
    for trace in fig.data:
        font = getattr(trace, "textfont", None)
        if font is not None and (getattr(trace, "text", None) is not None or getattr(trace, "texttemplate", None)):
            sizes.append(font.size or base)
    scale = picture_width_pt / (fig.layout.width or 700)
    return min(sizes) * scale
