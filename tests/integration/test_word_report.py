"""The consolidated Word report opens in python-docx and reads like a Decree 30/2020 document built from the data."""
import io
from datetime import date
from types import SimpleNamespace

import docx
import pytest

from tracking.exports.docx_report import consolidated_report
from tracking.views import catalog
from tracking.views.snapshot import snapshot

AS_OF = date(2011, 6, 30)


def load(engine, as_of=AS_OF):
    return SimpleNamespace(as_of=as_of, plan=catalog.plan_info(engine), snapshot=snapshot(engine, as_of),
                           areas=catalog.areas(engine), units=catalog.units(engine), is_demo=catalog.is_demo(engine))


@pytest.fixture
def report(demo_engine):
    data = load(demo_engine)
    return data, docx.Document(io.BytesIO(consolidated_report(data, issued_on=date(2011, 7, 5))))


def texts(document):
    return [p.text for p in document.paragraphs]


def test_the_header_carries_the_issuing_body_the_motto_the_number_and_the_dated_place(report):
    _, document = report
    header = document.tables[0]
    left, right = (cell.text for cell in header.rows[0].cells)
    assert "UBND TỈNH SÓC TRĂNG" in left and "THANH TRA TỈNH" in left and "/BC-TTr" in left
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in right and "Độc lập - Tự do - Hạnh phúc" in right
    assert "Sóc Trăng, ngày 05 tháng 7 năm 2011" in right  # the date of issue; the status date is in the title


def test_the_title_sections_and_closing_follow_the_administrative_format(report):
    _, document = report
    lines = texts(document)
    assert "BÁO CÁO" in lines
    assert any(line.startswith("Kết quả thực hiện kế hoạch triển khai") for line in lines)
    assert "(Tình hình đến ngày 30/06/2011)" in lines
    headings = [line for line in lines if line.startswith(("I. ", "II. ", "III. "))]
    assert headings == ["I. KẾT QUẢ THỰC HIỆN", "II. CÁC ĐƠN VỊ CHẬM TIẾN ĐỘ", "III. ĐỀ XUẤT, KIẾN NGHỊ"]
    assert "Nơi nhận:" in document.tables[-1].rows[0].cells[0].text
    assert "CHÁNH THANH TRA" in document.tables[-1].rows[0].cells[1].text
    assert any("dữ liệu minh họa" in line for line in lines)


def test_the_figures_in_the_tables_match_the_snapshot(report):
    data, document = report
    by_area = document.tables[1]
    assert [c.text for c in by_area.rows[0].cells][:4] == ["STT", "Lĩnh vực", "Hạn", "Tổng số"]
    total_row = [c.text for c in by_area.rows[-1].cells]
    assert total_row[1] == "Tổng cộng" and int(total_row[3]) == len(data.snapshot)
    overdue = int((data.snapshot["status"] == "overdue").sum())
    assert int(total_row[6]) == overdue
    area_rows = {row.cells[1].text: int(row.cells[3].text) for row in by_area.rows[1:-1]}
    assert area_rows["Kiện toàn tổ chức, bộ máy, cán bộ"] == int((data.snapshot["area"] == "organisation").sum())
    late_table = next(t for t in document.tables if t.rows[0].cells[-2].text == "Đơn vị chưa hoàn thành")
    assert sum(int(row.cells[-1].text) for row in late_table.rows[1:]) == overdue


def test_the_page_is_a4_with_decree_30_margins_and_times_new_roman(report):
    _, document = report
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert 20 <= round(section.top_margin.mm) <= 25 and 20 <= round(section.bottom_margin.mm) <= 25
    assert 30 <= round(section.left_margin.mm) <= 35 and 15 <= round(section.right_margin.mm) <= 20
    normal = document.styles["Normal"].font
    assert normal.name == "Times New Roman" and 13 <= normal.size.pt <= 14
    sizes = {run.font.size.pt for p in document.paragraphs for run in p.runs if run.font.size}
    assert sizes <= {13, 14}
    assert section.different_first_page_header_footer  # page numbers from page 2, as the decree asks


def test_a_report_before_any_deadline_says_no_unit_is_behind(engine):
    document = docx.Document(io.BytesIO(consolidated_report(load(engine, date(2010, 7, 1)))))
    lines = texts(document)
    assert any("không có nhiệm vụ nào quá hạn" in line for line in lines)
    assert not any("dữ liệu minh họa" in line for line in lines)


def test_the_overdue_table_says_where_each_deadline_comes_from(report):
    data, document = report
    late_table = next(t for t in document.tables if t.rows[0].cells[-2].text == "Đơn vị chưa hoàn thành")
    cells = [row.cells[2].text.split("\n") for row in late_table.rows[1:]]
    assert cells and all(len(c) == 2 and c[1].startswith(("Theo kế hoạch", "Suy ra", "Đặt sau", "Lịch do hệ thống"))
                         for c in cells), cells
    assert any(c[1].startswith("Theo kế hoạch (mục ") for c in cells)
