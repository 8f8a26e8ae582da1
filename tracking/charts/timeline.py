"""Time charts: deadlines against completion (Gantt-style), the burn-up, and projected completion dates."""
from __future__ import annotations

import os
import re
from datetime import date, timedelta
from typing import Sequence

import pandas as pd
import plotly.graph_objects as go

from tracking.analysis.progress import DONE
from tracking.analysis.trend import Projection
from tracking.charts.forecast_text import METHOD, method_note, state_phrase, upper_first
from tracking.charts.fit import BREAK_BEFORE
from tracking.charts.notes import fix_rows
from tracking.charts.palette import INK, PROJECTION, STATUS_COLORS, add_footnote, base_layout, empty_figure, status_label
from tracking.labels import deadline_words_of, fmt_date, period_label, pick, shorten, unit_label, wrap

WINDOW_COLOR = "#EDEDED"
MARK_CHARS = 28  # a deadline mark on the screen, whose plot is short: "Hạn " and up to 24 characters of the name
MARK = "deadline_mark"  # annotation name: a deadline's label along its vertical line (a slide refits its length)


def distinct_titles(titles: list[str], limit: int = 44) -> list[str]:
    """Short titles that never merge and keep what tells them apart: titles that shorten alike keep their common
    opening (five words at most) and end with their own last phrase — from a function word when one is near
    ("… tại Trụ sở tiếp công dân tỉnh", "… của Sở, Ban ngành"), else the fewest last words no other has ("… cấp xã")."""
    labels = [shorten(t, limit) for t in titles]
    groups: dict[str, list[int]] = {}
    for i, label in enumerate(labels):
        groups.setdefault(label, []).append(i)
    for members in groups.values():
        words = {i: re.sub(r"\s*\([^)]*\)$", "", str(titles[i]).rstrip(" .")).rstrip(" .").split() for i in members}
        if len({tuple(w) for w in words.values()}) < 2:
            continue
        common = min(len(os.path.commonprefix([words[i] for i in members])), 5)
        for i in members:
            others = [words[j] for j in members if words[j] != words[i]]
            k = next((k for k in range(2, len(words[i]) + 1) if all(o[-k:] != words[i][-k:] for o in others)),
                     len(words[i]))
            reach = next((k2 for k2 in range(k, min(len(words[i]), 7) + 1)
                          if words[i][-k2].lower() in BREAK_BEFORE), k)
            labels[i] = f"{' '.join(words[i][:max(common, 2)])} … {' '.join(words[i][-reach:])}"
    return labels


def row_labels(schedule: pd.DataFrame, lang: str = "vi", limit: int = 44) -> list[str]:
    """One distinct label per (requirement, period) row: plotly merges rows that share a label, so requirements
    whose titles start alike (II.4 training of four kinds of staff) must not shorten to the same text."""
    titles = distinct_titles(schedule["requirement_title"].tolist(), limit)
    labels = [f"{r.clause} · {title}" + (f" · {period_label(r.period, lang)}" if isinstance(r.period, str) else "")
              for r, title in zip(schedule.itertuples(index=False), titles)]
    seen = {label for label in labels if labels.count(label) > 1}
    return [f"{label} ({r.requirement_code})" if label in seen else label
            for label, r in zip(labels, schedule.itertuples(index=False))]


def _as_of_line(fig: go.Figure, as_of: date, lang: str) -> None:
    """Call after the x range is set: near either end of it the label leans inwards instead of leaving the chart."""
    fig.add_vline(x=pd.Timestamp(as_of).value / 1e6, line={"color": INK, "width": 1.5, "dash": "dot"})
    anchor = "center"
    if fig.layout.xaxis.range:
        start, end = (pd.Timestamp(x) for x in fig.layout.xaxis.range)
        share = (pd.Timestamp(as_of) - start) / (end - start)
        anchor = "right" if share > 0.85 else "left" if share < 0.15 else "center"
    # Above the plot area, by the line: inside it, the label sat on the first row's marks and notes.
    fig.add_annotation(x=pd.Timestamp(as_of), y=1, yref="paper", yanchor="bottom", xanchor=anchor, yshift=2,
                       showarrow=False, bgcolor="rgba(255,255,255,0.85)", font={"size": 12},
                       text=pick(lang, f"Ngày xem {fmt_date(as_of)}", f"As of {fmt_date(as_of)}"))


NAMES_IN_HOVER = 3


