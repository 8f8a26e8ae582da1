"""The load client against the real app (`streamlit run serve.py`): leaders signed in by the sign-in service read
real pages over the websocket, and a cookie the server does not know gets the sign-in form. No timing asserted."""
from __future__ import annotations

import asyncio

import pytest

from tests.app_server import streamlit_server
from tracking.benchmarks.load import LEADER_PAGES, Plan, close_sessions, open_sessions, pages_from, run
from tracking.benchmarks.load_client import PageRequest, StreamlitSession
from tracking.db.engine import make_engine
from tracking.demo_accounts import DEMO_PASSWORD
from tracking.web.auth_routes import COOKIE

TITLES = {  # each page's own title, the first heading it draws
    "overview": "Tổng quan tiến độ thực hiện kế hoạch",
    "compliance": "Tuân thủ của các đơn vị",
    "timeline": "Tiến độ theo thời gian",
    "unit": "Chi tiết đơn vị",
    "national": "Toàn quốc: các tỉnh thực hiện kế hoạch",
}


@pytest.fixture(scope="module")
def served(templates, backend, tmp_path_factory):
    """The demo database on each engine, and the app serving it."""
    url, drop = templates.clone(backend, True, tmp_path_factory.mktemp("load"))
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
