"""Three plans of the genre written for these tests, each drafted and compared with its reviewed expected draft:
- chuyen-doi-so-2026.md: tasks grouped by unit under "Tổ chức thực hiện", today's two-level map (sở, ban, ngành
  and xã, phường, no districts), copied from a website (hard line breaks, `**`, `|`, markdown headings);
- cai-cach-hanh-chinh-2012.docx: a Word task table (STT | Nội dung | Chủ trì | Phối hợp | Thời gian | Sản phẩm)
  with merged group rows and the two-column header table;
- quyet-dinh-tiep-cong-dan-2026.txt: a Prime Minister's decision (Điều 1–3, boilerplate) with the plan annexed
  after the signature and a task table in the annex (PHỤ LỤC);
- pho-bien-phap-luat-2026.txt: tasks as field lists ('- Cơ quan chủ trì: …', '- Thời gian thực hiện: …'), 'I/'
  numbering, a request to a group that is in no unit list;
- van-thu-luu-tru-2026.txt: issued by a department under its province, decimal numbering (1.1., 1.2.), 'Thực hiện …'
  as legal basis, reporting twice a year with its due dates;
- phong-chong-ma-tuy-2026.txt: another two-level province (An Giang, đặc khu), numbering 1. > 1.1. > a) > -, one time
  line for a whole section, unit-headed paragraphs 'Sở Y tế: …' in section III, three requests (one to a body in no list);
- cai-thien-pci-2027.docx: the tasks in an annex table after the signature, group rows merged across the whole row
  with their number in the text, a time cell merged down two rows, two departments in one lead cell.
- xu-ly-vi-pham-hanh-chinh-2013.pdf: a plan typed in Word (xu_ly_vi_pham_docx.py) and printed to PDF by LibreOffice,
  as offices publish them: the two-column header, the page number in the footer, paragraphs broken by the page, one
  item given as lettered fields ('a) Nội dung: …', 'b) Cơ quan chủ trì: …'); on Sóc Trăng's list (--province 94);
- quyet-dinh-kham-suc-khoe-2026.docx: a province's decision issuing a plan (kham_suc_khoe_docx.py): Điều 1–3, the
  signature, then the plan under the header repeated, with a 'CHỈ TIÊU' section, labelled-line tasks, a 'KINH PHÍ'
  section and the closing 'Trong quá trình triển khai, nếu có khó khăn …'; on the invented Hưng Phước list.
- so-dat-dai-2027.docx: a department's plan for its own divisions and the communes (so_dat_dai_docx.py): 'Tổ chức
  thực hiện' split by division ('Văn phòng Sở:', 'Các Chi cục, Trung tâm thuộc Sở:'), the communes asked ('Đề nghị
  UBND các xã, phường, đặc khu:'), an annex table whose group rows keep their number in the STT cell; on Phú An's
  list, which has the department but none of its divisions;
- de-an-06-xa-long-dien-2026.txt: a commune's plan copied from a web portal: stray spaces and tabs, '-------' rules,
  a list number alone on its line, lines broken mid-phrase (one before 'Điều 25 Nghị định …'), the commune's own
  bodies ('Công an xã', 'Văn phòng HĐND và UBND xã', 'Trưởng các ấp:'), a monthly report, the closing 'Trên đây là …';
- binh-dan-hoc-vu-so-2027.txt: parts ('Phần II' with its title on the next line), many requests to bodies outside
  the administration (some in no list, one followed up by a department, one by nobody), an unnumbered 'Đề nghị …'
  right after a numbered list, cross-references ('mục 2 Phần II'), 'Hằng năm' on an ordinary task, school years.
- y-te-co-so-2027.txt: a provincial plan whose tasks in 'III. NHIỆM VỤ, GIẢI PHÁP' end in a bracketed field list
  '(Cơ quan chủ trì: …; cơ quan phối hợp: …; thời gian: Quý III/2027)' or carry '- Cơ quan thực hiện: …' / '- Thời gian
  hoàn thành: …' lines, times 'trước ngày 31/12 hằng năm', 'trong thời hạn 30 ngày kể từ ngày Kế hoạch này được ban
  hành', 'ngay sau khi Kế hoạch được ban hành', and a closing section of general duties; on An Giang's list;
- an-toan-thuc-pham-2027.docx: a plan implementing a Prime Minister's directive (an_toan_thuc_pham_docx.py), every
  number drawn by Word's multilevel list (the Roman headings through a linked paragraph style), a nested bulleted
  list ('-' then '+'), the title line 'Thực hiện Chỉ thị số …' under 'KẾ HOẠCH', the report schedule 'định kỳ 6 tháng
  (trước ngày 15/6) và hằng năm (trước ngày 15/12)'; on the Hưng Phước list, which has no Sở Công Thương.
The last nine plans were written, and their expected drafts first written by hand, to stress the drafter on layouts
the others do not use; each expected draft was then compared with the hand expectation line by line.
Besides the whole-draft comparison, each genre rule the fixture exercises is asserted by name.
"""
from datetime import date
from pathlib import Path

