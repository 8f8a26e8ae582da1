"""A real browser on a province of today's two-level map (Nghệ An from `units today`): every page of the leader and
the inspector draws, with a screenshot each, and no page speaks of districts."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.accounts import PASSWORD
from tests.app.test_browser import (CHROMIUM, CHROMIUM_ARGS, DASHBOARD, SCREENSHOTS, VIEWPORT, _need_browser, _settled,
                                    fill_sign_in)
from tests.app.test_two_level_pages import two_level_db  # noqa: F401 (the fixture)
from tests.app_server import streamlit_server
from tracking.db.engine import URL_ENV
from tracking.ui.navigation import pages_for

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("username, role", [("lanhdao40", "leader"), ("thanhtra40", "inspector")])
def test_every_page_of_a_two_level_province_draws_without_district_wording(two_level_db, username, role):  # noqa: F811
    _need_browser()
    from playwright.sync_api import sync_playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    url, settings = two_level_db[URL_ENV], {k: v for k, v in two_level_db.items() if k != URL_ENV}
    with streamlit_server(url, **settings) as base, sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = chromium.new_page(viewport=VIEWPORT)
        page.goto(f"{base}/?as_of=2026-05-20")
        fill_sign_in(page, username, PASSWORD)
        _settled(page, charts=1)
        links = page.locator('[data-testid="stSidebarNav"]').locator('[data-testid="stSidebarNavLink"]')
        for spec in pages_for(role):
            stem = Path(spec.path).stem
            links.filter(has_text=spec.title_vi).first.click()
            _settled(page, charts=1 if stem in DASHBOARD else 0)
            page.screenshot(path=str(SCREENSHOTS / f"two_level_{role}_{stem}.png"))
            assert page.locator('[data-testid="stException"]').count() == 0, stem
            text = page.locator('[data-testid="stMain"]').inner_text().lower()
            assert "huyện" not in text and "district" not in text, stem
        chromium.close()
