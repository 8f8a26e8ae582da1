"""The commune level is named for the province's map: "Xã, phường, thị trấn" on the 2010 Sóc Trăng plan, "Xã, phường,
đặc khu" (English "Communes, wards, special zones") on today's two-level map — in tables, charts and every export."""
from __future__ import annotations

import io
from datetime import date

import pytest
from docx import Document
from openpyxl import load_workbook
from pptx import Presentation

from tests.integration.test_two_level_map import AS_OF, nghe_an, units_file  # noqa: F401 (fixtures)
from tracking.analysis import progress
from tracking.charts import registry
from tracking.exports.docx_report import consolidated_report
from tracking.exports.pptx_deck import build_deck
from tracking.exports.xlsx import compliance_workbook
from tracking.tables import level_rates_table, units_table
from tracking.views import reports
from tracking.views.dashboard import load_dashboard

OLD, TODAY = "Xã, phường, thị trấn", "Xã, phường, đặc khu"


@pytest.fixture(params=["two_level", "soc_trang"])
def province(request, backend):
    """(engine, dashboard data, the commune level's name, the name it must never have) on each map."""
    if request.param == "two_level":
        engine = request.getfixturevalue("nghe_an")
        return engine, load_dashboard(engine, AS_OF), TODAY, OLD
    engine = request.getfixturevalue("demo_engine")
    return engine, load_dashboard(engine, date(2011, 3, 1)), OLD, TODAY


def _cells(workbook: bytes, sheet: str) -> set:
    return {c.value for row in load_workbook(io.BytesIO(workbook))[sheet].iter_rows() for c in row}


def test_tables_and_the_level_chart_name_the_commune_level_for_the_map(province):
    engine, data, name, never = province
    levels = set(units_table(progress.unit_scores(data.snapshot))["Cấp"])
    assert name in levels and never not in levels
    level_chart = next(fig for spec, fig in registry.dashboard_figures(data) if spec.key == "level_progress")
    drawn = str(level_chart)  # the figure's data and layout, its text unescaped
    assert name in drawn and never not in drawn
    rates = level_rates_table(reports.reporting(engine, data.as_of, plan_id=data.plan.get("id")))
    # Communes report quarterly in the two-level test plan; in Sóc Trăng's only departments and districts do.
    assert (name in set(rates["Cấp"])) == (name == TODAY) and never not in set(rates["Cấp"])


def test_every_export_names_the_commune_level_for_the_map(province):
    _, data, name, never = province
    workbook = compliance_workbook(data)
    for sheet in ("Tổng hợp", "Tuân thủ"):
        assert name in _cells(workbook, sheet) and never not in _cells(workbook, sheet), sheet
    report = Document(io.BytesIO(consolidated_report(data, issued_on=data.as_of)))
    cells = {cell.text for table in report.tables for row in table.rows for cell in row.cells}
    assert name in cells and never not in cells
    english = compliance_workbook(data, "en")
    wanted = "Communes, wards, special zones" if name == TODAY else "Communes"
    assert wanted in _cells(english, "Summary") and wanted in _cells(english, "Compliance")
    deck = Presentation(io.BytesIO(build_deck(data, [], lang="en")))
    glossary = {cell.text for slide in deck.slides for shape in slide.shapes if shape.has_table
                for row in shape.table.rows for cell in row.cells}
    assert ("Xã / Phường / Đặc khu" in glossary) == (name == TODAY)
