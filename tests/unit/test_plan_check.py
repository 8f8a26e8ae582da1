"""Each mistake a person makes editing the plan or units file is refused with its place; the shipped files are clean."""
import subprocess
import sys
from pathlib import Path

import pytest

from tracking.errors import DataFileError
from tracking.plans.loader import PLANS_DIR, UNITS_FILE, check_files, load_plan, load_units

ROOT = Path(__file__).resolve().parents[2]
SHIPPED_PLAN = PLANS_DIR / "soc_trang_2010_tiep_cong_dan.yaml"
SHIPPED_UNITS = UNITS_FILE
UNITS = load_units()


def edited(tmp_path, old: str, new: str, source: Path = SHIPPED_PLAN, name: str = "plan.yaml") -> Path:
    """The shipped file with one mistake put in, as a person would make it."""
    text = source.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path = tmp_path / name
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def problems_of(path: Path) -> list[str]:
    with pytest.raises(DataFileError) as err:
        load_plan(path, UNITS)
    return err.value.problems


def test_the_shipped_files_have_no_problem():
    assert check_files([SHIPPED_PLAN], SHIPPED_UNITS) == []


def test_a_misspelt_deadline_key_is_refused_at_its_requirement_instead_of_losing_the_date(tmp_path):
    path = edited(tmp_path, '    deadline: 2010-11-14   # "trước ngày 15/11/2010", written in III.4 itself',
                  "    deadine: 2010-11-14")
    assert "yêu cầu thứ 18 (BUD-STC), khóa 'deadine': khóa không được biết — có phải 'deadline'?" in problems_of(path)


@pytest.mark.parametrize("old, new, where", [
    ("issuer: Ủy ban", "isuer: Ủy ban", "đầu tệp, khóa 'isuer'"),
    ("    name_en: Training\n", "    nam_en: Training\n", "lĩnh vực thứ 3 (training), khóa 'nam_en'"),
    ("applies_to: {groups: [sbn], levels: [district], except: [TTT]}",
     "applies_to: {groups: [sbn], level: [district], except: [TTT]}",
     "yêu cầu thứ 28 (REP-QUY), trường 'applies_to', khóa 'level'"),
    ("      due_days_after_period_end: 20", "      due_day_after_period_end: 20",
     "yêu cầu thứ 29 (REP-TONGHOP), trường 'recurrence', khóa 'due_day_after_period_end'"),
    ("      dedicated_staff: {min: 1, max: 2}", "      dedicated_staf: {min: 1, max: 2}",
     "yêu cầu thứ 6 (ORG-HUYEN), trường 'norms', khóa 'dedicated_staf'"),
    ("      dedicated_staff: {min: 1, max: 2}", "      dedicated_staff: {min: 1, maks: 2}",
     "yêu cầu thứ 6 (ORG-HUYEN), trường 'norms'.dedicated_staff, khóa 'maks'"),
])
def test_an_unknown_key_is_refused_at_every_level_of_the_plan_file(tmp_path, old, new, where):
    assert any(p.startswith(where + ":") for p in problems_of(edited(tmp_path, old, new))), where


@pytest.mark.parametrize("old, new, where", [
    ('source: "Kế hoạch', 'sourse: "Kế hoạch', "đầu tệp, khóa 'sourse'"),
    ('    short_name: "SNV"\n', '    shortname: "SNV"\n', "đơn vị thứ 4 (SNV), khóa 'shortname'"),
])
def test_an_unknown_key_is_refused_at_every_level_of_the_units_file(tmp_path, old, new, where):
    path = edited(tmp_path, old, new, source=SHIPPED_UNITS, name="units.yaml")
    with pytest.raises(DataFileError) as err:
        load_units(path)
    assert any(p.startswith(where + ":") for p in err.value.problems), err.value.problems


