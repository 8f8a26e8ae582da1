"""The Excel template: one row per milestone, dropdowns for the state, date and percent checks."""
from __future__ import annotations

import io
from datetime import date

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation
from sqlalchemy import Engine

from tracking.imports.columns import COLUMNS, HEADERS_VI, INFO_SUFFIX
from tracking.services.validation import STATE_LABELS
from tracking.labels import deadline_words
from tracking.views.catalog import plan_info
from tracking.views.snapshot import snapshot

INFO = (("unit_name", "Tên đơn vị"), ("requirement_title", "Nội dung yêu cầu"), ("deadline", "Thời hạn"))
WIDTHS = {"unit_code": 11, "requirement_code": 18, "period": 9, "state": 14, "date": 12, "percent": 9,
          "evidence": 32, "note": 32}
DATE_FORMAT = "DD/MM/YYYY"


def template_bytes(engine: Engine, unit_codes: list[str] | None = None, today: date | None = None) -> bytes:
    """An .xlsx listing the milestones (of some units, whatever their province's plan; or all of the default plan),
    ready to fill in and import."""
    today = today or date.today()
    frame = snapshot(engine, today, unit_codes=unit_codes, every_plan=unit_codes is not None)
    plan = plan_info(engine)
    earliest = plan["starts_on"] if plan else date(2010, 1, 1)
    book = Workbook()
    sheet = book.active
    sheet.title = "Cập nhật"
    header = [*(HEADERS_VI[c] for c in COLUMNS), *(f"{label} {INFO_SUFFIX}" for _, label in INFO)]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7" if cell.column <= len(COLUMNS) else "EEEEEE")
    for row in frame.itertuples(index=False):
        deadline = deadline_words(row.deadline, row.deadline_source, row.deadline_as_written, row.deadline_named,
                                  row.deadline_qualifier) if pd.notna(row.deadline) else "(chưa đặt)"
        period = "" if pd.isna(row.period) else row.period
        sheet.append([row.unit_code, row.requirement_code, period, None, None, None, None, None,
                      row.unit_name, row.requirement_title, deadline])
    last = max(sheet.max_row, 2)
    for i, column in enumerate(COLUMNS, start=1):
        letter = sheet.cell(row=1, column=i).column_letter
        sheet.column_dimensions[letter].width = WIDTHS[column]
        if column in ("unit_code", "requirement_code", "period"):
            for (cell,) in sheet.iter_rows(min_row=2, max_row=last, min_col=i, max_col=i):
                cell.number_format = "@"  # keep codes such as 941 as text
        if column == "date":
            for (cell,) in sheet.iter_rows(min_row=2, max_row=last, min_col=i, max_col=i):
                cell.number_format = DATE_FORMAT
    for width, letter in zip((36, 60, 14), ("I", "J", "K")):
        sheet.column_dimensions[letter].width = width
    _validations(sheet, last, today, earliest)
    sheet.freeze_panes = "A2"
    _guide(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _validations(sheet, last: int, today: date, earliest: date) -> None:
    # the Vietnamese words in the drop-down (the importer reads them, as it reads not_started/in_progress/done)
    states = DataValidation(type="list", formula1='"' + ",".join(STATE_LABELS.values()) + '"', allow_blank=True,
                            showErrorMessage=True, errorTitle="Trạng thái",
                            error="Chọn một trong: " + ", ".join(STATE_LABELS.values()))
    dates = DataValidation(type="date", operator="between", formula1=f"DATE({earliest.year},{earliest.month},{earliest.day})",
                           formula2=f"DATE({today.year},{today.month},{today.day})", allow_blank=True,
                           showErrorMessage=True, errorTitle="Ngày",
                           error=f"Nhập một ngày có thật, từ {earliest:%d/%m/%Y} (kế hoạch bắt đầu) đến hôm nay (dd/mm/yyyy).")
    percent = DataValidation(type="whole", operator="between", formula1="0", formula2="100", allow_blank=True,
                             showErrorMessage=True, errorTitle="Tỷ lệ", error="Số nguyên từ 0 đến 100.")
    for validation, letter in ((states, "D"), (dates, "E"), (percent, "F")):
        validation.add(f"{letter}2:{letter}{last}")
        sheet.add_data_validation(validation)


def _guide(book) -> None:
    sheet = book.create_sheet("Hướng dẫn")
    lines = [
        "Cách điền mẫu cập nhật tiến độ",
        "Mỗi dòng của trang 'Cập nhật' là một mốc (đơn vị × yêu cầu × kỳ). Chỉ điền những dòng có tiến độ mới; dòng "
        "không điền gì ở các cột Trạng thái, Ngày sự việc, Tỷ lệ hoàn thành (%), Căn cứ, Ghi chú được bỏ qua.",
        "Trạng thái: chưa bắt đầu, đang thực hiện, hoàn thành — chọn trong danh sách.",
        "Ngày sự việc: ví dụ ngày ký quyết định, dạng dd/mm/yyyy; không ở tương lai.",
        "Tỷ lệ hoàn thành (%): 0–100; hoàn thành thì 100 hoặc để trống.",
        "Căn cứ: số hiệu văn bản (ví dụ Quyết định số 45/QĐ-UBND).",
        "Tệp có tiêu đề cột theo tên mã (unit_code, requirement_code, period, state, date, percent, evidence, note) "
        "và trạng thái not_started / in_progress / done vẫn nhập được.",
        f"Các cột có chữ '{INFO_SUFFIX}' chỉ để tham khảo, khi nhập sẽ bỏ qua; không sửa tên các cột khác "
        "(viết hoa hay thường đều được).",
        "Chỉ trang đang mở khi lưu tệp được nhập; trang bị ẩn không bao giờ được đọc.",
        "Lưu dạng CSV cũng được: dấu phân cách là dấu phẩy (,), dấu chấm phẩy (;) như Excel cài đặt vùng Việt Nam, "
        "hoặc tab; nên chọn 'CSV UTF-8' khi lưu để giữ đúng dấu tiếng Việt.",
        "Nhập bằng ứng dụng (trang 'Nhập từ Excel') hoặc: python -m tracking import TỆP.xlsx --by TÊN_ĐĂNG_NHẬP --dry-run",
        "Nếu có dòng sai, không dòng nào được ghi; danh sách lỗi nêu số dòng, cột và lý do. Nhập lại cùng tệp không tạo bản ghi trùng.",
    ]
    for line in lines:
        sheet.append([line])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.column_dimensions["A"].width = 120
    for (cell,) in sheet.iter_rows(min_row=2, max_col=1):
        cell.alignment = Alignment(wrap_text=True)
