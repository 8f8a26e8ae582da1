"""Database URL and engine. TRACKING_DATABASE_URL wins; the default is a SQLite file under data/."""
from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, event

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
DEFAULT_SQLITE = DATA_DIR / "tracking.sqlite3"
URL_ENV = "TRACKING_DATABASE_URL"
PG_OPTIONS_ENV = "TRACKING_PG_OPTIONS"
# JIT compilation costs PostgreSQL ~0.4 s on a national snapshot whose plan it wrongly thinks expensive (measured on
# 63 provinces: 0.72 s → 0.29 s), and the default 4 MB work_mem spills its grouped scan to disk. What dashboards
# read is in memory: at the default random_page_cost of 4 the planner hashes the facts of an early date instead of
# walking the covering index in order (63 provinces, 01/09/2010: 47 ms against 26 ms).
PG_OPTIONS = "-c jit=off -c work_mem=32MB -c random_page_cost=1.1"


def database_url() -> str:
    return os.environ.get(URL_ENV) or f"sqlite:///{DEFAULT_SQLITE}"


def make_engine(url: str | None = None) -> Engine:
    url = url or database_url()
    # Errors never quote the statement's parameters: they may hold a password hash, a note, a name.
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30}, hide_parameters=True)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    options = os.environ.get(PG_OPTIONS_ENV, PG_OPTIONS)  # empty: the server's own settings (e.g. behind a pooler)
    connect_args = {"options": options} if options and url.startswith("postgresql") else {}
    return create_engine(url, pool_pre_ping=True, hide_parameters=True, connect_args=connect_args)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    # WAL lets the dashboard read while the CLI or an import writes.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()
