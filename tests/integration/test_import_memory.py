"""Bounded resources: a small hostile workbook cannot make reading take gigabytes (issue 8, point 2).

The file of the issue — 313 KB, 60,000 rows each with one cell in column XFD — took ≈130 MB per 1,000 rows with
openpyxl's padded read-only rows (≈8 GB in all). Reading happens in a fresh process and its peak resident memory
is that process's VmHWM: Linux keeps ru_maxrss across fork and exec, so a child of a large pytest worker would
report the worker's peak (ru_maxrss is the fallback where /proc is missing).
"""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.import_files import xfd_xlsx

ROOT = Path(__file__).resolve().parents[2]
BOUND_MB = 400  # generous: the interpreter with openpyxl, SQLAlchemy and pandas loaded is ≈100–180 MB

READ = """
import json, resource, sys
from tracking.errors import TrackingError
from tracking.imports.reader import read_import_file
content = open(sys.argv[1], "rb").read()
try:
    read = read_import_file(content, "xfd.xlsx")
    outcome = f"read {len(read.rows)} rows"
except TrackingError as exc:
    outcome = str(exc)
try:
    peak_kb = int(next(l for l in open("/proc/self/status") if l.startswith("VmHWM:")).split()[1])
except OSError:
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"outcome": outcome, "peak_mb": peak_kb / 1024}))
"""


def read_in_fresh_process(path: Path, **env) -> dict:
    done = subprocess.run([sys.executable, "-c", READ, str(path)], cwd=ROOT, env={**os.environ, **env},
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.parametrize("with_values,env,expected", [
    (True, {}, "ô XFD2"),  # refused at the first such cell, stating the column limit
    (True, {"TRACKING_IMPORT_MAX_COLUMNS": "16384"}, "ô XFD2"),  # limit lifted: a value under no header, refused
    (False, {}, "không có dòng dữ liệu"),  # styled empty cells: all 60,000 rows are streamed through
])
def test_a_60000_row_workbook_with_cells_in_column_xfd_is_read_in_bounded_memory(tmp_path, with_values, env, expected):
    path = tmp_path / "xfd.xlsx"
    path.write_bytes(xfd_xlsx(rows=60_000, with_values=with_values))
    assert path.stat().st_size < 400_000  # the file: ≈313 KB
    result = read_in_fresh_process(path, **env)
    assert expected in result["outcome"]
    assert result["peak_mb"] < BOUND_MB, result
