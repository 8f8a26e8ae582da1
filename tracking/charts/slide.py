"""A dashboard figure redrawn for a slide: laid out at the picture's size in points, text never under 14 pt.

A figure made for the screen is ~1280 px wide; shrunk onto a slide its 13 px text prints at ~7 pt. Here the layout
is the picture box itself, 1 layout pixel = 1 point of the slide, so a font size in the layout is its size in the
room. The slide's own title names the chart: the picture does not repeat it.
"""
from __future__ import annotations

import plotly.graph_objects as go

from tracking.charts.palette import add_footnote
from tracking.charts.timeline import MARK
from tracking.charts.fit import (
    FACT, LINE_HEIGHT, block_width, chunks, fit, fit_facts, fit_label, fits_whole, lines_of, plain, text_width,
    whole_width, wrap_lines,
)
from tracking.labels import wrap

# The picture box under a slide title (tracking.exports.pptx_deck places the image exactly there).
PICTURE_WIDTH_PT, PICTURE_HEIGHT_PT = 888, 396
MIN_PT = 14
IMAGE_WIDTH, IMAGE_HEIGHT, IMAGE_MIN_PX = 1024, 576, 16
ROWS_PER_SLIDE = 11
TEXT_SHARE = 0.66  # of the picture's width, for row labels and notes together: the plot keeps the rest
LABEL_SHARE = 0.44  # of that, what the row labels keep when labels and notes do not both fit
# Of the picture's width, what the plot gives up when that is all the labels and notes lack to be read whole: a
# forecast's "không dự báo được (0 mốc xong/90 ngày, 6 quá hạn)" lost "6 quá hạn)" for 40 pt on an 888 pt slide.
PLOT_GIVES = 0.06
HEATMAP_NAMES_SHARE = 0.36  # of the picture's width, for a heatmap's unit names
COLUMN_NAME_PX = 120  # a heatmap's column name, turned upright when its words are wider than the column
FOOTNOTE_CHARS = 84  # horizontal bars (or Gantt rows) that fit the box at 14 pt with the axis and the legend


def for_image(fig: go.Figure, footer: str) -> go.Figure:
    """A dashboard figure as a picture of its own (PNG or SVG, pasted into a document or a slide): laid out like a
    slide at IMAGE_WIDTH px with text of at least IMAGE_MIN_PX (1/64 of the width: 14 pt across a slide, 7 pt across
    an A4 page), its title kept, as tall as its rows need, and `footer` (the as-of date, demo data, translation) last."""
    height = max(IMAGE_HEIGHT, int((fig.layout.height or 0) * IMAGE_MIN_PX / 13) + 60)
    add_footnote(fig, footer)
    return for_slide(fig, IMAGE_WIDTH, height, IMAGE_MIN_PX, keep_title=True)


