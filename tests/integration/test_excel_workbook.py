"""The compliance workbook opens in openpyxl with one row per milestone, status colours, real dates, no live formulas."""
import io
import zipfile
from datetime import date

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from tests.accounts import add_account
from tracking.charts.palette import STATUS_COLORS, status_label
from tracking.exports import service
from tracking.exports.xlsx import compliance_workbook
from tracking.services.updates import UpdateCommand, record_update
from tracking.uow import UnitOfWork

AS_OF = date(2011, 6, 30)
TRAP = '=HYPERLINK("http://example.com/x","bấm vào đây")'


@pytest.fixture
def workbook(demo_engine):
    data = service.load(demo_engine, AS_OF)
    return data, load_workbook(io.BytesIO(compliance_workbook(data)))


def test_the_compliance_sheet_has_one_row_per_milestone_with_a_frozen_filtered_header(workbook):
    data, wb = workbook
    sheet = wb["Tuân thủ"]
    assert sheet.max_row - 1 == len(data.snapshot)
    header = [c.value for c in sheet[1]]
    for name in ("Đơn vị", "Cấp", "Huyện, thành phố", "Yêu cầu", "Lĩnh vực", "Hạn", "Tình trạng", "Ngày hoàn thành",
                 "Căn cứ"):
        assert name in header
    assert sheet.freeze_panes == "C2"
    assert sheet.auto_filter.ref == f"A1:{get_column_letter(len(header))}{sheet.max_row}"
    assert all(sheet.column_dimensions[get_column_letter(c)].width >= 7 for c in range(1, len(header) + 1))


def test_statuses_are_labelled_and_filled_with_the_shared_palette(workbook):
    data, wb = workbook
    sheet = wb["Tuân thủ"]
    column = [c.value for c in sheet[1]].index("Tình trạng") + 1
    for row in range(2, sheet.max_row + 1):
        cell = sheet.cell(row=row, column=column)
        status = data.snapshot.loc[row - 2, "status"]
        assert cell.value == status_label(status)
        assert cell.fill.fgColor.rgb[-6:] == STATUS_COLORS[status].lstrip("#").upper()


def test_deadlines_are_the_plans_words_and_completion_dates_real_dates_shown_day_first(workbook):
    data, wb = workbook
    sheet = wb["Tuân thủ"]
    header = [c.value for c in sheet[1]]
    deadlines = [sheet.cell(row=r, column=header.index("Hạn") + 1).value for r in range(2, sheet.max_row + 1)]
    assert "trước ngày 30/10/2010" in deadlines and "trước tháng 06/2011 (tính đến hết 31/05/2011)" in deadlines
    assert not any(isinstance(d, str) and "29/10/2010" in d for d in deadlines)
    done = [sheet.cell(row=r, column=header.index("Ngày hoàn thành") + 1) for r in range(2, sheet.max_row + 1)]
    cell = next(c for c in done if c.value is not None)
    assert cell.is_date and cell.number_format == "DD/MM/YYYY"
    assert "vẫn tính là đúng hạn" in wb["Tổng hợp"]["A4"].value  # the on-time rule in force


def test_the_summary_sheet_adds_up_per_area_and_per_level(workbook):
    data, wb = workbook
    sheet = wb["Tổng hợp"]
    values = list(sheet.iter_rows(values_only=True))
    area_rows = [r for r in values if r[0] in set(data.areas["name"])]
    assert sum(r[2] for r in area_rows) == len(data.snapshot)
    level_rows = [r for r in values if r[0] in ("Sở, ban, ngành tỉnh", "Huyện, thành phố", "Xã, phường, thị trấn")]
    assert sum(r[2] for r in level_rows) == len(data.snapshot)
    assert any("dữ liệu minh họa" in str(r[0]).lower() for r in values if r[0])


def test_evidence_that_looks_like_a_formula_stays_text(engine):
    add_account(engine, "thanh_tra")
    with UnitOfWork(engine) as uow:
        record_update(uow, UpdateCommand("941", "ORG-HUYEN", "done", "2010-10-01", "thanh_tra", evidence=TRAP),
                      today=date(2026, 1, 1))
    with UnitOfWork(engine) as uow:
        record_update(uow, UpdateCommand("942", "ORG-HUYEN", "done", "2010-10-01", "thanh_tra", evidence="+84 299"),
                      today=date(2026, 1, 1))
    raw = compliance_workbook(service.load(engine, AS_OF))
    sheet = load_workbook(io.BytesIO(raw))["Tuân thủ"]
    cells = {c.value: c for row in sheet.iter_rows() for c in row if c.value in (TRAP, "+84 299")}
    assert set(cells) == {TRAP, "+84 299"}
    assert all(c.data_type == "s" for c in cells.values())
    xml = zipfile.ZipFile(io.BytesIO(raw)).read("xl/worksheets/sheet2.xml").decode()
    assert "<f>" not in xml and "HYPERLINK" in xml
