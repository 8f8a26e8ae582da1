"""The plan file says what the plan text says (shared/seed), and a broken file is refused clearly."""
from datetime import date
from pathlib import Path

import pytest

from tracking.domain.plan import applicable_units
from tracking.errors import DataFileError
from tracking.plans.loader import load_plan, load_units
from tracking.plans.seed import load_data

UNITS, (PLAN,) = load_data()
BY_CODE = {r.code: r for r in PLAN.requirements}
UNIT = {u.code: u for u in UNITS}


def test_the_three_plan_wide_areas_keep_the_words_of_section_II_4():
    words = {a.code: (a.deadline, a.deadline_qualifier, a.deadline_as_written) for a in PLAN.areas if a.deadline}
    assert words == {
        "organisation": (date(2010, 10, 30), "before", "trước ngày 30/10/2010"),
        "facilities": (date(2010, 12, 31), "before", "trước ngày 31/12/2010"),
        "training": (date(2011, 6, 1), "before_month", "trước tháng 06/2011"),
    }


# The dates written in the requirement's own clause, or in II.4 for the tasks II.4 names (the Sở ngành's and
# localities' organisation and facilities, the training of every reception officer): the day the text NAMES.
WRITTEN_IN_ITS_CLAUSE = {
    "ORG-SNV-TRINH": (date(2010, 10, 30), "III.3"),
    "BUD-STC": (date(2010, 11, 15), "III.4"),
    **{code: (date(2010, 10, 30), "II.4") for code in ("ORG-SBN", "ORG-HUYEN", "ORG-XA")},
    **{code: (date(2010, 12, 31), "II.4") for code in ("FAC-SBN", "FAC-HUYEN", "FAC-XA")},
    **{code: (date(2011, 6, 1), "II.4") for code in ("TRN-TSTCD", "TRN-SBN", "TRN-HUYEN", "TRN-XA")},
}
# Inferred, each with the clause it comes from and a note saying why (the plan's order of steps).
INFERRED = {"FAC-TSTCD": "II.4", "TRN-TTT": "II.4", "BUD-VPUB": "III.4", "BUD-DUTOAN": "III.4"}
ONGOING = {"DIR-TTT", "DIR-VPUB", "DIR-HUYEN-XA"}


def test_deadline_source_is_plan_exactly_for_dates_written_in_their_own_clause():
    plan = {r.code: (r.deadline, r.deadline_clause) for r in PLAN.requirements if r.deadline_source == "plan"}
    assert plan == WRITTEN_IN_ITS_CLAUSE


def test_every_other_date_is_inferred_with_its_reason_and_the_rest_is_left_to_be_set():
    for req in PLAN.requirements:
        if req.code in WRITTEN_IN_ITS_CLAUSE:
            assert req.deadline_as_written and req.deadline_qualifier, req.code
        elif req.code in INFERRED:
            assert (req.deadline_source, req.deadline_clause) == ("inferred", INFERRED[req.code]), req.code
            assert req.deadline_note and req.deadline_as_written, req.code
        elif req.code in ONGOING:
            assert (req.deadline, req.deadline_qualifier) == (None, "ongoing"), req.code
        else:
            assert (req.deadline, req.deadline_source) == (None, "set"), req.code


def test_no_inferred_date_contradicts_the_plans_order_of_steps():
    # The office is staffed (ORG-VPUB) after it is founded, which follows Sở Nội vụ's submission due before
    # 30/10/2010; the staffing plan (ORG-SNV-RASOAT) precedes the units' own organisation due that same day.
    for code in ("ORG-VPUB", "ORG-SNV-RASOAT", "ORG-TSTCD", "TRN-KEHOACH", "REP-SOKET", "REP-TONGKET"):
        assert BY_CODE[code].deadline is None and BY_CODE[code].deadline_note, code
    # The budget estimates feed the consolidation Sở Tài chính submits before 15/11/2010.
    for code in ("BUD-VPUB", "BUD-DUTOAN"):
        assert BY_CODE[code].deadline == BY_CODE["BUD-STC"].deadline, code