def for_slide(fig: go.Figure, width: int = PICTURE_WIDTH_PT, height: int = PICTURE_HEIGHT_PT, min_size: int = MIN_PT,
              keep_title: bool = False) -> go.Figure:
    """The figure at slide size: no title, every text at least MIN_PT, the margins the slide needs. Changes `fig`
    itself (copying a figure costs more than building it): pass one built for the slide."""
    out = fig
    if out.layout.title.subtitle.text:  # without a title, a subtitle's sentence goes under the chart
        add_footnote(out, out.layout.title.subtitle.text.replace("<br>", " "))
        out.layout.title.subtitle.text = None
        out.layout.title.pad.b = 0
    floor = min_size  # the slide's smallest text, or an image's
    # The legend spans the whole picture (not just the plot area, where it wrapped into a column).
    title_px = int(floor * 1.3 * LINE_HEIGHT * lines_of(out.layout.title.text or "")) + 16 if keep_title else 0
    # A few pixels off the bottom: a share of the height (0.5%) lifted a tall picture's legend (a province's whole
    # heatmap, 3,600 px) into the footnotes above it.
    out.update_layout(width=width, height=height, font={"size": floor},
                      legend={"font": {"size": floor}, "xref": "container", "x": 0.01,
                              "y": min(0.005, LEGEND_LIFT_PX / height)},
                      margin={"t": 30 + title_px, "l": 6, "r": 12})
    if keep_title:
        out.update_layout(title={"font": {"size": int(floor * 1.3)}, "yref": "container", "y": 1,
                                 "yanchor": "top", "automargin": False, "pad": {"t": 10, "b": 0},
                                 "text": "<br>".join(wrap_lines(plain(out.layout.title.text or ""), width - 30,
                                                                int(floor * 1.3)))})
    else:
        out.update_layout(title={"text": ""})
        out.layout.title.font.size = None
    footnote_lines = 0
    rows_shown = bool(_rows(out)[0])
    for annotation in out.layout.annotations:
        annotation.font.size = max(annotation.font.size or floor, floor)
        if annotation.name == "footnote":  # across the whole picture (from the plot's edge on a value axis)
            room = width - 30 - (0 if rows_shown or not out.data else VALUE_AXIS_PX)
            annotation.update(x=0, xanchor="left", text="<br>".join(wrap_lines(plain(annotation.text), room, floor)))
            annotation.yshift = -(34 + (floor + 6) * footnote_lines)
            footnote_lines += annotation.text.count("<br>") + 1
    for trace in out.data:
        if trace.type == "bar":  # numbers stay upright and at full size (plotly would turn or shrink them)
            trace.update(textangle=0, constraintext="none")
    for axis in _axes(out):
        if axis.tickfont.size is not None and axis.tickfont.size < floor:
            axis.tickfont.size = floor
        if axis.title.font.size is not None and axis.title.font.size < floor:
            axis.title.font.size = floor
    for trace in out.data:
        font = getattr(trace, "textfont", None)
        if font is not None and font.size is not None and font.size < floor:
            font.size = floor
    # plotly wraps a horizontal legend at the plot's width, which is what the row labels and notes leave.
    sides = sum(row_widths(out, width, 1, floor))
    axis_labels = 0 if sides else VALUE_AXIS_PX
    legend_room = 0.92 * (width - 40 - sides - axis_labels)  # estimates: better a line too many than a collision
    legend = (_legend_rows(out, legend_room) * int(floor * 1.55) + 10) if out.layout.showlegend is not False else 0
    out.update_layout(margin={"b": 30 + legend + (floor + 6) * footnote_lines + (8 if footnote_lines else 0)})
    fit_rows(out, width, height, floor)
    if out.layout.xaxis.type == "date":  # upright dates, as many as the plot's width holds (turned, they hit the notes)
        taken = min(sides, _fitted_width(out, floor)) if sides else 0
        plot_width = width - 40 - taken - (0 if sides else VALUE_AXIS_PX)
        # Three at least: with two, plotly's step could leave a single date on the axis.
        out.update_xaxes(tickangle=0, nticks=max(3, int(plot_width // (floor * 5.5))))
    if keep_title:  # column names on top sit between the title and the plot
        out.update_layout(margin={"t": 30 + title_px + _top_labels(out, floor)})
    plot = height - (out.layout.margin.t or 0) - (out.layout.margin.b or 0)
    for annotation in out.layout.annotations:
        if annotation.name == MARK:
            # A label along a deadline's line, no longer than the plot is high: whole (from its hovertext, where the
            # screen shortened it) on up to two lines as even as they can be (the shorter it is, the fewer curves it
            # hangs over), on a white ground (the curves rising at the deadline ran through its words).
            text = plain(annotation.hovertext or annotation.text)
            room = min(plot * 0.9 - 30, whole_width(text, MARK_LINES, floor) + 1)
            annotation.update(y=0.99, text=fit(text, room, MARK_LINES, floor), bgcolor="rgba(255, 255, 255, 0.85)")
    # Footnotes start at the picture's left edge, not the plot's: the row labels' measured width back.
    labels = out.layout.yaxis.ticktext if out.layout.yaxis.tickmode == "array" and out.layout.yaxis.ticktext else []
    left = max((block_width(t, floor) for t in labels), default=0) + (8 if labels else 0)
    for annotation in out.layout.annotations:
        if annotation.name == "footnote":
            annotation.xshift = -left
    return out


MARK_LINES = 2  # side by side left of the line: the deadlines marked are months apart, well over two lines' width
LEGEND_LIFT_PX = 3  # the legend's gap from the picture's bottom edge
LABEL_GAP_PX = 6  # between a row's label and its bar (11 px in a 1920 px PNG, 6 pt on a slide)
VALUE_AXIS_PX = 70  # a value axis's numbers and title, left of the plot, where a chart has no row labels
LEGEND_SYMBOL_PX = 46  # the symbol and the gaps around a legend entry's text


def _fitted_width(fig: go.Figure, size: int) -> float:
    """What the fitted row labels and notes take of the width: their one-line widths (`row_widths`) overstate it
    where they were wrapped onto several lines, which left a date axis too few ticks."""
    layout = fig.layout
    axes = [layout[name] for name in ("yaxis", "yaxis2") if name in layout and layout[name].tickmode == "array"]
    return sum(max((block_width(t, size) for t in axis.ticktext or ()), default=0) for axis in axes)


def _legend_rows(fig: go.Figure, room: float) -> int:
    """Entries of the same width, as many a line of `room` as the longest allows: the legend's height is known."""
    # A trace with no points at all gets no legend entry (one of [None] does: the heatmap's status keys).
    names = [t.name for t in fig.data if t.showlegend is not False and t.name
             and (getattr(t, "x", None) is None or len(t.x) > 0)]
    if not names:
        return 0
    size = fig.layout.legend.font.size or MIN_PT
    widest = max(block_width(name, size) for name in names) + LEGEND_SYMBOL_PX
    per_line = max(1, min(len(names), int(room // widest)))
    # entrywidth is the text's share of an entry: the symbol and gaps come on top of it.
    # Never narrower than the longest name, which the legend would cut off.
    text = max(int(room / per_line) - LEGEND_SYMBOL_PX - 4, int(widest - LEGEND_SYMBOL_PX) + 8)
    fig.update_layout(legend={"entrywidth": text, "entrywidthmode": "pixels"})
    return -(-len(names) // per_line)


def fit_rows(fig: go.Figure, width: int, height: int, size: int, text_share: float = TEXT_SHARE) -> None:
    """Row labels (left) and notes (right, tracking.charts.notes) fitted to the height of a row and to at most
    `text_share` of the picture's width together (the plot keeps the rest): wrapped where the words allow,
    shortened with "…" where they do not fit."""
    rows, notes, texts = _rows(fig)
    if not rows:
        return
    heat = next((t for t in fig.data if t.type == "heatmap"), None)
    if heat is not None:  # the grid's columns need the width more than the unit names do
        text_share = min(text_share, HEATMAP_NAMES_SHARE)
    margin = fig.layout.margin

    def lines_per_row() -> int:
        plot = height - (margin.t or 0) - (margin.b or 0) - _top_labels(fig, size)
        return max(1, int(plot / len(rows) / (size * LINE_HEIGHT)))

    lines = lines_per_row()
    label_room, note_room = _share(rows, texts, lines, size, width * text_share, _spare(fig, width))
    if heat is not None and fig.layout.xaxis.tickangle == 0:  # upright column names share the plot's width
        columns = [str(x) for x in heat.x]
        taken = max(block_width(fit(r, label_room, lines, size), size) for r in rows) + 12
        pitch = (width - 24 - taken - note_room) / max(1, len(columns))
        names = [fit(c, pitch - 4, 3, size) for c in columns]
        if any(block_width(n, size) > pitch - 2 for n in names):  # a word wider than its column: turn them all
            names = [fit(c, COLUMN_NAME_PX, max(1, int(pitch // (size * LINE_HEIGHT))), size) for c in columns]
            fig.layout.xaxis.tickangle = -90
        fig.layout.xaxis.update(tickmode="array", tickvals=columns, ticktext=names)
        lines = lines_per_row()
        label_room, note_room = _share(rows, texts, lines, size, width * text_share, _spare(fig, width))
    # The axis's ticksuffix gap does not apply to ticktext: the standoff keeps the fitted labels off the bars.
    labels = [fit_label(r, label_room, lines, size) for r in rows]
    fig.layout.yaxis.update(tickmode="array", tickvals=rows, ticktext=labels, ticklabelstandoff=LABEL_GAP_PX)
    if texts:
        notes.ticktext = [f"  {fit_facts(n, note_room, lines, size).replace('<br>', '  <br>  ')}  " for n in texts]


def _rows(fig: go.Figure):
    """The row labels of a horizontal chart (category axis or heatmap), its notes axis and the notes' texts."""
    axis = fig.layout.yaxis
    heat = next((t for t in fig.data if t.type == "heatmap"), None)
    rows = list(axis.categoryarray) if axis.categoryarray is not None else (list(heat.y) if heat is not None else [])
    if axis.type not in (None, "category", "-"):
        rows = []
    notes = fig.layout["yaxis2"] if "yaxis2" in fig.layout else None
    # A note's lines are separate facts ("78% · quá hạn 459 ngày", "hạn 29/10/2010"): joined, they keep a separator.
    texts = ([n.replace("  <br>  ", " · ").strip() for n in notes.ticktext] if notes is not None and notes.ticktext
             else [])
    return rows, notes, texts


def row_widths(fig: go.Figure, width: int, lines: int, size: int, text_share: float = TEXT_SHARE) -> tuple[float, float]:
    """What the row labels and the notes will take of the picture's width (0, 0 for a chart without rows)."""
    rows, _, texts = _rows(fig)
    if any(t.type == "heatmap" for t in fig.data):
        text_share = min(text_share, HEATMAP_NAMES_SHARE)
    return _share(rows, texts, lines, size, width * text_share, _spare(fig, width)) if rows else (0.0, 0.0)


def _spare(fig: go.Figure, width: int) -> float:
    """What the plot gives up for labels and notes that would otherwise be cut (not a heatmap's: its columns)."""
    return 0.0 if any(t.type == "heatmap" for t in fig.data) else width * PLOT_GIVES


def _share(labels: list[str], notes: list[str], lines: int, size: int, room: float,
           spare: float = 0.0) -> tuple[float, float]:
    """Widths for the labels and the notes: what each needs on `lines` lines (`_need`), shared out in proportion
    when both together need more than `room` — unless `spare` more (taken from the plot) lets both be read whole.
    Where there is room (a chart with `spare`: not a heatmap, whose columns need the width), no phrase is broken
    into its words ("Huyện Ngã | Năm", "trang thiết | bị" were)."""
    for phrases in (True, False) if spare else (False,):
        left, right = (max((_need(plain(t), lines, size, phrases, facts) + 6 for t in texts), default=0.0)
                       for texts, facts in ((labels, False), (notes, phrases)))
        if left + right <= room + spare:
            return left, right
    if not right:
        return room, 0.0
    # What a row is comes first: the labels keep up to LABEL_SHARE of the room, the notes have the rest.
    left = min(left, max(room * LABEL_SHARE, room - right))
    return left, room - left


def _need(text: str, lines: int, size: int, phrases: bool = False, facts: bool = False) -> float:
    """The width a label or note needs to be read whole on `lines` lines (+ 6 px, as `_share` gives it): a quick
    estimate (its one-line width divided by the lines, or its widest word; with `phrases`, its widest phrase,
    tracking.charts.fit.chunks; with `facts`, a note's widest fact where each can have a line of its own,
    tracking.charts.fit.fit_facts), measured (tracking.charts.fit.whole_width) where `fit` would cut it short."""
    pieces = chunks(text) if phrases else text.split()
    if facts and 1 < len(text.split(FACT)) <= lines:
        pieces = [*pieces, *(f"{fact}{FACT.rstrip()}" for fact in text.split(FACT))]
    guess = max(block_width(text, size) / lines, max((text_width(w, size) for w in pieces), default=0))
    return guess if fits_whole(text, guess + 6, lines, size) else max(guess, whole_width(text, lines, size))


def _top_labels(fig: go.Figure, size: int) -> int:
    """Height taken by column labels put on top (heatmap): their lines, or their length once turned."""
    axis = fig.layout.xaxis
    if axis.side != "top":
        return 0
    labels = list(axis.ticktext or []) or [str(x) for t in fig.data if t.type == "heatmap" for x in t.x]
    if axis.tickangle == -90:
        return int(max((block_width(x, size) for x in labels), default=0) + 12)
    return int(max((lines_of(x) for x in labels), default=1) * size * LINE_HEIGHT + 10)


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
