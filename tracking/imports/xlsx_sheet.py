"""The sheet of an .xlsx a person sees, read cell by cell as Excel shows it, or refused naming the cell.

- The package is measured first (tracking.imports.xlsx_bounds): bombs cost a scan, not gigabytes.
- The sheet read is the active one (the tab Excel opens on) when it is visible; hidden and "very hidden" sheets are
  never read, and the person is told which were skipped. A hidden active sheet is ambiguous: refused.
- A number under a percent format is read as shown ("100%" is stored as 1: read 100); TRUE/FALSE, error values
  (#N/A…) and a cell reference given twice are refused, naming the cell.
"""
from __future__ import annotations

import io
import re
import zipfile
from decimal import Decimal
from typing import Iterator

from openpyxl import load_workbook
from openpyxl.styles.numbers import BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser

from tracking.errors import TrackingError
from tracking.imports.limits import Clock, ImportLimits
from tracking.imports.xlsx_bounds import check_package

CLOCK_EVERY = 1000  # rows between two looks at the clock
_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')  # literal text, escapes and [colour]/[locale] in a number format


class _SparseParser(WorkSheetParser):
    """openpyxl's own streaming sheet parser, used directly.

    Its public read-only iterator trusts the sheet's stored dimension (a stale "A1:H3" hides every later row)
    and pads each row out to its last cell (16,384 values for one cell in column XFD); this keeps cells sparse
    and remembers formulas that were saved without a value (data_only reads those as empty).
    """

    def parse_cell(self, element):
        cell = super().parse_cell(element)
        if cell["value"] is None and element.find(FORMULA_TAG) is not None:
            cell["value"] = _FormulaWithoutValue()
        return cell


class _FormulaWithoutValue:
    """A formula cell whose result was never computed (files written by programs, not by Excel)."""


def is_percent_format(code: str | None) -> bool:
    """A number format that shows the value times 100 with a % sign ('0%', '0.00%'; not '"%"0' or '0\\%')."""
    return bool(code) and "%" in _QUOTED.sub("", code)


def xlsx_rows(content: bytes, name: str, limits: ImportLimits, clock: Clock,
              notes: list[str]) -> Iterator[tuple[int, None, dict]]:
    """(row number, None, {column index: value}) for every row element of the sheet a person sees."""
    not_excel = (f"{name} không phải tệp Excel .xlsx đọc được (tệp hỏng, hoặc định dạng khác đổi đuôi thành .xlsx; "
                 "tệp .xls cũ hãy mở bằng Excel rồi lưu thành .xlsx)")
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            check_package(archive, name, limits, clock)
    except TrackingError:
        raise
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError, NotImplementedError):
        raise TrackingError(not_excel) from None
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many types (KeyError, BadZipFile, XML errors) for a damaged workbook
        raise TrackingError(not_excel) from None
    try:
        sheet = _visible_sheet(book, name, notes)
        percent = {i for i, style in enumerate(book._cell_styles) if is_percent_format(_format_code(book, style.numFmtId))}
        with sheet._get_source() as source:
            parser = _SparseParser(source, sheet._shared_strings, data_only=True, epoch=book.epoch,
                                   date_formats=book._date_formats, timedelta_formats=book._timedelta_formats)
            last = 0
            for seen, (number, cells) in enumerate(parser.parse(), start=1):
                if seen % CLOCK_EVERY == 0:
                    clock.check()
                if number <= last:  # Excel writes rows once each, in order: anything else hides a value
                    raise TrackingError(f"{name}: dòng {number} xuất hiện hai lần trong trang tính (hoặc sai thứ tự) — "
                                        "tệp không do Excel lưu; hãy mở bằng Excel rồi lưu lại")
                last = number
                yield number, None, _row(cells, number, name, limits, percent)
    except TrackingError:
        raise
    except Exception:  # a damaged sheet part: the official gets the same plain message
        raise TrackingError(not_excel) from None
    finally:
        book.close()


