"""A stacked status bar chart (tracking.charts.progress.StatusBars) as plain HTML and CSS, for the page.

A page whose charts are all such bars then loads no plotly.js (≈ 1 s of a 2-core client's CPU in a new tab) and
sends a few kB of markup instead of a figure. What Plotly showed on hover is on the page or in each segment's
title: the count in the segment (where it fits), the row's note at its right, the share on hover. Colours, order
and legend are the exported figure's (tracking.charts.palette); every text from the data is escaped."""
from __future__ import annotations

import math
from html import escape

from tracking.charts.palette import FONT_FAMILY, INK, STATUS_COLORS, STATUSES, TEXT_ON, status_label
from tracking.charts.progress import StatusBars
from tracking.domain.status import Status
from tracking.labels import fmt_percent

BREAK = "<br>"  # how StatusBars breaks a label or a note for Plotly: a line break here too
MIN_PERCENT_TEXT = 6  # a share under this is a sliver: its number stays in the title (Plotly hid it the same way)
MIN_SCALE_TEXT = 4    # the same for a count under this % of the longest bar's scale
GRID = "#E5E5E5"
HATCH = "repeating-linear-gradient(135deg, #FFFFFF 0 4px, #B0B0B0 4px 5px)"  # "no deadline": white, hatched

# One class prefix (tkb-) so nothing else on the page is styled; the style block is repeated per chart (≈ 1 kB) so
# each chart stands alone wherever it is drawn. Narrower than 440 px (a phone) each note goes under its bar.
STYLE = f"""<style>
.tkb {{font-family: {FONT_FAMILY}; color: {INK}; font-size: 13px; margin: 0 0 8px 0;}}
.tkb-title {{font-size: 17px; margin: 0;}}
.tkb-sub {{font-size: 12px; color: #444444; margin: 2px 0 0 0;}}
.tkb-rows {{display: grid; grid-template-columns: fit-content(40%) minmax(120px, 1fr) fit-content(34%);
  column-gap: 10px; row-gap: 10px; align-items: center; margin-top: 14px;}}
.tkb-label {{text-align: right; line-height: 1.2; overflow-wrap: anywhere;}}
.tkb-track {{position: relative; height: 28px;}}
.tkb-bar {{display: flex; height: 100%; position: relative;}}
.tkb-seg {{display: flex; align-items: center; justify-content: center; overflow: hidden; white-space: nowrap;
  box-sizing: border-box; box-shadow: inset -1px 0 0 #FFFFFF; font-size: 12px;}}
.tkb-seg.tkb-none {{box-shadow: inset 0 0 0 1px #8C8C8C;}}
.tkb-seg.tkb-none span {{background: #FFFFFF; padding: 0 2px;}}
.tkb-note {{line-height: 1.25; font-size: 12.5px;}}
.tkb-axis {{position: relative; height: 16px; font-size: 11.5px; color: #555555;}}
.tkb-axis span {{position: absolute; transform: translateX(-50%); white-space: nowrap;}}
.tkb-legend {{display: flex; flex-wrap: wrap; gap: 4px 16px; margin-top: 10px; font-size: 12.5px;}}
.tkb-key {{display: inline-flex; align-items: center; gap: 6px;}}
.tkb-swatch {{display: inline-block; width: 13px; height: 13px; box-sizing: border-box;}}
.tkb-empty {{color: #555555; font-size: 15px; padding: 40px 0; text-align: center;}}
.tkb-frame {{container-type: inline-size;}}
@container (max-width: 440px) {{
  .tkb-rows {{grid-template-columns: fit-content(40%) minmax(0, 1fr); row-gap: 4px;}}
  .tkb-note {{grid-column: 2; margin-bottom: 6px;}}
}}
</style>"""


def _lines(text: str) -> str:
    """Text that may hold StatusBars' <br> breaks, escaped, with the breaks kept."""
    return "<br>".join(escape(part) for part in str(text).split(BREAK))


def _flat(text: str) -> str:
    """A label on one line (the page wraps it to the column): Plotly's breaks become spaces."""
    return " ".join(str(text).split(BREAK))