import re

import pytest
import yaml

from tests.fixtures.plans import (an_toan_thuc_pham_docx, kham_suc_khoe_docx, pci_annex_docx, so_dat_dai_docx,
                                  xu_ly_vi_pham_docx)
from tests.fixtures.plans.task_table_docx import build
from tracking.errors import DataFileError
from tracking.plans.drafter import draft_document
from tracking.plans.loader import UNITS_FILE, load_plan, load_units

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "plans"
TWO_LEVEL_UNITS = FIXTURES / "units_phu_an_2025.yaml"
AN_GIANG_UNITS = FIXTURES / "units_an_giang_2025.yaml"
HUNG_PHUOC_UNITS = FIXTURES / "units_hung_phuoc_2025.yaml"
NAMES = ["chuyen-doi-so-2026", "cai-cach-hanh-chinh-2012", "quyet-dinh-tiep-cong-dan-2026", "pho-bien-phap-luat-2026",
         "van-thu-luu-tru-2026", "phong-chong-ma-tuy-2026", "cai-thien-pci-2027", "xu-ly-vi-pham-hanh-chinh-2013",
         "quyet-dinh-kham-suc-khoe-2026", "so-dat-dai-2027", "de-an-06-xa-long-dien-2026", "binh-dan-hoc-vu-so-2027",
         "y-te-co-so-2027", "an-toan-thuc-pham-2027"]
UNITS_OF = {"cai-cach-hanh-chinh-2012": UNITS_FILE, "quyet-dinh-tiep-cong-dan-2026": FIXTURES / "units_national.yaml",
            "phong-chong-ma-tuy-2026": AN_GIANG_UNITS, "xu-ly-vi-pham-hanh-chinh-2013": UNITS_FILE,
            "quyet-dinh-kham-suc-khoe-2026": HUNG_PHUOC_UNITS, "binh-dan-hoc-vu-so-2027": HUNG_PHUOC_UNITS,
            "y-te-co-so-2027": AN_GIANG_UNITS, "an-toan-thuc-pham-2027": HUNG_PHUOC_UNITS}
BUILT = {"cai-cach-hanh-chinh-2012": build, "cai-thien-pci-2027": pci_annex_docx.build,
         "quyet-dinh-kham-suc-khoe-2026": kham_suc_khoe_docx.build, "so-dat-dai-2027": so_dat_dai_docx.build,
         "an-toan-thuc-pham-2027": an_toan_thuc_pham_docx.build}


def drafted(name: str, tmp_path: Path) -> dict:
    units = load_units(UNITS_OF.get(name, TWO_LEVEL_UNITS))
    if name in BUILT:
        return draft_document(BUILT[name](tmp_path / f"{name}.docx"), units)
    document = {"chuyen-doi-so-2026": "chuyen-doi-so-2026.md",
                "xu-ly-vi-pham-hanh-chinh-2013": "xu-ly-vi-pham-hanh-chinh-2013.pdf"}.get(name, f"{name}.txt")
    return draft_document(FIXTURES / document, units)


def expected(name: str) -> dict:
    return yaml.safe_load((FIXTURES / f"{name}.expected.yaml").read_text(encoding="utf-8"))


def by_clause(draft: dict, clause: str) -> dict:
    return next(r for r in draft["requirements"] if r["clause"] == clause)


@pytest.mark.parametrize("name", NAMES)
def test_each_fixture_drafts_to_its_reviewed_expected_draft(name, tmp_path):
    assert drafted(name, tmp_path) == expected(name)


