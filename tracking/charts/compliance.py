"""The unit × requirement heatmap and the rankings of districts and departments."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from tracking.charts.fit import fit
from tracking.charts.palette import (
    STATUS_COLORS, STATUS_SYMBOLS, STATUSES, add_subtitle, base_layout, empty_figure, status_label,
)
from tracking.charts.progress import NO_DATA, StatusBars, figure
from tracking.domain.status import Status
from tracking.labels import Seat, fmt_percent, pick, unit_label, wrap

_INDEX = {status: i for i, status in enumerate(STATUSES)}


def _discrete_scale() -> list[list]:
    """Colour bands so that z = 0, 1, 2, 3 each get exactly one status colour."""
    n, scale = len(STATUSES), []
    for i, status in enumerate(STATUSES):
        scale += [[i / n, STATUS_COLORS[status]], [(i + 1) / n, STATUS_COLORS[status]]]
    return scale


ROW_PX = 26          # a row per line of unit name: never under 18 px, whatever the filter leaves
COLUMN_LABEL_PX = 150  # a requirement's short name, on a slant above its column (two lines, three with its code)
SLANT_OVERHANG_PX = COLUMN_LABEL_PX // 2 + 20  # how far the last slanted name may reach past the grid (cos 60° = ½)
# Two slanted lines of name need ≈37 px between columns (two lines of 16 px, at 60°): on the page's ≈600 px of grid
# that is 16 columns. A plan has more (Sóc Trăng's 29, a generated city's 35): slanted names then ran over one another,
# unreadable, so past this many each column is named by one vertical line, which needs only a line's height.
SLANT_COLUMNS_MAX = 16
# The title and the two lines under it (the cell note, then the as-of line the page adds) sit at the top of the figure,
# left-aligned, over the first columns' names: the top margin holds both, or the names run into the note.
TITLE_BLOCK_PX = 90
def heatmap_title(lang: str = "vi") -> str:
    return pick(lang, "Tuân thủ theo đơn vị và yêu cầu", "Compliance by unit and requirement")


PERIODS_NOTE = ("Ô của yêu cầu định kỳ (báo cáo quý) là tình trạng xấu nhất trong các kỳ của nó.",
                "A cell of a periodic requirement (quarterly reports) shows the worst of its periods.")


def requirement_short_names(reqs: pd.DataFrame, size: int = 13, lines: int = 2) -> dict[str, str]:
    """A requirement's short name for a column: its title's first words that fit `lines` lines (whole words, "…"
    when shortened); two requirements that shorten alike get their code (on a line of its own, or in front of a
    one-line name)."""
    names = {r.requirement_code: fit(r.requirement_title, COLUMN_LABEL_PX, lines, size)
             for r in reqs.itertuples(index=False)}
    counts = pd.Series(list(names.values())).value_counts()
    if lines == 1:
        titles = dict(zip(reqs["requirement_code"], reqs["requirement_title"]))
        return {code: fit(f"({code}) {titles[code]}", COLUMN_LABEL_PX, 1, size) if counts[name] > 1 else name
                for code, name in names.items()}
    return {code: f"{name}<br>({code})" if counts[name] > 1 else name for code, name in names.items()}


@dataclass(frozen=True)
class HeatmapCells:
    """The units × requirements grid as data: the Plotly figure (the exports, the page's picture) and the page's HTML
    (tracking.charts.heatmap_html, no plotly.js to load) are both drawn from it, so they show the same cells in the
    same order under the same names."""
    rows: list[str]      # a unit's name per row, list order, wrapped by <br> for Plotly; unique
    units: list[str]     # each row's unit code
    codes: list[str]     # a requirement code per column, plan order
    columns: list[str]   # each column's name as the figure shows it (<br> between its lines)
    titles: list[str]    # each requirement's full title
    status: pd.DataFrame   # rows × codes: a status, NaN where the unit has no such requirement
    periods: pd.DataFrame  # rows × codes: how many periods the cell holds
    done: pd.DataFrame     # rows × codes: how many of them are done
    upright: bool        # names given by the caller (areas), set upright
    vertical: bool       # more than SLANT_COLUMNS_MAX columns: one vertical line of name each


def heatmap_cells(matrix: pd.DataFrame, lang: str = "vi", column_names: dict[str, str] | None = None,
                  name_width: int = 40) -> HeatmapCells:
    """Rows: units in list order, full names wrapped at `name_width` characters (never cut; two units that would be
    named alike — two communes of one name in one city — get their code); columns: requirements in plan order,
    each named by a short name (`column_names` overrides). `matrix`: tracking.analysis.compliance.status_matrix,
    not empty."""
    units = matrix.drop_duplicates("unit_code").sort_values("unit_position")
    reqs = matrix.drop_duplicates("requirement_code").sort_values("requirement_position")
    rows = [wrap(unit_label(r.unit_name, r.unit_level, r.parent_name, limit=500), name_width)
            for r in units.itertuples(index=False)]
    unit_codes = units["unit_code"].tolist()
    seen = pd.Series(rows).duplicated(keep=False)
    rows = [f"{row} ({pick(lang, 'mã', 'code')} {code})" if twin else row
            for row, code, twin in zip(rows, unit_codes, seen)]
    codes = reqs["requirement_code"].tolist()
    upright = column_names is not None
    vertical = not upright and len(codes) > SLANT_COLUMNS_MAX
    short = column_names or requirement_short_names(reqs, lines=1 if vertical else 2)

    def grid(values: str) -> pd.DataFrame:  # by unit code: a name shared by two units would not say which
        return (matrix.pivot(index="unit_code", columns="requirement_code", values=values)
                .reindex(index=unit_codes, columns=codes).set_axis(rows, axis="index"))

    return HeatmapCells(rows, unit_codes, codes, [short.get(code, code) for code in codes],
                        reqs["requirement_title"].tolist(), grid("status"), grid("periods"), grid("periods_done"),
                        upright, vertical)


def heatmap_figure(matrix: pd.DataFrame, lang: str = "vi", title: str | None = None,
                   column_names: dict[str, str] | None = None, name_width: int = 40,
                   cell_note: tuple[str, str] = PERIODS_NOTE) -> go.Figure:
    """The cells of `heatmap_cells`, coloured by status, with the requirement's code in each cell's hover
    (`column_names` are set upright); `cell_note` says what a cell of several milestones shows. The figure grows
    with its rows."""
    title = title or heatmap_title(lang)
    if matrix.empty:
        return empty_figure(title, pick(lang, *NO_DATA), lang)
    cells = heatmap_cells(matrix, lang, column_names, name_width)
    rows, codes, cols = cells.rows, cells.codes, cells.columns
    upright, vertical = cells.upright, cells.vertical
    z, periods, done = cells.status, cells.periods, cells.done
    # Per cell only what differs from cell to cell (the code, the status, the periods reported); the unit and the
    # column's name come from the axes in the template. A national province has 1,600 cells: their full titles
    # repeated in every cell were 80 % of the figure's bytes.
    hover = [[
        "" if pd.isna(z.iat[i, j]) else
        f"{codes[j]}: <b>{status_label(z.iat[i, j], lang)}</b>"
        + (pick(lang, f" — {int(done.iat[i, j])}/{int(periods.iat[i, j])} kỳ đã báo cáo",
                f" — {int(done.iat[i, j])}/{int(periods.iat[i, j])} periods reported") if periods.iat[i, j] > 1 else "")
        for j in range(len(codes))] for i in range(len(rows))]
    fig = go.Figure(go.Heatmap(
        z=z.apply(lambda col: col.map(_INDEX)).values.tolist(), x=cols, y=rows,
        zmin=-0.5, zmax=len(STATUSES) - 0.5, colorscale=_discrete_scale(), showscale=False,
        text=z.apply(lambda col: col.map(STATUS_SYMBOLS)).fillna("").values.tolist(), texttemplate="%{text}",
        customdata=hover, hovertemplate="%{y}<br>%{x}<br>%{customdata}<extra></extra>", xgap=2, ygap=2,
        hoverongaps=False,
    ))
    for status in STATUSES:  # legend entries: a heatmap has no legend of its own
        outline = {"line": {"color": "#8C8C8C", "width": 1}} if status == Status.NO_DEADLINE.value else {}
        fig.add_scatter(x=[None], y=[None], mode="markers", name=f"{STATUS_SYMBOLS[status]} {status_label(status, lang)}",
                        marker={"color": STATUS_COLORS[status], "symbol": "square", "size": 14, **outline})
    # Slanted names: the last one reaches past the grid's right edge by an amount that depends on the column width,
    # so a right margin grown to fit it narrows the columns, which moves it back, and plotly redraws the grid up to
    # 24 times, flipping between two widths (seen at 980 px, the dashboard's width on a 1440 px screen: 0.3 → 1.8 s
    # for Hà Nội's 1,565 cells). The margin for it is fixed instead: half a name's length at 60° and a line's height.
    fig.update_xaxes(side="top", tickangle=0 if upright else -90 if vertical else -60, showgrid=False,
                     automargin=True if upright else "top+left")
    # dtick=1: every unit keeps its name, however tight the rows (plotly skips category labels otherwise).
    fig.update_yaxes(autorange="reversed", showgrid=False, automargin=True, ticksuffix=" ", dtick=1)
    names_px = (17 * max(c.count("<br>") + 1 for c in cols) if upright else COLUMN_LABEL_PX + 20 if vertical
                else int(COLUMN_LABEL_PX * 0.87) + 40)
    top = names_px + (10 if upright else TITLE_BLOCK_PX - 40)
    # Plotly gives every row the same height: the tallest (wrapped) name sets it, or names overlap their neighbours.
    lines = max(r.count("<br>") + 1 for r in rows) * len(rows)
    fig = base_layout(fig, title, height=150 + top + ROW_PX * lines, lang=lang)
    # Requirement codes sit on top of the grid: the title goes above them, at the top of the figure.
    fig.update_layout(title={"yref": "container", "y": 0.995, "yanchor": "top"})
    fig.update_layout(plot_bgcolor="white")
    if not upright:  # the names below the title block; a vertical name stays within its column, a slanted one not
        fig.update_layout(margin={"t": names_px + TITLE_BLOCK_PX, **({} if vertical else {"r": SLANT_OVERHANG_PX})})
    return add_subtitle(fig, wrap(pick(lang, *cell_note), 110))  # under the title (a slide moves it under the chart)


def ranking_bars(table: pd.DataFrame, title: str, lang: str = "vi", seat: Seat = Seat()) -> StatusBars:
    """Rows of tracking.analysis.compliance.ranking, best on top, labelled with rank and on-time share."""
    labels = tuple(f"{r.rank}. {wrap(r.unit_name, 40)}" for r in table.itertuples(index=False))
    own = "own_on_time_rate" in table
    notes = tuple(pick(lang, f"{fmt_percent(r.on_time_rate, lang)} đúng hạn", f"{fmt_percent(r.on_time_rate, lang)} on time")
                  # A district's own office, named as such, beside the figure with its communes: the heatmap shows it.
                  + (pick(lang, f" · riêng {seat.district_office()} {fmt_percent(r.own_on_time_rate, lang)}",
                          f" · district office alone {fmt_percent(r.own_on_time_rate, lang)}") if own else "")
                  for r in table.itertuples(index=False))
    return StatusBars(title, labels, table, lang, notes=notes)


def ranking_figure(table: pd.DataFrame, title: str, lang: str = "vi") -> go.Figure:
    return figure(ranking_bars(table, title, lang))


def district_ranking_title(lang: str = "vi", seat: Seat = Seat()) -> str:
    """'Xếp hạng huyện, thành phố …'; a city's own kinds of district ('quận, huyện, thị xã' in Hà Nội)."""
    return pick(lang, f"Xếp hạng {seat.districts} theo tỷ lệ đúng hạn, tính cả các xã",
                "Districts ranked by on-time share, their communes included")


def department_ranking_title(lang: str = "vi", seat: Seat = Seat()) -> str:
    """'Xếp hạng sở, ban, ngành tỉnh …'; a city's are 'sở, ban, ngành thành phố', 'city departments'."""
    departments = seat.departments(lang)
    return pick(lang, f"Xếp hạng {departments} theo tỷ lệ đúng hạn",
                f"{departments[:1].upper()}{departments[1:]} ranked by on-time share")


def communes_by_district_title(lang: str = "vi", seat: Seat = Seat()) -> str:
    return pick(lang, f"Cấp xã: tiến độ theo {seat.districts}", "Communes: progress by district")


def district_ranking_bars(table: pd.DataFrame, lang: str = "vi", seat: Seat = Seat()) -> StatusBars:
    return ranking_bars(table, district_ranking_title(lang, seat), lang, seat)


def district_ranking_figure(table: pd.DataFrame, lang: str = "vi", seat: Seat = Seat()) -> go.Figure:
    return figure(district_ranking_bars(table, lang, seat))


def department_ranking_bars(table: pd.DataFrame, lang: str = "vi", seat: Seat = Seat()) -> StatusBars:
    return ranking_bars(table, department_ranking_title(lang, seat), lang)


def department_ranking_figure(table: pd.DataFrame, lang: str = "vi", seat: Seat = Seat()) -> go.Figure:
    return figure(department_ranking_bars(table, lang, seat))


def communes_by_district_bars(table: pd.DataFrame, lang: str = "vi", seat: Seat = Seat()) -> StatusBars:
    """Commune milestones tallied per district (rows: tally by district_code with the district's name)."""
    title = communes_by_district_title(lang, seat)
    labels = tuple(table["district_name"]) if not table.empty else ()
    notes = tuple(pick(lang, f"{fmt_percent(p, lang)} hoàn thành", f"{fmt_percent(p, lang)} done")
                  for p in table.get("percent_done", []))
    return StatusBars(title, labels, table, lang, notes=notes)


def communes_by_district_figure(table: pd.DataFrame, lang: str = "vi", seat: Seat = Seat()) -> go.Figure:
    return figure(communes_by_district_bars(table, lang, seat))
