"""How much an import file may hold. Enforced on what is read, not on what has data: a workbook's unpacked
parts, its XML tags, shared strings and row elements are counted before any parser builds anything from them,
and a clock bounds the whole read, so a small hostile file is refused in seconds and in bounded memory."""
from __future__ import annotations

import os
import time
from dataclasses import dataclass

from tracking.errors import TrackingError

# Each setting: environment variable, default, help (the README's configuration table lists them).
SETTINGS = {
    "max_megabytes": ("TRACKING_IMPORT_MAX_MB", 10, "dung lượng tối đa của một tệp nhập (MB); cũng là giới hạn tải lên của Streamlit"),
    "max_rows": ("TRACKING_IMPORT_MAX_ROWS", 50_000, "số dòng dữ liệu tối đa của một tệp nhập"),
    "max_columns": ("TRACKING_IMPORT_MAX_COLUMNS", 50, "số cột tối đa của một tệp nhập (ô có dữ liệu ở cột xa hơn bị từ chối)"),
    "max_unpacked_megabytes": ("TRACKING_IMPORT_MAX_UNPACKED_MB", 100,
                               "tổng dung lượng giải nén tối đa các phần của một tệp .xlsx (MB)"),
    "max_elements": ("TRACKING_IMPORT_MAX_ELEMENTS", 5_000_000,
                     "số thẻ XML tối đa trong một tệp .xlsx (mọi phần cộng lại, kể cả dòng và ô trống)"),
    "max_shared_strings": ("TRACKING_IMPORT_MAX_SHARED_STRINGS", 500_000,
                           "số chuỗi dùng chung (sharedStrings) tối đa trong một tệp .xlsx"),
    "max_seconds": ("TRACKING_IMPORT_MAX_SECONDS", 60, "thời gian đọc tối đa một tệp nhập (giây)"),
}
# Row elements a sheet may hold, counting empty ones (Excel writes a <row> for a formatted blank row), per data row
# allowed: a template formatted well below its data stays readable, 35 million empty rows do not.
ROW_ELEMENTS_PER_ROW = 2


@dataclass(frozen=True)
class ImportLimits:
    max_megabytes: int = SETTINGS["max_megabytes"][1]
    max_rows: int = SETTINGS["max_rows"][1]
    max_columns: int = SETTINGS["max_columns"][1]
    max_unpacked_megabytes: int = SETTINGS["max_unpacked_megabytes"][1]
    max_elements: int = SETTINGS["max_elements"][1]
    max_shared_strings: int = SETTINGS["max_shared_strings"][1]
    max_seconds: int = SETTINGS["max_seconds"][1]

    @property
    def max_bytes(self) -> int:
        return self.max_megabytes * 1024 * 1024

    @property
    def max_unpacked_bytes(self) -> int:
        return self.max_unpacked_megabytes * 1024 * 1024

    @property
    def max_row_elements(self) -> int:
        return ROW_ELEMENTS_PER_ROW * self.max_rows + 1  # and the header

    @classmethod
    def from_env(cls) -> ImportLimits:
        values = {}
        for name, (variable, default, _) in SETTINGS.items():
            raw = os.environ.get(variable, "").strip()
            if not raw:
                values[name] = default
                continue
            values[name] = int(raw) if raw.isascii() and raw.isdigit() else 0
            if values[name] <= 0:
                raise TrackingError(f"Biến môi trường {variable}='{raw}' không hợp lệ: phải là số nguyên dương")
        return cls(**values)


class Clock:
    """The wall-time budget of one import, checked as the reading goes."""

    def __init__(self, name: str, seconds: int):
        self.name, self.seconds, self.deadline = name, seconds, time.monotonic() + seconds

    def check(self) -> None:
        if time.monotonic() > self.deadline:
            raise TrackingError(f"{self.name}: đọc quá {self.seconds} giây (giới hạn thời gian của một tệp nhập) — "
                                "tệp quá lớn hoặc có cấu trúc bất thường; hãy chia nhỏ hoặc lưu lại bằng Excel")
