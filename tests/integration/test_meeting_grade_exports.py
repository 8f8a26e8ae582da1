"""Exports fit for a leadership meeting: slide charts legible in the room, every file says what and when it is,
the workbook and the Word report print properly, and the English deck speaks English."""
import io
import re
import shutil
import subprocess
import zipfile
from datetime import date

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from pptx import Presentation

from tracking.charts.registry import CHARTS, slide_figures
from tracking.charts.slide import MIN_PT, PICTURE_WIDTH_PT, ROWS_PER_SLIDE, smallest_text_pt
from tracking.errors import TrackingError
from tracking.exports import images, service
from tracking.exports.docx_report import consolidated_report
from tracking.exports.pptx_deck import MARGIN, WIDTH, build_deck
from tracking.exports.xlsx import compliance_workbook

AS_OF = date(2012, 1, 31)
needs_chromium = pytest.mark.skipif(images.chromium_path() is None, reason="no Chromium for kaleido")


@pytest.fixture
def data(demo_engine):
    return service.load(demo_engine, AS_OF)


# ---- slides -----------------------------------------------------------------------------------------------------

def test_every_slide_chart_has_text_of_at_least_14_pt_at_slide_size_and_no_title_inside(data):
    for lang in ("vi", "en"):
        for title, fig in slide_figures(data, lang):
            assert smallest_text_pt(fig, PICTURE_WIDTH_PT) >= MIN_PT, title
            assert not fig.layout.title.text, title  # the slide's title names the chart


def test_todays_screen_figures_would_be_too_small_on_a_slide(data):
    # The check itself bites: a dashboard figure (1280 px of 13 px text) shrunk into the slide's picture box.
    spec, fig = CHARTS[0], CHARTS[0].build(data, "vi")
    assert smallest_text_pt(fig.update_layout(width=1280), PICTURE_WIDTH_PT) < MIN_PT


def test_long_charts_are_split_across_slides(data):
    slides = slide_figures(data, "vi")
    gantt = [fig for title, fig in slides if title.startswith("Thời hạn và thực tế hoàn thành")]
    rows = [len(fig.layout.yaxis.categoryarray) for fig in gantt]
    assert len(gantt) > 1 and max(rows) <= ROWS_PER_SLIDE
    from tracking.analysis.schedule import requirement_schedule
    assert sum(rows) == len(requirement_schedule(data.snapshot))  # split, nothing dropped
    for title, fig in slides:
        if fig.data and fig.data[0].type == "heatmap":
            assert len(fig.data[0].y) <= ROWS_PER_SLIDE and len(fig.data[0].x) <= len(data.areas), title


def test_the_deck_opens_with_key_messages_from_the_data_and_puts_unit_tables_in_an_appendix(data):
    prs = Presentation(io.BytesIO(build_deck(data, [])))
    titles = [s.shapes.title.text for s in prs.slides]
    assert titles[1] == "Những điểm chính"
    messages = " ".join(sh.text_frame.text for sh in prs.slides[1].shapes if sh.has_text_frame)
    overdue = int((data.snapshot["status"] == "overdue").sum())
    assert f"{overdue} mốc quá hạn" in messages and "Bồi dưỡng nghiệp vụ (hạn: trước tháng 06/2011 (tính đến hết 31/05/2011))" in messages
    appendix = titles.index("Phụ lục: các đơn vị quá hạn theo lĩnh vực")
    assert all(t.startswith("Phụ lục — Đơn vị quá hạn") for t in titles[appendix + 1:])
    for slide in prs.slides:  # the same side margins everywhere: no table runs edge to edge
        for shape in slide.shapes:
            if shape.has_table:
                assert shape.left >= MARGIN - 5 and shape.left + shape.width <= WIDTH - MARGIN + 5, slide.shapes.title.text


