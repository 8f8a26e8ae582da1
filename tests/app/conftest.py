"""Pages run against a real SQLite FILE (each connection to :memory: would be a new, empty database)."""
from __future__ import annotations

from pathlib import Path

import pytest

from tracking.db.engine import URL_ENV, make_engine
from tracking.setup import initialise

ROOT = Path(__file__).resolve().parents[2]


def _seeded(path: Path, demo: bool) -> str:
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    initialise(engine, demo=demo)
    engine.dispose()
    return url


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
