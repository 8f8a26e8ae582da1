"""python -m tracking plan draft, driven as a person or another program would: a subprocess, the documented flags.
No database: the drafter reads a document and a unit list and writes a file."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT.parent.parent / "shared" / "seed" / "ke-hoach-doi-moi-tiep-cong-dan.txt"
if not SEED.exists():
    SEED = Path("/work/shared/seed/ke-hoach-doi-moi-tiep-cong-dan.txt")
FIXTURE = ROOT / "tests" / "fixtures" / "plans" / "chuyen-doi-so-2026.md"
TWO_LEVEL = ROOT / "tests" / "fixtures" / "plans" / "units_phu_an_2025.yaml"


def run(*args):
    env = {k: v for k, v in os.environ.items() if k != "TRACKING_DEBUG"}
    return subprocess.run([sys.executable, "-m", "tracking", "plan", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def _iso(value):
    return json.loads(json.dumps(value, default=str))


def test_a_draft_is_written_checked_and_the_same_every_time(tmp_path):
    out = tmp_path / "draft.yaml"
    done = run("draft", str(FIXTURE), "--units", str(TWO_LEVEL), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stderr.startswith(f"Đã lập bản nháp {out}: 12 yêu cầu, ")
    first = out.read_bytes()
    assert run("draft", str(FIXTURE), "--units", str(TWO_LEVEL), "--out", str(out)).returncode == 0
    assert out.read_bytes() == first
    check = run("check", str(out), "--units", str(TWO_LEVEL))
    # what the draft flags is what the check refuses until a person settles it, nothing else
    assert check.returncode == 1
    problems = [line for line in check.stdout.splitlines() if line.startswith("Lỗi:")]
    assert any("'ends_on': thiếu" in p for p in problems) and any("(III.4-1), trường 'lead': thiếu" in p for p in problems)
    assert not any("khóa không được biết" in p for p in problems)


def test_json_is_the_same_tree_as_yaml():
    as_yaml = run("draft", str(FIXTURE), "--units", str(TWO_LEVEL))
    as_json = run("draft", str(FIXTURE), "--units", str(TWO_LEVEL), "--format", "json")
    assert as_yaml.returncode == as_json.returncode == 0
    assert json.loads(as_json.stdout) == _iso(yaml.safe_load(as_yaml.stdout))
    tree = json.loads(as_json.stdout)
    assert {"issuer", "number", "issued_on", "title", "legal_basis", "requirements"} <= set(tree)
    assert {"code", "clause", "area", "title", "lead", "lead_as_written", "coordinating", "coordinating_as_written",
            "applies_to", "source", "review"} <= set(tree["requirements"][0])


@pytest.mark.skipif(not SEED.exists(), reason="seed text not present")
def test_a_province_the_app_knows_gives_the_same_draft_as_its_unit_file():
    by_code = run("draft", str(SEED), "--province", "94", "--format", "json")
    by_file = run("draft", str(SEED), "--units", "data/units_soc_trang.yaml", "--format", "json")
    assert by_code.returncode == 0 and json.loads(by_code.stdout) == json.loads(by_file.stdout)


def test_a_province_from_the_national_list_resolves_its_districts(tmp_path):
    doc = tmp_path / "kh.txt"
    doc.write_text("II. NHIỆM VỤ\n1. UBND huyện Châu Thành rà soát hồ sơ, hoàn thành trong quý III/2026.\n"
                   "2. UBND huyện Châu Thành A phối hợp với UBND thành phố Vị Thanh lập báo cáo.\n", encoding="utf-8")
    done = run("draft", str(doc), "--province", "93", "--format", "json")  # Hậu Giang (pre-2025 list)
    assert done.returncode == 0, done.stderr
    first, second = json.loads(done.stdout)["requirements"]
    assert first["lead"] == "933" and first["deadline"] == "2026-09-30"  # Huyện Châu Thành, not Châu Thành A (932)
    assert second["lead"] == "932" and second["coordinating"] == ["930"]


@pytest.mark.parametrize("args, message", [
    (("draft", "khong-co.docx"), "không tìm thấy tệp khong-co.docx"),
    (("draft", str(FIXTURE), "--province", "00"), "không biết tỉnh có mã '00'"),
    (("draft", str(FIXTURE), "--province", "94", "--units", str(TWO_LEVEL)), "không dùng cùng"),
    (("draft", str(FIXTURE), "--format", "xml"), "giá trị 'xml' không hợp lệ"),
    (("draft", str(FIXTURE), "--out", "/khong-co-thu-muc/x.yaml"), "không ghi được tệp /khong-co-thu-muc/x.yaml"),
])
def test_mistakes_are_one_vietnamese_line_and_no_file(tmp_path, args, message):
    done = run(*args) if "--format" in args or "--out" in args else run(*args, "--out", str(tmp_path / "x.yaml"))
    assert done.returncode == 2
    assert message in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "x.yaml").exists()
