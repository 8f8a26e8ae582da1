"""The compliance workbook: one row per milestone with status colours, and a summary per area and level."""
from __future__ import annotations

import io

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from tracking.analysis.progress import area_progress, level_progress
from tracking.charts.palette import STATUS_COLORS, STATUSES, TEXT_ON, status_label
from tracking.domain.periods import quarter_label
from tracking.cells import looks_like_formula
from tracking.labels import deadline_source_label, fmt_date, level_label, pick

DATE_FORMAT = "DD/MM/YYYY"
HEADER_FILL = PatternFill("solid", fgColor="DDE3EA")
BOLD = Font(bold=True)
# (header vi, header en, column width)
COLUMNS = [
    ("Mã đơn vị", "Unit code", 10),
    ("Đơn vị", "Unit", 34),
    ("Cấp", "Level", 20),
    ("Huyện, thành phố", "District", 22),
    ("Mã yêu cầu", "Requirement code", 16),
    ("Yêu cầu", "Requirement", 60),
    ("Lĩnh vực", "Area", 28),
    ("Điều khoản", "Clause", 10),
    ("Kỳ báo cáo", "Period", 14),
    ("Hạn", "Deadline", 12),
    ("Nguồn của hạn", "Deadline from", 22),
    ("Tình trạng", "Status", 20),
    ("Ngày hoàn thành", "Completed on", 14),
    ("Căn cứ", "Evidence", 36),
]
DATE_COLUMNS = {"Hạn", "Ngày hoàn thành"}


def compliance_workbook(data, lang: str = "vi") -> bytes:
    """The .xlsx bytes: sheet 'Tuân thủ' (milestones) and sheet 'Tổng hợp' (per area and per level)."""
    wb = Workbook()
    _compliance_sheet(wb.active, data, lang)
    _summary_sheet(wb.create_sheet(pick(lang, "Tổng hợp", "Summary")), data, lang)
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
    areas = data.areas.set_index("code")
    area_name = areas["name_en" if lang == "en" else "name"].to_dict()
    district_name = data.units.set_index("code")["name"].to_dict()
    for r in data.snapshot.to_dict("records"):
        period = r["period"] if isinstance(r["period"], str) else None
        yield [
            r["unit_code"], r["unit_name"], level_label(r["unit_level"], lang),
            district_name.get(r["district_code"]) if isinstance(r["district_code"], str) else None,
            r["requirement_code"], r["requirement_title"], area_name.get(r["area"], r["area"]), r["clause"],
            quarter_label(period) if period else None, r["deadline"],
            deadline_source_label(r["deadline_source"], r.get("deadline_clause"), lang, has_deadline=pd.notna(r["deadline"])),
            status_label(r["status"], lang), r["completed_on"], r["evidence"],
        ], r["status"]


def _compliance_sheet(ws: Worksheet, data, lang: str) -> None:
    ws.title = pick(lang, "Tuân thủ", "Compliance")
    _header(ws, 1, [pick(lang, vi, en) for vi, en, _ in COLUMNS])
    status_col = next(i for i, c in enumerate(COLUMNS, 1) if c[0] == "Tình trạng")
    date_cols = {i for i, c in enumerate(COLUMNS, 1) if c[0] in DATE_COLUMNS}
    row = 1
    for row, (values, status) in enumerate(_rows(data, lang), start=2):
        for col, value in enumerate(values, start=1):
            cell = put(ws, row, col, value)
            if col in date_cols:
                cell.number_format = DATE_FORMAT
        _paint(ws.cell(row=row, column=status_col), status)
    for col, (_, _, width) in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "C2"  # header row and the unit columns stay in view
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{row}"


def _summary_sheet(ws: Worksheet, data, lang: str) -> None:
    ws["A1"] = data.plan.get("title_en" if lang == "en" else "title", "")
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = pick(lang, f"Tình hình đến ngày {fmt_date(data.as_of)}", f"As of {fmt_date(data.as_of)}")
    if data.is_demo:
        ws["A3"] = pick(lang, "Dữ liệu minh họa — không phải số liệu thực tế", "Demo data (dữ liệu minh họa)")
        ws["A3"].font = Font(italic=True, color="C00000")
    counts = [status_label(s, lang) for s in STATUSES]
    head = [pick(lang, "Tổng số", "Total"), *counts, pick(lang, "Hoàn thành (%)", "Done (%)")]
    row = _table(ws, 5, [pick(lang, "Lĩnh vực", "Area"), pick(lang, "Hạn", "Deadline"), *head],
                 [[a["name_en" if lang == "en" else "name"], a["deadline"], *_figures(a)]
                  for a in area_progress(data.snapshot, data.areas, data.as_of).to_dict("records")])
    _table(ws, row + 2, [pick(lang, "Cấp", "Level"), "", *head],
           [[level_label(lv["unit_level"], lang), None, *_figures(lv)]
            for lv in level_progress(data.snapshot).to_dict("records")])
    for col, width in zip("ABCDEFGH", (34, 12, 10, 20, 20, 14, 16, 15)):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A6"


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
