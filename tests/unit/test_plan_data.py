"""The plan file says what the plan text says (shared/seed), and a broken file is refused clearly."""
from datetime import date

import pytest

from tracking.domain.plan import applicable_units
from tracking.errors import DataFileError
from tracking.plan_loader import load_plan, load_units
from tracking.seed import load_data

UNITS, (PLAN,) = load_data()
BY_CODE = {r.code: r for r in PLAN.requirements}
UNIT = {u.code: u for u in UNITS}


def test_the_three_plan_wide_areas_have_the_deadlines_of_section_II_4():
    deadlines = {a.code: a.deadline for a in PLAN.areas}
    assert deadlines["organisation"] == date(2010, 10, 30)
    assert deadlines["facilities"] == date(2010, 12, 31)
    assert deadlines["training"] == date(2011, 5, 31)


def test_every_requirement_of_an_area_with_a_deadline_carries_that_deadline():
    for req in PLAN.requirements:
        area = PLAN.area(req.area)
        if area.deadline:
            assert req.deadline == area.deadline, req.code


def test_dated_assignments_of_section_III():
    assert BY_CODE["ORG-SNV-TRINH"].deadline == date(2010, 10, 30)
    assert BY_CODE["ORG-SNV-TRINH"].lead == "SNV"
    assert BY_CODE["BUD-STC"].deadline == date(2010, 11, 15)
    assert BY_CODE["BUD-STC"].lead == "STC"


def test_every_clause_of_sections_II_III_and_IV_is_covered():
    clauses = {r.clause for r in PLAN.requirements}
    assert {"II.1", "II.2", "II.3", "II.4", "III.1", "III.2", "III.3", "III.4", "III.5", "III.6", "IV"} <= clauses


def test_the_request_of_III_6_goes_to_the_two_non_subordinate_bodies_only():
    req = BY_CODE["RUL-DENGHI"]
    assert req.kind == "request"
    assert {u.code for u in applicable_units(req, UNITS)} == {"VPTU", "VPDBHD"}


def test_requested_bodies_get_no_assignment():
    for req in PLAN.requirements:
        if req.kind == "assignment":
            assert not {"VPTU", "VPDBHD"} & {u.code for u in applicable_units(req, UNITS)}, req.code


def test_district_and_commune_tasks_apply_to_all_eleven_districts_and_every_commune():
    districts = [u for u in UNITS if u.level == "district"]
    communes = [u for u in UNITS if u.level == "commune"]
    assert len(districts) == 11
    assert {u.code for u in districts} == {str(c) for c in range(941, 952)}
    assert len(applicable_units(BY_CODE["ORG-HUYEN"], UNITS)) == 11
    assert len(applicable_units(BY_CODE["ORG-XA"], UNITS)) == len(communes) > 100


def test_quarterly_reports_are_recurring_for_departments_and_districts():
    req = BY_CODE["REP-QUY"]
    assert req.recurrence and req.recurrence.periods[0] == "2010Q3" and req.recurrence.periods[-1] == "2011Q4"
    levels = {u.level for u in applicable_units(req, UNITS)}
    assert levels == {"department", "district"}


def test_district_staffing_norm_is_one_to_two_dedicated_officers():
    assert BY_CODE["ORG-HUYEN"].norms["dedicated_staff"] == {"min": 1, "max": 2}


def test_unit_tree_is_rooted_at_the_province():
    assert UNIT["941"].name == "Thành phố Sóc Trăng" and UNIT["941"].parent == "94"
    assert UNIT["950"].kind == "huyện" and UNIT["948"].kind == "huyện"  # Vĩnh Châu, Ngã Năm in 2010
    assert all(UNIT[u.parent].level == "district" for u in UNITS if u.level == "commune")


def test_a_plan_file_with_unknown_area_and_unit_lists_every_problem(tmp_path):
    bad = tmp_path / "plan.yaml"
    bad.write_text(
        "code: X\ntitle: T\nissuer: I\nprovince_code: '94'\nstarts_on: 2010-06-14\nends_on: 2011-12-31\n"
        "areas: [{code: a, name: A}]\n"
        "requirements:\n"
        "  - {code: R1, area: nope, clause: II.1, title: t, lead: ZZZ, applies_to: {levels: [district]}}\n"
        "  - {code: R1, area: a, clause: II.1, title: t, lead: self, applies_to: {levels: [planet]}, deadline: '2010-02-30'}\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFileError) as err:
        load_plan(bad, {u.code for u in UNITS})
    message = str(err.value)
    for expected in ("lĩnh vực 'nope'", "đơn vị 'ZZZ'", "mã yêu cầu bị trùng", "cấp 'planet'", "2010-02-30"):
        assert expected in message


def test_a_units_file_with_a_missing_parent_is_refused(tmp_path):
    bad = tmp_path / "units.yaml"
    bad.write_text("units:\n  - {code: '1', name: A, level: province}\n  - {code: '2', name: B, level: district, parent: '9'}\n",
                   encoding="utf-8")
    with pytest.raises(DataFileError, match="'9'"):
        load_units(bad)


def test_an_impossible_unquoted_date_is_refused_with_a_message(tmp_path):
    bad = tmp_path / "plan.yaml"
    bad.write_text("code: X\nstarts_on: 2010-02-30\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="ngày không tồn tại"):
        load_plan(bad)

