"""python -m tracking export, driven as a subprocess with the documented flags."""
import os
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from openpyxl import load_workbook
from PIL import Image

from tracking.exports import images

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def cli(tmp_path):
    env = {**os.environ, "TRACKING_DATABASE_URL": f"sqlite:///{tmp_path / 'tracking.sqlite3'}"}

    def run(*args):
        return subprocess.run([sys.executable, "-m", "tracking", *args], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=300)

    assert run("init", "--demo").returncode == 0
    return run


def test_xlsx_and_docx_are_written_where_out_says(cli, tmp_path):
    for kind in ("xlsx", "docx"):
        result = cli("export", kind, "--out", str(tmp_path / f"out.{kind}"), "--as-of", "2011-06-30")
        assert result.returncode == 0, result.stderr
    assert load_workbook(tmp_path / "out.xlsx")["Tuân thủ"].max_row > 700
    assert "BÁO CÁO" in [p.text for p in docx.Document(tmp_path / "out.docx").paragraphs]


@pytest.mark.skipif(images.chromium_path() is None, reason="no Chromium for kaleido (apt-get install chromium)")
def test_png_writes_one_file_per_dashboard_chart_at_least_16_by_9_into_a_folder(cli, tmp_path):
    from tracking.charts.registry import CHARTS

    result = cli("export", "png", "--out", str(tmp_path / "charts"), "--as-of", "2011-06-30")
    assert result.returncode == 0, result.stderr
    files = sorted((tmp_path / "charts").glob("*.png"))
    assert [f.stem for f in files] == sorted(f"{spec.key}-2011-06-30" for spec in CHARTS)  # the date in the name
    for f in files:
        width, height = Image.open(f).size
        # 16:9 at least: a long chart grows downwards rather than shrinking its text (tracking.charts.slide.for_image).
        assert width >= 1900 and height * 16 >= width * 9 - 16


def test_a_file_given_where_a_folder_is_needed_is_refused_in_one_line(cli, tmp_path):
    target = tmp_path / "taken.txt"
    target.write_text("x")
    result = cli("export", "svg", "--out", str(target))
    assert result.returncode == 2 and result.stderr.startswith("Lỗi: Trường '--out'") and target.read_text() == "x"
