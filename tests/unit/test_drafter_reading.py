"""Reading the document: a PDF with a text layer (written here with fpdf2 and a Unicode font), a Word file, text
copied from a website; refusals in Vietnamese for what cannot be read."""
from datetime import date
from pathlib import Path

import docx
import pytest

from tracking.errors import TrackingError
from tracking.plans.drafter import draft_document
from tracking.plans.drafter.reading import read_document
from tracking.plans.loader import load_units

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "plans"
TWO_LEVEL = load_units(FIXTURES / "units_phu_an_2025.yaml")
PLAN_MD = FIXTURES / "chuyen-doi-so-2026.md"
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def vietnamese_pdf():
    """An fpdf2 document on its first page, in a Unicode font that writes Vietnamese (the test skips without one)."""
    fpdf = pytest.importorskip("fpdf")
    if not FONT.exists():
        pytest.skip("no Unicode TrueType font (DejaVu) on this machine to write Vietnamese into a PDF")
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=11)
    return pdf


def write_pdf(lines: list[str], path: Path) -> Path:
    """A PDF whose text layer holds the lines, wrapped at the page width as a real PDF's text is."""
    pdf = vietnamese_pdf()
    for line in lines:
        if line.strip():
            pdf.multi_cell(0, 6, line.replace("**", "").lstrip("#| ").rstrip("| "), new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.ln(4)
    pdf.output(str(path))
    return path


def test_a_pdf_with_a_text_layer_drafts_like_the_text_it_was_made_from(tmp_path):
    lines = PLAN_MD.read_text(encoding="utf-8").splitlines()
    pdf = write_pdf(lines, tmp_path / "ke-hoach.pdf")
    from_pdf = draft_document(pdf, TWO_LEVEL)
    from_text = draft_document(PLAN_MD, TWO_LEVEL)
    assert from_pdf["number"] == "215/KH-UBND"
    assert [(r["clause"], r["lead"], r.get("deadline")) for r in from_pdf["requirements"]] == [
        (r["clause"], r["lead"], r.get("deadline")) for r in from_text["requirements"]]


def test_a_pdf_without_text_is_refused_as_a_scan(tmp_path):
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.output(str(tmp_path / "scan.pdf"))
    with pytest.raises(TrackingError, match="không có lớp chữ"):
        read_document(tmp_path / "scan.pdf")


def test_a_word_paragraphs_soft_line_breaks_are_wraps(tmp_path):
    document = docx.Document()
    document.add_paragraph("II. NHIỆM VỤ")
    paragraph = document.add_paragraph("1. Sở Nội vụ chủ trì rà soát đội ngũ cán bộ,")
    paragraph.add_run().add_break()
    paragraph.add_run("hoàn thành trước ngày 30/10/2026.")
    document.save(str(tmp_path / "plan.docx"))
    assert [b.text for b in read_document(tmp_path / "plan.docx")] == [
        "II. NHIỆM VỤ", "1. Sở Nội vụ chủ trì rà soát đội ngũ cán bộ, hoàn thành trước ngày 30/10/2026."]


def test_words_own_list_numbering_gives_the_clauses(tmp_path):
    """Word draws '1.', '2.' and bullets of a numbered list without storing them in the text; they are put back."""
    document = docx.Document()
    document.add_paragraph("II. NHIỆM VỤ")
    document.add_paragraph("Sở Nội vụ chủ trì rà soát cán bộ, hoàn thành trong quý II/2026.", style="List Number")
    document.add_paragraph("Sở Tài chính bố trí kinh phí.", style="List Number")
    document.add_paragraph("Đầu tư trang thiết bị.", style="List Bullet")
    document.save(str(tmp_path / "plan.docx"))
    assert [b.text for b in read_document(tmp_path / "plan.docx")] == [
        "II. NHIỆM VỤ", "1. Sở Nội vụ chủ trì rà soát cán bộ, hoàn thành trong quý II/2026.",
        "2. Sở Tài chính bố trí kinh phí.", "- Đầu tư trang thiết bị."]
    draft = draft_document(tmp_path / "plan.docx", TWO_LEVEL)
    assert [(r["clause"], r["lead"]) for r in draft["requirements"]] == [("II.1", "SNV"), ("II.2", "STC"), ("II.2", "STC")]


def test_a_plan_typed_inside_a_layout_table_is_read_as_text(tmp_path):
    document = docx.Document()
    cell = document.add_table(rows=1, cols=1).rows[0].cells[0]
    cell.paragraphs[0].text = "II. NHIỆM VỤ"
    cell.add_paragraph("1. Sở Nội vụ chủ trì rà soát cán bộ, hoàn thành trong quý II/2026.")
    cell.add_paragraph("2. UBND các xã, phường niêm yết thủ tục hành chính.")
    document.save(str(tmp_path / "plan.docx"))
    draft = draft_document(tmp_path / "plan.docx", TWO_LEVEL)
    assert [(r["clause"], r["lead"], r.get("deadline")) for r in draft["requirements"]] == [
        ("II.1", "SNV", date(2026, 6, 30)), ("II.2", "self", None)]


def test_text_copied_from_a_website_reads_like_the_clean_text(tmp_path):
    clean = ["II. NHIỆM VỤ", "1. Sở Nội vụ chủ trì rà soát đội ngũ cán bộ, hoàn thành trước ngày 30/10/2026.",
             "2. Sở Tài chính bố trí kinh phí thực hiện."]
    messy = ["| **II. NHIỆM VỤ** |", "**1.** Sở Nội vụ chủ trì rà soát đội ngũ", "cán bộ, hoàn thành trước ngày",
             "30/10/2026.", "| 2. Sở Tài chính bố trí kinh phí | ", "thực hiện."]
    (tmp_path / "clean.txt").write_text("\n".join(clean), encoding="utf-8")
    (tmp_path / "messy.md").write_text("\r\n".join(messy), encoding="utf-8")
    assert draft_document(tmp_path / "messy.md", TWO_LEVEL)["requirements"] == \
        draft_document(tmp_path / "clean.txt", TWO_LEVEL)["requirements"]


@pytest.mark.parametrize("name, content, message", [
    ("plan.odt", b"x", "chỉ đọc được"),
    ("plan.docx", b"not a zip", "không đọc được tệp Word"),
    ("plan.pdf", b"%PDF-1.4 broken", "không đọc được tệp PDF|không có lớp chữ"),
    ("plan.txt", "Kế hoạch".encode("cp1258", errors="replace") + b"\xff\xfe\x00", "không phải văn bản UTF-8"),
])
def test_a_file_that_cannot_be_read_is_refused_in_vietnamese(tmp_path, name, content, message):
    (tmp_path / name).write_bytes(content)
    with pytest.raises(TrackingError, match=message):
        read_document(tmp_path / name)


def test_the_same_document_gives_the_same_draft():
    assert draft_document(PLAN_MD, TWO_LEVEL) == draft_document(PLAN_MD, list(reversed(TWO_LEVEL)))


def test_the_layout_a_legal_documents_website_gives_is_read_back_into_a_heading_and_tasks():
    """Header cells on their own lines ('Số:' / '1576/KH-UBND', 'Phú An, ngày' / '11 tháng 10 năm 2025'), '|' and
    '-------' between them, every sentence broken at a narrow column, dates broken off their line."""
    draft = draft_document(FIXTURES / "danh-gia-hai-long-2026-web.txt", TWO_LEVEL)
    assert (draft["issuer"], draft["number"], draft["issued_on"]) == ("Ủy ban nhân dân tỉnh Phú An", "1576/KH-UBND",
                                                                      date(2025, 10, 11))
    assert draft["title"] == "Kế hoạch triển khai đánh giá sự hài lòng về giải quyết thủ tục hành chính năm 2026"
    assert draft["legal_basis"].startswith("Nghị định số 61/2018/NĐ-CP ngày 23 tháng 4 năm 2018")
    assert [(r["clause"], r["lead"], r["coordinating"], r.get("deadline")) for r in draft["requirements"]] == [
        ("II.1", "SNV", [], date(2025, 11, 30)), ("II.2", "VPUB", ["SKHCN"], date(2026, 3, 31))]


def test_a_nested_bulleted_word_list_keeps_its_depth(tmp_path):
    """Word's bullet glyph is often a private-use symbol; the level of the list says '-' or '+'."""
    from tests.fixtures.plans.an_toan_thuc_pham_docx import BULLETS, _lists, _num_pr
    document = docx.Document()
    _lists(document)
    document.add_paragraph("II. NHIỆM VỤ")
    for level, text in ((0, "Sở Nội vụ thực hiện các nội dung sau:"), (1, "Rà soát cán bộ, hoàn thành trong quý II/2026;"),
                        (1, "Bồi dưỡng cán bộ trong quý III/2026.")):
        document.add_paragraph(text)._p.get_or_add_pPr()._insert_numPr(_num_pr(BULLETS, level))
    document.save(str(tmp_path / "plan.docx"))
    assert [b.text[:2] for b in read_document(tmp_path / "plan.docx")] == ["II", "- ", "+ ", "+ "]
    draft = draft_document(tmp_path / "plan.docx", TWO_LEVEL)
    assert [(r["lead"], r["deadline"]) for r in draft["requirements"]] == [("SNV", date(2026, 6, 30)),
                                                                           ("SNV", date(2026, 9, 30))]
