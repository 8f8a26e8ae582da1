"""The compliance workbook: a summary per area and level first (plan, as-of date, demo label on top), then one row
per milestone with status colours; both print landscape, one page wide at a stated scale that keeps the text at 9 pt
or more on paper (A3 where A4 would not), headers repeated, title and page numbers."""
from __future__ import annotations

import io
import math

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from tracking.analysis.progress import area_progress, level_progress
from tracking.charts.palette import STATUS_COLORS, STATUSES, TEXT_ON, status_label
from tracking.cells import looks_like_formula
from tracking.exports.summary import totals
from tracking.labels import (
    deadline_source_label, deadline_words, fmt_date, inspectorate_of, level_label, on_two_levels, period_label, pick,
    reading_footnote, seat_of, shorten, stamp_text,
)

DATE_FORMAT = "DD/MM/YYYY"
HEADER_FILL = PatternFill("solid", fgColor="DDE3EA")
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
FONT_NAME = "Calibri"  # the workbook's own font: named on every styled cell, or LibreOffice picks a serif one
BOLD = Font(name=FONT_NAME, bold=True)
# (header vi, header en, column width)
COLUMNS = [
    ("Mã đơn vị", "Unit code", 7),
    ("Đơn vị", "Unit", 24),
    ("Cấp", "Level", 12),
    ("Huyện, thành phố", "District", 15),
    ("Mã yêu cầu", "Requirement code", 9),
    ("Yêu cầu", "Requirement", 42),
    ("Lĩnh vực", "Area", 17),
    ("Điều khoản", "Clause", 8),
    ("Kỳ báo cáo", "Period", 10),
    ("Hạn", "Deadline", 14),
    ("Nguồn của hạn", "Deadline from", 15),
    ("Tình trạng", "Status", 13),
    ("Ngày hoàn thành", "Completed on", 11),
    ("Căn cứ", "Evidence", 20),
    ("Ghi chú", "Note", 24),
]
OPTIONAL = {"Ghi chú"}  # left out of the sheet while no row has one
WRAPPED = {"Đơn vị", "Cấp", "Huyện, thành phố", "Yêu cầu", "Lĩnh vực", "Hạn", "Nguồn của hạn", "Tình trạng", "Căn cứ",
           "Ghi chú"}
DISTRICT_COLUMN = "Huyện, thành phố"
LINE_PT = 15  # one wrapped line at 11 pt  # long text wraps instead of running off the page
FONT_PT = 11  # the workbook's text (openpyxl's default font)
MIN_PRINT_PT = 9  # the smallest text allowed on paper
MARGIN_IN = 0.4  # left and right print margins, inches
A4_LANDSCAPE_PT, A3_LANDSCAPE_PT = 842, 1191
BOLD_PER_UNIT = 1.05  # characters of bold header text a width unit holds
PRINT_FILL = 0.95  # of the printable width: spreadsheet programs round column widths differently
DATE_COLUMNS = {"Ngày hoàn thành"}  # "Hạn" is the plan's words ("trước ngày 30/10/2010"), not a date


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
    two_level, seat = on_two_levels(data.units), seat_of(data.plan.get("issuer"), data.units)
    for r in snapshot_in(data, lang).to_dict("records"):
        period = r["period"] if isinstance(r["period"], str) else None
        yield [
            r["unit_code"], r["unit_name"], level_label(r["unit_level"], lang, two_level, seat),
            district_name.get(r["district_code"]) if isinstance(r["district_code"], str) else None,
            r["requirement_code"], r["requirement_title"], area_name.get(r["area"], r["area"]), r["clause"],
            period_label(period, lang) if period else None,
            deadline_words(r["deadline"], r["deadline_source"], r.get("deadline_as_written"), r.get("deadline_named"),
                           r.get("deadline_qualifier"), lang),
            deadline_source_label(r["deadline_source"], r.get("deadline_clause"), lang, has_deadline=pd.notna(r["deadline"]),
                                  qualifier=r.get("deadline_qualifier")),
            status_label(r["status"], lang), r["completed_on"], r["evidence"], r.get("note"),
        ], r["status"]