def test_the_two_level_plan_resolves_collectives_to_levels_the_list_has_and_names_no_district(tmp_path):
    draft = drafted("chuyen-doi-so-2026", tmp_path)
    assert draft["number"] == "215/KH-UBND" and draft["issued_on"] == date(2025, 10, 20)
    assert by_clause(draft, "II")["applies_to"] == {"levels": ["commune"], "groups": ["sbn"]}
    assert all("district" not in r["applies_to"].get("levels", []) for r in draft["requirements"])
    # the paragraph headed by a unit's name makes it the lead of the tasks under it
    assert [by_clause(draft, c)["lead"] for c in ("III.1.a", "III.1.b", "III.2.a", "III.3")] == ["SKHCN", "SKHCN", "SNV", "STC"]
    assert by_clause(draft, "III.1.a")["coordinating"] == ["VPUB", "STC"]


def test_the_background_dates_of_the_legal_basis_are_never_deadlines(tmp_path):
    draft = drafted("chuyen-doi-so-2026", tmp_path)
    deadlines = {r.get("deadline") for r in draft["requirements"]}
    assert date(2020, 3, 5) not in deadlines and date(2025, 7, 14) not in deadlines
    assert "12/2020/QĐ-UBND ngày 05/3/2020" in draft["legal_basis"]


def test_every_deadline_form_of_the_genre_is_read_with_its_qualifier(tmp_path):
    draft = drafted("chuyen-doi-so-2026", tmp_path)
    got = {r["clause"]: (r.get("deadline"), r.get("deadline_qualifier"), r.get("deadline_as_written"))
           for r in draft["requirements"] if r.get("deadline_qualifier")}
    assert got["III.1.a"] == (date(2025, 12, 15), "before", "trước ngày 15 tháng 12 năm 2025")
    assert got["III.2.a"] == (date(2026, 6, 30), "by", "chậm nhất ngày 30/6/2026")
    assert got["II"] == (date(2026, 9, 30), "in_quarter", "trong quý III/2026")
    assert got["III.2.b"] == (None, "ongoing", "Thường xuyên")
    assert got["III.3"] == (None, "event", "theo tiến độ của dự án đầu tư hạ tầng số")
    assert got["III.4"][:2] == (date(2026, 12, 31), "in_year")
    assert by_clause(draft, "III.5")["deadline"] == date(2026, 3, 1)  # "trước tháng 03/2026": the month named
    assert next(r for r in draft["requirements"] if r["clause"] == "III.6")["deadline_qualifier"] == "in_half"


def test_a_unit_missing_from_the_list_and_a_request_are_flagged_not_guessed(tmp_path):
    draft = drafted("chuyen-doi-so-2026", tmp_path)
    police = by_clause(draft, "III.4")
    assert police["lead"] == "" and police["lead_as_written"] == ["Công an tỉnh"]
    assert any(e["field"] == "lead" and "Công an tỉnh" in e["reason"] for e in police["review"])
    request = by_clause(draft, "III.7")
    assert request["kind"] == "request" and request["applies_to"] == {"units": ["MTTQ"]}
    reporting = next(r for r in draft["requirements"] if "recurrence" in r)
    assert reporting["clause"] == "III.5" and reporting["applies_to"] == {"groups": ["sbn"]}
    assert reporting["recurrence"] == {"every": "quarter", "as_written": "Định kỳ hằng quý",
                                       "due_as_written": "trước ngày 15 của tháng cuối quý"}


def test_the_task_table_gives_one_requirement_per_row_under_its_group(tmp_path):
    draft = drafted("cai-cach-hanh-chinh-2012", tmp_path)
    assert [a["code"] for a in draft["areas"]][:2] == ["II.I", "II.II"]
    rows = [r for r in draft["requirements"] if r["clause"].startswith("II.")]
    assert [r["clause"] for r in rows] == ["II.I.1", "II.I.2", "II.II.1", "II.II.2", "II.II.3", "II.II.4", "II.II.5"]
    assert by_clause(draft, "II.II.1")["applies_to"] == {"levels": ["district"]}  # "UBND các huyện, thị xã, thành phố"
    assert by_clause(draft, "II.II.4")["deadline_qualifier"] == "event"


