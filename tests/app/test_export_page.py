"""The Xuất báo cáo page against a seeded SQLite file: date, one row per export, a made file offered for download."""
from datetime import date

from streamlit.testing.v1 import AppTest

from tests.app.conftest import ROOT, signed_in_page
from tracking.exports import images

PAGE = str(ROOT / "pages" / "export.py")


def run_page():
    return signed_in_page(PAGE).run()


def test_the_page_offers_every_export_for_a_date_and_says_the_data_is_demo(demo_app_env):
    page = run_page()
    assert not page.exception
    assert page.title[0].value == "Xuất báo cáo"
    assert page.date_input(key="export_as_of").value == date(2012, 1, 31)  # today, kept inside the plan period
    assert [b.label for b in page.button] == ["Tạo tệp"] * 5
    assert any("Dữ liệu minh họa" in w.value for w in page.warning)
    assert not page.get("download_button")


def test_making_the_workbook_offers_it_for_download_named_by_date(demo_app_env):
    page = run_page()
    page.date_input(key="export_as_of").set_value(date(2011, 6, 30)).run()
    page.button(key="export_make_xlsx").click().run()
    assert not page.exception and not page.error
    buttons = page.get("download_button")
    assert len(buttons) == 1 and "bang-tuan-thu-2011-06-30.xlsx" in buttons[0].proto.label


def test_without_chromium_the_image_exports_are_disabled_and_the_others_still_work(empty_app_env, monkeypatch):
    monkeypatch.setattr(images, "chromium_path", lambda: None)
    page = run_page()
    assert any("Chromium" in w.value for w in page.warning)
    disabled = {b.key: b.disabled for b in page.button}
    assert disabled == {"export_make_pptx": True, "export_make_xlsx": False, "export_make_docx": False,
                        "export_make_png": True, "export_make_svg": True}
