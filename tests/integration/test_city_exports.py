"""A centrally-run city's exports name its inspectorate 'Thanh tra thành phố' / 'City Inspectorate', never the
province's, in the deck (both languages), the workbook (both) and the Word report; its districts by their kinds."""
from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

import docx
import pytest
from openpyxl import load_workbook
from pptx import Presentation

from tracking.exports import service
from tracking.exports.docx_report import consolidated_report
from tracking.exports.pptx_deck import build_deck
from tracking.exports.xlsx import compliance_workbook

CITY = "Ủy ban nhân dân thành phố Hà Nội"
PROVINCE_WORDS = ("Thanh tra tỉnh", "THANH TRA TỈNH", "Provincial Inspectorate", "Hà Nội province", "Tỉnh Hà Nội",
                  "UBND tỉnh", "ngành tỉnh", "nhân dân tỉnh")


@pytest.fixture(params=["sqlite"])
def backend(request):  # the words do not depend on the engine
    return request.param


@pytest.fixture
def city(demo_engine):
    """The demo's data as a city's: its issuer a city's, its district-level units a city's kinds."""
    data = service.load(demo_engine, date(2011, 6, 30))
    units = data.units.copy()
    districts = units["level"] == "district"
    units.loc[districts, "kind"] = ["quận", "huyện", "thị xã"] * (districts.sum() // 3) + ["huyện"] * (districts.sum() % 3)
    return replace(data, plan={**data.plan, "issuer": CITY}, units=units)


def _deck_text(data, lang: str) -> list[str]:
    deck = Presentation(io.BytesIO(build_deck(data, [], lang)))
    return [" ".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame) for slide in deck.slides]


@pytest.mark.parametrize("lang, name", [("vi", "Thanh tra thành phố"), ("en", "City Inspectorate")])
def test_a_citys_deck_names_its_inspectorate_the_citys_on_the_title_slide_and_every_footer(city, lang, name):
    slides = _deck_text(city, lang)
    assert all(name in text for text in slides), [i for i, text in enumerate(slides, 1) if name not in text]
    assert ("Hà Nội city" if lang == "en" else "Thành phố Hà Nội") in slides[0]
    assert not [w for text in slides for w in PROVINCE_WORDS if w in text]  # "Provincial Inspectorate" was left


@pytest.mark.parametrize("lang, who", [("vi", "Thanh tra thành phố Hà Nội"), ("en", "Hà Nội City Inspectorate")])
def test_a_citys_workbook_says_whose_it_is_on_its_first_sheet_and_every_printed_page(city, lang, who):
    wb = load_workbook(io.BytesIO(compliance_workbook(city, lang)))
    assert wb.worksheets[0]["A2"].value.startswith(who)
    assert all(ws.oddHeader.left.text.startswith(who) for ws in wb.worksheets)


def test_a_provinces_exports_keep_the_provincial_inspectorate(demo_engine):
    data = service.load(demo_engine, date(2011, 6, 30))
    assert "Provincial Inspectorate" in _deck_text(data, "en")[0]
    assert "Sóc Trăng province" in _deck_text(data, "en")[0]
    wb = load_workbook(io.BytesIO(compliance_workbook(data)))
    assert wb.worksheets[0]["A2"].value.startswith("Thanh tra tỉnh Sóc Trăng · Tình hình đến ngày 30/06/2011")


def test_a_citys_word_report_is_issued_by_the_city_inspectorate_to_the_citys_committees(city):
    document = docx.Document(io.BytesIO(consolidated_report(city, issued_on=date(2011, 7, 5))))
    header = document.tables[0].rows[0].cells[0].text
    assert "UBND THÀNH PHỐ HÀ NỘI" in header and "THANH TRA THÀNH PHỐ" in header
    body = "\n".join(p.text for p in document.paragraphs)
    assert "Thanh tra thành phố tổng hợp kết quả thực hiện của các sở, ban, ngành thành phố" in body
    assert "Ủy ban nhân dân các quận, huyện, thị xã" in body
    recipients = document.tables[-1].rows[0].cells[0].text
    assert "UBND thành phố (b/c)" in recipients and "UBND các quận, huyện, thị xã" in recipients
    found = [w for w in PROVINCE_WORDS if w in header + body + recipients]
    assert not found, found