def _compliance_sheet(ws: Worksheet, data, lang: str) -> None:
    rows = list(_rows(data, lang))
    # A column nobody filled in (no notes yet) is left out: on paper it would only take width from the others. A
    # province on the two-level map (communes under the province) has no district: no empty district column.
    districts = (data.units["level"] == "district").any()
    keep = [i for i, (vi, _, _) in enumerate(COLUMNS)
            if (vi not in OPTIONAL or any(_filled(values[i]) for values, _ in rows))
            and (vi != DISTRICT_COLUMN or districts)]
    columns = [COLUMNS[i] for i in keep]
    widths = [_width(c, [values[i] for values, _ in rows]) for c, i in zip(columns, keep)]
    # The district column in the province's own words: Hà Nội's are "Quận, huyện, thị xã".
    district = level_label("district", seat=seat_of(data.plan.get("issuer"), data.units))
    names = [pick(lang, district, en) if vi == DISTRICT_COLUMN else pick(lang, vi, en) for vi, en, _ in columns]
    _header(ws, 1, names)
    ws.row_dimensions[1].height = LINE_PT * max(_lines(name, w, BOLD_PER_UNIT) for name, w in zip(names, widths))
    wrapped = {i for i, c in enumerate(columns, 1) if c[0] in WRAPPED}
    status_col = next(i for i, c in enumerate(columns, 1) if c[0] == "Tình trạng")
    date_cols = {i for i, c in enumerate(columns, 1) if c[0] in DATE_COLUMNS}
    row = 1
    for row, (values, status) in enumerate(rows, start=2):
        values = [values[i] for i in keep]
        for col, value in enumerate(values, start=1):
            cell = put(ws, row, col, value)
            if col in date_cols:
                cell.number_format = DATE_FORMAT
            cell.alignment = WRAP if col in wrapped else TOP
        _paint(ws.cell(row=row, column=status_col), status)
        # Heights set here: LibreOffice does not grow a row for wrapped text on opening, Excel not when printing.
        ws.row_dimensions[row].height = LINE_PT * max(
            [1] + [_lines(values[c - 1], widths[c - 1]) for c in wrapped])
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "C2"  # header row and the unit columns stay in view
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{row}"
    _print_setup(ws, data, lang, title_rows="1:1", widths=widths)


def _filled(value) -> bool:
    return value is not None and not (not isinstance(value, str) and pd.isna(value)) and str(value).strip() != ""


def _width(column: tuple[str, str, int], values: list) -> float:
    """A wrapped column keeps its width; any other is as wide as its longest value (codes, dates), so none spills
    into the next column. Capitals and digits are wider than the average letter the width unit counts."""
    vi, _, width = column
    if vi in WRAPPED or vi in DATE_COLUMNS:
        return width
    longest = max((len(str(v)) for v in values if _filled(v)), default=0)
    return max(width, round(longest * 1.2 + 2, 1))


def _summary_sheet(ws: Worksheet, data, lang: str) -> None:
    """Plan, as-of date and the demo label in the top rows: the first thing anyone opening the file reads."""
    ws["A1"] = data.plan.get("title_en" if lang == "en" else "title", "")
    ws["A1"].font = Font(name=FONT_NAME, bold=True, size=13)
    # Whose workbook: 63 provinces' plans share one title.
    ws["A2"] = inspectorate_of(data.plan.get("issuer"), lang) + pick(
        lang, f" · Tình hình đến ngày {fmt_date(data.as_of)}", f" · As of {fmt_date(data.as_of)}")
    ws["A2"].font = BOLD
    if data.is_demo:
        ws["A3"] = pick(lang, "Dữ liệu minh họa — không phải số liệu thực tế", "Demo data (dữ liệu minh họa)")
        ws["A3"].font = Font(name=FONT_NAME, italic=True, color="C00000")
    ws["A4"] = pick(lang, "Thời hạn ghi theo đúng chữ của Kế hoạch. ", "Deadlines are quoted as the plan words them. ") \
        + reading_footnote(getattr(data, "deadline_reading", None), lang)
    ws["A4"].font = Font(name=FONT_NAME, italic=True, size=9, color="595959")
    counts = [status_label(s, lang) for s in STATUSES]
    head = [pick(lang, "Tổng số", "Total"), *counts, pick(lang, "Hoàn thành (%)", "Done (%)")]
    areas = area_progress(data.snapshot, data.areas, data.as_of).to_dict("records")
    row = _table(ws, 5, [pick(lang, "Lĩnh vực", "Area"), pick(lang, "Hạn", "Deadline"), *head],
                 [[a["name_en" if lang == "en" else "name"],
                   deadline_words(a["deadline"], "plan", a.get("deadline_as_written"), a.get("deadline_named"),
                                  a.get("deadline_qualifier"), lang) if pd.notna(a["deadline"]) else None,
                   *_figures(a)] for a in areas])
    t = totals(data.snapshot)
    total = {"total": t.total, **{s: getattr(t, s) for s in STATUSES}, "percent_done": t.percent_done}
    row = _total_row(ws, row + 1, [pick(lang, "Tổng cộng", "Total"), None, *_figures(total)])
    header_rows = (5, row + 2)
    _table(ws, row + 2, [pick(lang, "Cấp", "Level"), "", *head],
           [[level_label(lv["unit_level"], lang, on_two_levels(data.units), seat_of(data.plan.get("issuer"), data.units)),
             None, *_figures(lv)]
            for lv in level_progress(data.snapshot).to_dict("records")])
    widths = (34, 20, 8, 12, 12, 10, 11, 10, 12)
    for col, width in zip("ABCDEFGHI", widths):
        ws.column_dimensions[col].width = width
    for top in header_rows:  # the status names wrap to two lines: the header row is sized for them
        ws.row_dimensions[top].height = LINE_PT * max(_lines(ws.cell(row=top, column=c).value, w, BOLD_PER_UNIT)
                                                      for c, w in enumerate(widths, start=1))
    ws["A1"].alignment = ws["A3"].alignment = ws["A4"].alignment = Alignment(wrap_text=False)
    ws.freeze_panes = "A6"
    _print_setup(ws, data, lang, title_rows="5:5", widths=list(widths))


