"""Tables as people read them (headers in their language, status words, dates) and their CSV bytes."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd

from tracking.analysis.norms import QUANTITY_LABELS
from tracking.charts.forecast_text import state_phrase, upper_first
from tracking.cells import safe_cell
from tracking.charts.palette import STATUS_LABELS, STATUS_SHORT, STATUSES, TABLE_COLORS, status_label
from tracking.labels import (Seat, action_label, days_phrase, deadline_sources, deadline_words_of, district_short,
                             fmt_date, fmt_moment, level_label, level_labels, on_two_levels, period_label, person_label, pick,
                             role_label, source_label, state_label, unit_label, verified_label)
from tracking.views.reports import rates


def _status(status: str, lang: str, short: bool = False) -> str:
    return pick(lang, *STATUS_SHORT[status]) if short else status_label(status, lang)


def status_of_word(word) -> str | None:
    """The status a table cell names (either language, long or short words), for colouring it."""
    return _WORDS.get(word)


_WORDS = {w: s for s in STATUSES for w in (*STATUS_SHORT[s], *STATUS_LABELS[s])}


def _counts(table: pd.DataFrame, lang: str, short: bool = False) -> dict[str, pd.Series]:
    """One column per status; `short` headers ('Đúng hạn') where a page table must fit its width without a scroll."""
    return {_status(s, lang, short): table[s].astype(int) for s in STATUSES}


def area_table(areas: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """Rows of tracking.analysis.progress.area_progress."""
    return pd.DataFrame({
        pick(lang, "Lĩnh vực", "Area"): areas["name_en" if lang == "en" else "name"],
        pick(lang, "Hoàn thành (%)", "Complete (%)"): areas["percent_done"],
        pick(lang, "Tổng số mốc", "Milestones"): areas["total"],
        pick(lang, "Thời hạn chung", "Plan-wide deadline"): [
            words if pd.notna(day) else "—"
            for words, day in zip(deadline_words_of(areas.assign(deadline_source="plan"), lang), areas["deadline"])],
        pick(lang, "Điều khoản", "Clause"): areas["clause"].fillna(""),
        pick(lang, "Tình hình thời hạn", "Deadline situation"): [
            days_phrase(None if pd.isna(d) else int(d), bool(c), lang) for d, c in zip(areas["days_left"], areas["complete"])],
        **_counts(areas, lang, short=True),
    })


def units_table(scores: pd.DataFrame, lang: str = "vi", unverified: frozenset = frozenset(),
                seat: Seat | None = None) -> pd.DataFrame:
    """Rows of tracking.analysis.progress.unit_scores (or units_behind); `unverified` units carry the mark; levels
    in `seat`'s words (a city's). The shares come right after the name, so a narrow page never hides them behind a
    horizontal scroll."""
    return pd.DataFrame({
        pick(lang, "Mã", "Code"): scores["unit_code"],
        pick(lang, "Đơn vị", "Unit"): [verified_label(unit_label(n, lv, p, limit=80), c not in unverified, lang)
                                       for c, n, lv, p in zip(scores["unit_code"], scores["unit_name"],
                                                              scores["unit_level"], scores["parent_name"])],
        pick(lang, "Hoàn thành (%)", "Complete (%)"): scores["percent_done"],
        pick(lang, "Tỷ lệ đúng hạn (%)", "On time (%)"): scores["on_time_rate"],
        pick(lang, "Cấp", "Level"): [level_label(lv, lang, on_two_levels(scores), seat)
                                      for lv in scores["unit_level"]],
        **_counts(scores, lang, short=True),
        pick(lang, "Tổng số mốc", "Milestones"): scores["total"],
    })


def compliance_table(matrix: pd.DataFrame, scores: pd.DataFrame, lang: str = "vi",
                     unverified: frozenset = frozenset(), seat: Seat | None = None) -> pd.DataFrame:
    """Units × requirements: one column per requirement with the cell status, plus the unit's shares."""
    unit_col, code_col = pick(lang, "Đơn vị", "Unit"), pick(lang, "Mã", "Code")
    if matrix.empty:
        return pd.DataFrame(columns=[code_col, unit_col])
    base = units_table(scores[scores["unit_code"].isin(matrix["unit_code"])], lang, unverified, seat)
    base = base.drop(columns=[_status(s, lang, short=True) for s in STATUSES])
    cells = matrix.assign(cell=[_status(s, lang, short=True) for s in matrix["status"]])
    order = matrix.drop_duplicates("requirement_code").sort_values("requirement_position")["requirement_code"]
    wide = cells.pivot(index="unit_code", columns="requirement_code", values="cell").reindex(columns=order).fillna("")
    wide.columns.name = None
    return base.join(wide, on=code_col).reset_index(drop=True)


