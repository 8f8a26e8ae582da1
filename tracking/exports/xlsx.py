"""The compliance workbook: a summary per area and level first (plan, as-of date, demo label on top), then one row
per milestone with status colours; both print landscape, one page wide, headers repeated, title and page numbers."""
from __future__ import annotations

import io

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from tracking.analysis.progress import area_progress, level_progress
from tracking.charts.palette import STATUS_COLORS, STATUSES, TEXT_ON, status_label
from tracking.cells import looks_like_formula
from tracking.exports.summary import totals
from tracking.labels import deadline_source_label, fmt_date, level_label, period_label, pick, shorten, stamp_text

DATE_FORMAT = "DD/MM/YYYY"
HEADER_FILL = PatternFill("solid", fgColor="DDE3EA")
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
BOLD = Font(bold=True)
# (header vi, header en, column width)
COLUMNS = [
    ("Mã đơn vị", "Unit code", 10),
    ("Đơn vị", "Unit", 28),
    ("Cấp", "Level", 14),
    ("Huyện, thành phố", "District", 16),
    ("Mã yêu cầu", "Requirement code", 14),
    ("Yêu cầu", "Requirement", 46),
    ("Lĩnh vực", "Area", 20),
    ("Điều khoản", "Clause", 9),
    ("Kỳ báo cáo", "Period", 11),
    ("Hạn", "Deadline", 12),
    ("Nguồn của hạn", "Deadline from", 16),
    ("Tình trạng", "Status", 17),
    ("Ngày hoàn thành", "Completed on", 12),
    ("Căn cứ", "Evidence", 26),
    ("Ghi chú", "Note", 28),
]
WRAPPED = {"Đơn vị", "Cấp", "Huyện, thành phố", "Yêu cầu", "Lĩnh vực", "Nguồn của hạn", "Tình trạng", "Căn cứ",
           "Ghi chú"}
LINE_PT = 15  # one wrapped line at 11 pt  # long text wraps instead of running off the page
DATE_COLUMNS = {"Hạn", "Ngày hoàn thành"}