def completion_days(done: pd.DataFrame, label_of: dict, lang: str = "vi") -> pd.DataFrame:
    """One tick per row and day on which units completed it (ticks of one day coincide on screen anyway): its
    hover names the units, the first NAMES_IN_HOVER of them and how many more. A national province's chart drew
    1,600 ticks, each with its row's label and a unit's name, where 900 days are seen."""
    names: dict[tuple, list[str]] = {}  # (row, day) → the units, in snapshot order
    for code, period, day, name, level, parent in zip(done["requirement_code"], done["period"], done["completed_on"],
                                                      done["unit_name"], done["unit_level"], done["parent_name"]):
        if day is None or pd.isna(day):
            continue
        row = label_of[(code, period if isinstance(period, str) else None)]
        names.setdefault((row, pd.Timestamp(day)), []).append(unit_label(name, level, parent))

    def units(group: list[str]) -> str:
        more = len(group) - NAMES_IN_HOVER
        shown = "<br>".join(group[:NAMES_IN_HOVER])
        return shown if more <= 0 else shown + pick(lang, f"<br>và {more} đơn vị khác", f"<br>and {more} more units")

    return pd.DataFrame({"row": [row for row, _ in names], "day": [day for _, day in names],
                         "units": [units(group) for group in names.values()]})


def gantt_figure(schedule: pd.DataFrame, snap: pd.DataFrame, plan_start: date, as_of: date, lang: str = "vi",
                 title: str | None = None) -> go.Figure:
    """Per requirement: the time the plan allows (grey bar up to the deadline), the deadline (◆, hollow when set
    after the plan), and each unit's completion (| in the status colour)."""
    title = title or pick(lang, "Thời hạn và thực tế hoàn thành theo yêu cầu", "Deadlines against completion, per requirement")
    if schedule.empty:
        return empty_figure(title, pick(lang, "Chưa có mốc nào để hiển thị", "No milestones to show"), lang)
    labels = row_labels(schedule, lang)
    label_of = {(r.requirement_code, r.period if isinstance(r.period, str) else None): lab
                for r, lab in zip(schedule.itertuples(index=False), labels)}
    fig = go.Figure()
    dated = schedule["deadline"].notna()
    start = pd.Timestamp(plan_start)
    ends = pd.to_datetime(schedule.loc[dated, "deadline"])
    fig.add_bar(
        y=[lab for lab, d in zip(labels, dated) if d], x=(ends - start).dt.total_seconds() * 1000, base=start,
        orientation="h", marker={"color": WINDOW_COLOR}, name=pick(lang, "Thời gian thực hiện theo kế hoạch",
                                                                     "Time allowed by the plan"), hoverinfo="skip",
    )
    done = snap[snap["status"].isin(DONE)]
    shown = [(c, p if isinstance(p, str) else None) in label_of for c, p in zip(done["requirement_code"], done["period"])]
    done = done[pd.Series(shown, index=done.index, dtype=bool)]  # a slide shows some rows: only their completions
    for status in DONE:
        days = completion_days(done[done["status"] == status], label_of, lang)
        fig.add_scatter(
            x=days["day"], y=days["row"], mode="markers", name=status_label(status, lang),
            marker={"symbol": "line-ns-open", "size": 14, "line": {"width": 2.5, "color": STATUS_COLORS[status]},
                    "color": STATUS_COLORS[status]},
            customdata=days["units"], hovertemplate="%{customdata}<br>%{x|%d/%m/%Y}<extra></extra>",
        )
    for source, symbol, name in (("plan", "diamond", pick(lang, "Thời hạn theo kế hoạch", "Deadline in the plan")),
                                 ("inferred", "diamond-open-dot", pick(lang, "Thời hạn suy ra từ một mục chung",
                                                                       "Deadline inferred from a general clause")),
                                 ("proposed", "diamond-open", pick(lang, "Lịch do hệ thống đề xuất",
                                                                   "Schedule proposed by the software")),
                                 ("set", "diamond-open", pick(lang, "Thời hạn đặt sau", "Deadline set later"))):
        part = schedule[dated & (schedule["deadline_source"] == source)]
        if part.empty:
            continue
        fig.add_scatter(
            x=pd.to_datetime(part["deadline"]), y=[lab for lab, keep in zip(labels, dated & (schedule["deadline_source"] == source)) if keep],
            mode="markers", name=name, marker={"symbol": symbol, "size": 11, "color": INK, "line": {"width": 1.5, "color": INK}},
            customdata=deadline_words_of(part, lang),
            hovertemplate=pick(lang, "Thời hạn: %{customdata}", "Deadline: %{customdata}") + "<extra></extra>",
        )
    notes = [pick(lang, f"{r.done}/{r.total} xong", f"{r.done}/{r.total} done")
             + ("" if pd.notna(r.deadline) else pick(lang, " · chưa có hạn", " · no deadline"))
             for r in schedule.itertuples(index=False)]
    fig.update_yaxes(ticksuffix=" ", showgrid=True, gridcolor="#F4F4F4")
    fix_rows(fig, labels, notes)
    # An explicit end: a half-open range ([start, None]) next to the all-empty row traces of fix_rows leaves
    # Streamlit's plotly.js with no x range at all (an empty chart over 2000), though kaleido draws it.
    latest = max([pd.Timestamp(as_of), *ends, *pd.to_datetime(done["completed_on"]).dropna()])
    fig.update_xaxes(type="date", tickformat="%m/%Y", range=[start - pd.Timedelta(days=10), latest + pd.Timedelta(days=20)])
    _as_of_line(fig, as_of, lang)
    fig.update_layout(barmode="overlay")
    return (base_layout(fig, title, height=max(320, 200 + 26 * len(labels)), lang=lang))


