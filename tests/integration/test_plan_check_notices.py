"""`plan check` passes a valid plan due in a year the holiday list lacks, and says what it could not check."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PLAN = ROOT / "data" / "plans" / "soc_trang_2010_tiep_cong_dan.yaml"


def _check(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tracking", "plan", "check", str(path)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def test_a_due_date_in_an_unlisted_year_is_a_notice_not_an_error(tmp_path):
    listed = _check(PLAN)
    assert listed.returncode == 0 and "Lưu ý" not in listed.stdout, listed.stdout
    moved = tmp_path / "ke_hoach_2026.yaml"
    text = PLAN.read_text(encoding="utf-8")
    assert "deadline: 2010-10-30\n" in text
    moved.write_text(text.replace("deadline: 2010-10-30\n", "deadline: 2026-09-02\n")  # the organisation's tasks
                     .replace("trước ngày 30/10/2010", "trước ngày 02/9/2026")
                     .replace("ends_on: 2012-01-31", "ends_on: 2026-12-31"), encoding="utf-8")
    result = _check(moved)
    assert result.returncode == 0, result.stdout + result.stderr
    notice = next(line for line in result.stdout.splitlines() if line.startswith("Lưu ý: "))
    assert "chưa có năm 2026:" in notice and "ke_hoach_2026.yaml" in notice
    assert result.stdout.rstrip().splitlines()[-1].startswith("Không có lỗi.")
