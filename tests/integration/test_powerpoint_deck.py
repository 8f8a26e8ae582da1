"""The meeting deck opens in python-pptx: 16:9, titled and numbered slides, one picture per chart, overdue tables."""
import io
from datetime import date

import pytest
from PIL import Image
from pptx import Presentation
from pptx.util import Inches

from tracking.exports import images, service
from tracking.exports.pptx_deck import build_deck

AS_OF = date(2011, 6, 30)


def png(color="white"):
    buffer = io.BytesIO()
    Image.new("RGB", (1920, 1080), color).save(buffer, "PNG")
    return buffer.getvalue()


def titles(prs):
    return [slide.shapes.title.text for slide in prs.slides]


def test_the_deck_has_a_title_slide_key_figures_one_slide_per_chart_and_overdue_tables(demo_engine):
    data = service.load(demo_engine, AS_OF)
    prs = Presentation(io.BytesIO(build_deck(data, [("Biểu đồ một", png()), ("Biểu đồ hai", png("grey"))])))
    assert prs.slide_width * 9 == prs.slide_height * 16
    names = titles(prs)
    assert names[0] == data.plan["title"]
    first = " ".join(shape.text_frame.text for shape in prs.slides[0].shapes if shape.has_text_frame)
    assert "Tỉnh Sóc Trăng" in first and "Tình hình đến ngày 30/06/2011" in first and "Dữ liệu minh họa" in first
    assert names[1:6] == ["Những điểm chính", "Các chỉ số chính", "Biểu đồ một", "Biểu đồ hai",
                          "Phụ lục: các đơn vị quá hạn theo lĩnh vực"]
    assert [len([s for s in prs.slides[i].shapes if s.shape_type == 13]) for i in (3, 4)] == [1, 1]
    overdue = [n for n in names if n.startswith("Phụ lục — Đơn vị quá hạn — ")]
    assert overdue and len(names) == 6 + len(overdue)
    assert any("Bồi dưỡng nghiệp vụ" in n for n in overdue)


def test_every_slide_after_the_first_is_numbered_out_of_the_total(demo_engine):
    prs = Presentation(io.BytesIO(build_deck(service.load(demo_engine, AS_OF), [("Một", png())])))
    total = len(prs.slides)
    for number, slide in enumerate(prs.slides, start=1):
        texts = {shape.text_frame.text for shape in slide.shapes if shape.has_text_frame}
        assert (f"{number} / {total}" in texts) == (number > 1)


def test_overdue_tables_list_every_overdue_unit_once_per_area(demo_engine):
    data = service.load(demo_engine, AS_OF)
    prs = Presentation(io.BytesIO(build_deck(data, [])))
    rows = []
    for slide in prs.slides:
        if slide.shapes.title.text.startswith("Phụ lục — Đơn vị quá hạn"):
            table = next(s for s in slide.shapes if s.has_table).table
            rows += [int(table.cell(r, 2).text) for r in range(1, len(table.rows))]
    assert sum(rows) == int((data.snapshot["status"] == "overdue").sum())


def test_the_oldest_deadline_in_the_overdue_tables_says_where_it_comes_from(demo_engine):
    prs = Presentation(io.BytesIO(build_deck(service.load(demo_engine, AS_OF), [])))
    cells = []
    for slide in prs.slides:
        if slide.shapes.title.text.startswith("Phụ lục — Đơn vị quá hạn"):
            table = next(s for s in slide.shapes if s.has_table).table
            cells += [table.cell(r, 4).text_frame for r in range(1, len(table.rows))]
    lines = [[p.text for p in frame.paragraphs] for frame in cells]
    assert lines and all(len(x) == 2 and x[1].startswith(("Theo kế hoạch", "Suy ra", "Đặt sau", "Lịch do hệ thống đề xuất")) for x in lines), lines
    sizes = {run.font.size.pt for frame in cells for p in frame.paragraphs for run in p.runs}
    assert sizes == {12}  # the source line is styled like the date, not left at the template's size


def test_before_any_deadline_the_deck_says_no_unit_is_overdue(engine):
    prs = Presentation(io.BytesIO(build_deck(service.load(engine, date(2010, 7, 1)), [])))
    last = prs.slides[len(prs.slides) - 1]
    assert any("không có đơn vị nào quá hạn" in s.text_frame.text for s in last.shapes if s.has_text_frame)


@pytest.mark.skipif(images.chromium_path() is None, reason="no Chromium for kaleido (apt-get install chromium)")
def test_the_full_deck_carries_every_dashboard_chart_as_a_picture_of_the_size_it_was_laid_out_for(demo_engine):
    from tracking.charts.registry import CHARTS, slide_figures
    from tracking.charts.slide import PICTURE_HEIGHT_PT, PICTURE_WIDTH_PT

    data = service.load(demo_engine, AS_OF)
    slides = slide_figures(data, "vi")
    prs = Presentation(io.BytesIO(service.export_bytes("pptx", data)))
    chart_slides = list(prs.slides)[3:3 + len(slides)]
    assert [s.shapes.title.text for s in chart_slides] == [title for title, _ in slides]
    assert {spec.title_vi for spec in CHARTS} <= {title.split(" (")[0].split(" — ")[0] for title, _ in slides}
    for slide in chart_slides:
        picture = next(s for s in slide.shapes if s.shape_type == 13)
        image = Image.open(io.BytesIO(picture.image.blob))
        image.load()  # the whole PNG decodes, not just its header
        # Placed at exactly the size it was laid out for: a font size in the figure is its size on the slide.
        assert (round(picture.width / 12700), round(picture.height / 12700)) == (PICTURE_WIDTH_PT, PICTURE_HEIGHT_PT)
        assert image.format == "PNG"
        assert image.size == (1920, round(1920 * PICTURE_HEIGHT_PT / PICTURE_WIDTH_PT))
