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
# Sở Tài chính's date, in III.4's own words (the only requirement whose date is "plan" from III.4).
BUD_STC = ("    deadline: 2010-11-15\n    deadline_qualifier: before\n    deadline_as_written: trước ngày 15/11/2010\n"
           "    deadline_source: plan\n")


def bud_stc(day: str) -> str:
    return BUD_STC.replace("2010-11-15", day, 1)


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
    path = edited(tmp_path, BUD_STC, BUD_STC.replace("deadline:", "deadine:"))
    assert "yêu cầu thứ 19 (BUD-STC), khóa 'deadine': khóa không được biết — có phải 'deadline'?" in problems_of(path)


@pytest.mark.parametrize("old, new, where", [
    ("issuer: Ủy ban", "isuer: Ủy ban", "đầu tệp, khóa 'isuer'"),
    ("    name_en: Training\n", "    nam_en: Training\n", "lĩnh vực thứ 3 (training), khóa 'nam_en'"),
    ("applies_to: {groups: [sbn], levels: [district], except: [TTT]}",
     "applies_to: {groups: [sbn], level: [district], except: [TTT]}",
     "yêu cầu thứ 30 (REP-QUY), trường 'applies_to', khóa 'level'"),
    ("      due_days_after_period_end: 20", "      due_day_after_period_end: 20",
     "yêu cầu thứ 31 (REP-TONGHOP), trường 'recurrence', khóa 'due_day_after_period_end'"),
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
    path = edited(tmp_path, BUD_STC, bud_stc("2009-11-15").replace("15/11/2010", "15/11/2009"))
    assert ("yêu cầu thứ 19 (BUD-STC), trường 'deadline': ngày 15/11/2009 nằm ngoài thời gian của kế hoạch "
            "(14/06/2010 – 31/01/2012)") in problems_of(path)


def test_an_impossible_date_is_refused_with_its_requirement_field_and_line(tmp_path):
    path = edited(tmp_path, BUD_STC, bud_stc("2010-11-31"))
    line = next(i for i, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "2010-11-31" in text)
    assert (f"yêu cầu thứ 19 (BUD-STC), trường 'deadline': ngày '2010-11-31' không tồn tại (dòng {line})"
            in problems_of(path))


def test_a_duplicate_code_names_the_first_occurrence(tmp_path):
    path = edited(tmp_path, "  - code: RUL-QCPH\n", "  - code: ORG-VPUB\n")
    assert "yêu cầu thứ 23 (ORG-VPUB), trường 'code': mã yêu cầu 'ORG-VPUB' bị trùng với yêu cầu thứ 4" in problems_of(path)


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
    assert any(p.startswith("yêu cầu thứ 19 (BUD-STC), trường 'deadline_source'") for p in found)
    assert any(p.startswith("yêu cầu thứ 19 (BUD-STC), trường 'deadline_clause'") for p in found)


def run_check(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tracking", "plan", "check", *args], cwd=ROOT, capture_output=True,
                          text=True, encoding="utf-8", timeout=120)


def test_plan_check_on_the_shipped_files_exits_0():
    result = run_check()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Không có lỗi" in result.stdout


def test_plan_check_prints_every_problem_with_its_file_and_place_and_exits_non_zero(tmp_path):
    path = edited(tmp_path, BUD_STC, BUD_STC.replace("deadline:", "deadine:"))
    result = run_check(str(path), "--units", str(SHIPPED_UNITS))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert f"Lỗi: {path}: yêu cầu thứ 19 (BUD-STC), khóa 'deadine': khóa không được biết — có phải 'deadline'?" in lines
    assert sum(line.startswith(f"Lỗi: {path}: ") for line in lines) >= 2  # every problem, not only the first
    assert "Traceback" not in result.stderr


# ---- Holes a person can fall into (issue: the plan's words): each is refused with its place, in Vietnamese.

def units_problems(path: Path) -> list[str]:
    with pytest.raises(DataFileError) as err:
        load_units(path)
    return err.value.problems


def test_a_cycle_in_parent_is_refused_and_plan_check_ends(tmp_path):
    # Two districts made each other's parent: before, `plan check` passed and `init` looped for ever.
    path = edited(tmp_path, '    name: "Thành phố Sóc Trăng"\n    level: district\n    parent: "94"',
                  '    name: "Thành phố Sóc Trăng"\n    level: district\n    parent: "942"', source=SHIPPED_UNITS,
                  name="units.yaml")
    text = path.read_text(encoding="utf-8").replace('    name: "Huyện Châu Thành"\n    level: district\n    parent: "94"',
                                                    '    name: "Huyện Châu Thành"\n    level: district\n    parent: "941"')
    path.write_text(text, encoding="utf-8")
    found = units_problems(path)
    assert any("cấp trên tạo thành vòng lặp (941 → 942 → 941)" in p and "(dòng 162)" in p for p in found), found
    result = subprocess.run([sys.executable, "-m", "tracking", "plan", "check", "--units", str(path)], cwd=ROOT,
                            capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert result.returncode == 1 and "vòng lặp" in result.stdout


@pytest.mark.parametrize("old, new, expected", [
    ("    title: Hướng dẫn các ngành, địa phương xây dựng nội quy, quy chế tiếp công dân.\n",
     "    title: [Hướng dẫn, các ngành]\n",
     "yêu cầu thứ 22 (RUL-TTT-HUONGDAN), trường 'title': phải là văn bản, không phải một danh sách"),
    ("    title: Hướng dẫn các ngành, địa phương xây dựng nội quy, quy chế tiếp công dân.\n",
     "    title: 12345\n",
     "yêu cầu thứ 22 (RUL-TTT-HUONGDAN), trường 'title': phải là văn bản, không phải một số"),
    ("issuer: Ủy ban nhân dân tỉnh Sóc Trăng\n", "issuer: {name: UBND}\n",
     "đầu tệp, trường 'issuer': phải là văn bản, không phải một bảng"),
    ("    name_en: Training\n", "    name_en: true\n",
     "lĩnh vực thứ 3 (training), trường 'name_en': phải là văn bản, không phải true/false"),
])
def test_a_list_number_or_table_where_text_is_expected_is_refused(tmp_path, old, new, expected):
    assert expected in problems_of(edited(tmp_path, old, new))


def test_a_deadline_clause_that_names_no_clause_of_the_plan_is_refused(tmp_path):
    path = edited(tmp_path, BUD_STC + "    deadline_clause: III.4\n", BUD_STC + "    deadline_clause: IX.9\n")
    assert any(p.startswith("yêu cầu thứ 19 (BUD-STC), trường 'deadline_clause': mục 'IX.9' không phải một mục "
                            "của kế hoạch") for p in problems_of(path))


def test_lead_parent_on_a_unit_without_a_parent_is_refused(tmp_path):
    path = edited(tmp_path, "    lead: \"94\"\n    lead_source: inferred", "    lead: parent\n    lead_source: inferred")
    load_plan(path, UNITS)  # the provincial office has a parent (the province): 'parent' is fine there
    path = edited(tmp_path, "    applies_to: {units: [TSTCD]}\n  - code: ORG-SNV-TRINH",
                  "    applies_to: {units: [\"94\"]}\n    coordinating: [parent]\n  - code: ORG-SNV-TRINH")
    assert any("trường 'coordinating': 'parent' nhưng đơn vị 94 không có đơn vị cấp trên" in p
               for p in problems_of(path))


@pytest.mark.parametrize("old, new, expected", [
    # a commune put directly under the province of a three-level map
    ('    name: "Phường 5"\n    level: commune\n    parent: "941"', '    name: "Phường 5"\n    level: commune\n    parent: "94"',
     "xã 'Phường 5' trực thuộc thẳng tỉnh trên bản đồ ba cấp"),
    # a district under a department
    ('    name: "Huyện Kế Sách"\n    level: district\n    parent: "94"', '    name: "Huyện Kế Sách"\n    level: district\n    parent: "SNV"',
     "đơn vị cấp district phải trực thuộc tỉnh, không phải 'SNV' (department)"),
    # a commune under another commune
    ('    name: "Phường 5"\n    level: commune\n    parent: "941"', '    name: "Phường 5"\n    level: commune\n    parent: "31528"',
     "xã, phường phải trực thuộc huyện hoặc tỉnh, không phải '31528' (commune)"),
])
def test_a_level_that_does_not_fit_its_parent_is_refused(tmp_path, old, new, expected):
    found = units_problems(edited(tmp_path, old, new, source=SHIPPED_UNITS, name="units.yaml"))
    assert any(expected in p for p in found), found


def test_a_two_level_province_may_hold_communes_directly(tmp_path):
    path = tmp_path / "units.yaml"
    path.write_text("units:\n  - {code: '40', name: UBND tỉnh Nghệ An, level: province}\n"
                    "  - {code: SNV, name: Sở Nội vụ, level: department, parent: '40', group: sbn}\n"
                    "  - {code: '16681', name: Xã Quỳnh Lưu, level: commune, parent: '40'}\n", encoding="utf-8")
    assert [u.code for u in load_units(path)] == ["40", "SNV", "16681"]


def test_an_empty_file_says_so(tmp_path):
    for name, load in (("plan.yaml", load_plan), ("units.yaml", load_units)):
        path = tmp_path / name
        path.write_text("# chỉ có chú thích\n", encoding="utf-8")
        with pytest.raises(DataFileError) as err:
            load(path)
        assert err.value.problems == ["tệp trống (không có nội dung nào)"]


@pytest.mark.parametrize("text, expected", [
    ("code: X\ntitle: a: b\n", "lỗi cú pháp YAML ở dòng 2, cột 9: dấu ':' đặt sai chỗ"),
    ("code: X\n\ttitle: T\n", "lỗi cú pháp YAML ở dòng 2, cột 1: có ký tự không được dùng ở đầu giá trị"),
    ("code: X\ntitle: \"T\n", "lỗi cú pháp YAML ở dòng 3, cột 1: "),
    ("areas: [a, b\ncode: X\n", "lỗi cú pháp YAML ở dòng 2"),
])
def test_a_yaml_syntax_error_is_told_in_vietnamese_with_line_and_column(tmp_path, text, expected):
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        load_plan(path)
    (problem,) = err.value.problems
    assert problem.startswith(expected), problem
    assert not any(word in problem for word in ("mapping", "found", "expected", "scanning", "while")), problem


def test_a_deadline_must_keep_the_plans_words_and_match_them(tmp_path):
    found = problems_of(edited(tmp_path, BUD_STC, BUD_STC.replace("    deadline_as_written: trước ngày 15/11/2010\n", "")))
    assert any(p.startswith("yêu cầu thứ 19 (BUD-STC), trường 'deadline_as_written': thiếu") for p in found)
    found = problems_of(edited(tmp_path, BUD_STC, BUD_STC.replace("trước ngày 15/11/2010", "trước ngày 14/11/2010")))
    assert any("không nêu ngày 15/11/2010 của trường 'deadline'" in p for p in found)
    found = problems_of(edited(tmp_path, BUD_STC, BUD_STC.replace("qualifier: before", "qualifier: sometime")))
    assert any("trường 'deadline_qualifier': 'sometime' không hợp lệ" in p for p in found)


def test_an_inferred_date_or_lead_must_say_why(tmp_path):
    note = "    deadline_note: III.1 không ghi hạn; Sở Tài chính phải tổng hợp"
    path = edited(tmp_path, note, "    deadline_note_x: III.1 không ghi hạn; Sở Tài chính phải tổng hợp")
    assert any(p.startswith("yêu cầu thứ 18 (BUD-VPUB), trường 'deadline_note': hạn suy ra phải ghi lý do")
               for p in problems_of(path))
    path = edited(tmp_path, "    lead_note: Mục II.3 không nêu đơn vị chủ trì hay phối hợp; giao Sở Nội vụ",
                  "    note: Mục II.3 không nêu đơn vị chủ trì hay phối hợp; giao Sở Nội vụ")
    assert any("trường 'lead_note': đơn vị chủ trì do suy luận phải ghi lý do" in p for p in problems_of(path))


def test_a_quoted_date_with_underscores_or_foreign_digits_is_refused(tmp_path):
    found = problems_of(edited(tmp_path, BUD_STC, BUD_STC.replace("deadline: 2010-11-15", 'deadline: "2010-1_1-15"')))
    assert any("ngày '2010-1_1-15' không hợp lệ" in p for p in found), found