def test_the_english_deck_uses_english_words_everywhere(data):
    prs = Presentation(io.BytesIO(build_deck(data, [], "en")))
    text = " ".join(cell.text for slide in prs.slides for shape in slide.shapes if shape.has_table
                    for row in shape.table.rows for cell in row.cells)
    text += " ".join(sh.text_frame.text for slide in prs.slides for sh in slide.shapes if sh.has_text_frame)
    assert "STT" not in text and "Quý" not in text and "Định kỳ hàng quý" not in text
    assert "Q4/2010" in text and "No." in text
    for title, fig in slide_figures(data, "en"):
        labels = " ".join(str(v) for v in (fig.layout.yaxis.categoryarray or ()))
        notes = " ".join(fig.layout["yaxis2"].ticktext or ()) if "yaxis2" in fig.layout else ""
        assert "Quý" not in labels and "xong" not in notes, title


# ---- every file says what it is ---------------------------------------------------------------------------------

def test_every_exported_figure_carries_the_date_and_the_demo_label(data, monkeypatch):
    drawn = []
    monkeypatch.setattr(images, "render_many", lambda figs, fmt="png", exact=False, progress=None:
                        [drawn.append(fig) or b"" for fig in figs])
    pictures = service.chart_images(data, "png")
    assert len(drawn) == len(CHARTS)
    for fig in drawn:
        texts = " ".join(a.text for a in fig.layout.annotations) + " " + (fig.layout.title.subtitle.text or "")
        assert "31/01/2012" in texts and "Dữ liệu minh họa" in texts
    assert all(p.filename.endswith("-2012-01-31.png") for p in pictures)


@needs_chromium
def test_every_svg_shows_the_date_and_the_demo_label_in_the_picture(data):
    archive = zipfile.ZipFile(io.BytesIO(service.export_bytes("svg", data)))
    assert len(archive.namelist()) == len(CHARTS)
    for name in archive.namelist():
        svg = archive.read(name).decode()
        assert name.endswith("-2012-01-31.svg")
        assert "Tình hình đến ngày 31/01/2012" in svg and "Dữ liệu minh họa" in svg, name


def test_the_workbook_opens_on_a_sheet_that_states_plan_date_and_demo_label(data):
    wb = load_workbook(io.BytesIO(compliance_workbook(data)))
    first = wb.worksheets[0]
    top = [first.cell(row=r, column=1).value for r in (1, 2, 3)]
    assert top[0] == data.plan["title"] and "31/01/2012" in top[1] and "minh họa" in top[2]
    values = list(first.iter_rows(values_only=True))
    total = next(r for r in values if r[0] == "Tổng cộng")
    assert total[2] == len(data.snapshot)


def test_the_workbook_prints_landscape_one_page_wide_with_repeated_headers_title_date_and_page_numbers(data):
    wb = load_workbook(io.BytesIO(compliance_workbook(data)))
    for ws in wb.worksheets:
        setup = ws.page_setup
        assert setup.orientation == "landscape" and int(setup.paperSize) in (int(ws.PAPERSIZE_A4), int(ws.PAPERSIZE_A3))
        assert ws.print_title_rows
        assert "31/01/2012" in ws.oddHeader.right.text and "Dữ liệu minh họa" in ws.oddHeader.right.text
        assert ws.oddHeader.left.text and "&P" in ws.oddFooter.right.text and "&N" in ws.oddFooter.right.text
        assert f"{setup.scale}%" in ws.oddFooter.center.text  # the scale is stated on the page
    sheet = wb["Tuân thủ"]
    header = [c.value for c in sheet[1]]
    assert "Ghi chú" not in header  # no milestone has a note yet: no empty column on paper
    requirement = header.index("Yêu cầu") + 1
    assert sheet.cell(row=2, column=requirement).alignment.wrap_text


PAPER_WIDTH_PT = {9: 842, 8: 1191}  # landscape: A4, A3 (openpyxl's paper size codes)


def test_the_workbook_prints_its_text_at_9_pt_or_more_and_one_page_wide(data):
    # From what the file says: paper, scale, margins, column widths, font sizes. A column of width w is
    # (7w + 5) px at 100%, 0.75 pt a pixel; the text prints at its size times the scale.
    wb = load_workbook(io.BytesIO(compliance_workbook(data)))
    for ws in wb.worksheets:
        setup = ws.page_setup
        assert not ws.sheet_properties.pageSetUpPr.fitToPage  # a stated scale, not whatever fits
        scale = setup.scale / 100
        used = [c for c in range(1, ws.max_column + 1)]
        widths = [ws.column_dimensions[get_column_letter(c)].width for c in used]
        printed = sum((int(w * 7 + 0.5) + 5) * 0.75 for w in widths) * scale
        room = PAPER_WIDTH_PT[int(setup.paperSize)] - 72 * (ws.page_margins.left + ws.page_margins.right)
        assert printed <= room, (ws.title, printed, room)
        sizes = {cell.font.sz or 11 for row in ws.iter_rows() for cell in row if cell.value is not None}
        assert min(sizes) * scale >= 9, (ws.title, min(sizes) * scale)


