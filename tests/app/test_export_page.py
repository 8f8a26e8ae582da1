"""The Xuất báo cáo page against a seeded SQLite file: date, one row per export, a made file offered for download."""
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tracking.db.engine import make_engine
from tracking.exports import images
from tracking.setup import initialise

PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "export.py")


@pytest.fixture
def page(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'tracking.sqlite3'}"
    initialise(make_engine(url), demo=True)
    monkeypatch.setenv("TRACKING_DATABASE_URL", url)
    at = AppTest.from_file(PAGE, default_timeout=120)
    return at.run()


def test_the_page_offers_every_export_for_a_date_and_says_the_data_is_demo(page):
    assert not page.exception
    assert page.title[0].value == "Xuất báo cáo"
    assert page.date_input(key="export_as_of").value == date(2011, 12, 31)  # today, kept inside the plan period
    assert [b.label for b in page.button] == ["Tạo tệp"] * 5
    assert "dữ liệu minh họa" in page.warning[0].value
    assert not page.get("download_button")


def test_making_the_workbook_offers_it_for_download_named_by_date(page):
    page.date_input(key="export_as_of").set_value(date(2011, 6, 30)).run()
    page.button(key="export_make_xlsx").click().run()
    assert not page.exception and not page.error
    buttons = page.get("download_button")
    assert len(buttons) == 1 and "bang-tuan-thu-2011-06-30.xlsx" in buttons[0].proto.label


def test_without_chromium_the_image_exports_are_disabled_and_the_others_still_work(tmp_path, monkeypatch):
    monkeypatch.setattr(images, "chromium_path", lambda: None)
    url = f"sqlite:///{tmp_path / 'tracking.sqlite3'}"
    initialise(make_engine(url))
    monkeypatch.setenv("TRACKING_DATABASE_URL", url)
    at = AppTest.from_file(PAGE, default_timeout=120).run()
    assert any("Chromium" in w.value for w in at.warning)
    disabled = {b.key: b.disabled for b in at.button}
    assert disabled == {"export_make_pptx": True, "export_make_xlsx": False, "export_make_docx": False,
                        "export_make_png": True, "export_make_svg": True}