def _row(cells: list[dict], number: int, name: str, limits: ImportLimits, percent: set[int]) -> dict:
    row: dict[int, object] = {}
    seen: set[int] = set()  # every cell given, empty ones too: an empty H2 then a filled H2 is still two H2s
    for cell in cells:
        column, value = cell["column"], cell["value"]
        where = f"{name}, ô {get_column_letter(column)}{number}"
        if cell["row"] != number:
            raise TrackingError(f"{name}, ô {get_column_letter(column)}{cell['row']}: nằm trong dòng {number} của tệp — "
                                "tệp không do Excel lưu; hãy mở bằng Excel rồi lưu lại")
        if column in seen:
            raise TrackingError(f"{where}: ô này có hai lần trong tệp (giá trị nào đúng?) — tệp không do Excel lưu; "
                                "hãy mở bằng Excel rồi lưu lại")
        seen.add(column)
        if value is None or value == "":
            continue
        if column > limits.max_columns:  # refuse before building a row that wide
            raise TrackingError(f"{where}: có dữ liệu ở cột {get_column_letter(column)}, vượt giới hạn "
                                f"{limits.max_columns} cột (đến cột {get_column_letter(limits.max_columns)}) của một tệp nhập")
        if isinstance(value, _FormulaWithoutValue):
            raise TrackingError(f"{where}: có công thức nhưng chưa có giá trị đã lưu (tệp do chương trình tạo, chưa "
                                "được Excel tính) — mở bằng Excel rồi lưu lại, hoặc gõ giá trị")
        kind = cell["data_type"]
        if kind == "e":
            raise TrackingError(f"{where}: là giá trị lỗi {value} (công thức lỗi) — sửa công thức hoặc gõ giá trị")
        if kind == "b" or isinstance(value, bool):
            raise TrackingError(f"{where}: là giá trị đúng/sai ({'TRUE' if value else 'FALSE'}), không phải số, ngày hay "
                                "chữ — gõ giá trị cần nhập")
        if kind == "n" and cell["style_id"] in percent and isinstance(value, (int, float)):
            value = _shown_as_percent(value)
        row[column - 1] = value
    return row


def _format_code(book, number_format_id: int) -> str | None:
    """The format code of a style: a built-in one by id, else the workbook's own (numbered from 164 on reading)."""
    if number_format_id < BUILTIN_FORMATS_MAX_SIZE:
        return BUILTIN_FORMATS.get(number_format_id)
    custom = number_format_id - BUILTIN_FORMATS_MAX_SIZE
    return book._number_formats[custom] if 0 <= custom < len(book._number_formats or ()) else None


def _shown_as_percent(value: int | float) -> int | float:
    """1 under '0%' is what the person typed as 100%: read 100 (decimal arithmetic: 0.35 → 35, not 35.00000000000001)."""
    shown = Decimal(repr(value)) * 100
    return int(shown) if shown == shown.to_integral_value() else float(shown)


def _visible_sheet(book, name: str, notes: list[str]):
    """The active sheet when it is visible; notes name any hidden sheet left unread."""
    sheets = book.worksheets
    if not sheets:
        raise TrackingError(f"{name} không có trang tính nào")
    hidden = [s.title for s in sheets if s.sheet_state != "visible"]
    visible = [s for s in sheets if s.sheet_state == "visible"]
    if not visible:
        raise TrackingError(f"{name}: mọi trang tính đều bị ẩn — hãy hiện trang cần nhập (chuột phải vào tên trang → "
                            "Bỏ ẩn) rồi lưu lại")
    index = book._active_sheet_index if isinstance(book._active_sheet_index, int) else 0
    active = sheets[index] if 0 <= index < len(sheets) else None
    if active is None or active.sheet_state != "visible":
        if len(visible) != 1:
            raise TrackingError(f"{name}: trang đang mở khi lưu tệp là trang ẩn, không rõ cần nhập trang nào trong "
                                f"{', '.join(repr(s.title) for s in visible)} — mở trang cần nhập rồi lưu lại")
        active = visible[0]
    if hidden:
        notes.append(f"Đã đọc trang tính '{active.title}' (trang đang hiển thị); bỏ qua {len(hidden)} trang ẩn: "
                     f"{', '.join(repr(t) for t in hidden)}.")
    elif active is not sheets[0]:
        notes.append(f"Đã đọc trang tính '{active.title}' (trang đang mở khi lưu tệp), không phải trang đầu tiên.")
    return active
