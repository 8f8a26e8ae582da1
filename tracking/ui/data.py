"""Cached access to the database for pages: the engine once per process, reads with a TTL."""
from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st
from sqlalchemy import Engine

from tracking.db.engine import make_engine
from tracking.setup import initialise
from tracking.views import catalog
from tracking.views.snapshot import snapshot

READ_TTL_SECONDS = 300


@st.cache_resource(show_spinner=False)
def engine() -> Engine:
    """Migrate and load the plan once per process (idempotent), then share the engine."""
    eng = make_engine()
    initialise(eng)
    return eng


@st.cache_data(ttl=READ_TTL_SECONDS, show_spinner=False)
def snapshot_at(as_of: date) -> pd.DataFrame:
    return snapshot(engine(), as_of)


@st.cache_data(ttl=READ_TTL_SECONDS, show_spinner=False)
def plan_info() -> dict | None:
    return catalog.plan_info(engine())


@st.cache_data(ttl=READ_TTL_SECONDS, show_spinner=False)
def is_demo() -> bool:
    return catalog.is_demo(engine())


def clear_after_write() -> None:
    """Every write calls this so the next read shows it at once."""
    st.cache_data.clear()
