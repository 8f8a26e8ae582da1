"""The units × requirements heatmap (tracking.charts.compliance.heatmap_cells) as one block of HTML and CSS, for the
compliance page: the page then loads no plotly.js (≈ 0.8 s of a client core in each tab) and sends a grid of small
elements instead of a figure.

The cells, their order, the names of rows and columns, the symbols and the colours are the Plotly figure's (which
the exports and the page's picture still render); what its hover said is each cell's title. The grid scrolls inside
its own box, both ways, with the unit names pinned at the left and the requirement names at the top, so a wide plan
or a long list of communes never spills out of the page. Every text from the data is escaped."""
from __future__ import annotations

from html import escape

import pandas as pd

from tracking.charts.compliance import PERIODS_NOTE, HeatmapCells, heatmap_cells, heatmap_title
from tracking.charts.palette import FONT_FAMILY, INK, STATUS_COLORS, STATUS_SYMBOLS, STATUSES, TEXT_ON, status_label
from tracking.charts.progress import NO_DATA
from tracking.domain.status import Status
from tracking.labels import pick

BREAK = "<br>"  # how heatmap_cells breaks a name for Plotly
# More rows than a reader scrolls through (a province's departments, districts and all its communes are ≈ 600:
# ≈ 0.3 MB of markup); past this the grid shows the first ones and says how to see the rest. A bound on what one
# view sends and the browser lays out, whatever a plan holds.
MAX_ROWS = 1000
NAME_WIDTH = 60  # the page's heatmap wraps a unit's name at this many characters (in the figure; here only twins)
COLUMN_PX = 22       # a column of one vertical line of name (15 px) and a cell's symbol (≈ 14 px)
TWO_LINE_COLUMN_PX = 34  # a column whose name takes two vertical lines (16 columns or fewer, as in the figure)
NAMES_MAX_PX = 170   # a column's name is at most this tall (heatmap_cells fitted it to 150 px)


def _css() -> str:
    statuses = "\n".join(
        f".tkg-s{i} {{background: {STATUS_COLORS[s]}; color: {TEXT_ON[s]};"
        + (" box-shadow: inset 0 0 0 1px #8C8C8C;" if s == Status.NO_DEADLINE.value else "") + "}"
        for i, s in enumerate(STATUSES))
    # One class prefix (tkg-) so nothing else on the page is styled. The names of units sit in a column at most
    # 20 em wide (8.5 em when the page is narrower than 560 px: a phone), wrapped, never cut; a row is as tall as its
    # name. Hovering a row shades its name: the eye follows a long row to its unit.
    return f"""<style>
.tkg {{font-family: {FONT_FAMILY}; color: {INK}; font-size: 13px; margin: 0 0 8px 0;}}
.tkg-title {{font-size: 17px; margin: 0;}}
.tkg-sub {{font-size: 12px; color: #444444; margin: 2px 0 0 0;}}
.tkg-frame {{container-type: inline-size;}}
.tkg-scroll {{overflow: auto; max-height: 80vh; margin-top: 10px; overscroll-behavior-x: contain;}}
.tkg-grid {{--label: fit-content(20em); display: grid; width: max-content; gap: 2px;}}
.tkg-r {{display: contents;}}
.tkg-corner, .tkg-col, .tkg-row {{background: #FFFFFF; position: sticky;}}
.tkg-corner {{left: 0; top: 0; z-index: 3;}}
.tkg-col {{top: 0; z-index: 2; display: flex; align-items: flex-end; justify-content: center; padding-bottom: 4px;
  box-shadow: 0 2px 0 #FFFFFF;}}
.tkg-col span {{writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; font-size: 12px;
  line-height: 15px; max-height: {NAMES_MAX_PX}px; overflow: hidden;}}
.tkg-row {{grid-column: 1; left: 0; z-index: 1; text-align: right; line-height: 1.2; overflow-wrap: anywhere;
  padding: 3px 6px 3px 0; box-shadow: 2px 0 0 #FFFFFF;}}
.tkg-r:hover .tkg-row {{background: #EEF3F8;}}
.tkg-grid i {{font-style: normal;}}
.tkg-c {{display: flex; align-items: center; justify-content: center; min-height: 22px; cursor: default;}}
{statuses}
.tkg-legend {{display: flex; flex-wrap: wrap; gap: 4px 16px; margin-top: 10px; font-size: 12.5px;}}
.tkg-key {{display: inline-flex; align-items: center; gap: 6px;}}
.tkg-key .tkg-c {{width: 18px; min-height: 18px; font-size: 11px;}}
.tkg-empty {{color: #555555; font-size: 15px; padding: 40px 0; text-align: center;}}
@container (max-width: 560px) {{
  .tkg-grid {{--label: fit-content(8.5em);}}
  .tkg-row {{font-size: 12px;}}
}}
</style>"""


STYLE = _css()