def _lines(value, width: float, per_unit: float = 1.2) -> int:
    """How many lines a wrapped cell takes: its words laid into lines of the column's width (a width unit holds
    about 1.2 characters of proportional text; pass less for bold headers)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return 1
    room, lines, used = max(int(width * per_unit) - 1, 1), 1, 0
    for word in str(value).split():
        if used and used + 1 + len(word) <= room:
            used += 1 + len(word)
            continue
        lines += 1 if used else 0
        lines += (len(word) - 1) // room  # a word longer than the line wraps inside itself
        used = (len(word) - 1) % room + 1
    return lines


def _total_row(ws: Worksheet, row: int, values: list) -> int:
    for c, value in enumerate(values, start=1):
        cell = put(ws, row, c, value)
        cell.font, cell.fill = BOLD, HEADER_FILL
        if c == len(values):
            cell.number_format = "0.0%"
    return row


def column_points(width: float) -> float:
    """A column's printed width in points at 100%: width counts characters of 7 px (Calibri 11) plus 5 px of padding."""
    return (int(width * 7 + 0.5) + 5) * 0.75


def print_fit(widths: list[float], margins_in: float = 2 * MARGIN_IN) -> tuple[int, int]:
    """(paper size, scale %): A4 landscape if the columns fit there at a scale that keeps 11 pt text at MIN_PRINT_PT
    or more, else A3 landscape (at the scale it needs, never under that floor)."""
    needed = sum(column_points(w) for w in widths)
    floor = math.ceil(100 * MIN_PRINT_PT / FONT_PT)
    for paper, width_pt in ((Worksheet.PAPERSIZE_A4, A4_LANDSCAPE_PT), (Worksheet.PAPERSIZE_A3, A3_LANDSCAPE_PT)):
        scale = min(100, int(100 * PRINT_FILL * (width_pt - 72 * margins_in) / needed))
        if scale >= floor:
            return paper, scale
    return Worksheet.PAPERSIZE_A3, floor


def _print_setup(ws: Worksheet, data, lang: str, title_rows: str, widths: list[float]) -> None:
    """Landscape, one page wide at a stated scale that keeps the text at MIN_PRINT_PT or more on paper (A4, or A3 when
    the columns need it: tracking.exports.xlsx.print_fit), header rows on every page, and on every page the title,
    the as-of date (and the demo label), and 'page n of N' with the paper and the scale."""
    paper, scale = print_fit(widths)
    ws.page_setup.paperSize = paper
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.scale = scale  # stated, not "fit to width": Excel would shrink the text as far as it takes
    ws.sheet_properties.pageSetUpPr.fitToPage = False
    ws.print_title_rows = title_rows
    ws.page_margins.left = ws.page_margins.right = MARGIN_IN
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    ws.page_margins.header = ws.page_margins.footer = 0.3
    title = shorten(f"{inspectorate_of(data.plan.get('issuer'), lang)} · "
                    f"{data.plan.get('title_en' if lang == 'en' else 'title', '')}", 90).replace("&", "&&")
    ws.oddHeader.left.text, ws.oddHeader.left.size = title, 9
    ws.oddHeader.right.text, ws.oddHeader.right.size = stamp_text(data.as_of, data.is_demo, lang), 9
    ws.oddFooter.left.text, ws.oddFooter.left.size = ws.title, 9
    sheet = "A4" if paper == Worksheet.PAPERSIZE_A4 else "A3"
    ws.oddFooter.center.text = pick(lang, f"In khổ {sheet} ngang, tỉ lệ {scale}%", f"Print on {sheet} landscape at {scale}%")
    ws.oddFooter.center.size = 9
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
    cell.font = Font(name=FONT_NAME, bold=cell.font.bold, color="FFFFFF" if TEXT_ON[status] == "white" else "1A1A1A")
