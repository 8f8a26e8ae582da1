"""The as-of date: every page replays the dashboard at this date; it lives in the URL (?as_of=2010-11-30).

One value for the whole session, so moving between pages keeps it: each page has its own date widget (Streamlit
ties widgets to a page), seeded from a session value that its on_change keeps up to date.
"""
from __future__ import annotations

from datetime import date

import streamlit as st

from tracking.services.validation import iso_day

from tracking.ui import data
from tracking.ui.i18n import t
from tracking.views.dashboard import clamp_to_plan

KEY = "as_of"
PARAM = "as_of"
_SESSION = "as_of_value"


def _from_url(plan: dict | None) -> date | None:
    """The date of a shared link, if it is a valid date inside the plan's period."""
    day = iso_day(st.query_params.get(PARAM, ""))
    if day is None:
        return None
    return day if clamp_to_plan(day, plan) == day else None


def _keep(key: str) -> None:
    st.session_state[_SESSION] = st.session_state[key]


def show(key: str = KEY) -> date:
    """Sidebar date picker, bounded by the plan's period; default today, clamped into that period."""
    plan = data.plan_info()
    if _SESSION not in st.session_state:
        st.session_state[_SESSION] = _from_url(plan) or clamp_to_plan(date.today(), plan)
    st.session_state[key] = st.session_state[_SESSION]
    bounds = {"min_value": plan["starts_on"], "max_value": plan["ends_on"]} if plan else {}
    day = st.sidebar.date_input(
        t("Tình hình đến ngày", "Situation as of"), format="DD/MM/YYYY", key=key, on_change=_keep, args=(key,),
        help=t("Mọi số liệu được tính lại theo các sự việc đã xảy ra đến ngày này.",
               "Every figure is recomputed from the facts known by this date."), **bounds,
    )
    st.query_params[PARAM] = day.isoformat()
    return day
