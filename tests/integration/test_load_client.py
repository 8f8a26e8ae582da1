"""The load client against the real app (`streamlit run serve.py`) on the demo database plus a generated province:
leaders signed in by the sign-in service read real pages over the websocket, a first visit goes through
/auth/session and the page's HTML, accounts made for a run are disabled after it, and a cookie the server does not
know gets the sign-in form. No timing asserted."""
from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import func, select

from tests.app_server import streamlit_server
from tracking.benchmarks import load_accounts
from tracking.benchmarks.load import LEADER_PAGES, CLIENT_NOTE, Plan, close_sessions, open_sessions, pages_from, run
from tracking.benchmarks.load_client import PageRequest, StreamlitSession
from tracking.benchmarks.load_http import first_load
from tracking.cli.load_commands import _print_table
from tracking.db.engine import make_engine
from tracking.db.models import SessionRow, UserRow
from tracking.demo_accounts import DEMO_PASSWORD
from tracking.services import sessions
from tracking.units.national import generate
from tracking.uow import UnitOfWork
from tracking.web.auth_routes import COOKIE

TITLES = {  # each page's own title, the first heading it draws
    "overview": "Tổng quan tiến độ thực hiện kế hoạch",
    "compliance": "Tuân thủ của các đơn vị",
    "timeline": "Tiến độ theo thời gian",
    "unit": "Chi tiết đơn vị",
    "national": "Toàn quốc: các tỉnh thực hiện kế hoạch",
}
SCEPTIC_KEYS = {"accounts", "provinces", "dates", "errors", "p95_s", "db_cpu_s", "browser_p95_s"}


def _quiet(done, total, label):
    pass


@pytest.fixture(scope="module")
def served(templates, backend, tmp_path_factory):
    """The demo database with a generated second province (Hà Nội, 01) on each engine, and the app serving it."""
    url, drop = templates.clone(backend, True, tmp_path_factory.mktemp("load"))
    engine = make_engine(url)
    generate(engine, 2, seed=7, progress=_quiet)
    engine.dispose()
    with streamlit_server(url) as base:
        yield base, url
    drop()


@pytest.fixture(params=["sqlite", "postgresql"], scope="module")
def backend(request):
    if request.param == "postgresql":
        request.getfixturevalue("pg_server_url")
    return request.param


def _pages(base: str, cookie: str, pages) -> list:
    async def visit():
        session = await StreamlitSession.connect(base, cookie)
        try:
            return [await session.open(page) for page in pages]
        finally:
            await session.close()

    return asyncio.run(visit())


def test_a_signed_in_leader_gets_every_dashboard_page_drawn_with_its_title(served):
    base, url = served
    engine = make_engine(url)
    opened = open_sessions(engine, "lanhdao", DEMO_PASSWORD, 1)
    try:
        # twice round: first visits by URL path, then by the page hashes st.navigation announced, as the sidebar does
        results = _pages(base, f"{COOKIE}={opened[0][1]}", pages_from(None) * 2)
    finally:
        close_sessions(engine, opened)
        engine.dispose()
    assert [r.label for r in results] == list(LEADER_PAGES) * 2
    for r in results:
        assert r.errors == []
        assert r.headings[0] == TITLES[r.label]
        assert r.messages > 3


def test_a_cookie_the_server_does_not_know_gets_the_sign_in_form_and_counts_as_an_error(served):
    base, _ = served
    [result] = _pages(base, f"{COOKIE}=not-a-session", [PageRequest.parse("compliance")])
    assert result.headings[0] == "Đăng nhập"
    assert any("signed out" in e for e in result.errors)


def test_a_short_run_with_three_leaders_reports_every_request_without_error(served):
    base, url = served
    engine = make_engine(url)
    result = run(Plan(base, sessions=3, think=0.5, duration=3, pages=pages_from("overview,compliance,national")),
                 engine, "lanhdao", DEMO_PASSWORD)
    engine.dispose()
    assert result["errors"] == 0, result["error_samples"]
    assert result["requests"] >= 3  # every leader opened at least its first page
    assert set(result["per_page"]) <= {"overview", "compliance", "national"}
    assert sum(p["n"] for p in result["per_page"].values()) == result["requests"]
    assert {"sessions", "requests", "errors", "p50_s", "p95_s", "max_s", "per_page"} <= set(result)
    assert result["server_pids"] and result["server_cpu_s"] > 0


def test_the_leaders_sessions_are_signed_out_at_the_end(served):
    from sqlalchemy import func, select

    from tracking.db.models import SessionRow

    _, url = served
    engine = make_engine(url)
    opened = open_sessions(engine, "lanhdao", DEMO_PASSWORD, 2)
    close_sessions(engine, opened)
    with engine.connect() as conn:
        still_open = conn.scalar(select(func.count()).select_from(SessionRow).where(
            SessionRow.id.in_([i for i, _ in opened]), SessionRow.revoked_at.is_(None)))
    engine.dispose()
    assert still_open == 0


