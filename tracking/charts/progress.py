"""Stacked status bars: progress per area, per level of government, per unit."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import pandas as pd
import plotly.graph_objects as go

from tracking.charts.notes import fix_rows
from tracking.charts.palette import (
    STATUS_COLORS, STATUSES, TEXT_ON, add_subtitle, base_layout, empty_figure, status_label,
)
from tracking.domain.status import Status
from tracking.labels import (
    Seat, days_phrase, deadline_words, fmt_date, fmt_percent, level_label, pick, unit_label, wrap,
)

NO_DATA = ("Chưa có mốc nào để hiển thị", "No milestones to show")


def status_bars(table: pd.DataFrame, labels: Sequence[str], title: str, lang: str = "vi", *,
                percent: bool = True, right_notes: Sequence[str] | None = None) -> go.Figure:
    """One horizontal bar per row of a status tally (tracking.analysis.progress.tally), first row on top."""
    if table.empty:
        return empty_figure(title, pick(lang, *NO_DATA), lang)
    fig = go.Figure()
    totals = table["total"].where(table["total"] > 0, 1)
    for status in STATUSES:
        counts = table[status].astype(int)
        values = 100 * counts / totals if percent else counts
        fig.add_bar(
            y=list(labels), x=values, orientation="h", name=status_label(status, lang),
            marker=_marker(status),
            # A number squeezed into a sliver of bar is unreadable; the hover still gives it.
            text=[str(c) if c and (not percent or v >= 6) else "" for c, v in zip(counts, values)],
            textposition="inside", insidetextanchor="middle",
            textfont={"color": TEXT_ON[status]},
            customdata=counts, hovertemplate="%{y}<br>" + status_label(status, lang) + ": %{customdata}<extra></extra>",
        )
    fig.update_layout(barmode="stack", bargap=0.25, legend_traceorder="normal")
    fig.update_yaxes(ticksuffix="  ")
    fig.update_xaxes(range=[0, 100] if percent else None, ticksuffix="%" if percent else "")
    fix_rows(fig, labels, right_notes)
    # The legend under the plot takes up to five lines in a half-width column (a phone, st.columns(2)): room for it,
    # or three bars are squeezed into a sliver.
    return base_layout(fig, title, height=max(340, 200 + 46 * len(table)), lang=lang)


def _deadline_note(row, lang: str) -> str:
    """' · trước ngày 30/10/2010' in the plan's words; ' · hạn 30/10/2010' when the words were not kept."""
    words = getattr(row, "deadline_as_written", None)
    if words is None or (not isinstance(words, str) and pd.isna(words)):
        return pick(lang, f" · hạn {fmt_date(row.deadline)}", f" · due {fmt_date(row.deadline)}")
    return " · " + deadline_words(row.deadline, "plan", words, getattr(row, "deadline_named", None),
                                  getattr(row, "deadline_qualifier", None), lang)


def _marker(status: str) -> dict:
    """The status colour; "no deadline" is white, so it gets a grey outline and hatching to show on white paper."""
    if status == Status.NO_DEADLINE.value:
        return {"color": STATUS_COLORS[status], "line": {"color": "#8C8C8C", "width": 1},
                "pattern": {"shape": "/", "fgcolor": "#B0B0B0", "size": 8, "solidity": 0.15}}
    return {"color": STATUS_COLORS[status], "line": {"color": "white", "width": 0.5}}


@dataclass(frozen=True)
class StatusBars:
    """A stacked status bar chart as data: the Plotly figure (`figure`, for the exports) and the page's HTML
    (tracking.charts.bars_html, no plotly.js to load) are both drawn from it, so they say the same."""
    title: str
    labels: tuple[str, ...]  # one per row, first on top; Plotly breaks a long one where it holds <br>
    table: pd.DataFrame      # a status tally (tracking.analysis.progress.tally): a column per status and "total"
    lang: str = "vi"
    percent: bool = True     # each bar its row's shares (else bars of counts on one scale)
    notes: tuple[str, ...] | None = None  # at each row's right end, lines joined by <br>
    subtitle: str = ""       # under the title: what a list leaves out
    empty: str = ""          # said instead of an empty chart (else NO_DATA)

    @property
    def empty_message(self) -> str:
        return self.empty or pick(self.lang, *NO_DATA)


