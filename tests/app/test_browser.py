"""A real browser against `streamlit run`: every page draws, one navigation only, and a screenshot of each."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.app.conftest import ROOT
from tracking.ui.navigation import PAGES

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-dev-shm-usage"]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
VIEWPORT = {"width": 1600, "height": 3600}  # Streamlit scrolls inside its own container: full_page misses it
WITHOUT_CHARTS = {"pages/export.py"}  # pages that offer files, not charts


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(demo_db_url):
    if not Path(CHROMIUM).exists():
        pytest.skip(f"browser test: {CHROMIUM} is missing (apt-get install chromium)")
    pytest.importorskip("playwright.sync_api", reason="browser test: playwright is not installed")
    port = _free_port()
    env = dict(os.environ, TRACKING_DATABASE_URL=demo_db_url)
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{base}/_stcore/health", timeout=1)
                break
            except OSError:
                if proc.poll() is not None:
                    pytest.fail(f"streamlit exited: {proc.stderr.read().decode()[-2000:]}")
                time.sleep(0.5)
        else:
            pytest.fail("streamlit did not answer on /_stcore/health within 60 s")
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=20)


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
        page.wait_for_function(f"() => document.querySelectorAll('.js-plotly-plot .main-svg').length >= {charts}",
                               timeout=60_000)
    page.wait_for_timeout(1200)


def _url_path(spec) -> str:
    return "" if spec.default else Path(spec.path).stem


@pytest.mark.parametrize("spec", PAGES, ids=lambda s: Path(s.path).stem)
def test_every_page_draws_without_an_exception_with_exactly_one_navigation(server, browser, spec):
    page = browser.new_page(viewport=VIEWPORT)
    page.goto(f"{server}/{_url_path(spec)}?as_of=2011-03-31")
    charts = 0 if spec.path in WITHOUT_CHARTS else 1
    _settled(page, charts=charts)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{Path(spec.path).stem}.png"))
    assert page.locator('[data-testid="stException"]').count() == 0
    navs = page.locator('[data-testid="stSidebarNav"]')
    assert navs.count() == 1
    labels = navs.locator('[data-testid="stSidebarNavLink"] span[class]').all_inner_texts()
    titles = [p.title_vi for p in PAGES]
    assert [label for label in labels if label in titles] == titles
    assert len(navs.locator('[data-testid="stSidebarNavLink"]').all()) == len(PAGES)
    assert page.locator(".js-plotly-plot").count() >= charts
    page.close()


def test_the_as_of_date_stays_when_moving_between_pages(server, browser):
    page = browser.new_page(viewport=VIEWPORT)
    page.goto(f"{server}/?as_of=2010-11-15")
    _settled(page, charts=1)
    page.locator('[data-testid="stSidebarNavLink"]', has_text="Tuân thủ").click()
    page.wait_for_url("**/compliance**")
    _settled(page, charts=1)
    assert page.locator('[data-testid="stDateInput"] input').input_value() == "2010-11-15"
    assert page.locator("h1").first.inner_text().startswith("Tuân thủ")
    assert "as_of=2010-11-15" in page.url
    page.close()


def test_the_overview_in_english_has_english_titles(server, browser):
    page = browser.new_page(viewport=VIEWPORT)
    page.goto(f"{server}/?lang=en&as_of=2011-03-31")
    _settled(page, charts=1)
    page.screenshot(path=str(SCREENSHOTS / "overview_en.png"))
    assert page.locator("h1").first.inner_text().startswith("Plan progress overview")
    assert page.locator('[data-testid="stException"]').count() == 0
    page.close()
