"""Shared fixtures: real databases (a SQLite file, and PostgreSQL when TRACKING_TEST_PG_URL is set)."""
from __future__ import annotations

import os
import shutil
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


@pytest.fixture(scope="session", autouse=True)
def backup_key_file(tmp_path_factory):
    """Backups are sealed with a key kept outside them: tests use their own key file, never the user's."""
    from tracking.db.backup_seal import KEY_ENV, KEY_FILE_ENV

    os.environ.pop(KEY_ENV, None)
    os.environ[KEY_FILE_ENV] = str(tmp_path_factory.mktemp("backup-key") / "backup.key")
    return os.environ[KEY_FILE_ENV]


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
def backend(request):
    if request.param == "postgresql":
        request.getfixturevalue("pg_server_url")
    return request.param


@pytest.fixture
def db_url(backend, tmp_path):
    """An empty database URL, on each backend."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'tracking.sqlite3'}"
        return
    url, drop = _fresh_pg_database(os.environ[PG_ENV])
    yield url
    drop()


class _Templates:
    """Databases initialised once per session (plan and units, optionally the demo) and cloned per test.

    Migrating and seeding for every test is what made the suite slow; a copy of a SQLite file or
    PostgreSQL's CREATE DATABASE ... TEMPLATE gives each test the same fresh state in a fraction of the time.
    """

    def __init__(self, tmp_factory):
        self.tmp_factory = tmp_factory
        self.made: dict[tuple[str, bool], str] = {}
        self.drops = []

    def _template(self, backend: str, demo: bool) -> str:
        key = (backend, demo)
        if key not in self.made:
            if backend == "sqlite":
                url = f"sqlite:///{self.tmp_factory.mktemp('template') / 'tracking.sqlite3'}"
            else:
                url, drop = _fresh_pg_database(os.environ[PG_ENV])
                self.drops.append(drop)
            eng = make_engine(url)
            initialise(eng, demo=demo)
            eng.dispose()  # SQLite: checkpoints the WAL into the file; PostgreSQL: a template must have no sessions
            self.made[key] = url
        return self.made[key]

    def clone(self, backend: str, demo: bool, tmp_path):
        template = self._template(backend, demo)
        if backend == "sqlite":
            target = tmp_path / f"clone_{uuid.uuid4().hex[:8]}.sqlite3"
            shutil.copy(make_url(template).database, target)
            return f"sqlite:///{target}", lambda: None
        name = f"tracking_test_{uuid.uuid4().hex[:12]}"
        admin = create_engine(os.environ[PG_ENV], isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{make_url(template).database}"'))

        def drop():
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()

        return make_url(os.environ[PG_ENV]).set(database=name).render_as_string(hide_password=False), drop


@pytest.fixture(scope="session")
def templates(tmp_path_factory):
    made = _Templates(tmp_path_factory)
    yield made
    for drop in made.drops:
        drop()


def _cloned_engine(templates, backend, demo, tmp_path):
    url, drop = templates.clone(backend, demo, tmp_path)
    eng = make_engine(url)
    return eng, drop


@pytest.fixture
def seeded_db_url(templates, backend, tmp_path):
    """A database URL with the plan and units loaded (as after `init`), on each backend."""
    url, drop = templates.clone(backend, False, tmp_path)
    yield url
    drop()


@pytest.fixture
def engine(templates, backend, tmp_path):
    """Migrated database with the Sóc Trăng plan and units loaded, no history."""
    eng, drop = _cloned_engine(templates, backend, False, tmp_path)
    yield eng
    eng.dispose()
    drop()


@pytest.fixture
def demo_engine(templates, backend, tmp_path):
    """The same with the demo history (and demo accounts)."""
    eng, drop = _cloned_engine(templates, backend, True, tmp_path)
    yield eng
    eng.dispose()
    drop()
