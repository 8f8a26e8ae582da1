"""What an .xlsx package holds, measured before openpyxl reads it: a zip bomb costs only the scan.

openpyxl loads every shared string into a list and its sheet parser yields every <row/> element, data or not: a
workbook of 12 million shared strings, or of 35 million empty rows, took minutes and gigabytes before any limit on
rows *with data* was reached. Here the central directory's sizes are summed (zipfile never inflates a member past
its declared size, and a member that would is refused by its CRC), then every member is streamed in chunks and its
markup counted at C speed — tags ("<"), shared strings (<si>) and row elements (<row>), whatever namespace prefix
they carry — stopping at the first limit passed. A DOCTYPE (entity expansion) is refused outright.
"""
from __future__ import annotations

import re
import zipfile

from tracking.errors import TrackingError
from tracking.imports.limits import Clock, ImportLimits

CHUNK = 1 << 20
_OVERLAP = 64  # a tag cut by a chunk boundary is counted once: the next chunk starts this far back
_SHARED_STRING = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?si[\s/>]")
_ROW = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s/>]")
_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)
MAX_MEMBERS = 10_000


def check_package(archive: zipfile.ZipFile, name: str, limits: ImportLimits, clock: Clock) -> None:
    """Refuse, naming the limit, a package whose unpacked size, tags, shared strings or rows pass the limits."""
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise TrackingError(f"{name}: có {len(members)} phần nén bên trong — không phải một bảng tính bình thường")
    unpacked = sum(info.file_size for info in members)
    if unpacked > limits.max_unpacked_bytes:
        raise TrackingError(f"{name}: nội dung giải nén {_mb(unpacked)} MB, vượt giới hạn {limits.max_unpacked_megabytes} MB "
                            "của một tệp nhập — hãy chia thành nhiều tệp nhỏ hơn")
    tags = strings = rows = 0
    for info in members:
        if info.is_dir():
            continue
        with archive.open(info) as part:
            tail = b""
            while chunk := part.read(CHUNK):
                clock.check()
                window = tail + chunk
                if _DOCTYPE.search(window):
                    raise TrackingError(f"{name}: phần {info.filename} có khai báo DOCTYPE/ENTITY — bảng tính Excel "
                                        "không có khai báo này; tệp bị từ chối")
                # Counted on the new bytes only, plus what the overlap alone could not have matched.
                tags += chunk.count(b"<")
                strings += _new(_SHARED_STRING, window, len(tail))
                rows += _new(_ROW, window, len(tail))
                tail = window[-_OVERLAP:]
                _refuse_past(name, limits, tags, strings, rows)


def _new(pattern: re.Pattern, window: bytes, start: int) -> int:
    """Matches that end past `start` (the ones wholly inside the previous chunk's tail were counted already)."""
    return sum(1 for m in pattern.finditer(window) if m.end() > start)


def _refuse_past(name: str, limits: ImportLimits, tags: int, strings: int, rows: int) -> None:
    if strings > limits.max_shared_strings:
        raise TrackingError(f"{name}: có hơn {_n(limits.max_shared_strings)} chuỗi dùng chung (sharedStrings), vượt "
                            "giới hạn của một tệp nhập — đã dừng đọc; hãy chia thành nhiều tệp nhỏ hơn")
    if rows > limits.max_row_elements:
        raise TrackingError(f"{name}: có hơn {_n(limits.max_row_elements)} dòng trong trang tính (kể cả dòng trống), "
                            f"vượt giới hạn {_n(limits.max_rows)} dòng dữ liệu của một tệp nhập — đã dừng đọc; hãy xóa "
                            "các dòng trống thừa hoặc chia thành nhiều tệp nhỏ hơn")
    if tags > limits.max_elements:
        raise TrackingError(f"{name}: có hơn {_n(limits.max_elements)} thẻ XML (kể cả ô và dòng trống), vượt giới hạn "
                            "của một tệp nhập — đã dừng đọc; hãy chia thành nhiều tệp nhỏ hơn")


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.0f}"


def _n(number: int) -> str:
    return f"{number:,}".replace(",", ".")
