"""Sign-in that lasts and links that land, in real Chromium against `streamlit run serve.py` (as `make run`).

Its own demo database: these tests lock, re-password and disable accounts."""
from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta

import pytest
from playwright.sync_api import expect
from sqlalchemy import update

from tests.accounts import PASSWORD, add_account
from tests.app.test_browser import browser  # noqa: F401 — the same Chromium fixture, started against this module's server
from tests.app.test_browser import SCREENSHOTS, VIEWPORT, _need_browser, _streamlit
from tests.app.conftest import ROOT
from tracking.db.engine import make_engine
from tracking.db.models import SessionRow, utcnow
from tracking.demo_accounts import DEMO_PASSWORD
from tracking.setup import initialise

pytestmark = pytest.mark.browser

IDLE_MINUTES = 5  # a short configured idle timeout (TRACKING_SESSION_IDLE_MINUTES)

# Every page with a view worth sharing: path and query as a person would send it.
VIEWS = {
    "overview": "/?as_of=2010-12-31",
    "compliance": "/compliance?as_of=2011-06-30&level=department&level=district&district=941",
    "unit": "/unit?as_of=2011-03-31&unit=SNV",
    "timeline": "/timeline?as_of=2011-01-15&lang=en",
    "update": "/update?unit=SNV&req=RUL-SBN",
    "import_excel": "/import_excel",
    "reports": "/reports?as_of=2011-09-30",
    "audit": "/audit?unit=941&user=thanhtra",
    "deadlines": "/deadlines",
    "export": "/export?as_of=2011-06-30",
}


@pytest.fixture(scope="module")
def db_url(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('sessions') / 'tracking.sqlite3'}"
    engine = make_engine(url)
    initialise(engine, demo=True)
    for name in ("doimatkhau", "sekhoa", "nhapsai", "hethan"):
        add_account(engine, name)
    engine.dispose()
    return url


@pytest.fixture(scope="module")
def server(db_url):
    _need_browser()
    with _streamlit(db_url, TRACKING_SESSION_IDLE_MINUTES=str(IDLE_MINUTES)) as base:
        yield base


def _idle(page) -> None:
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)
    page.wait_for_timeout(1500)


def _settled(page) -> None:
    page.wait_for_selector('[data-testid="stSidebarNav"]', timeout=60_000)
    _idle(page)


def _at_sign_in(page) -> None:
    page.wait_for_selector(".st-key-login_username input", timeout=60_000)
    _idle(page)


def _submit(page, username: str, password: str) -> None:
    page.locator(".st-key-login_username input").fill(username)
    page.locator(".st-key-login_password input").fill(password)
    page.locator(".st-key-login_submit button").click()


def _sign_in_at(browser, server, path: str, username: str, password: str = DEMO_PASSWORD):
    """A fresh browser (no cookie) opens `path`, meets the sign-in form there and signs in."""
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.goto(server + path)
    _at_sign_in(page)
    _submit(page, username, password)
    _settled(page)
    return page


def _view(page) -> dict:
    """What identifies the view on screen: the address, the title, and every widget's value."""
    inputs = page.locator('[data-testid="stMain"] input:not([type="password"])')
    return {
        "url": page.url,
        "title": page.locator("h1").first.inner_text(),
        "inputs": [inputs.nth(i).input_value() for i in range(inputs.count())],
        "chosen": page.locator('[data-testid="stMain"] [data-testid="stMultiSelect"]').all_inner_texts(),
        "sidebar": page.locator('[data-testid="stSidebar"] input').evaluate_all("els => els.map(e => e.value)"),
    }


def _steady_view(page, expected: dict | None = None) -> dict:
    """The view once it stops changing (a busy machine draws widgets late), or once it equals `expected`."""
    last, same = _view(page), 0
    for _ in range(60):
        page.wait_for_timeout(500)
        now = _view(page)
        same = same + 1 if now == last else 0
        if (expected is not None and now == expected) or (expected is None and same >= 3):
            return now
        last = now
    return last


def _no_page_not_found(page) -> None:
    assert page.get_by_text("Page not found").count() == 0
    assert page.locator('[data-testid="stException"]').count() == 0


