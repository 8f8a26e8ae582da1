"""Two plans as offices issue them, each written for these tests with its expected draft first written by hand:
- a plan typed in Word and printed to PDF (xu_ly_vi_pham_docx.py → xu-ly-vi-pham-hanh-chinh-2013.pdf, printed once by
  LibreOffice and committed): the draft of the PDF must be the draft of the .docx it was printed from, whatever the
  text layer adds (the page number between two halves of a sentence, the header's two columns on one line);
- a decision issuing a plan (kham_suc_khoe_docx.py): its articles, targets, budget section and closing sentence give
  no task; the plan's labelled lines, its 'Căn cứ chức năng, nhiệm vụ được giao, …' paragraph and its reports do.
The whole drafts are compared with their expected files in test_drafter_fixtures.py; here each rule is named."""
import shutil
from datetime import date
from pathlib import Path

import pytest

from tests.fixtures.plans import kham_suc_khoe_docx, office_docx, xu_ly_vi_pham_docx
from tracking.plans.drafter import draft_document
from tracking.plans.drafter.reading import read_document
from tracking.plans.drafter.unit_lists import units_of_province
from tracking.plans.loader import UNITS_FILE, load_units

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "plans"
PDF = FIXTURES / "xu-ly-vi-pham-hanh-chinh-2013.pdf"
SOC_TRANG = load_units(UNITS_FILE)
HUNG_PHUOC = load_units(FIXTURES / "units_hung_phuoc_2025.yaml")


def by_clause(draft: dict, clause: str) -> list[dict]:
    return [r for r in draft["requirements"] if r["clause"] == clause]


def test_the_printed_pdf_drafts_exactly_as_the_word_file_it_was_printed_from(tmp_path):
    from_docx = draft_document(xu_ly_vi_pham_docx.build(tmp_path / "plan.docx"), SOC_TRANG)
    assert draft_document(PDF, SOC_TRANG) == from_docx
    assert units_of_province("94") == SOC_TRANG  # '--province 94' reads the list the fixture is drafted against


def test_the_page_number_and_the_headers_two_columns_leave_the_pdfs_text(tmp_path):
    texts = [b.text for b in read_document(PDF)]
    broken = next(t for t in texts if t.startswith("1. Thủ trưởng các sở"))
    assert "triển khai thi hành Luật tại cơ quan" in broken  # page 2 ends on 'thi', page 3 starts with 'hành'
    assert not any(t.strip() in ("1", "2", "3") for t in texts)
    draft = draft_document(PDF, SOC_TRANG)
    assert (draft["number"], draft["issued_on"]) == ("07/KH-UBND", date(2013, 1, 15))  # 'Số: … Sóc Trăng, ngày …'
    assert draft["title"] == "Kế hoạch triển khai thi hành Luật Xử lý vi phạm hành chính trên địa bàn tỉnh Sóc Trăng"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
@pytest.mark.parametrize("builder, units", [(xu_ly_vi_pham_docx, SOC_TRANG), (kham_suc_khoe_docx, HUNG_PHUOC)])
def test_printing_either_word_file_to_pdf_again_changes_nothing_in_its_draft(builder, units, tmp_path):
    source = builder.build(tmp_path / "plan.docx")
    assert draft_document(office_docx.to_pdf(source, tmp_path), units) == draft_document(source, units)


def test_lettered_field_lines_are_one_task_whose_content_line_is_its_title():
    (task,) = by_clause(draft_document(PDF, SOC_TRANG), "II.1")
    assert task["title"].startswith("Tổ chức hội nghị quán triệt, phổ biến nội dung Luật cho lãnh đạo")
    assert (task["lead"], task["coordinating"], task["deadline"], task["deadline_as_written"]) == (
        "STP", ["VPUB", "SNV"], date(2013, 3, 31), "Quý I năm 2013")
    assert not any(r["clause"].startswith("II.1.") for r in draft_document(PDF, SOC_TRANG)["requirements"])