def test_the_decisions_articles_give_no_task_and_the_annexed_plan_does(tmp_path):
    draft = drafted("quyet-dinh-tiep-cong-dan-2026", tmp_path)
    assert draft["issuer"] == "Thủ tướng Chính phủ" and draft["number"] == "318/QĐ-TTg"
    assert not any(r["clause"].startswith("Điều") for r in draft["requirements"])
    assert by_clause(draft, "II.1.a")["deadline"] == date(2026, 9, 30)  # "trong quý\nIII/2026": a wrap, not a section
    assert [r["clause"] for r in draft["requirements"] if r["clause"].startswith("PL")] == ["PL.1", "PL.2", "PL.3"]
    assert by_clause(draft, "II.2.b")["applies_to"] == {"groups": ["sbn"]}  # các bộ, cơ quan ngang bộ


def test_a_task_given_as_a_field_list_is_one_requirement_with_its_fields(tmp_path):
    draft = drafted("pho-bien-phap-luat-2026", tmp_path)
    first = by_clause(draft, "II.1")
    assert (first["title"], first["lead"], first["coordinating"], first["deadline"]) == (
        "Tổ chức hội nghị triển khai Kế hoạch", "STP", ["VPUB"], date(2026, 2, 28))
    assert by_clause(draft, "II.2")["deadline_as_written"] == "Quý II/2026"
    inline = by_clause(draft, "II.3")  # '(Sở Tư pháp chủ trì, Sở Giáo dục và Đào tạo phối hợp; thời gian: tháng 9/2026)'
    assert (inline["lead"], inline["coordinating"], inline["deadline"]) == ("STP", ["SGDDT"], date(2026, 9, 30))
    request = by_clause(draft, "III.3")
    assert request["kind"] == "request" and any("chính trị - xã hội" in e["reason"] for e in request["review"])
    assert not any(r["clause"].startswith("I.") for r in draft["requirements"])  # 'I/ MỤC ĐÍCH, YÊU CẦU'


def test_a_department_plan_with_decimal_clauses_and_twice_yearly_reports(tmp_path):
    draft = drafted("van-thu-luu-tru-2026", tmp_path)
    assert draft["issuer"] == "Sở Nội vụ" and draft["legal_basis"].startswith("Chỉ thị số 05/CT-TTg")
    assert [r["clause"] for r in draft["requirements"][:3]] == ["II.1.1", "II.1.2", "II.1.3"]
    assert by_clause(draft, "II.1.1")["deadline"] == date(2026, 3, 31)  # 'thời gian thực hiện: quý I/2026'
    report = by_clause(draft, "IV")
    assert report["recurrence"]["every"] == "half"
    assert report["recurrence"]["due_as_written"] == "trước ngày 15/6/2026; trước ngày 15/12/2026"
    assert "deadline" not in report


@pytest.mark.parametrize("name", NAMES)
def test_every_problem_the_plan_check_finds_in_a_draft_is_a_field_the_draft_flags(name, tmp_path):
    path = FIXTURES / f"{name}.expected.yaml"
    with pytest.raises(DataFileError) as refused:
        load_plan(path, load_units(UNITS_OF.get(name, TWO_LEVEL_UNITS)))
    draft = expected(name)
    flagged = {("", e["field"]) for e in draft["review"]}
    flagged |= {(r["code"], e["field"]) for r in draft["requirements"] for e in r["review"]}
    for problem in refused.value.problems:
        where = re.match(r"(?:yêu cầu thứ \d+ \((?P<code>[^)]*)\)|đầu tệp), trường '(?P<field>\w+)'", problem)
        assert where and (where["code"] or "", where["field"]) in flagged, problem


