"""Pages run against a real SQLite FILE (each connection to :memory: would be a new, empty database)."""
from __future__ import annotations

from pathlib import Path

import pytest

from streamlit.testing.v1 import AppTest

from tests.accounts import add_account
from tracking.db.engine import URL_ENV, make_engine
from tracking.ui.auth import ROUTED_KEY, SESSION_KEY
from tracking.setup import initialise

ROOT = Path(__file__).resolve().parents[2]


def _seeded(path: Path, demo: bool) -> str:
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    initialise(engine, demo=demo)
    if not demo:  # the demo brings its own accounts; pages need a signed-in reader
        add_account(engine, READER, role="leader")
    engine.dispose()
    return url


READER = "lanhdao"


def signed_in_page(path: str, username: str = READER) -> AppTest:
    """A page file run as the main script by a user who came through app.py (sign-in and router)."""
    at = AppTest.from_file(path, default_timeout=120)
    at.session_state[SESSION_KEY] = username
    at.session_state[ROUTED_KEY] = True
    return at


@pytest.fixture(scope="session")
def demo_db_url(tmp_path_factory) -> str:
    return _seeded(tmp_path_factory.mktemp("demo") / "tracking.sqlite3", demo=True)


@pytest.fixture(scope="session")
def empty_db_url(tmp_path_factory) -> str:
    """The plan and units loaded, nothing recorded."""
    return _seeded(tmp_path_factory.mktemp("empty") / "tracking.sqlite3", demo=False)


@pytest.fixture
def demo_app_env(monkeypatch, demo_db_url):
    monkeypatch.setenv(URL_ENV, demo_db_url)
    return demo_db_url


@pytest.fixture
def empty_app_env(monkeypatch, empty_db_url):
    monkeypatch.setenv(URL_ENV, empty_db_url)
    return empty_db_url