def test_the_plans_own_readings_of_its_harder_sentences():
    draft = draft_document(PDF, SOC_TRANG)
    (review,) = by_clause(draft, "II.3")  # 'kiến nghị bãi bỏ, sửa đổi …' is work, not the article that repeals an act
    assert (review["lead"], review["deadline"]) == ("STP", date(2013, 5, 31))
    (training,) = by_clause(draft, "II.4.b")  # 'quý II và quý III năm 2013': the work ends with the last quarter
    assert (training["deadline"], training["deadline_qualifier"]) == (date(2013, 9, 30), "in_quarter")
    (some,) = by_clause(draft, "II.4.c")  # 'Các sở, ban, ngành tỉnh có người có thẩm quyền … cử …'
    assert (some["lead"], some["applies_to"]) == ("self", {"groups": ["sbn"]})
    assert any(e["field"] == "applies_to" and "chỉ các đơn vị có" in e["reason"] for e in some["review"])
    (press,) = by_clause(draft, "II.2.b")  # bodies the list lacks are quoted up to their verb, and flagged
    assert press["lead_as_written"] == ["Đài Phát thanh và Truyền hình tỉnh", "Báo Sóc Trăng"] and press["lead"] == ""
    (front,) = by_clause(draft, "III.5")  # a request to a body the list lacks: quoted whole, nobody picked
    assert front["lead_as_written"] == ["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "các tổ chức thành viên"]
    assert (front["kind"], front["lead"], front["applies_to"]) == ("request", "", {})
    assert not any("Trong quá trình" in r["title"] for r in draft["requirements"])


@pytest.fixture(scope="module")
def decision(tmp_path_factory) -> dict:
    return draft_document(kham_suc_khoe_docx.build(tmp_path_factory.mktemp("qd") / "qd.docx"), HUNG_PHUOC)


def test_the_decisions_articles_targets_budget_source_and_closing_give_no_task(decision):
    assert (decision["number"], decision["issued_on"], decision["issuer"]) == (
        "215/QĐ-UBND", date(2026, 1, 20), "Ủy ban nhân dân tỉnh Hưng Phước")
    clauses = [r["clause"] for r in decision["requirements"]]
    assert not any(c.startswith(("Điều", "I.", "II.")) or c in ("I", "II", "IV.1") for c in clauses)
    assert [a["code"] for a in decision["areas"]] == ["III", "IV", "V"]
    assert not any(r["title"].startswith(("Trong quá trình", "ỦY BAN", "Triển khai khám")) for r in decision["requirements"])
    (budget,) = by_clause(decision, "IV.2")  # the budget task of Sở Tài chính is a task
    assert (budget["lead"], budget["coordinating"]) == ("STC", ["SYT"])


def test_labelled_lines_give_the_task_and_an_unread_time_is_said_to_repeat(decision):
    (first,) = by_clause(decision, "III.1")
    assert (first["lead"], first["coordinating"], first["deadline"]) == ("SYT", ["BHXH", "STC"], date(2026, 3, 31))
    (yearly,) = by_clause(decision, "III.2")  # 'Thời gian thực hiện: Hằng năm, bắt đầu từ năm 2026.'
    assert "deadline_qualifier" not in yearly and any("lặp lại theo kỳ" in e["reason"] for e in yearly["review"])
    (press,) = by_clause(decision, "III.7")
    assert press["coordinating_as_written"] == ["Sở Y tế", "Báo và Phát thanh, Truyền hình Hưng Phước",
                                                "các cơ quan, đơn vị liên quan"]


def test_the_unit_headed_duties_of_the_decisions_plan(decision):
    (departments,) = by_clause(decision, "V.4")  # 'Căn cứ chức năng, nhiệm vụ được giao, chủ động phối hợp …'
    assert (departments["lead"], departments["applies_to"], departments["coordinating"]) == (
        "self", {"groups": ["sbn"]}, ["SYT"])
    work, report = by_clause(decision, "V.5.b")  # 'Bố trí …; báo cáo … trước ngày 10/12 hằng năm': two duties
    assert "recurrence" not in work and report["recurrence"]["every"] == "year"
    assert report["recurrence"]["due_as_written"] == "trước ngày 10/12 hằng năm"
    (insurance,) = by_clause(decision, "V.3")
    assert (insurance["kind"], insurance["lead"], insurance["applies_to"]) == ("request", "SYT", {"units": ["BHXH"]})
