"""A real browser against `streamlit run serve.py` (as `make run`): every page draws, one navigation only, and a
screenshot of each."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.app.conftest import ROOT
from tests.app_server import streamlit_server as _streamlit
from tracking.demo_accounts import DEMO_PASSWORD
from tracking.ui.navigation import pages_for

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-dev-shm-usage"]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
VIEWPORT = {"width": 1600, "height": 3600}  # Streamlit scrolls inside its own container: full_page misses it


def _need_browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"browser test: {CHROMIUM} is missing (apt-get install chromium)")
    pytest.importorskip("playwright.sync_api", reason="browser test: playwright is not installed")


def test_a_direct_link_to_a_fresh_server_goes_through_sign_in_without_an_automatic_menu(demo_db_url):
    """Streamlit serves pages/ on its own until app.py has run once: the very first visitor must not get past."""
    _need_browser()
    from playwright.sync_api import sync_playwright

    with _streamlit(demo_db_url) as base, sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = chromium.new_page(viewport=VIEWPORT)
        page.goto(f"{base}/compliance")  # the first request this server ever gets
        page.wait_for_selector(".st-key-login_username input", timeout=60_000)
        assert page.locator("h1").first.inner_text() == "Đăng nhập"
        assert page.locator('[data-testid="stSidebarNavLink"]').count() == 0
        assert page.locator(".js-plotly-plot").count() == 0
        chromium.close()


@pytest.fixture(scope="module")
def server(demo_db_url):
    _need_browser()
    with _streamlit(demo_db_url) as base:
        yield base


@pytest.fixture(scope="module")
def browser(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _settled(page, charts: int = 0) -> None:
    """Wait until the script run is over and the charts are drawn."""
    page.wait_for_selector('[data-testid="stSidebarNav"]', timeout=60_000)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)
    if charts:
        # a Plotly chart drawn, or one drawn as HTML (tracking.charts.bars_html, heatmap_html)
        page.wait_for_function(f"() => document.querySelectorAll('.js-plotly-plot .main-svg, figure.tkb, figure.tkg')"
                               f".length"
                               f" >= {charts}", timeout=60_000)
    page.wait_for_timeout(1200)


DASHBOARD = {"overview", "compliance", "unit", "timeline"}


def fill_sign_in(page, username: str, password: str = DEMO_PASSWORD) -> None:
    """The sign-in form, filled and sent as a person does (every browser test signs in through it)."""
    page.wait_for_selector(".st-key-login_username input", timeout=60_000)
    page.locator(".st-key-login_username input").fill(username)
    page.locator(".st-key-login_password input").fill(password)
    page.locator(".st-key-login_submit button").click()


def _signed_in(browser, server, username: str, query: str = "?as_of=2011-03-31"):
    """A page signed in through the real form (the demo accounts share the demo password)."""
    page = browser.new_page(viewport=VIEWPORT)
    page.goto(f"{server}/{query}")
    fill_sign_in(page, username)
    _settled(page, charts=1)
    return page


@pytest.mark.parametrize("username, role", [("thanhtra", "inspector"), ("quantri", "admin"), ("lanhdao", "leader"),
                                            ("canbo941", "unit_officer")])
def test_every_page_of_a_role_draws_without_an_exception_with_exactly_one_navigation(server, browser, username, role):
    page = _signed_in(browser, server, username)
    visible = pages_for(role)
    navs = page.locator('[data-testid="stSidebarNav"]')
    assert navs.count() == 1  # st.navigation only: no second menu auto-generated from pages/
    links = navs.locator('[data-testid="stSidebarNavLink"]')
    assert links.count() == len(visible)
    assert [t.strip().splitlines()[-1] for t in links.all_inner_texts()] == [spec.title_vi for spec in visible]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for spec in visible:
        stem = Path(spec.path).stem
        links.filter(has_text=spec.title_vi).first.click()
        _settled(page, charts=1 if stem in DASHBOARD else 0)
        page.screenshot(path=str(SCREENSHOTS / f"{role}_{stem}.png"))
        assert page.locator('[data-testid="stException"]').count() == 0, stem
        assert page.locator("h1").count() >= 1, stem
        if stem in DASHBOARD:
            assert page.locator(".js-plotly-plot, figure.tkb, figure.tkg").count() >= 1, stem
    page.close()


def test_a_leader_sees_no_writing_page(server, browser):
    page = _signed_in(browser, server, "lanhdao")
    labels = page.locator('[data-testid="stSidebarNavLink"]').all_inner_texts()
    assert not {"Cập nhật", "Nhập từ Excel", "Thời hạn", "Quản trị người dùng"} & {t.strip().splitlines()[-1] for t in labels}
    page.close()


def test_the_as_of_date_stays_when_moving_between_pages(server, browser):
    page = _signed_in(browser, server, "lanhdao", "?as_of=2010-11-15")
    page.locator('[data-testid="stSidebarNavLink"]', has_text="Tuân thủ").click()
    page.wait_for_url("**/compliance**")
    _settled(page, charts=1)
    assert page.locator('[data-testid="stDateInput"] input').input_value() == "2010-11-15"
    assert page.locator("h1").first.inner_text().startswith("Tuân thủ")
    assert "as_of=2010-11-15" in page.url
    page.close()


def test_the_overview_in_english_has_english_titles(server, browser):
    page = _signed_in(browser, server, "lanhdao", "?lang=en&as_of=2011-03-31")
    page.screenshot(path=str(SCREENSHOTS / "overview_en.png"))
    assert page.locator("h1").first.inner_text().startswith("Plan progress overview")
    assert page.locator('[data-testid="stException"]').count() == 0
    page.close()
