"""Shared fixtures: real databases (a SQLite file, and PostgreSQL when TRACKING_TEST_PG_URL is set)."""
from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tracking.db.engine import make_engine
from tracking.setup import initialise

PG_ENV = "TRACKING_TEST_PG_URL"
_pg_skip_reported = False


def pytest_report_header(config):
    if os.environ.get(PG_ENV):
        return f"PostgreSQL tests: ON ({PG_ENV} is set)"
    return f"PostgreSQL tests: SKIPPED — set {PG_ENV}=postgresql+psycopg://postgres@127.0.0.1:5432/test to run them"


@pytest.fixture(scope="session")
def pg_server_url():
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(f"PostgreSQL: {PG_ENV} is not set")
    return url


def _fresh_pg_database(server_url: str):
    """A new, empty database per use, so parallel runs and tests never see each other's rows."""
    name = f"tracking_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(server_url).set(database=name).render_as_string(hide_password=False)

    def drop():
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return url, drop


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """An empty database URL, on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'tracking.sqlite3'}"
        return
    server = request.getfixturevalue("pg_server_url")
    url, drop = _fresh_pg_database(server)
    yield url
    drop()


@pytest.fixture
def engine(db_url):
    """Migrated database with the Sóc Trăng plan and units loaded, no history."""
    eng = make_engine(db_url)
    initialise(eng)
    yield eng
    eng.dispose()


@pytest.fixture
def demo_engine(db_url):
    eng = make_engine(db_url)
    initialise(eng, demo=True)
    yield eng
    eng.dispose()