def ranking_table(ranking: pd.DataFrame, lang: str = "vi", seat: Seat = Seat()) -> pd.DataFrame:
    return pd.DataFrame({
        pick(lang, "Hạng", "Rank"): ranking["rank"],
        pick(lang, "Đơn vị", "Unit"): ranking["unit_name"],
        pick(lang, "Tỷ lệ đúng hạn (%)", "On time (%)"): ranking["on_time_rate"],
        # Districts: the office alone, labelled, beside the figure with its communes (the heatmap shows the office).
        **({pick(lang, f"Riêng {seat.district_office()}: đúng hạn (%)", "District office alone: on time (%)"):
            ranking["own_on_time_rate"]} if "own_on_time_rate" in ranking else {}),
        **_counts(ranking, lang),
        pick(lang, "Hoàn thành (%)", "Complete (%)"): ranking["percent_done"],
    })


def _requirement_columns(frame: pd.DataFrame, lang: str) -> dict:
    """Which task, from which clause, for which period, due when and on whose word (plan text, inferred, set later)."""
    return {
        pick(lang, "Yêu cầu", "Requirement"): frame["requirement_code"],
        pick(lang, "Nội dung", "Task"): frame["requirement_title"],
        pick(lang, "Điều khoản", "Clause"): frame["clause"],
        pick(lang, "Kỳ báo cáo", "Period"): [period_label(p, lang) for p in frame["period"]],
        pick(lang, "Thời hạn", "Deadline"): deadline_words_of(frame, lang),
        pick(lang, "Nguồn thời hạn", "Deadline source"): deadline_sources(frame, lang),
    }


