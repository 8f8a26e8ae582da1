"""Cached reads for the workflow pages, keyed by the data stamp like every other read (tracking.ui.data)."""
from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from tracking.domain.deadlines import DEFAULT_READING, READING_SETTING
from tracking.db.engine import database_url
from tracking.imports.template import template_bytes
from tracking.ui.data import READ_TTL_SECONDS, _engine_for, stamp
from tracking.views import audit, catalog, reports, workflow
from tracking.views.paging import Page


def reporting(as_of: date, plan_id: int | None = None) -> tuple[pd.DataFrame, pd.DataFrame, dict]:
    """Units × quarters, the reports not received, and the province-wide totals and rates (one plan's)."""
    report = _reporting(database_url(), as_of, plan_id, version=stamp())
    return report, reports.missing(report), reports.totals(report)


@st.cache_data(ttl=READ_TTL_SECONDS, show_spinner=False)
def _reporting(url: str, as_of: date, plan_id: int | None, version: tuple) -> pd.DataFrame:
    return reports.reporting(_engine_for(url), as_of, plan_id=plan_id)


def audit_page(filters: audit.AuditFilters, page: int) -> Page:
    """One page of the log (tracking.views.audit.audit_page): a count and fifty rows, never the whole history."""
    return _audit_page(database_url(), filters, page, version=stamp(accounts=True))


@st.cache_data(ttl=READ_TTL_SECONDS, max_entries=256, show_spinner=False)
def _audit_page(url: str, filters: audit.AuditFilters, page: int, version: tuple) -> Page:
    return audit.audit_page(_engine_for(url), filters, page)


def unit_names(province_code: str | None = None) -> dict[str, str]:
    return _unit_names(database_url(), province_code, version=stamp())


@st.cache_data(ttl=READ_TTL_SECONDS, show_spinner=False)
def _unit_names(url: str, province_code: str | None, version: tuple) -> dict[str, str]:
    return workflow.unit_names(_engine_for(url), province_code)


def open_deadlines(province_code: str | None = None) -> pd.DataFrame:
    return _open_deadlines(database_url(), province_code, version=stamp())


@st.cache_data(ttl=READ_TTL_SECONDS, show_spinner=False)
def _open_deadlines(url: str, province_code: str | None, version: tuple) -> pd.DataFrame:
    return workflow.open_deadlines(_engine_for(url), province_code)


def users_page(search: str, page: int) -> Page:
    """One page of accounts (tracking.views.workflow.users_page)."""
    return _users_page(database_url(), search, page, version=stamp(accounts=True))


@st.cache_data(ttl=READ_TTL_SECONDS, max_entries=64, show_spinner=False)
def _users_page(url: str, search: str, page: int, version: tuple) -> Page:
    return workflow.users_page(_engine_for(url), search, page)


def units_with_milestones() -> set[str]:
    return _units_with_milestones(database_url(), version=stamp())


@st.cache_data(ttl=READ_TTL_SECONDS, show_spinner=False)
def _units_with_milestones(url: str, version: tuple) -> set[str]:
    return workflow.units_with_milestones(_engine_for(url))


def template(unit_codes: tuple[str, ...] | None, today: date) -> bytes:
    return _template(database_url(), unit_codes, today, version=stamp())


@st.cache_data(ttl=READ_TTL_SECONDS, show_spinner=False)
def _template(url: str, unit_codes: tuple[str, ...] | None, today: date, version: tuple) -> bytes:
    return template_bytes(_engine_for(url), list(unit_codes) if unit_codes else None, today)


def deadline_reading() -> str:
    """How "trước ngày X" is graded (tracking.domain.deadlines.READINGS)."""
    return _deadline_reading(database_url(), version=stamp())


@st.cache_data(ttl=READ_TTL_SECONDS, show_spinner=False)
def _deadline_reading(url: str, version: tuple) -> str:
    return catalog.setting(_engine_for(url), READING_SETTING, DEFAULT_READING)


def reporting_schedule():
    """The quarterly reporting schedule in force (an admin's setting, else the plan file's default)."""
    return _reporting_schedule(database_url(), version=stamp())


@st.cache_data(ttl=READ_TTL_SECONDS, show_spinner=False)
def _reporting_schedule(url: str, version: tuple):
    return catalog.reporting_schedule(_engine_for(url))


def ended_units(province_code: str | None) -> list[dict]:
    """Units a merge or split ended in the province, with how many milestones wait for the inspectorate's act."""
    return _ended_units(database_url(), province_code, version=stamp())


@st.cache_data(ttl=READ_TTL_SECONDS, show_spinner=False)
def _ended_units(url: str, province_code: str | None, version: tuple) -> list[dict]:
    from tracking.units.changes import ended_units as read  # the units package reads the loader: load it on use
    return read(_engine_for(url), province_code)