def _flat(text: str) -> str:
    """A name on one line: Plotly's breaks become spaces (the page wraps it to its column)."""
    return " ".join(str(text).split(BREAK))


def _legend(lang: str) -> str:
    keys = "".join(f'<span class="tkg-key"><i class="tkg-c tkg-s{i}" aria-hidden="true">{STATUS_SYMBOLS[s]}</i>'
                   f"{escape(status_label(s, lang))}</span>" for i, s in enumerate(STATUSES))
    return f'<div class="tkg-legend">{keys}</div>'


def _periods(done: float, periods: float, lang: str) -> str:
    if not periods > 1:
        return ""
    return pick(lang, f" — {int(done)}/{int(periods)} kỳ đã báo cáo", f" — {int(done)}/{int(periods)} periods reported")


def to_html(matrix: pd.DataFrame, lang: str = "vi", stamp: str = "", title: str | None = None,
            name_width: int = NAME_WIDTH, cell_note: tuple[str, str] = PERIODS_NOTE, max_rows: int = MAX_ROWS) -> str:
    """The heatmap of `matrix` (tracking.analysis.compliance.status_matrix) as heatmap_figure draws it with the same
    arguments: title, the cell note and `stamp` (the as-of date, demo data) under it, the grid, the legend."""
    title = title or heatmap_title(lang)
    heading = f'<p class="tkg-title">{escape(title)}</p>'
    for line in (pick(lang, *cell_note), stamp):
        if line:
            heading += f'<p class="tkg-sub">{escape(line)}</p>'
    opening = f'{STYLE}<div class="tkg-frame"><figure class="tkg" aria-label="{escape(title)}">{heading}'
    if matrix.empty:
        return f'{opening}<div class="tkg-empty">{escape(pick(lang, *NO_DATA))}</div></figure></div>'

    cells = heatmap_cells(matrix, lang, name_width=name_width)
    shown = min(len(cells.rows), max_rows)
    if shown < len(cells.rows):
        first, total = (f"{n:,}".replace(",", "." if lang != "en" else ",") for n in (shown, len(cells.rows)))
        opening += '<p class="tkg-sub">' + escape(pick(
            lang, f"Hiển thị {first} đơn vị đầu trong {total}: lọc bớt để xem các đơn vị còn lại "
                  "(bảng bên dưới có đủ).",
            f"Showing the first {first} units of {total}: filter to see the others (the table below has them all).")
        ) + "</p>"
    width = COLUMN_PX if cells.vertical else TWO_LINE_COLUMN_PX
    codes = [escape(code) for code in cells.codes]
    parts = [opening, f'<div class="tkg-scroll" role="region" tabindex="0" aria-label="{escape(title)}">'
             f'<div class="tkg-grid" style="grid-template-columns: var(--label) repeat({len(codes)}, {width}px)">'
             '<div class="tkg-corner"></div>']
    parts += [f'<div class="tkg-col" title="{code} — {escape(full)}"><span>'
              f'{"<br>".join(escape(line) for line in column.split(BREAK))}</span></div>'
              for code, full, column in zip(codes, cells.titles, cells.columns)]
    _rows(parts, cells, shown, codes, lang)
    parts.append(f"</div></div>{_legend(lang)}</figure></div>")
    return "".join(parts)


def _rows(parts: list[str], cells: HeatmapCells, shown: int, codes: list[str], lang: str) -> None:
    """The first `shown` rows, each a unit's name and its cells, appended to `parts`. A cell's title is what the
    figure's hover said: the unit, the column's name, the code and the status (and the periods reported)."""
    names = [escape(_flat(name)) for name in cells.columns]
    index = {status: i for i, status in enumerate(STATUSES)}
    words = {status: escape(status_label(status, lang)) for status in STATUSES}
    status = cells.status.to_numpy(dtype=object)[:shown]  # arrays, not DataFrame.iat: 20,000 positions in ≈ 50 ms
    periods = cells.periods.to_numpy(dtype=float)[:shown]
    done = cells.done.to_numpy(dtype=float)[:shown]
    for i, row in enumerate(cells.rows[:shown]):
        unit = escape(_flat(row))
        parts.append(f'<div class="tkg-r"><div class="tkg-row">{unit}</div>')
        gap = 0  # empty positions before the next cell: one spanning element for the run
        for j, value in enumerate(status[i]):
            if not isinstance(value, str):
                gap += 1
                continue
            if gap:
                parts.append("<i></i>" if gap == 1 else f'<i style="grid-column: span {gap}"></i>')
                gap = 0
            parts.append(f'<i class="tkg-c tkg-s{index[value]}" title="{unit}&#10;{names[j]}&#10;{codes[j]}: '
                         f'{words[value]}{escape(_periods(done[i, j], periods[i, j], lang))}">'
                         f"{STATUS_SYMBOLS[value]}</i>")
        parts.append("</div>")  # a row's trailing empty positions need nothing: the next name starts a new row