def test_a_reviewed_two_level_draft_passes_the_plan_check(tmp_path):
    """What a person does with the flags: set the end date, pick a lead, give the reporting periods."""
    draft = drafted("chuyen-doi-so-2026", tmp_path)
    path = tmp_path / "draft.yaml"
    path.write_text(yaml.safe_dump(draft, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(DataFileError) as refused:
        load_plan(path, load_units(TWO_LEVEL_UNITS))
    assert any("ends_on" in p for p in refused.value.problems)
    draft["ends_on"] = date(2027, 1, 31)
    for r in draft["requirements"]:
        if not r["lead"]:
            r["lead"], r["applies_to"] = "self", r["applies_to"] or {"groups": ["sbn"]}
        if "recurrence" in r:
            r["recurrence"].update(periods=["2026Q1", "2026Q2", "2026Q3", "2026Q4"], due_days_after_period_end=0)
        r["review"] = []
    draft["review"] = []
    path.write_text(yaml.safe_dump(draft, allow_unicode=True, sort_keys=False), encoding="utf-8")
    plan = load_plan(path, load_units(TWO_LEVEL_UNITS))
    assert len(plan.requirements) == len(draft["requirements"])


def test_a_decimal_item_keeps_its_own_number_for_the_letters_under_it(tmp_path):
    draft = drafted("phong-chong-ma-tuy-2026", tmp_path)
    assert [r["clause"] for r in draft["requirements"][:4]] == ["II.1.1", "II.1.2", "II.1.3.a", "II.1.3.b"]
    assert {"code": "II.1.3", "name": "Tuyên truyền trong trường học"} in draft["areas"]


def test_a_time_line_under_a_heading_dates_every_task_under_it_and_is_no_task(tmp_path):
    draft = drafted("phong-chong-ma-tuy-2026", tmp_path)
    section = [r for r in draft["requirements"] if r["clause"].startswith("II.2")]
    assert [r["clause"] for r in section] == ["II.2.1", "II.2.2", "II.2.3"]
    assert {(r["deadline"], r["deadline_qualifier"], r["deadline_clause"]) for r in section} == {
        (date(2026, 12, 15), "before", "II.2")}


def test_the_two_level_deadline_phrases_and_the_duty_formula_after_can_cu(tmp_path):
    draft = drafted("phong-chong-ma-tuy-2026", tmp_path)
    assert (by_clause(draft, "II.3.a")["deadline"], by_clause(draft, "II.3.a")["deadline_as_written"]) == (
        date(2027, 3, 31), "Quý I/2027")  # 'hoàn thành Quý I/2027'
    years = next(r for r in draft["requirements"] if r.get("deadline_as_written") == "năm 2026-2027")
    assert years["deadline"] == date(2027, 12, 31) and any(e["field"] == "deadline" for e in years["review"])
    assert by_clause(draft, "III.6")["deadline"] == date(2026, 10, 30)  # 'Căn cứ chức năng, nhiệm vụ được giao, …'
    school = by_clause(draft, "II.1.3.a")
    assert "deadline" not in school and "năm học 2026-2027" in school["review"][0]["reason"]
    yearly = [r for r in draft["requirements"] if r["clause"] == "III.7"][-1]
    assert yearly["recurrence"] == {"every": "year", "as_written": "Hằng năm", "due_as_written": "trước ngày 15/12"}


def test_requests_are_followed_up_by_the_unit_they_name_and_an_unlisted_body_is_flagged_whole(tmp_path):
    draft = drafted("phong-chong-ma-tuy-2026", tmp_path)
    courts = by_clause(draft, "III.8")
    assert (courts["kind"], courts["applies_to"], courts["lead"], courts["coordinating"]) == (
        "request", {"units": ["TAND", "VKSND"]}, "CAT", ["SYT"])
    assert by_clause(draft, "III.9")["applies_to"] == {"units": ["MTTQ"]}  # 'Ủy ban MTTQ Việt Nam tỉnh'
    party = by_clause(draft, "III.10")
    assert party["lead"] == "" and party["lead_as_written"] == ["Ban Tuyên giáo và Dân vận Tỉnh ủy"]
    schools = by_clause(draft, "II.1.3.b")
    assert schools["lead"] == "" and schools["lead_as_written"] == ["Các cơ sở giáo dục nghề nghiệp"]


def test_an_annex_table_with_whole_row_group_rows_gives_each_group_its_clause(tmp_path):
    draft = drafted("cai-thien-pci-2027", tmp_path)
    annex = [r["clause"] for r in draft["requirements"] if r["clause"].startswith("PL")]
    assert annex == ["PL.I.1", "PL.I.2", "PL.I.3", "PL.II.1", "PL.II.2", "PL.II.3", "PL.II.4", "PL.II.5",
                     "PL.III.1", "PL.III.2", "PL.III.3", "PL.III.4"]
    assert [a["code"] for a in draft["areas"]][-3:] == ["PL.I", "PL.II", "PL.III"]
    assert by_clause(draft, "PL.II.2")["applies_to"] == {"units": ["STC", "SNV"]}  # 'Sở Tài chính, Sở Nội vụ'
    assert by_clause(draft, "PL.II.5")["deadline"] == date(2027, 12, 31)  # the time cell merged down from PL.II.4


def test_the_time_column_says_what_it_cannot_date(tmp_path):
    draft = drafted("cai-thien-pci-2027", tmp_path)
    report = by_clause(draft, "PL.III.4")  # 'Định kỳ hằng quý' is the report's period, not an unread deadline
    assert report["recurrence"]["every"] == "quarter" and not any(e["field"] == "deadline" for e in report["review"])
    yearly = by_clause(draft, "PL.II.3")
    assert "deadline_qualifier" not in yearly and any("lặp lại" in e["reason"] for e in yearly["review"])
    assert by_clause(draft, "PL.III.3")["deadline_qualifier"] == "event"  # 'Theo Kế hoạch … được phê duyệt'
    association = by_clause(draft, "III.3")
    assert association["applies_to"] == {"units": ["MTTQ"]}
    assert any("Hiệp hội Doanh nghiệp tỉnh" in e["reason"] for e in association["review"])


def test_a_department_plan_names_its_divisions_as_written_and_asks_the_communes(tmp_path):
    draft = drafted("so-dat-dai-2027", tmp_path)
    assert draft["issuer"] == "Sở Nông nghiệp và Môi trường" and draft["number"] == "145/KH-SNNMT"
    office = by_clause(draft, "III.1.a")  # 'Văn phòng Sở' is the department's office, not the committee's (VPUB)
    assert (office["lead"], office["lead_as_written"]) == ("", ["Văn phòng Sở"])
    assert by_clause(draft, "III.4")["lead_as_written"] == ["Các Chi cục, Trung tâm thuộc Sở"]  # 'Căn cứ nhiệm vụ …,'
    communes = [r for r in draft["requirements"] if r["clause"] == "III.5"]
    assert {(r["kind"], r["area"]) for r in communes} == {("request", "III")}
    assert communes[1]["recurrence"]["due_as_written"] == "trước ngày 15/6/2027 và 15/12/2027"
    assert [r["clause"] for r in draft["requirements"] if r["clause"].startswith("PL.I.")] == ["PL.I.1", "PL.I.2", "PL.I.3"]
    assert by_clause(draft, "PL.II.1")["lead_as_written"] == ["Chi cục Trồng trọt, Chăn nuôi và Thú y"]
    assert by_clause(draft, "PL.III.2")["coordinating_as_written"] == ["Các phòng, đơn vị thuộc Sở"]


def test_a_commune_plan_copied_from_a_portal_keeps_the_communes_own_bodies_as_written(tmp_path):
    draft = drafted("de-an-06-xa-long-dien-2026", tmp_path)
    assert draft["issuer"] == "Ủy ban nhân dân xã Long Điền" and draft["issued_on"] == date(2026, 3, 9)
    assert by_clause(draft, "III.3")["lead_as_written"] == ["Phòng Văn hóa - Xã hội"]  # its '3.' was on the line above
    assert by_clause(draft, "III.2")["lead_as_written"] == ["Văn phòng HĐND và UBND xã"]
    front = by_clause(draft, "III.5")  # the commune's Front is not the province's, however close the spelling
    assert front["applies_to"] == {} and front["lead"] == ""
    hamlets = [r for r in draft["requirements"] if r["clause"] == "III.4"]
    assert [r["lead_as_written"] for r in hamlets] == [["Trưởng các ấp"], ["Trưởng các ấp"]]
    assert hamlets[1]["recurrence"]["due_as_written"] == "trước ngày 25 hằng tháng"
    assert by_clause(draft, "III.1")["recurrence"]["due_as_written"] == "trước ngày 20"
    assert not any(r["title"].startswith("Trên đây") for r in draft["requirements"])


def test_requests_cross_references_and_repeating_tasks_are_flagged_not_guessed(tmp_path):
    draft = drafted("binh-dan-hoc-vu-so-2027", tmp_path)
    assert [a["code"] for a in draft["areas"]] == ["II.1", "II.2", "II.3", "III", "IV"]  # 'Phần II' … 'Phần IV'
    front = by_clause(draft, "III")  # unnumbered, after '5. … a) … b) …': the section's, not item III.5.b's
    assert (front["kind"], front["applies_to"]) == ("request", {"units": ["MTTQ"]})
    assert by_clause(draft, "IV.1")["lead"] == "SKHCN"      # 'phối hợp với Sở Khoa học và Công nghệ' follows it up
    assert by_clause(draft, "IV.2")["lead"] == ""           # nobody named to follow the Youth Union up: asked, not set
    reference = by_clause(draft, "III.4.a")["review"][0]
    assert reference["field"] == "title" and "mục II.2 của bản nháp" in reference["reason"]
    yearly = by_clause(draft, "II.2.d")  # 'Hằng năm, Sở Khoa học và Công nghệ tổ chức đánh giá …'
    assert yearly["lead"] == "SKHCN" and "deadline" not in yearly and "recurrence" not in yearly
    assert "'Hằng năm': việc lặp lại theo kỳ" in yearly["review"][0]["reason"]
    school = by_clause(draft, "III.2")["review"][-1]["reason"]
    assert school.startswith("'trước khai giảng năm học 2027-2028'")


def test_bracketed_field_lists_and_the_times_counted_from_the_plan(tmp_path):
    draft = drafted("y-te-co-so-2027", tmp_path)
    first = by_clause(draft, "III.1")  # '… một trạm y tế (Cơ quan chủ trì: Sở Y tế; cơ quan phối hợp: …; thời gian: …).'
    assert first["title"].endswith("ít nhất một trạm y tế") and "Cơ quan chủ trì" in first["source"]
    assert (first["lead"], first["coordinating"], first["deadline"]) == ("SYT", ["SNV"], date(2027, 9, 30))
    assert by_clause(draft, "III.5")["title"].endswith("dân cư")  # its field lines' colon left out
    yearly = by_clause(draft, "III.5")  # 'Thời gian hoàn thành: trước ngày 31/12 hằng năm.'
    assert "deadline" not in yearly and "deadline_qualifier" not in yearly
    assert yearly["review"][0]["reason"].startswith("'trước ngày 31/12 hằng năm': việc lặp lại theo kỳ")
    counted = by_clause(draft, "III.6")  # 30 days from 15/3/2027, the first day being 16/3
    assert (counted["deadline"], counted["deadline_qualifier"], counted["deadline_source"]) == (
        date(2027, 4, 14), "by", "inferred")
    assert "15/03/2027" in counted["deadline_note"] and any("14/04/2027" in e["reason"] for e in counted["review"])
    at_once = by_clause(draft, "III.7")
    assert at_once["deadline_qualifier"] == "event" and at_once["review"][0]["field"] == "deadline"
    closing = [r for r in draft["requirements"] if r["clause"] == "IV.2"]  # the general duty beside the report
    assert len(closing) == 1 and closing[0]["recurrence"]["due_as_written"] == "trước ngày 30/11 hằng năm"
    assert not any(r["title"].startswith("Trong quá trình") for r in draft["requirements"])


def test_a_plan_numbered_by_words_multilevel_list_implements_a_directive(tmp_path):
    draft = drafted("an-toan-thuc-pham-2027", tmp_path)
    assert draft["title"].startswith("Kế hoạch thực hiện Chỉ thị số 12/CT-TTg")
    assert draft["legal_basis"].count("12/CT-TTg") == 1  # the title line is no second basis
    assert [r["clause"] for r in draft["requirements"][:4]] == ["II.1.a", "II.1.b", "II.2.a", "II.2.b"]
    dashes = [r for r in draft["requirements"] if r["clause"] == "II.3"]
    assert [(r["lead"], r.get("deadline")) for r in dashes] == [
        ("SVHTTDL", None), ("SGDDT", date(2027, 8, 31)), ("SGDDT", None)]  # '- Sở GD&ĐT …:' heads its '+' items
    assert by_clause(draft, "II.1.a")["coordinating_as_written"] == ["Sở Nông nghiệp và Môi trường", "Sở Công Thương"]
    report = by_clause(draft, "III.4")
    assert report["recurrence"]["every"] == "half" and any("nhiều kỳ" in e["reason"] for e in report["review"])