def test_an_applies_to_that_matches_no_unit_is_refused(tmp_path):
    path = edited(tmp_path, "    applies_to: {levels: [district]}\n    norms:\n      dedicated_staff",
                  "    applies_to: {units: [SNGV], except: [SNGV]}\n    norms:\n      dedicated_staff")
    assert ("yêu cầu thứ 6 (ORG-HUYEN), trường 'applies_to': không khớp đơn vị nào trong danh sách đơn vị "
            "(yêu cầu sẽ không có mốc nào)") in problems_of(path)


def test_a_deadline_outside_the_plans_window_is_refused(tmp_path):
    path = edited(tmp_path, '    deadline: 2010-11-14   # "trước ngày 15/11/2010"', "    deadline: 2009-11-15   #")
    assert ("yêu cầu thứ 18 (BUD-STC), trường 'deadline': ngày 15/11/2009 nằm ngoài thời gian của kế hoạch "
            "(14/06/2010 – 31/01/2012)") in problems_of(path)


def test_an_impossible_date_is_refused_with_its_requirement_field_and_line(tmp_path):
    path = edited(tmp_path, '    deadline: 2010-11-14   # "trước ngày 15/11/2010"', "    deadline: 2010-11-31   #")
    line = next(i for i, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "2010-11-31" in text)
    assert (f"yêu cầu thứ 18 (BUD-STC), trường 'deadline': ngày '2010-11-31' không tồn tại (dòng {line})"
            in problems_of(path))


def test_a_duplicate_code_names_the_first_occurrence(tmp_path):
    path = edited(tmp_path, "  - code: RUL-QCPH\n", "  - code: ORG-VPUB\n")
    assert "yêu cầu thứ 22 (ORG-VPUB), trường 'code': mã yêu cầu 'ORG-VPUB' bị trùng với yêu cầu thứ 4" in problems_of(path)


def test_a_duplicate_unit_code_names_the_first_occurrence(tmp_path):
    path = edited(tmp_path, '  - code: "STC"\n', '  - code: "SNV"\n', source=SHIPPED_UNITS, name="units.yaml")
    with pytest.raises(DataFileError) as err:
        load_units(path)
    assert any("mã đơn vị 'SNV' bị trùng với đơn vị thứ 4" in p for p in err.value.problems), err.value.problems


def test_a_key_written_twice_in_one_requirement_is_refused_with_its_lines(tmp_path):
    path = edited(tmp_path, "    lead: STC\n    applies_to: {units: [STC]}",
                  "    lead: STC\n    lead: VPUB\n    applies_to: {units: [STC]}")
    assert any("khóa 'lead' lặp lại" in p and p.startswith("dòng ") for p in problems_of(path))


def test_a_date_without_its_provenance_is_refused(tmp_path):
    path = edited(tmp_path, "    deadline_source: plan\n    deadline_clause: III.4\n", "")
    found = problems_of(path)
    assert any(p.startswith("yêu cầu thứ 18 (BUD-STC), trường 'deadline_source'") for p in found)
    assert any(p.startswith("yêu cầu thứ 18 (BUD-STC), trường 'deadline_clause'") for p in found)


def run_check(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tracking", "plan", "check", *args], cwd=ROOT, capture_output=True,
                          text=True, encoding="utf-8", timeout=120)


def test_plan_check_on_the_shipped_files_exits_0():
    result = run_check()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Không có lỗi" in result.stdout


def test_plan_check_prints_every_problem_with_its_file_and_place_and_exits_non_zero(tmp_path):
    path = edited(tmp_path, '    deadline: 2010-11-14   # "trước ngày 15/11/2010", written in III.4 itself',
                  "    deadine: 2010-11-14\n    deadline_source: plan")
    result = run_check(str(path), "--units", str(SHIPPED_UNITS))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert f"Lỗi: {path}: yêu cầu thứ 18 (BUD-STC), khóa 'deadine': khóa không được biết — có phải 'deadline'?" in lines
    assert sum(line.startswith(f"Lỗi: {path}: ") for line in lines) >= 2  # every problem, not only the first
    assert "Traceback" not in result.stderr
