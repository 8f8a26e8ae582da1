"""Cached access to the database for pages: the engine once per process; every read keyed by the data stamp.

Reads are keyed by `stamp()` (tracking.db.data_stamp), so a write made anywhere (this session, another app process,
the CLI) shows at the next page view. The large read-only results (a plan's dashboard) are kept with
st.cache_resource: one object shared by every session of the process, not a copy unpickled per hit as st.cache_data
would make — pages only read them (tests/app/test_shared_cache.py checks no page modifies one). A dashboard is keyed
by its own plan's stamp (`plan_stamp`), so an update in one province leaves the others' dashboards warm.
"""
from __future__ import annotations

import threading
import time
from datetime import date

import pandas as pd
import streamlit as st
from sqlalchemy import Engine

from tracking.db.data_stamp import data_stamp, plan_stamp as plan_stamp_of
from tracking.db.engine import database_url, make_engine
from tracking.labels import Seat, seat_of
from tracking.setup import initialise
from tracking.views import catalog, unit_detail
from tracking.views import unit_history as unit_lives
from tracking.views.dashboard import DashboardData, load_dashboard

READ_TTL_SECONDS = 600  # bounds memory only: freshness comes from the stamp
# Dashboards are bounded by their count (SHARED_ENTRIES), so they may outlive a 10-minute pause: leaders who read
# the provinces one after another come back to a dashboard later than that (`bench cache`: 11–18 min a round).
DASHBOARD_TTL_SECONDS = 3600
STAMP_FRESH_SECONDS = 1.0  # one stamp query per second per process, however many sessions render at once
# Dashboards kept per process: every province of the country at three dates, with room for a few more (≈0.7 MB
# each at national scale; their figures are kept for the last few only, tracking.ui.components.memo). `bench cache`
# checks that a second round over them all builds none and measures the memory.
SHARED_ENTRIES = 200
_stamps: dict[tuple[str, tuple], tuple[float, tuple]] = {}
_stamps_lock = threading.Lock()


def engine() -> Engine:
    return _engine_for(database_url())


@st.cache_resource(show_spinner=False)
def _engine_for(url: str) -> Engine:
    """Migrate and load the plan once per process and URL (idempotent), then share the engine."""
    eng = make_engine(url)
    initialise(eng)
    return eng


def stamp(url: str | None = None, *, accounts: bool = False) -> tuple:
    """The data stamp, read at most once a second per process (a write here forgets it at once). `accounts`: for
    the pages that show account events (audit, users), which dashboards do not depend on."""
    return _remembered(url or database_url(), ("accounts" if accounts else "data",),
                       lambda conn: data_stamp(conn, accounts=accounts))


def plan_stamp(plan_id: int | None, url: str | None = None) -> tuple:
    """One plan's stamp (tracking.db.data_stamp.plan_stamp): what its dashboard is keyed by, so a write in one
    province leaves the other provinces' dashboards warm."""
    return _remembered(url or database_url(), ("plan", plan_id), lambda conn: plan_stamp_of(conn, plan_id))


def _remembered(url: str, key: tuple, read) -> tuple:
    now = time.monotonic()
    with _stamps_lock:
        seen = _stamps.get((url, key))
        if seen and now - seen[0] < STAMP_FRESH_SECONDS:
            return seen[1]
    with _engine_for(url).connect() as conn:
        value = read(conn)
    with _stamps_lock:
        _stamps[(url, key)] = (now, value)
    return value


def plan_info() -> dict | None:
    url = database_url()
    return _plan_info(url, stamp(url))


@st.cache_data(ttl=READ_TTL_SECONDS, show_spinner=False)
def _plan_info(url: str, version: tuple) -> dict | None:
    return catalog.plan_info(_engine_for(url))


def seat(plan_id: int | None = None) -> Seat:
    """How the plan's province or city names its levels and bodies (tracking.labels.Seat), for a page that reads no
    dashboard (the dashboards' own: tracking.charts.registry.seat)."""
    url = database_url()
    return _seat(url, plan_id, plan_stamp(plan_id, url))


@st.cache_data(ttl=READ_TTL_SECONDS, show_spinner=False)
def _seat(url: str, plan_id: int | None, version: tuple) -> Seat:
    eng = _engine_for(url)
    return seat_of((catalog.plan_info(eng, plan_id) or {}).get("issuer"), catalog.units(eng, plan_id))


def is_demo() -> bool:
    url = database_url()
    return _is_demo(url, stamp(url))


@st.cache_data(ttl=READ_TTL_SECONDS, show_spinner=False)
def _is_demo(url: str, version: tuple) -> bool:
    return catalog.is_demo(_engine_for(url))


def dashboard(as_of: date, plan_id: int | None = None) -> DashboardData:
    url = database_url()
    return _dashboard(url, as_of, plan_id, plan_stamp(plan_id, url))


@st.cache_resource(ttl=DASHBOARD_TTL_SECONDS, max_entries=SHARED_ENTRIES, show_spinner=False)
def _dashboard(url: str, as_of: date, plan_id: int | None, version: tuple) -> DashboardData:
    return load_dashboard(_engine_for(url), as_of, plan_id)


def unit_history(unit_code: str, as_of: date) -> pd.DataFrame:
    url = database_url()
    return _unit_history(url, unit_code, as_of, stamp(url))


@st.cache_data(ttl=READ_TTL_SECONDS, show_spinner=False)
def _unit_history(url: str, unit_code: str, as_of: date, version: tuple) -> pd.DataFrame:
    return unit_detail.unit_history(_engine_for(url), unit_code, as_of)


def unit_changes(unit_code: str, as_of: date) -> pd.DataFrame:
    url = database_url()
    return _unit_changes(url, unit_code, as_of, stamp(url))


@st.cache_data(ttl=READ_TTL_SECONDS, show_spinner=False)
def _unit_changes(url: str, unit_code: str, as_of: date, version: tuple) -> pd.DataFrame:
    return unit_lives.changes_of(_engine_for(url), unit_code, as_of)


def quantities(unit_code: str, as_of: date) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The unit's latest quantities as of the date, and their full history up to it."""
    url = database_url()
    return _quantities(url, unit_code, as_of, stamp(url))


@st.cache_data(ttl=READ_TTL_SECONDS, show_spinner=False)
def _quantities(url: str, unit_code: str, as_of: date, version: tuple) -> tuple[pd.DataFrame, pd.DataFrame]:
    engine = _engine_for(url)
    return (unit_detail.quantities_as_of(engine, as_of, [unit_code]),
            unit_detail.quantity_history(engine, unit_code, as_of))


def clear_after_write() -> None:
    """Every write calls this so the next read shows it at once (other processes see the new stamp within a
    second)."""
    with _stamps_lock:
        _stamps.clear()
    st.cache_data.clear()
    # Dashboards are not cleared: each is keyed by its plan's stamp, so the written province's is read afresh and
    # the other provinces' stay warm (the superseded entry ages out of the shared cache).
