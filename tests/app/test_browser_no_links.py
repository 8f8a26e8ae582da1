"""Issue 22, point 5, in real Chromium: an address typed into a display name or a note is shown as text, never as
a clickable link (GFM links `https://…`, `www.…` and e-mail addresses even when their punctuation is escaped)."""
from __future__ import annotations

from datetime import date

import pytest

from tests.app.test_browser import browser  # noqa: F401 — the same Chromium fixture
from tests.app.test_browser import _need_browser, _streamlit
from tests.app.test_browser_sessions import _settled, _sign_in_at
from tracking.db.engine import make_engine
from tracking.services.updates import UpdateCommand, record_update
from tracking.services.users import add_user
from tracking.setup import initialise
from tracking.uow import UnitOfWork

pytestmark = pytest.mark.browser
NAME = "Xem https://evil.example/x, www.evil.example và thư ke@evil.example"
NOTE = "Chi tiết tại https://evil.example/note hoặc www.evil.example/ghi-chu"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    _need_browser()
    url = f"sqlite:///{tmp_path_factory.mktemp('links') / 'tracking.sqlite3'}"
    engine = make_engine(url)
    initialise(engine, demo=True)
    with UnitOfWork(engine) as uow:
        add_user(uow, "lienket", "inspector", "mat-khau-thu", by="test", display_name=NAME)
    with UnitOfWork(engine) as uow:
        record_update(uow, UpdateCommand("941", "ORG-HUYEN", "in_progress", "2010-10-01", "lienket", note=NOTE),
                      today=date(2012, 1, 31))
    engine.dispose()
    with _streamlit(url) as base:
        yield base


@pytest.mark.parametrize("path", ["/", "/unit?as_of=2011-03-31&unit=941", "/audit?unit=941"])
def test_addresses_in_names_and_notes_are_not_links(server, browser, path):
    page = _sign_in_at(browser, server, path, "lienket", "mat-khau-thu")
    _settled(page)
    sidebar = page.locator('[data-testid="stSidebar"]').inner_text()
    assert "evil.example" in sidebar.replace("\u2060", "")  # the name is there, as text
    assert page.locator('a[href*="evil.example"]').count() == 0
    page.context.close()