def figure(bars: StatusBars) -> go.Figure:
    """The chart as a Plotly figure: what the exports render (and the pages once drew)."""
    if bars.table.empty:
        return empty_figure(bars.title, bars.empty_message, bars.lang)
    fig = status_bars(bars.table, bars.labels, bars.title, bars.lang, percent=bars.percent,
                      right_notes=bars.notes)
    if bars.subtitle:  # under the title, where a half-width column still has room for it (a slide moves it under the chart)
        add_subtitle(fig, wrap(bars.subtitle, 75))
    return fig


def area_progress_bars(table: pd.DataFrame, lang: str = "vi") -> StatusBars:
    """Per area: status shares, with % complete and the deadline situation at the right."""
    title = pick(lang, "Tiến độ theo lĩnh vực", "Progress by area")
    # Two short lines rather than one long one on either side: on a 390 px phone the long ones were cut off.
    labels = tuple(wrap(name, 16) for name in table["name_en" if lang == "en" else "name"]) if not table.empty else ()
    # Most telling first: where space is short (a slide) the note is shortened from its end.
    notes = tuple(
        f"{fmt_percent(row.percent_done, lang)} · "
        + days_phrase(None if pd.isna(row.days_left) else int(row.days_left), bool(row.complete), lang)
        + ("<br>" + _deadline_note(row, lang).removeprefix(" · ") if pd.notna(row.deadline) else "")
        for row in table.itertuples(index=False)
    )
    return StatusBars(title, labels, table, lang, notes=notes)


def area_progress_figure(table: pd.DataFrame, lang: str = "vi") -> go.Figure:
    return figure(area_progress_bars(table, lang))


def level_progress_bars(table: pd.DataFrame, lang: str = "vi", two_level: bool = False,
                        seat: Seat | None = None) -> StatusBars:
    title = pick(lang, "Tiến độ theo cấp", "Progress by level")
    labels = (tuple(level_label(level, lang, two_level, seat) for level in table["unit_level"]) if not table.empty
              else ())
    notes = tuple(pick(lang, f"{fmt_percent(p, lang)} hoàn thành", f"{fmt_percent(p, lang)} done")
                  for p in table.get("percent_done", []))
    return StatusBars(title, labels, table, lang, notes=notes)


def level_progress_figure(table: pd.DataFrame, lang: str = "vi", two_level: bool = False,
                          seat: Seat | None = None) -> go.Figure:
    return figure(level_progress_bars(table, lang, two_level, seat))


def units_bars(table: pd.DataFrame, title: str, lang: str = "vi") -> StatusBars:
    """Per unit (rows of tracking.analysis.progress.unit_scores), milestone counts by status."""
    labels = tuple(unit_label(r.unit_name, r.unit_level, r.parent_name) for r in table.itertuples(index=False))
    return StatusBars(title, labels, table, lang, percent=False)


def units_figure(table: pd.DataFrame, title: str, lang: str = "vi") -> go.Figure:
    return figure(units_bars(table, title, lang))


def units_behind_bars(table: pd.DataFrame, lang: str = "vi", note: str = "") -> StatusBars:
    """`note` (tracking.labels.behind_note) says how many units the list leaves out, and any tie it cuts."""
    title = pick(lang, "Các đơn vị chậm nhất (nhiều mốc quá hạn nhất)", "Units most behind (most overdue milestones)")
    return StatusBars(title, units_bars(table, title, lang).labels, table, lang, percent=False, subtitle=note,
                      empty=pick(lang, "Không có đơn vị nào có mốc quá hạn", "No unit has an overdue milestone"))


def units_behind_figure(table: pd.DataFrame, lang: str = "vi", note: str = "") -> go.Figure:
    return figure(units_behind_bars(table, lang, note))
