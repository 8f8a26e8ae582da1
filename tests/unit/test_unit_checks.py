"""`units check` / `plan check`: the shape of a unit list and of a changes file, each problem in Vietnamese with its line."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tracking.cli import main
from tracking.domain.plan import Unit
from tracking.domain.units import UnitChange, Version, version_on
from tracking.errors import DataFileError
from tracking.plans.loader import load_units
from tracking.units.changes import load_changes

HEAD = "units:\n"
PROVINCE = '  - {code: "40", name: "Ủy ban nhân dân tỉnh Nghệ An", level: province}\n'


def _refused(tmp_path: Path, body: str) -> list[str]:
    path = tmp_path / "units.yaml"
    path.write_text(HEAD + body, encoding="utf-8")
    with pytest.raises(DataFileError) as refused:
        load_units(path)
    return refused.value.problems


def test_a_commune_directly_under_the_province_is_fine_on_the_two_level_map(tmp_path):
    path = tmp_path / "units.yaml"
    path.write_text(HEAD + PROVINCE + '  - {code: "17329", name: "Xã Anh Sơn", level: commune, parent: "40", kind: "xã"}\n',
                    encoding="utf-8")
    assert [u.parent for u in load_units(path)] == [None, "40"]


def test_a_commune_under_the_province_on_a_three_level_map_is_refused_with_its_line(tmp_path):
    problems = _refused(tmp_path, PROVINCE
                        + '  - {code: "401", name: "Huyện Anh Sơn", level: district, parent: "40", kind: "huyện"}\n'
                        + '  - {code: "17329", name: "Xã Anh Sơn", level: commune, parent: "40"}\n')
    assert problems == ["đơn vị 17329 (dòng 4), trường 'parent': xã 'Xã Anh Sơn' trực thuộc thẳng tỉnh trên bản đồ "
                        "ba cấp (danh sách có cấp huyện): phải ghi huyện của xã"]


def test_a_ward_under_a_rural_district_is_refused(tmp_path):
    problems = _refused(tmp_path, PROVINCE
                        + '  - {code: "401", name: "Huyện Anh Sơn", level: district, parent: "40", kind: "huyện"}\n'
                        + '  - {code: "17001", name: "Phường 1", level: commune, parent: "401", kind: "phường"}\n')
    assert len(problems) == 1 and "dòng 4" in problems[0] and "phường chỉ có ở thành phố, thị xã, quận" in problems[0]


def test_a_cycle_in_parent_is_named_once_with_its_path(tmp_path):
    problems = _refused(tmp_path, PROVINCE
                        + '  - {code: "A", name: "Xã A", level: commune, parent: "B"}\n'
                        + '  - {code: "B", name: "Xã B", level: commune, parent: "A"}\n')
    loops = [p for p in problems if "vòng lặp" in p]
    assert loops == ["đơn vị A (dòng 3), trường 'parent': cấp trên tạo thành vòng lặp (A → B → A)",
                     "đơn vị B (dòng 4), trường 'parent': cấp trên tạo thành vòng lặp (B → A → B)"]


def test_two_units_of_one_name_living_at_the_same_time_are_refused(tmp_path):
    problems = _refused(tmp_path, PROVINCE
                        + '  - {code: "1", name: "Xã X", level: commune, parent: "40", valid_to: 2025-06-30}\n'
                        + '  - {code: "2", name: "Xã X", level: commune, parent: "40", valid_from: 2025-06-01}\n')
    assert any("dòng 4" in p and "chồng nhau" in p for p in problems), problems
    ok = tmp_path / "ok.yaml"
    ok.write_text(HEAD + PROVINCE + '  - {code: "1", name: "Xã X", level: commune, parent: "40", valid_to: 2025-06-30}\n'
                  + '  - {code: "2", name: "Xã X", level: commune, parent: "40", valid_from: 2025-07-01}\n', encoding="utf-8")
    assert len(load_units(ok)) == 3


def test_a_change_without_its_act_or_of_an_unknown_kind_is_refused(tmp_path):
    path = tmp_path / "changes.yaml"
    path.write_text('changes:\n  - {date: 2010-12-10, kind: upgrade, unit: "40"}\n', encoding="utf-8")
    with pytest.raises(DataFileError) as refused:
        load_changes(path, [Unit(code="40", name="Tỉnh", level="province")])
    assert any("dòng 2" in p and "'kind'" in p for p in refused.value.problems)
    assert any("'act'" in p for p in refused.value.problems)


def test_the_name_in_force_follows_the_changes_made_by_the_day():
    start = Version("Xã Đại Ngãi", "xã", "946")
    town = UnitChange(date(2010, 12, 10), "reclassify", ("31645",), name="Thị trấn Đại Ngãi", unit_kind="thị trấn")
    assert version_on(start, [town], date(2010, 12, 9)) == start
    assert version_on(start, [town], date(2010, 12, 10)) == Version("Thị trấn Đại Ngãi", "thị trấn", "946")


def test_units_check_prints_every_problem_and_exits_non_zero(tmp_path, capsys):
    path = tmp_path / "units.yaml"
    path.write_text(HEAD + PROVINCE + '  - {code: "A", name: "Xã A", level: commune, parent: "A"}\n', encoding="utf-8")
    assert main(["units", "check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "Lỗi:" in out and "vòng lặp" in out and "dòng 3" in out
    assert main(["units", "check", "data/units_soc_trang.yaml", "--changes", "data/unit_changes_soc_trang.yaml"]) == 0
