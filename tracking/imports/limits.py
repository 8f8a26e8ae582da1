"""How much an import file may hold. Enforced while reading, so an oversized file is refused before it costs memory."""
from __future__ import annotations

import os
from dataclasses import dataclass

from tracking.errors import TrackingError

# Each setting: environment variable, default, help (the README's configuration table lists them).
SETTINGS = {
    "max_megabytes": ("TRACKING_IMPORT_MAX_MB", 10, "dung lượng tối đa của một tệp nhập (MB); cũng là giới hạn tải lên của Streamlit"),
    "max_rows": ("TRACKING_IMPORT_MAX_ROWS", 50_000, "số dòng dữ liệu tối đa của một tệp nhập"),
    "max_columns": ("TRACKING_IMPORT_MAX_COLUMNS", 50, "số cột tối đa của một tệp nhập (ô có dữ liệu ở cột xa hơn bị từ chối)"),
}
# A .xlsx is a zip: its unpacked parts may be this many times the file's limit (real workbooks stay far below).
UNPACKED_FACTOR = 20


@dataclass(frozen=True)
class ImportLimits:
    max_megabytes: int = SETTINGS["max_megabytes"][1]
    max_rows: int = SETTINGS["max_rows"][1]
    max_columns: int = SETTINGS["max_columns"][1]

    @property
    def max_bytes(self) -> int:
        return self.max_megabytes * 1024 * 1024

    @classmethod
    def from_env(cls) -> ImportLimits:
        values = {}
        for name, (variable, default, _) in SETTINGS.items():
            raw = os.environ.get(variable, "").strip()
            if not raw:
                values[name] = default
                continue
            try:
                values[name] = int(raw)
            except ValueError:
                values[name] = 0
            if values[name] <= 0:
                raise TrackingError(f"Biến môi trường {variable}='{raw}' không hợp lệ: phải là số nguyên dương")
        return cls(**values)
