"""Cached country-wide reads: small aggregated frames (hundreds of rows), so st.cache_data's copy per hit is cheap."""
from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from tracking.db.engine import database_url
from tracking.ui.data import READ_TTL_SECONDS, _engine_for, stamp
from tracking.views import catalog, national
from tracking.views.plans import province_plans


def counts(as_of: date) -> pd.DataFrame:
    return _counts(database_url(), as_of, version=stamp())


@st.cache_data(ttl=READ_TTL_SECONDS, show_spinner=False)
def _counts(url: str, as_of: date, version: tuple) -> pd.DataFrame:
    return national.national_counts(_engine_for(url), as_of)


def districts(as_of: date, plan_id: int) -> pd.DataFrame:
    return _districts(database_url(), as_of, plan_id, version=stamp())


@st.cache_data(ttl=READ_TTL_SECONDS, show_spinner=False)
def _districts(url: str, as_of: date, plan_id: int, version: tuple) -> pd.DataFrame:
    return national.districts(_engine_for(url), as_of, plan_id)


def communes(as_of: date, district_code: str, search: str, offset: int, limit: int) -> tuple[pd.DataFrame, int]:
    return _communes(database_url(), as_of, district_code, search, offset, limit, version=stamp())


@st.cache_data(ttl=READ_TTL_SECONDS, show_spinner=False)
def _communes(url: str, as_of: date, district_code: str, search: str, offset: int, limit: int, version: tuple):
    return national.communes(_engine_for(url), as_of, district_code, search=search, offset=offset, limit=limit)


def plans() -> pd.DataFrame:
    """province_code, province_name, plan_id of every plan (the default plan first)."""
    return _plans(database_url(), version=stamp())


@st.cache_data(ttl=READ_TTL_SECONDS, show_spinner=False)
def _plans(url: str, version: tuple) -> pd.DataFrame:
    return province_plans(_engine_for(url))


def area_names(language: str) -> dict[str, str]:
    """Area code → its name in the reader's language (the areas are the same in every province's plan)."""
    return _area_names(database_url(), language, version=stamp())


@st.cache_data(ttl=READ_TTL_SECONDS, show_spinner=False)
def _area_names(url: str, language: str, version: tuple) -> dict[str, str]:
    frame = catalog.areas(_engine_for(url))
    return dict(zip(frame["code"], frame["name_en" if language == "en" else "name"]))