def test_a_deep_link_opened_signed_out_lands_on_that_view_after_sign_in(server, browser):
    page = _sign_in_at(browser, server, VIEWS["compliance"], "lanhdao")
    assert page.url == server + VIEWS["compliance"]
    assert page.locator("h1").first.inner_text().startswith("Tuân thủ")
    # The title comes first; on a loaded machine the pickers below it are still being drawn: wait for them.
    expect(page.locator(".st-key-cmp_district")).to_contain_text("Sóc Trăng", timeout=20_000)
    assert page.locator('[data-testid="stDateInput"] input').input_value() == "2011-06-30"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "deep_link_compliance.png"))
    cookie = next(c for c in page.context.cookies() if c["name"] == "tracking_session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax" and "lanhdao" not in cookie["value"]
    page.context.close()

    unit = _sign_in_at(browser, server, VIEWS["unit"], "lanhdao")
    assert unit.url == server + VIEWS["unit"]
    assert "Sở Nội vụ" in unit.locator(".st-key-unit_pick input").input_value()
    unit.context.close()


@pytest.mark.parametrize("username", ["thanhtra", "quantri"])
def test_f5_on_every_page_keeps_the_user_signed_in_on_the_same_view(server, browser, username):
    from tracking.ui.navigation import PAGES

    role = {"thanhtra": "inspector", "quantri": "admin"}[username]
    page = _sign_in_at(browser, server, "/", username)
    for spec in PAGES:
        # Every page once, by the first role that may open it, plus the default page for both: reloading works the
        # same for every role (the cookie), and each extra page costs CI about ten seconds.
        seen_by_inspector = "inspector" in spec.roles and not spec.default
        if role not in spec.roles or (role == "admin" and seen_by_inspector):
            continue
        stem = spec.path.removeprefix("pages/").removesuffix(".py")
        page.goto(server + VIEWS.get(stem, f"/{stem}"))
        _settled(page)
        before = _steady_view(page)
        page.reload()
        _settled(page)
        after = _steady_view(page, before)
        _no_page_not_found(page)
        assert page.locator(".st-key-login_username").count() == 0, stem
        assert after == before, stem
        page.screenshot(path=str(SCREENSHOTS / f"f5_{role}_{stem}.png"))
    page.context.close()


def test_the_unit_page_remembers_the_chosen_unit_after_another_page(server, browser):
    page = _sign_in_at(browser, server, VIEWS["unit"], "lanhdao")
    page.locator('[data-testid="stSidebarNavLink"]', has_text="Tiến độ").click()
    _settled(page)
    page.locator('[data-testid="stSidebarNavLink"]', has_text="Đơn vị").click()
    _settled(page)
    assert "Sở Nội vụ" in page.locator(".st-key-unit_pick input").input_value()
    assert "unit=SNV" in page.url
    page.context.close()


def test_a_page_the_role_may_not_open_says_so_in_vietnamese(server, browser):
    page = _sign_in_at(browser, server, "/users", "lanhdao")
    _no_page_not_found(page)
    assert "không dành cho vai trò" in page.locator('[data-testid="stAlert"]').first.inner_text()
    page.screenshot(path=str(SCREENSHOTS / "forbidden_users_for_leader.png"))
    page.context.close()


def test_five_wrong_passwords_lock_the_account_and_the_sixth_try_is_refused_even_when_right(server, browser):
    page = browser.new_context(viewport=VIEWPORT).new_page()
    page.goto(server + "/")
    _at_sign_in(page)
    for attempt in range(5):
        _submit(page, "nhapsai", f"sai-mat-khau-{attempt}")
        _idle(page)
    assert "tạm bị khóa" in page.locator('[data-testid="stAlert"]').first.inner_text()
    _submit(page, "nhapsai", PASSWORD)
    _idle(page)
    page.screenshot(path=str(SCREENSHOTS / "sign_in_locked.png"))
    assert "tạm bị khóa" in page.locator('[data-testid="stAlert"]').first.inner_text()
    assert page.locator('[data-testid="stSidebarNav"]').count() == 0
    page.context.close()


def test_a_session_idle_past_the_configured_timeout_is_sent_to_sign_in(server, browser, db_url):
    page = _sign_in_at(browser, server, VIEWS["timeline"], "hethan", PASSWORD)
    engine = make_engine(db_url)
    with engine.begin() as conn:  # as if nobody had touched the app for longer than the timeout
        conn.execute(update(SessionRow).values(last_seen_at=utcnow() - timedelta(minutes=IDLE_MINUTES + 1)))
    engine.dispose()
    page.reload()
    _at_sign_in(page)
    assert f"{IDLE_MINUTES} minutes" in page.locator('[data-testid="stAlert"]').first.inner_text()  # ?lang=en
    assert page.url == server + VIEWS["timeline"]  # signing in again returns to the same view
    page.context.close()


def _cli(db_url: str, *args: str, stdin: str | None = None) -> None:
    env = dict(os.environ, TRACKING_DATABASE_URL=db_url)
    done = subprocess.run([sys.executable, "-m", "tracking", *args], input=stdin, text=True, capture_output=True,
                          cwd=ROOT, env=env)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("username, command", [
    ("doimatkhau", ("users", "passwd", "doimatkhau", "--password-stdin")),
    ("sekhoa", ("users", "disable", "sekhoa")),
])
def test_users_passwd_and_users_disable_end_open_sessions(server, browser, db_url, username, command):
    page = _sign_in_at(browser, server, VIEWS["overview"], username, PASSWORD)
    _cli(db_url, *command, stdin="mat-khau-moi-2026\n")
    page.reload()
    _at_sign_in(page)
    assert page.locator('[data-testid="stSidebarNav"]').count() == 0
    page.context.close()


def test_signing_out_clears_the_cookie_and_f5_stays_signed_out(server, browser):
    page = _sign_in_at(browser, server, VIEWS["overview"], "lanhdao")
    page.locator(".st-key-logout button").click()
    _at_sign_in(page)
    page.wait_for_function("() => location.pathname === '/'", timeout=30_000)
    assert not [c for c in page.context.cookies() if c["name"] == "tracking_session"]
    page.reload()
    _at_sign_in(page)
    page.context.close()