def burnup_figure(series: pd.DataFrame, projection: Projection | None, as_of: date,
                  marks: Sequence[tuple[date, str]] = (), lang: str = "vi",
                  area_names: dict[str, str] | None = None) -> go.Figure:
    """Completed milestones over time against the number due by each date; the forecast (tracking.analysis.trend)
    is dashed, named with its method, and drawn only up to its horizon: past it the chart says so instead."""
    title = pick(lang, "Số mốc hoàn thành theo thời gian so với thời hạn", "Completed milestones over time against deadlines")
    if series.empty or not series["total"].iloc[0]:
        return empty_figure(title, pick(lang, "Chưa có mốc nào để hiển thị", "No milestones to show"), lang)
    fig = go.Figure()
    fig.add_scatter(x=series["day"], y=series["due"], mode="lines", line={"color": INK, "width": 2, "shape": "hv"},
                    name=pick(lang, "Số mốc đã đến hạn", "Milestones due"),
                    hovertemplate="%{x|%d/%m/%Y}: %{y}<extra></extra>")
    known = series[series["done"].notna()]
    fig.add_scatter(x=known["day"], y=known["done"].astype(float), mode="lines",
                    line={"color": STATUS_COLORS["done_on_time"], "width": 3},
                    name=pick(lang, "Số mốc đã hoàn thành", "Milestones completed"),
                    hovertemplate="%{x|%d/%m/%Y}: %{y}<extra></extra>")
    total = int(series["total"].iloc[0])
    fig.add_hline(y=total, line={"color": "#888888", "dash": "dot", "width": 1},
                  annotation_text=pick(lang, f"Tổng số mốc: {total}", f"All milestones: {total}"),
                  annotation_position="top left")
    last = pd.Timestamp(series["day"].iloc[-1])
    if projection is not None and projection.projected_on is not None:
        fig.add_scatter(x=[pd.Timestamp(as_of), pd.Timestamp(projection.projected_on)], y=[projection.done, total],
                        mode="lines", line={"color": PROJECTION, "width": 2.5, "dash": "dash"},
                        name=pick(lang, f"Dự báo ({METHOD[0]}): xong {fmt_date(projection.projected_on)}",
                                  f"Forecast ({METHOD[1]}): done {fmt_date(projection.projected_on)}"),
                        hovertemplate=pick(lang, "Dự báo", "Forecast") + " %{x|%d/%m/%Y}: %{y:.0f}<extra></extra>")
        last = max(last, pd.Timestamp(projection.projected_on))
    elif projection is not None and not projection.complete:
        # Said in words, in the legend where the line's name would be: a line cut at the edge would look like a date.
        fig.add_scatter(x=[None], y=[None], mode="lines", line={"color": PROJECTION, "width": 2.5, "dash": "dash"},
                        name=upper_first(_cannot_text(projection, lang, area_names)))
    for day, text in marks:
        fig.add_vline(x=pd.Timestamp(day).value / 1e6, line={"color": "#999999", "width": 1, "dash": "dash"})
        # Shortened for the screen's plot; the whole text stays in hovertext (shown on hover), which a slide or a
        # picture fits again to the height it has (tracking.charts.slide).
        short = shorten(text, MARK_CHARS)
        fig.add_annotation(x=pd.Timestamp(day), y=0.93, yref="paper", text=short, textangle=-90, showarrow=False,
                           xanchor="right", yanchor="top", font={"size": 11, "color": "#555555"}, name=MARK,
                           hovertext=text if short != text else None)
    first = pd.Timestamp(series["day"].iloc[0])
    pad = pd.Timedelta(days=max(10, (last - first).days // 40))
    fig.update_xaxes(type="date", tickformat="%m/%Y", range=[first - pad, last + pad])
    _as_of_line(fig, as_of, lang)
    fig.update_yaxes(title=pick(lang, "Số mốc", "Milestones"), rangemode="tozero")
    fig = base_layout(fig, title, height=500, lang=lang)
    if projection is not None:
        add_footnote(fig, wrap(method_note(projection.horizon, lang), 110))  # one line overran the page's 980 px
    return fig


def _cannot_text(projection: Projection, lang: str, area_names: dict[str, str] | None = None) -> str:
    return state_phrase(projection.state, remaining=projection.remaining, beyond_on=projection.beyond_on,
                        horizon=projection.horizon, blocking_area=(area_names or {}).get(projection.set_by or "",
                                                                                         projection.set_by or ""),
                        blocked=projection.blocked, lang=lang)


def projection_figure(table: pd.DataFrame, as_of: date, lang: str = "vi", overall: Projection | None = None,
                      plan_start: date | None = None) -> go.Figure:
    """Per area, then the whole plan: its deadline (◆) and the forecast completion date (○, dashed from the as-of
    date); an area the forecast cannot date says why instead, and nothing is drawn past the horizon."""
    title = pick(lang, f"Dự báo ngày hoàn thành theo lĩnh vực ({METHOD[0]})",
                 f"Forecast completion date per area ({METHOD[1]})")
    if table.empty:
        return empty_figure(title, pick(lang, "Chưa có mốc nào để hiển thị", "No milestones to show"), lang)
    names = table["name_en" if lang == "en" else "name"].tolist()
    labels = [wrap(name, 22) for name in names]
    rows = [(label, r.projected_on, r.deadline, r.complete, _area_state(r, lang)) for label, r in
            zip(labels, table.itertuples(index=False))]
    if overall is not None:
        whole = pick(lang, "Cả kế hoạch", "Whole plan")
        blocking = {code: name.split(",")[0] for code, name in zip(table["code"], names)}
        rows.append((whole, overall.projected_on, None, overall.complete, _cannot_text(overall, lang, blocking)))
    labels = [r[0] for r in rows]
    fig = go.Figure()
    notes = []
    for label, projected_on, deadline, complete, why in rows:
        if complete or projected_on is None:
            notes.append(why)
            continue
        late = deadline is not None and pd.notna(deadline) and projected_on > deadline
        notes.append(pick(lang, f"dự báo {fmt_date(projected_on)}", f"forecast {fmt_date(projected_on)}")
                     + (pick(lang, " (sau thời hạn)", " (after the deadline)") if late else ""))
        fig.add_scatter(x=[pd.Timestamp(as_of), pd.Timestamp(projected_on)], y=[label, label], mode="lines",
                        line={"color": PROJECTION, "dash": "dash", "width": 2}, showlegend=False, hoverinfo="skip")
    projected = [(label, on) for label, on, _, complete, _ in rows if on is not None and not complete]
    fig.add_scatter(
        x=[pd.Timestamp(on) for _, on in projected], y=[label for label, _ in projected], mode="markers",
        marker={"symbol": "circle-open", "size": 13, "color": PROJECTION, "line": {"width": 2.5}},
        name=pick(lang, "Ngày hoàn thành dự báo", "Forecast completion"),
        hovertemplate=pick(lang, "Dự báo %{x|%d/%m/%Y}", "Forecast %{x|%d/%m/%Y}") + "<extra></extra>",
    )
    dated = [(label, deadline) for label, _, deadline, _, _ in rows if deadline is not None and pd.notna(deadline)]
    fig.add_scatter(
        x=[pd.Timestamp(d) for _, d in dated], y=[label for label, _ in dated],
        mode="markers", marker={"symbol": "diamond", "size": 12, "color": INK},
        name=pick(lang, "Thời hạn chung của lĩnh vực", "Area deadline"),
        hovertemplate=pick(lang, "Thời hạn %{x|%d/%m/%Y}", "Deadline %{x|%d/%m/%Y}") + "<extra></extra>",
    )
    fig.update_yaxes(ticksuffix=" ")
    fix_rows(fig, labels, notes)
    days = [pd.Timestamp(as_of), *(pd.Timestamp(on) for _, on in projected), *(pd.Timestamp(d) for _, d in dated)]
    first = min([*days, *([pd.Timestamp(plan_start)] if plan_start else [])])
    pad = pd.Timedelta(days=max(15, (max(days) - first).days // 25))
    fig.update_xaxes(type="date", tickformat="%m/%Y", range=[first - pad, max(days) + pad])
    _as_of_line(fig, as_of, lang)
    fig = base_layout(fig, title, height=max(300, 190 + 44 * sum(lab.count("<br>") + 1 for lab in labels)), lang=lang)
    horizon = overall.horizon if overall is not None else next(iter(table["horizon"].dropna()), None)
    return add_footnote(fig, wrap(method_note(horizon, lang), 110))


def _area_state(row, lang: str) -> str:
    return state_phrase(row.state, remaining=row.total - row.done, overdue=row.overdue,
                        beyond_on=row.beyond_on if pd.notna(row.beyond_on) else None,
                        horizon=row.horizon if pd.notna(row.horizon) else None, lang=lang)