def compliance_workbook(data, lang: str = "vi") -> bytes:
    """The .xlsx bytes: sheet 'Tổng hợp' (per area and per level, with totals) and sheet 'Tuân thủ' (milestones)."""
    wb = Workbook()
    wb.active.title = pick(lang, "Tổng hợp", "Summary")
    _summary_sheet(wb.active, data, lang)
    _compliance_sheet(wb.create_sheet(pick(lang, "Tuân thủ", "Compliance")), data, lang)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def put(ws: Worksheet, row: int, column: int, value):
    """Write one value; text a spreadsheet would read as a formula (=, +, -, @) stays text."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        value = None
    cell = ws.cell(row=row, column=column, value=value)
    if looks_like_formula(value):
        cell.data_type = "s"
        cell.quotePrefix = True  # and stays text when someone edits the cell in Excel
    return cell


def _rows(data, lang: str):
    from tracking.charts.registry import snapshot_in  # task texts in the workbook's language

    areas = data.areas.set_index("code")
    area_name = areas["name_en" if lang == "en" else "name"].to_dict()
    district_name = data.units.set_index("code")["name"].to_dict()
    for r in snapshot_in(data, lang).to_dict("records"):
        period = r["period"] if isinstance(r["period"], str) else None
        yield [
            r["unit_code"], r["unit_name"], level_label(r["unit_level"], lang),
            district_name.get(r["district_code"]) if isinstance(r["district_code"], str) else None,
            r["requirement_code"], r["requirement_title"], area_name.get(r["area"], r["area"]), r["clause"],
            period_label(period, lang) if period else None, r["deadline"],
            deadline_source_label(r["deadline_source"], r.get("deadline_clause"), lang, has_deadline=pd.notna(r["deadline"])),
            status_label(r["status"], lang), r["completed_on"], r["evidence"], r.get("note"),
        ], r["status"]


def _compliance_sheet(ws: Worksheet, data, lang: str) -> None:
    _header(ws, 1, [pick(lang, vi, en) for vi, en, _ in COLUMNS])
    wrapped = {i for i, c in enumerate(COLUMNS, 1) if c[0] in WRAPPED}
    status_col = next(i for i, c in enumerate(COLUMNS, 1) if c[0] == "Tình trạng")
    date_cols = {i for i, c in enumerate(COLUMNS, 1) if c[0] in DATE_COLUMNS}
    row = 1
    for row, (values, status) in enumerate(_rows(data, lang), start=2):
        for col, value in enumerate(values, start=1):
            cell = put(ws, row, col, value)
            if col in date_cols:
                cell.number_format = DATE_FORMAT
            cell.alignment = WRAP if col in wrapped else TOP
        _paint(ws.cell(row=row, column=status_col), status)
        # Heights set here: LibreOffice does not grow a row for wrapped text on opening, Excel not when printing.
        ws.row_dimensions[row].height = LINE_PT * max(
            [1] + [_lines(values[c - 1], COLUMNS[c - 1][2]) for c in wrapped])
    for col, (_, _, width) in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "C2"  # header row and the unit columns stay in view
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{row}"
    _print_setup(ws, data, lang, title_rows="1:1")


def _summary_sheet(ws: Worksheet, data, lang: str) -> None:
    """Plan, as-of date and the demo label in the top rows: the first thing anyone opening the file reads."""
    ws["A1"] = data.plan.get("title_en" if lang == "en" else "title", "")
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = pick(lang, f"Tình hình đến ngày {fmt_date(data.as_of)}", f"As of {fmt_date(data.as_of)}")
    ws["A2"].font = BOLD
    if data.is_demo:
        ws["A3"] = pick(lang, "Dữ liệu minh họa — không phải số liệu thực tế", "Demo data (dữ liệu minh họa)")
        ws["A3"].font = Font(italic=True, color="C00000")
    counts = [status_label(s, lang) for s in STATUSES]
    head = [pick(lang, "Tổng số", "Total"), *counts, pick(lang, "Hoàn thành (%)", "Done (%)")]
    areas = area_progress(data.snapshot, data.areas, data.as_of).to_dict("records")
    row = _table(ws, 5, [pick(lang, "Lĩnh vực", "Area"), pick(lang, "Hạn", "Deadline"), *head],
                 [[a["name_en" if lang == "en" else "name"], a["deadline"], *_figures(a)] for a in areas])
    t = totals(data.snapshot)
    total = {"total": t.total, **{s: getattr(t, s) for s in STATUSES}, "percent_done": t.percent_done}
    row = _total_row(ws, row + 1, [pick(lang, "Tổng cộng", "Total"), None, *_figures(total)])
    _table(ws, row + 2, [pick(lang, "Cấp", "Level"), "", *head],
           [[level_label(lv["unit_level"], lang), None, *_figures(lv)]
            for lv in level_progress(data.snapshot).to_dict("records")])
    for col, width in zip("ABCDEFGHI", (34, 12, 10, 20, 20, 14, 16, 14, 15)):
        ws.column_dimensions[col].width = width
    ws["A1"].alignment = ws["A3"].alignment = Alignment(wrap_text=False)
    ws.freeze_panes = "A6"
    _print_setup(ws, data, lang, title_rows="5:5")


def _lines(value, width: int) -> int:
    """How many lines a wrapped cell takes (a column width unit holds about 1.2 characters of proportional text)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return 1
    return max(1, -(-len(str(value)) // max(int(width * 1.2) - 2, 1)))


def _total_row(ws: Worksheet, row: int, values: list) -> int:
    for c, value in enumerate(values, start=1):
        cell = put(ws, row, c, value)
        cell.font, cell.fill = BOLD, HEADER_FILL
        if c == len(values):
            cell.number_format = "0.0%"
    return row


def _print_setup(ws: Worksheet, data, lang: str, title_rows: str) -> None:
    """A4 landscape, one page wide (as many long as needed), header rows on every page, and on every page the title,
    the as-of date (and the demo label), and 'page n of N'."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = title_rows
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    ws.page_margins.header = ws.page_margins.footer = 0.3
    title = shorten(data.plan.get("title_en" if lang == "en" else "title", ""), 90).replace("&", "&&")
    ws.oddHeader.left.text, ws.oddHeader.left.size = title, 9
    ws.oddHeader.right.text, ws.oddHeader.right.size = stamp_text(data.as_of, data.is_demo, lang), 9
    ws.oddFooter.left.text, ws.oddFooter.left.size = ws.title, 9
    ws.oddFooter.right.text = pick(lang, "Trang &P/&N", "Page &P of &N")
    ws.oddFooter.right.size = 9


def _figures(row: dict) -> list:
    return [row["total"], *(row[s] for s in STATUSES), round(row["percent_done"] / 100, 4)]


def _table(ws: Worksheet, top: int, header: list[str], rows: list[list]) -> int:
    _header(ws, top, header)
    for offset, status in enumerate(STATUSES, start=4):  # status columns carry their colour in the header
        _paint(ws.cell(row=top, column=offset), status)
    for r, values in enumerate(rows, start=top + 1):
        for c, value in enumerate(values, start=1):
            cell = put(ws, r, c, value)
            if c == 2:
                cell.number_format = DATE_FORMAT
            if c == len(values):
                cell.number_format = "0.0%"
    return top + len(rows)


def _header(ws: Worksheet, row: int, names: list[str]) -> None:
    for col, name in enumerate(names, start=1):
        cell = ws.cell(row=row, column=col, value=name)
        cell.font, cell.fill = BOLD, HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")


def _paint(cell, status: str) -> None:
    cell.fill = PatternFill("solid", fgColor=STATUS_COLORS[status].lstrip("#").upper())
    cell.font = Font(bold=cell.font.bold, color="FFFFFF" if TEXT_ON[status] == "white" else "1A1A1A")
