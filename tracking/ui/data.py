"""Cached access to the database for pages: the engine once per process, reads with a TTL."""
from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st
from sqlalchemy import Engine

from tracking.db.engine import database_url, make_engine
from tracking.setup import initialise
from tracking.views import catalog, unit_detail
from tracking.views.dashboard import DashboardData, load_dashboard
from tracking.views.snapshot import snapshot

READ_TTL_SECONDS = 300


def engine() -> Engine:
    return _engine_for(database_url())


@st.cache_resource(show_spinner=False)
def _engine_for(url: str) -> Engine:
    """Migrate and load the plan once per process and URL (idempotent), then share the engine."""
    eng = make_engine(url)
    initialise(eng)
    return eng


# Cached reads take the URL as an argument so that tests pointing at another database never see stale rows.
def snapshot_at(as_of: date) -> pd.DataFrame:
    return _snapshot(database_url(), as_of)


@st.cache_data(ttl=READ_TTL_SECONDS, show_spinner=False)
def _snapshot(url: str, as_of: date) -> pd.DataFrame:
    return snapshot(_engine_for(url), as_of)


def plan_info() -> dict | None:
    return _plan_info(database_url())


@st.cache_data(ttl=READ_TTL_SECONDS, show_spinner=False)
def _plan_info(url: str) -> dict | None:
    return catalog.plan_info(_engine_for(url))


def is_demo() -> bool:
    return _is_demo(database_url())


@st.cache_data(ttl=READ_TTL_SECONDS, show_spinner=False)
def _is_demo(url: str) -> bool:
    return catalog.is_demo(_engine_for(url))


def dashboard(as_of: date, plan_id: int | None = None) -> DashboardData:
    return _dashboard(database_url(), as_of, plan_id)


@st.cache_data(ttl=READ_TTL_SECONDS, show_spinner=False)
def _dashboard(url: str, as_of: date, plan_id: int | None = None) -> DashboardData:
    return load_dashboard(_engine_for(url), as_of, plan_id)


def unit_history(unit_code: str, as_of: date) -> pd.DataFrame:
    return _unit_history(database_url(), unit_code, as_of)


@st.cache_data(ttl=READ_TTL_SECONDS, show_spinner=False)
def _unit_history(url: str, unit_code: str, as_of: date) -> pd.DataFrame:
    return unit_detail.unit_history(_engine_for(url), unit_code, as_of)


def quantities(unit_code: str, as_of: date) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The unit's latest quantities as of the date, and their full history up to it."""
    return _quantities(database_url(), unit_code, as_of)


@st.cache_data(ttl=READ_TTL_SECONDS, show_spinner=False)
def _quantities(url: str, unit_code: str, as_of: date) -> tuple[pd.DataFrame, pd.DataFrame]:
    engine = _engine_for(url)
    return (unit_detail.quantities_as_of(engine, as_of, [unit_code]),
            unit_detail.quantity_history(engine, unit_code, as_of))


def clear_after_write() -> None:
    """Every write calls this so the next read shows it at once."""
    st.cache_data.clear()