def test_every_obligation_the_text_states_is_tracked_in_its_words():
    assert "giải quyết khiếu nại, tố cáo cho toàn bộ" in BY_CODE["TRN-XA"].title
    assert "kế hoạch đào tạo, bồi dưỡng" in BY_CODE["TRN-KEHOACH"].title and BY_CODE["TRN-KEHOACH"].clause == "II.3"
    assert "sơ kết" in BY_CODE["REP-SOKET"].title and "tổng kết" in BY_CODE["REP-TONGKET"].title
    assert "Điều hòa, phối hợp" in BY_CODE["DIR-VPUB"].title
    assert "kỹ năng giao tiếp, tinh thần trách nhiệm cao" in BY_CODE["ORG-SNV-RASOAT"].title


def test_no_relation_the_text_does_not_state():
    for req in PLAN.requirements:
        assert "parent" not in req.coordinating, req.code  # the text never makes the district a coordinator
    assert "TTT" not in BY_CODE["REP-QUY"].coordinating  # the reports' recipient is not their coordinator
    assert set(BY_CODE["ORG-TSTCD"].coordinating) == {"SNV", "TTT", "VPUB"}  # III.3 names all three
    for req in PLAN.requirements:
        if req.lead_source == "inferred":
            assert req.lead_note and "suy luận" in req.lead_note, req.code


def test_the_founding_of_the_provincial_office_is_UBND_tinhs_act_noted_as_inferred():
    founding, submission = BY_CODE["ORG-TSTCD"], BY_CODE["ORG-SNV-TRINH"]
    assert founding.lead == "94" and founding.lead_note and "suy luận" in founding.lead_note
    assert (founding.lead, founding.coordinating, founding.deadline) != (
        submission.lead, submission.coordinating, submission.deadline)


def test_every_lead_or_coordinator_the_text_does_not_name_is_noted():
    assert BY_CODE["POL-DAINGO"].coordinating == ()  # II.3 names no coordinator
    assert "suy luận" in BY_CODE["POL-DAINGO"].lead_note
    assert "SNV" in BY_CODE["TRN-XA"].coordinating  # III.2: "phối hợp với Sở Nội vụ"


def test_the_provincial_office_is_asked_for_own_premises_not_a_reception_room():
    req = BY_CODE["FAC-TSTCD"]
    assert "trụ sở riêng" in req.title and "reception_room" not in req.norms


def test_thanh_tra_tinh_does_not_send_quarterly_reports_to_itself():
    # IV: the Sở/Ban ngành and districts report to Thanh tra tỉnh, which consolidates (REP-TONGHOP).
    assert "TTT" not in {u.code for u in applicable_units(BY_CODE["REP-QUY"], UNITS)}
    assert {u.code for u in applicable_units(BY_CODE["REP-TONGHOP"], UNITS)} == {"TTT"}


def test_dated_assignments_of_section_III():
    assert BY_CODE["ORG-SNV-TRINH"].lead == "SNV"
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
        load_plan(bad, UNITS)
    message = str(err.value)
    for expected in ("lĩnh vực 'nope'", "đơn vị 'ZZZ'", "mã yêu cầu 'R1' bị trùng với yêu cầu thứ 1", "cấp 'planet'", "2010-02-30"):
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
    with pytest.raises(DataFileError, match="'2010-02-30' không tồn tại \\(dòng 2\\)"):
        load_plan(bad)



def test_a_date_written_in_a_title_is_the_named_day_of_its_deadline():
    import re
    written = 0
    for req in PLAN.requirements:
        found = re.search(r"trước ngày (\d{2})/(\d{2})/(\d{4})", req.title)
        if found and req.deadline_source == "plan":
            named = date(int(found.group(3)), int(found.group(2)), int(found.group(1)))
            assert req.deadline == named and req.deadline_as_written == found.group(0), req.code
            written += 1
    assert written == 2  # ORG-SNV-TRINH and BUD-STC carry their clause's words


def test_data_readme_documents_every_key_of_both_files():
    from tracking.plans import loader as keys
    readme = (Path(__file__).resolve().parents[2] / "data" / "README.md").read_text(encoding="utf-8")
    every = (*keys.PLAN_KEYS, *keys.AREA_KEYS, *keys.REQUIREMENT_KEYS, *keys.APPLIES_TO_KEYS, *keys.RECURRENCE_KEYS,
             *keys.NORM_QUANTITIES, *keys.NORM_BOUNDS, *keys.UNITS_FILE_KEYS, *keys.UNIT_KEYS)
    missing = [key for key in every if f"| `{key}`" not in readme]
    assert not missing
