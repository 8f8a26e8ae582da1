"""Cached access to the database for pages: the engine once per process, reads with a TTL."""
from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st
from sqlalchemy import Engine

from tracking.db.engine import database_url, make_engine
from tracking.setup import initialise
from tracking.views import catalog
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


def clear_after_write() -> None:
    """Every write calls this so the next read shows it at once."""
    st.cache_data.clear()