def test_no_cell_spills_and_header_rows_hold_their_wrapped_names(data):
    wb = load_workbook(io.BytesIO(compliance_workbook(data)))
    sheet = wb["Tuân thủ"]
    header = [c.value for c in sheet[1]]
    for name in ("Mã đơn vị", "Mã yêu cầu", "Điều khoản"):  # codes are not wrapped: their column holds the longest
        col = header.index(name) + 1
        longest = max(len(str(sheet.cell(row=r, column=col).value or "")) for r in range(2, sheet.max_row + 1))
        assert sheet.column_dimensions[get_column_letter(col)].width >= longest * 1.2, name
    for col, name in enumerate(header, start=1):  # no empty column
        assert any(sheet.cell(row=r, column=col).value not in (None, "") for r in range(2, sheet.max_row + 1)), name
    lines = max(-(-len(name) // int(sheet.column_dimensions[get_column_letter(c)].width)) for c, name in
                enumerate(header, start=1))
    assert sheet.row_dimensions[1].height >= 15 * min(lines, 2)  # a two-line header does not cover row 2


# ---- the Word report ----------------------------------------------------------------------------------------------

def _report(data):
    import docx
    return docx.Document(io.BytesIO(consolidated_report(data, issued_on=date(2012, 2, 3))))


def test_no_keep_with_next_chain_pushes_the_first_table_off_page_one(data):
    document = _report(data)
    body = document.element.body
    chain = longest = 0
    for p in body.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"):
        keep = p.pPr is not None and p.pPr.keepNext is not None and p.pPr.keepNext.val is not False
        chain = chain + 1 if keep else 0
        longest = max(longest, chain)
    assert longest <= 12  # a caption and a header row (one paragraph per header cell), never the whole table
    for table in document.tables[1:-1]:
        for row in table.rows:
            assert row._tr.trPr is not None and row._tr.trPr.find(
                "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}cantSplit") is not None
        header = table.rows[0]._tr.trPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader")
        assert header is not None


def test_narrow_columns_never_break_a_single_word(data):
    from PIL import ImageFont

    try:
        font = ImageFont.truetype("LiberationSerif-Bold.ttf", 130)  # Times New Roman metrics, 13 pt × 10
    except OSError:
        pytest.skip("fonts-liberation is not installed")
    document = _report(data)
    for table in document.tables[1:-1]:
        for row in table.rows:
            for cell in row.cells:
                room_pt = cell.width / 12700 - 2 * 3.5  # the cell margins set in docx_format (70 twips each side)
                for word in cell.text.split():
                    assert font.getlength(word) / 10 <= room_pt, (word, cell.text)


def test_the_place_and_date_line_is_the_date_of_issue_and_the_title_the_status_date(data):
    document = _report(data)
    header = document.tables[0].rows[0].cells[1].text
    assert "ngày 03 tháng 02 năm 2012" in header
    assert "(Tình hình đến ngày 31/01/2012)" in [p.text for p in document.paragraphs]


def test_an_english_word_report_is_refused_with_a_message(data):
    with pytest.raises(TrackingError, match="tiếng Việt"):
        service.export_bytes("docx", data, "en")


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice (libreoffice-writer) and poppler-utils are needed to lay out the pages")
def test_table_1_starts_on_page_1_when_laid_out_by_libreoffice(data, tmp_path):
    source = tmp_path / "bao-cao.docx"
    source.write_bytes(consolidated_report(data))
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(source)], check=True, capture_output=True, timeout=240)
    page_1 = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(tmp_path / "bao-cao.pdf"), "-"],
                            check=True, capture_output=True, text=True).stdout
    assert "Bảng 1" in page_1 and re.search(r"Kiện toàn tổ\s+chức", page_1)