def milestones_table(snap: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """One unit's milestones (rows of the snapshot); the status comes right after the code, so the long task text
    never pushes it behind the table's horizontal scroll."""
    requirement = _requirement_columns(snap, lang)
    code = pick(lang, "Yêu cầu", "Requirement")
    return pd.DataFrame({
        code: requirement.pop(code),
        pick(lang, "Tình trạng", "Status"): [_status(s, lang) for s in snap["status"]],
        **requirement,
        pick(lang, "Ngày hoàn thành", "Completed on"): snap["completed_on"],
        pick(lang, "Tiến độ (%)", "Progress (%)"): snap["percent"],
        pick(lang, "Căn cứ", "Evidence"): snap["evidence"].fillna(""),
    })


def history_table(history: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """Rows of tracking.views.unit_detail.unit_history: who recorded what, when, on which evidence."""
    return pd.DataFrame({
        pick(lang, "Ngày sự việc", "Fact date"): history["fact_date"],
        pick(lang, "Yêu cầu", "Requirement"): history["requirement_code"],
        pick(lang, "Kỳ báo cáo", "Period"): [period_label(p, lang) for p in history["period"]],
        pick(lang, "Trạng thái", "State"): [state_label(s, lang) for s in history["state"]],
        pick(lang, "Tiến độ (%)", "Progress (%)"): [whole_or_blank(p) for p in history["percent"]],
        pick(lang, "Căn cứ", "Evidence"): history["evidence"].fillna(""),
        pick(lang, "Ngày văn bản", "Evidence date"): history["evidence_date"],
        pick(lang, "Ghi chú", "Note"): history["note"].fillna(""),
        pick(lang, "Người ghi", "Recorded by"): [person_label(p, lang) for p in history["recorded_by"]],
        pick(lang, "Thời điểm ghi", "Recorded at"): history["recorded_at"].map(fmt_moment),
    })


def whole_or_blank(value) -> str:
    """A missing percent is blank, not "None" or "<NA>"."""
    return "" if value is None or pd.isna(value) else f"{int(value)}"


def norms_table(check: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """Rows of tracking.analysis.norms.norm_check."""
    verdict = {True: pick(lang, "Đạt", "Meets"), False: pick(lang, "Chưa đạt", "Below norm"),
               None: "—"}
    return pd.DataFrame({
        pick(lang, "Chỉ tiêu", "Quantity"): check["label"],
        pick(lang, "Số liệu", "Value"): check["shown"],
        pick(lang, "Định mức của kế hoạch", "Plan norm"): check["norm"],
        pick(lang, "Đánh giá", "Verdict"): [verdict[m] for m in check["meets"]],
        pick(lang, "Theo yêu cầu", "From requirement"): check["requirement_code"].fillna(""),
        pick(lang, "Ngày số liệu", "As recorded on"): check["fact_date"],
        pick(lang, "Căn cứ", "Evidence"): check["evidence"].fillna(""),
    })


def quantity_history_table(history: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    return pd.DataFrame({
        pick(lang, "Ngày sự việc", "Fact date"): history["fact_date"],
        pick(lang, "Chỉ tiêu", "Quantity"): [pick(lang, *QUANTITY_LABELS.get(q, (q, q))) for q in history["quantity"]],
        pick(lang, "Số liệu", "Value"): history["value"].astype("Int64"),
        pick(lang, "Căn cứ", "Evidence"): history["evidence"].fillna(""),
        pick(lang, "Ghi chú", "Note"): history["note"].fillna(""),
        pick(lang, "Người ghi", "Recorded by"): [person_label(p, lang) for p in history["recorded_by"]],
        pick(lang, "Thời điểm ghi", "Recorded at"): history["recorded_at"].map(fmt_moment),
    })


def schedule_table(schedule: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """Rows of tracking.analysis.schedule.requirement_schedule."""
    return pd.DataFrame({
        **_requirement_columns(schedule, lang),
        pick(lang, "Số đơn vị", "Units"): schedule["total"],
        pick(lang, "Đã hoàn thành", "Done"): schedule["done"],
        **_counts(schedule, lang, short=True),
        pick(lang, "Hoàn thành sớm nhất", "First completion"): schedule["first_done"],
        pick(lang, "Hoàn thành muộn nhất", "Last completion"): schedule["last_done"],
    })


def projection_table(projections: pd.DataFrame, overall=None, lang: str = "vi") -> pd.DataFrame:
    """Rows of tracking.analysis.trend.area_projections, then the whole plan (`overall`, a trend.Projection): the
    same forecast as the charts, its date labelled as a forecast and its absence explained."""
    def given(value):
        return value if value is not None and pd.notna(value) else None

    def remark(row) -> str:
        if row.complete or given(row.projected_on) is None:
            return upper_first(state_phrase(row.state, remaining=row.total - row.done, overdue=row.overdue,
                                            beyond_on=given(row.beyond_on), horizon=given(row.horizon), lang=lang,
                                            detailed=True))
        if given(row.deadline) is not None and row.projected_on > row.deadline:
            return pick(lang, "Dự báo sau thời hạn", "Projected after the deadline")
        return pick(lang, "Dự báo kịp thời hạn", "Projected in time") if given(row.deadline) is not None else ""

    rows = projections.assign(name_shown=projections["name_en" if lang == "en" else "name"])
    rows = rows.assign(remark=[remark(r) for r in rows.itertuples(index=False)])
    if overall is not None:
        names = dict(zip(projections["code"], rows["name_shown"]))
        slowest = names.get(overall.set_by or "", "")
        if overall.projected_on is None:
            why = upper_first(state_phrase(overall.state, remaining=overall.remaining, beyond_on=overall.beyond_on,
                                           horizon=overall.horizon, lang=lang, detailed=True, blocking_area=slowest,
                                           blocked=overall.blocked))
        else:
            why = pick(lang, f"Khi lĩnh vực chậm nhất xong ({slowest})",
                       f"When the slowest area is done ({slowest})") if slowest else ""
        whole = {"name_shown": pick(lang, "Cả kế hoạch", "Whole plan"), "deadline": None, "done": overall.done,
                 "total": overall.total, "per_30_days": round(overall.per_30_days, 1),
                 "projected_on": overall.projected_on, "remark": why}
        rows = pd.concat([rows, pd.DataFrame([whole])], ignore_index=True)
    return pd.DataFrame({
        pick(lang, "Lĩnh vực", "Area"): rows["name_shown"],
        pick(lang, "Thời hạn chung", "Plan-wide deadline"): rows["deadline"],
        pick(lang, "Đã hoàn thành", "Done"): rows["done"],
        pick(lang, "Tổng số mốc", "Milestones"): rows["total"],
        pick(lang, "Tốc độ 90 ngày qua (mốc/30 ngày)", "Pace, last 90 days (per 30 days)"): rows["per_30_days"],
        pick(lang, "Ngày hoàn thành (dự báo)", "Completion date (forecast)"): rows["projected_on"],
        pick(lang, "Nhận xét", "Remark"): rows["remark"],
    })


def report_matrix_table(report: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """Rows of tracking.views.reports.reporting as units × quarters, each cell the report's status in the words
    (and so the colours) of every other status table."""
    code_col, unit_col = pick(lang, "Mã", "Code"), pick(lang, "Đơn vị", "Unit")
    if report.empty:
        return pd.DataFrame(columns=[code_col, unit_col])
    cells = report.assign(cell=[_status(s, lang, short=True) for s in report["status"]])
    wide = cells.pivot_table(index=["unit_position", "unit_code", "unit_name"], columns="period", values="cell",
                             aggfunc="first").fillna("")
    wide.columns = [period_label(p, lang) for p in wide.columns]
    wide = wide.reset_index().drop(columns="unit_position")
    return wide.rename(columns={"unit_code": code_col, "unit_name": unit_col})


def missing_reports_table(missing: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """Rows of tracking.views.reports.missing: expected, not received; overdue once the due date has passed."""
    return pd.DataFrame({
        pick(lang, "Quý", "Quarter"): [period_label(p, lang) for p in missing["period"]],
        pick(lang, "Mã", "Code"): missing["unit_code"],
        pick(lang, "Đơn vị", "Unit"): missing["unit_name"],
        pick(lang, "Hạn nộp", "Due"): missing["deadline"],
        pick(lang, "Tình trạng", "Status"): [_status(s, lang, short=True) for s in missing["status"]],
    })


def reporting_rates_table(rates: pd.DataFrame, names: dict, heading: str, lang: str = "vi") -> pd.DataFrame:
    """Rows of tracking.views.reports.rates; `names` names the grouping values (levels or districts)."""
    key = rates.columns[0]
    return pd.DataFrame({
        heading: [names.get(v, v) for v in rates[key]],
        # The rates first: in a half-width column the counts may scroll, the rates must not.
        pick(lang, "Tỷ lệ đã nộp (%)", "Reporting rate (%)"): rates["reporting_rate"],
        pick(lang, "Tỷ lệ đúng hạn (%)", "Timeliness (%)"): rates["timeliness"],
        pick(lang, "Phải nộp", "Expected"): rates["expected"],
        pick(lang, "Đã nộp", "Received"): rates["received"],
        pick(lang, "Đúng hạn", "On time"): rates["on_time"],
    })


def level_rates_table(report: pd.DataFrame, lang: str = "vi", seat: Seat | None = None) -> pd.DataFrame:
    """Reporting rates per level, levels in words (`seat`'s: a city's)."""
    levels = level_labels(lang, on_two_levels(report), seat)
    return reporting_rates_table(rates(report, "unit_level"), levels, pick(lang, "Cấp", "Level"), lang)


def district_rates_table(report: pd.DataFrame, lang: str = "vi", seat: Seat = Seat()) -> pd.DataFrame:
    """Reporting rates per district (a district and its communes), districts by name, under the kinds of district
    `seat` has ('Huyện, thành phố'; 'Quận, huyện, thị xã' in Hà Nội)."""
    names = dict(zip(report["unit_code"], report["unit_name"].map(district_short)))
    return reporting_rates_table(rates(report, "district_code"), names, district_header(lang, seat), lang)


def district_header(lang: str = "vi", seat: Seat = Seat()) -> str:
    """A column or filter of districts: 'Huyện, thành phố' (a city's own kinds), 'District'."""
    return pick(lang, level_label("district", "vi", seat=seat), "District")


def _joined(*parts) -> str:
    return " · ".join(str(p) for p in parts if p is not None and not (not isinstance(p, str) and pd.isna(p)) and p != "")


def _audit_subject(row, lang: str) -> str:
    if row.action == "quantity":
        return pick(lang, *QUANTITY_LABELS.get(row.item, (row.item, row.item)))
    return _joined(row.item, period_label(row.period, lang))


def _audit_detail(row, lang: str) -> str:
    number = None if pd.isna(row.number) else int(row.number)
    if row.action == "update":
        return _joined(state_label(row.state, lang), fmt_date(row.day), None if number is None else f"{number}%",
                       row.evidence, row.note)
    if row.action == "quantity":
        return _joined(number, pick(lang, "ngày ", "as of ") + fmt_date(row.day), row.evidence, row.note)
    if row.action == "deadline":
        return _joined(pick(lang, "hạn ", "due ") + fmt_date(row.day), row.note)
    return _joined(role_label(row.role, lang), row.note)


def audit_table(log: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """Rows of tracking.views.audit.audit_log in words: who, what, for which unit, with which evidence."""
    rows = list(log.itertuples(index=False))
    return pd.DataFrame({
        pick(lang, "Lúc ghi", "Recorded at"): log["recorded_at"].map(fmt_moment),
        pick(lang, "Người ghi", "Recorded by"): [person_label(p, lang) for p in log["recorded_by"]],
        pick(lang, "Việc", "Action"): [action_label(a, lang) for a in log["action"]],
        pick(lang, "Đơn vị", "Unit"): log["unit_code"].fillna(""),
        pick(lang, "Nội dung", "Subject"): [_audit_subject(r, lang) for r in rows],
        pick(lang, "Chi tiết", "Detail"): [_audit_detail(r, lang) for r in rows],
        pick(lang, "Nguồn", "Source"): [source_label(s, lang) for s in log["source"]],
    })


def open_deadlines_table(deadlines: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """Rows of tracking.views.workflow.open_deadlines: the deadline set later, by whom and when."""
    return pd.DataFrame({
        pick(lang, "Yêu cầu", "Requirement"): deadlines["requirement_code"],
        pick(lang, "Nội dung", "Task"): deadlines["title"],
        pick(lang, "Kỳ báo cáo", "Period"): [period_label(p, lang) for p in deadlines["period"]],
        pick(lang, "Điều khoản", "Clause"): deadlines["clause"],
        pick(lang, "Hạn (đặt sau)", "Deadline (set later)"): [
            fmt_date(d) + (pick(lang, " — lịch do hệ thống đề xuất", " — proposed by the software") if s == "proposed" else "")
            for d, s in zip(deadlines["deadline"], deadlines["source"] if "source" in deadlines else [None] * len(deadlines))],
        pick(lang, "Vì sao kế hoạch không ghi hạn", "Why the plan gives no date"): (
            deadlines["deadline_note"].fillna("") if "deadline_note" in deadlines else ""),
        pick(lang, "Người đặt", "Set by"): [person_label(p, lang) for p in deadlines["set_by"]],
        pick(lang, "Lúc đặt", "Set at"): deadlines["set_at"].map(fmt_moment),
        pick(lang, "Số mốc", "Milestones"): deadlines["milestones"],
    })


def users_table(users: pd.DataFrame, unit_names: dict[str, str], lang: str = "vi") -> pd.DataFrame:
    """Rows of tracking.views.workflow.users (never a password hash)."""
    return pd.DataFrame({
        pick(lang, "Tên đăng nhập", "Username"): users["username"],
        pick(lang, "Họ tên", "Name"): users["display_name"].fillna(""),
        pick(lang, "Vai trò", "Role"): [role_label(r, lang) for r in users["role"]],
        pick(lang, "Đơn vị", "Unit"): [f"{c} — {unit_names.get(c, c)}" if isinstance(c, str) and c else ""
                                       for c in users["unit_code"]],
        pick(lang, "Phạm vi", "Scope"): [unit_names.get(c, c) if isinstance(c, str) and c else pick(lang, "Toàn quốc", "National")
                                         for c in users["province_code"]],
        pick(lang, "Đang hoạt động", "Active"): users["active"].astype(bool),
        pick(lang, "Tạo lúc", "Created"): users["created_at"].map(fmt_moment),  # Vietnam time, as the audit log
    })


def district_options(units: pd.DataFrame) -> dict[str, str]:
    """District code → short name, in list order (for filters)."""
    districts = units[units["level"] == "district"]
    return {c: district_short(n) for c, n in zip(districts["code"], districts["name"])}


@dataclass(frozen=True)
class Labels:
    """Cells drawn as labels in their status colour; the word stays on the label (readers who cannot tell the
    colours apart, a greyscale print of the screen)."""
    words: tuple[str, ...]
    colors: tuple[str, ...]


@dataclass(frozen=True)
class Decimals:
    """One decimal, written the reader's way: a Vietnamese table takes the browser's own convention (80,5 on a
    Vietnamese system), an English one always a point; the cell keeps its number, so sorting is by value."""
    format: str
    step: float = 0.1


def cell_formats(frame: pd.DataFrame, lang: str = "vi") -> dict[str, Labels | Decimals]:
    """What a page table draws beyond the plain values, per column: status words as coloured labels, decimals.
    Said as column settings the browser applies, never as per-cell styles the server renders (a pandas Styler cost
    about 30 % of a dashboard view's server time)."""
    formats: dict[str, Labels | Decimals] = {}
    for column in frame.columns:
        values = frame[column]
        if pd.api.types.is_float_dtype(values):
            formats[column] = Decimals("localized" if lang == "vi" else "%.1f")
            continue
        if pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
            continue
        distinct = dict.fromkeys(values.tolist())  # plain Python: a page table is a few dozen rows, pandas' calls cost more
        words = [w for w in distinct if isinstance(w, str) and w != ""]
        if words and all(w in _WORDS for w in words) and all(isinstance(w, str) or w is None or w != w for w in distinct):
            formats[column] = Labels(tuple(words), tuple(TABLE_COLORS[_WORDS[w]] for w in words))
    return formats


def _csv_cell(value):
    if isinstance(value, datetime):
        return fmt_moment(value)
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    return safe_cell(value)


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with a byte-order mark, so Excel opens the Vietnamese headers correctly; dates as dd/mm/yyyy.

    Text that a spreadsheet would run as a formula is kept as text (tracking.cells), headers included.
    """
    shown = frame.copy()
    shown.columns = [safe_cell(str(c)) for c in shown.columns]
    for column in shown.columns:
        if not pd.api.types.is_numeric_dtype(shown[column]):  # object, str (pandas 3) and datetime columns
            shown[column] = shown[column].map(_csv_cell)
    return shown.to_csv(index=False).encode("utf-8-sig")


def unit_changes_table(changes: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """Rows of tracking.views.unit_history.changes_of: what the unit became, from when, by which act."""
    from tracking.domain.units import CHANGE_LABELS

    return pd.DataFrame({
        pick(lang, "Từ ngày", "From"): changes["day"].map(fmt_date),
        pick(lang, "Thay đổi", "Change"): [pick(lang, *CHANGE_LABELS.get(k, (k, k))) for k in changes["kind"]],
        pick(lang, "Tên từ ngày đó", "Name from then"): changes["name"].fillna(""),
        pick(lang, "Loại", "Kind"): changes["unit_kind"].fillna(""),
        pick(lang, "Đơn vị trước", "Units before"): changes["units"],
        pick(lang, "Đơn vị kế thừa", "Successors"): changes["successors"],
        pick(lang, "Văn bản", "Legal act"): changes["act"],
    })


def ended_units_table(ended: list[dict], lang: str = "vi") -> pd.DataFrame:
    """Rows of tracking.units.changes.ended_units: the unit a merge or split ended and what waits for a decision."""
    from tracking.domain.units import CHANGE_LABELS

    return pd.DataFrame({
        pick(lang, "Đơn vị", "Unit"): [f"{r['unit_code']} — {r['unit_name']}" for r in ended],
        pick(lang, "Thay đổi", "Change"): [pick(lang, *CHANGE_LABELS.get(r["kind"], (r["kind"], r["kind"]))) for r in ended],
        pick(lang, "Từ ngày", "From"): [fmt_date(r["change_date"]) for r in ended],
        pick(lang, "Đơn vị kế thừa", "Successors"): [", ".join(n for _, n in r["successors"]) for r in ended],
        pick(lang, "Văn bản", "Legal act"): [r["act"] for r in ended],
        pick(lang, "Mốc chưa xong chờ xử lý", "Open milestones awaiting a decision"): [r["open"] for r in ended],
        pick(lang, "Mốc đã xong, giữ nguyên", "Completed, kept"): [r["kept"] for r in ended],
    }, columns=[pick(lang, *c) for c in (("Đơn vị", "Unit"), ("Thay đổi", "Change"), ("Từ ngày", "From"),
                                          ("Đơn vị kế thừa", "Successors"), ("Văn bản", "Legal act"),
                                          ("Mốc chưa xong chờ xử lý", "Open milestones awaiting a decision"),
                                          ("Mốc đã xong, giữ nguyên", "Completed, kept"))])