def test_a_first_visit_trades_the_code_for_the_cookie_and_fetches_the_page_as_a_browser_does(served):
    base, url = served
    engine = make_engine(url)
    with UnitOfWork(engine) as uow:
        signed = sessions.sign_in(uow, "lanhdao", DEMO_PASSWORD, client=CLIENT_NOTE)
    page = PageRequest("compliance", "compliance", "province=94&as_of=2011-06-30")
    load = first_load(base, page, code=signed.code, nonce=signed.nonce, token=None, timeout=60)
    stolen = first_load(base, page, code=signed.code, nonce=signed.nonce, token=None, timeout=60)  # used up
    with UnitOfWork(engine) as uow:
        assert sessions.resolve(uow, token=load.token).actor.username == "lanhdao"
    close_sessions(engine, [(signed.session_id, "")])
    engine.dispose()
    assert load.errors == []
    assert load.requests > 20 and load.bytes > 500_000  # the HTML, then the scripts and style sheets it names
    assert stolen.token is None and "no session cookie" in stolen.errors[0]


def test_a_run_over_accounts_made_for_it_reports_the_sceptics_numbers_and_disables_the_accounts(served, capsys):
    base, url = served
    engine = make_engine(url)
    every = load_accounts.provinces_of(engine)
    plan = Plan(base, sessions=3, think=1.0, duration=3, timeout=60, accounts=3, provinces=2, national_accounts=1,
                dates=("2010-12-31", "2011-06-30"), rate=2.0)
    result = run(plan, engine, "lanhdao", DEMO_PASSWORD)
    _print_table(result)
    with engine.connect() as conn:
        made = conn.execute(select(UserRow.id, UserRow.username, UserRow.active, UserRow.province_code)
                            .where(UserRow.username.like(f"{load_accounts.PREFIX}-%"))).all()
        still_open = conn.scalar(select(func.count()).select_from(SessionRow).where(
            SessionRow.user_id.in_([m.id for m in made]), SessionRow.revoked_at.is_(None)))
    engine.dispose()
    assert SCEPTIC_KEYS <= set(result)
    assert result["errors"] == 0, result["error_samples"]
    assert (result["accounts"], result["national_accounts"], result["arrivals"]) == (3, 1, "open")
    assert sorted(result["provinces"]) == sorted(every) == ["01", "94"]
    assert result["dates"] == ["2010-12-31", "2011-06-30"]
    assert result["first_visit"]["n"] >= 1 and result["first_visit"]["http_kib_mean"] > 500
    assert result["requests"] == sum(p["n"] for p in result["per_page"].values()) == \
        result["first_visit"]["n"] + result["later_views"]["n"]
    assert result["browser_p95_s"] is None and result["browsers"] == 0  # none asked for
    assert (result["db_cpu_s"] is None) == (result["db_engine"] == "sqlite")
    # the accounts: one national, two of a province each, every one disabled with its sessions ended
    assert len(made) == 3 and not any(m.active for m in made)
    assert sorted(m.province_code or "" for m in made) == ["", "01", "94"]
    assert still_open == 0
    assert "tài khoản" in capsys.readouterr().out


@pytest.mark.browser
def test_a_real_browser_signs_in_and_times_pages_drawn(served):
    from tracking.benchmarks.load_browser import available

    if available() is not None:
        pytest.skip(f"browser: {available()}")
    base, url = served
    if not url.startswith("sqlite"):
        pytest.skip("one engine is enough for the browser's side")
    engine = make_engine(url)
    result = run(Plan(base, sessions=1, think=1.0, duration=4, timeout=60, pages=pages_from("national"),
                      rate=0.5, browsers=1, seed=3), engine, "lanhdao", DEMO_PASSWORD)
    engine.dispose()
    assert result["browsers"] == 1 and result["browser_errors"] == 0, result["error_samples"]
    assert result["browser_n"] >= 1 and result["browser_p95_s"] > 0
    assert len(result["browser_signin_s"]) == 1 and result["browser_signin_s"][0] > 0


def test_a_keep_alive_connection_the_server_closed_is_asked_again_on_a_new_one_as_a_browser_does():
    import http.server
    import threading

    from tracking.benchmarks.load_http import FirstLoad, _Client

    class ClosesAfterEachAnswer(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive promised, then the socket is closed: uvicorn's idle timeout

        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")
            self.close_connection = True

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), ClosesAfterEachAnswer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    client, load = _Client(f"http://127.0.0.1:{server.server_address[1]}", timeout=5), FirstLoad()
    try:
        assert [client.get("/a", None, load).status, client.get("/b", None, load).status] == [200, 200]
    finally:
        client.close()
        server.shutdown()
    assert (load.requests, load.bytes) == (2, 4)
