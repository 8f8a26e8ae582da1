"""Pages run against a real SQLite FILE (each connection to :memory: would be a new, empty database)."""
from __future__ import annotations

from pathlib import Path

import pytest

from streamlit.testing.v1 import AppTest

from tests.accounts import add_account
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracking.db.engine import URL_ENV, database_url, make_engine
from tracking.db.models import SessionRow, UserRow, utcnow
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


def open_session(username: str) -> int:
    """A session row for `username`, as the sign-in form makes one (AppTest has no cookie: the id stays in the
    test session's memory, as it does in a real one)."""
    engine = make_engine(database_url())
    with Session(engine) as s:
        user_id = s.scalar(select(UserRow.id).where(UserRow.username == username))
        row = SessionRow(user_id=user_id, expires_at=utcnow() + timedelta(hours=1))
        s.add(row)
        s.commit()
        session_id = row.id
    engine.dispose()
    return session_id


def sign_in(at: AppTest, username: str = READER) -> AppTest:
    at.session_state[SESSION_KEY] = open_session(username)
    return at


def signed_in_page(path: str, username: str = READER) -> AppTest:
    """A page file run as the main script by a user who came through app.py (sign-in and router)."""
    at = sign_in(AppTest.from_file(path, default_timeout=120), username)
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
