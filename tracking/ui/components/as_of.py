"""The as-of date: every page replays the dashboard at this date; it lives in the URL (?as_of=2010-11-30)."""
from __future__ import annotations

from datetime import date

import streamlit as st

from tracking.ui import data
from tracking.ui.i18n import t
from tracking.views.dashboard import clamp_to_plan

KEY = "as_of"


def show(key: str = KEY) -> date:
    """Sidebar date picker, bounded by the plan's period; default today, clamped into that period."""
    plan = data.plan_info()
    bounds = {"min_value": plan["starts_on"], "max_value": plan["ends_on"]} if plan else {}
    return st.sidebar.date_input(
        t("Tình hình đến ngày", "Situation as of"), value=clamp_to_plan(date.today(), plan), format="DD/MM/YYYY",
        key=key, bind="query-params", **bounds,
        help=t("Mọi số liệu được tính lại theo các sự việc đã xảy ra đến ngày này.",
               "Every figure is recomputed from the facts known by this date."),
    )