def nice_step(top: float, ticks: int = 5) -> int:
    """A round step (1, 2, 5, 10, 20, 50 …) giving at most `ticks` intervals up to `top`."""
    if top <= 0:
        return 1
    raw = top / ticks
    power = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    for factor in (1, 2, 5, 10):
        if factor * power >= raw:
            return max(1, int(factor * power))
    return int(10 * power)


def _swatch(status: str) -> str:
    if status == Status.NO_DEADLINE.value:
        return f'background:{HATCH};box-shadow:inset 0 0 0 1px #8C8C8C'
    return f"background:{STATUS_COLORS[status]}"


def _legend(lang: str) -> str:
    keys = "".join(f'<span class="tkb-key"><span class="tkb-swatch" style="{_swatch(s)}"></span>'
                   f"{escape(status_label(s, lang))}</span>" for s in STATUSES)
    return f'<div class="tkb-legend">{keys}</div>'


def _axis(scale: float, step: float, percent: bool) -> str:
    marks = []
    value = 0.0
    while value <= scale + 1e-9:
        text = f"{value:g}%" if percent else f"{int(value)}"
        marks.append(f'<span style="left:{100 * value / scale:.4g}%">{text}</span>')
        value += step
    return f'<div></div><div class="tkb-axis" aria-hidden="true">{"".join(marks)}</div><div></div>'


def to_html(bars: StatusBars, stamp: str = "") -> str:
    """The chart as one self-contained block: title, `stamp` (the as-of date, demo data) and subtitle under it,
    a row per bar (label, segments, note), the scale and the legend."""
    lang = bars.lang
    heading = f'<p class="tkb-title">{escape(bars.title)}</p>'
    for line in (bars.subtitle, stamp):
        if line:
            heading += f'<p class="tkb-sub">{escape(line)}</p>'
    if bars.table.empty:
        return (f'{STYLE}<div class="tkb-frame"><figure class="tkb" aria-label="{escape(bars.title)}">{heading}'
                f'<div class="tkb-empty">{escape(bars.empty_message)}</div></figure></div>')

    totals = [int(t) for t in bars.table["total"]]
    if bars.percent:
        scale, step = 100.0, 20.0
    else:
        step = nice_step(max(totals))
        scale = float(max(step, math.ceil(max(totals) / step) * step))
    grid = (f"background-image:repeating-linear-gradient(to right, {GRID} 0 1px, transparent 1px "
            f"{100 * step / scale:.4g}%);")
    notes = bars.notes if bars.notes is not None else ("",) * len(totals)
    rows = []
    for label, note, total, (_, counts) in zip(bars.labels, notes, totals, bars.table.iterrows()):
        name = _flat(label)
        segments, said = [], []
        for status in STATUSES:
            count = int(counts[status])
            if not count:
                continue
            share = 100 * count / (total or 1)
            width = share if bars.percent else 100 * count / scale
            words = f"{status_label(status, lang)}: {count} ({fmt_percent(share, lang, 1)})"
            said.append(words)
            shown = width >= (MIN_PERCENT_TEXT if bars.percent else MIN_SCALE_TEXT)
            extra = " tkb-none" if status == Status.NO_DEADLINE.value else ""
            colour = (f"background:{HATCH}" if status == Status.NO_DEADLINE.value
                      else f"background:{STATUS_COLORS[status]}")
            segments.append(f'<div class="tkb-seg{extra}" style="width:{width:.4g}%;{colour};color:{TEXT_ON[status]}"'
                            f' title="{escape(name)} — {escape(words)}">'
                            f'{f"<span>{count}</span>" if shown else ""}</div>')
        summary = f"{name}: " + "; ".join(said) if said else name
        rows.append(f'<div class="tkb-label">{escape(name)}</div>'
                    f'<div class="tkb-track" style="{grid}"><div class="tkb-bar" role="img" '
                    f'aria-label="{escape(summary)}">{"".join(segments)}</div></div>'
                    f'<div class="tkb-note">{_lines(note)}</div>')
    rows.append(_axis(scale, step, bars.percent))
    return (f'{STYLE}<div class="tkb-frame"><figure class="tkb" aria-label="{escape(bars.title)}">{heading}'
            f'<div class="tkb-rows">{"".join(rows)}</div>{_legend(lang)}</figure></div>')
