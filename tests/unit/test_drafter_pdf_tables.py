"""A task table in a PDF is read from its ruling lines into the rows of cells a .docx gives (pdf_tables.py):
- the PCI annex (pci_annex_docx.py) printed once by LibreOffice and committed (cai-thien-pci-2027.pdf): three pages,
  rows split by the page, cells wrapped over many lines, group rows across the table, a time cell merged down over a
  page break, an empty 'Cơ quan phối hợp' cell: its draft is the .docx's expected draft;
- tables written here with fpdf2: a table over two pages with its header row repeated, one whose cells wrap, and one
  without ruling lines (its columns cannot be told: no task from it, a review note instead)."""
import shutil
from pathlib import Path

import pytest
import yaml

from tests.fixtures.plans import office_docx, pci_annex_docx
from tests.unit.test_drafter_reading import vietnamese_pdf
from tracking.plans.drafter import draft_document
from tracking.plans.drafter.reading import read_document
from tracking.plans.loader import load_units

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "plans"
PDF = FIXTURES / "cai-thien-pci-2027.pdf"
PHU_AN = load_units(FIXTURES / "units_phu_an_2025.yaml")
EXPECTED = yaml.safe_load((FIXTURES / "cai-thien-pci-2027.expected.yaml").read_text(encoding="utf-8"))
HEADER = ("STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành", "Sản phẩm")


def test_the_printed_annex_drafts_exactly_as_the_word_file_it_was_printed_from():
    assert draft_document(PDF, PHU_AN) == EXPECTED


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_printing_the_annex_to_pdf_again_changes_nothing_in_its_draft(tmp_path):
    source = pci_annex_docx.build(tmp_path / "cai-thien-pci-2027.docx")
    assert draft_document(office_docx.to_pdf(source, tmp_path), PHU_AN) == EXPECTED


def test_rows_split_by_the_page_and_a_cell_merged_down_over_the_break_read_as_in_the_word_file(tmp_path):
    (table,) = [b.rows for b in read_document(PDF) if b.is_table]
    word = [b.rows for b in read_document(pci_annex_docx.build(tmp_path / "pl.docx")) if b.is_table][-1]
    assert table == word
    assert table[3][1] == "Công khai quy hoạch, kế hoạch sử dụng đất cấp tỉnh trên Cổng thông tin điện tử tỉnh"
    assert table[9][4] == table[10][4] == "Năm 2027"  # merged down; row 4 is split by the page inside the merge


def _pdf(path: Path, rows, ruled: bool = True, repeat: int = 1, filler: int = 0) -> Path:
    pdf = vietnamese_pdf()
    for line in ("Số: 58/KH-UBND", "KẾ HOẠCH", "Thực hiện nhiệm vụ năm 2027", "I. NHIỆM VỤ",
                 "Các nhiệm vụ cụ thể được phân công tại Phụ lục kèm theo.") + ("Nội dung khác của kế hoạch.",) * filler:
        pdf.multi_cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 7, "PHỤ LỤC", new_x="LMARGIN", new_y="NEXT")
    plain = pytest.importorskip("fpdf").FontFace(emphasis="")
    with pdf.table(col_widths=(10, 50, 30, 30, 25, 25), repeat_headings=repeat, text_align="LEFT", headings_style=plain,
                   borders_layout="ALL" if ruled else "NONE") as table:
        for values in (HEADER,) + tuple(rows):
            row = table.row()
            if len(values) == 1:
                row.cell(values[0], colspan=6)
            else:
                for value in values:
                    row.cell(value)
    pdf.output(str(path))
    return path


ROWS = [("I. NHÓM NHIỆM VỤ HỖ TRỢ DOANH NGHIỆP",)] + [
    (str(i), f"Tổ chức hội nghị đối thoại với doanh nghiệp lần thứ {i} tại tỉnh", "Sở Tài chính",
     "Văn phòng UBND tỉnh", f"Trước ngày {i}/12/2027", "") for i in range(1, 13)]


def test_a_table_over_two_pages_with_its_header_repeated_gives_each_row_once(tmp_path):
    pdf = _pdf(tmp_path / "hai-trang.pdf", ROWS, filler=12)
    from pypdf import PdfReader
    assert len(PdfReader(str(pdf)).pages) == 2
    draft = draft_document(pdf, PHU_AN)
    rows = [r for r in draft["requirements"] if r["clause"].startswith("PL")]
    assert [r["clause"] for r in rows] == [f"PL.I.{i}" for i in range(1, 13)]
    assert all(r["lead"] == "STC" for r in rows) and rows[-1]["title"].endswith("lần thứ 12 tại tỉnh")
    assert rows[-1]["deadline"].isoformat() == "2027-12-12"
    assert not any(e["field"] == "requirements" for e in draft["review"])


def test_a_row_whose_cells_wrap_is_one_task_with_its_whole_text(tmp_path):
    long = ("Rà soát, đánh giá toàn bộ thủ tục hành chính liên quan đến doanh nghiệp và đề xuất cắt giảm, "
            "đơn giản hóa ít nhất 20% thời gian giải quyết")
    pdf = _pdf(tmp_path / "xuong-dong.pdf", [("1", long, "Sở Tư pháp", "Các sở, ban, ngành tỉnh; UBND các xã, phường, "
                                              "đặc khu", "Quý III/2027", "Báo cáo")])
    (task,) = [r for r in draft_document(pdf, PHU_AN)["requirements"] if r["clause"].startswith("PL")]
    assert task["title"].startswith("Rà soát, đánh giá toàn bộ thủ tục hành chính")
    assert task["lead"] == "STP" and task["deadline"].isoformat() == "2027-09-30"


def test_a_table_without_ruling_lines_gives_no_junk_task_but_a_note(tmp_path):
    pdf = _pdf(tmp_path / "khong-ke.pdf", ROWS[:4], ruled=False)
    draft = draft_document(pdf, PHU_AN)
    assert not any(r["clause"].startswith("PL") or "Sở Tài chính" in r["title"] for r in draft["requirements"])
    assert any(e["field"] == "requirements" and "không kẻ đường ô" in e["reason"] for e in draft["review"])


def test_a_table_the_table_reader_cannot_parse_is_left_out_with_the_note_not_half_read(tmp_path, monkeypatch):
    from tracking.plans.drafter import pdf_tables

    def broken(path):
        raise ValueError("pdfminer: bad xref in a file pypdf could read")

    monkeypatch.setattr(pdf_tables, "read_tables", broken)
    draft = draft_document(_pdf(tmp_path / "ke.pdf", ROWS[:4]), PHU_AN)
    assert not any(r["clause"].startswith("PL") or "Sở Tài chính" in r["title"] for r in draft["requirements"])
    assert any(e["field"] == "requirements" and "không kẻ đường ô" in e["reason"] for e in draft["review"])
