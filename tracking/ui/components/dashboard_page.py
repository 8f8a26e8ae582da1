"""The opening every dashboard page shares: sign-in check, title, as-of date, data, demo/empty banner."""
from __future__ import annotations

from datetime import date

import streamlit as st

from tracking.ui import auth, data
from tracking.ui.components import as_of, banner, province
from tracking.ui.i18n import t
from tracking.views.dashboard import DashboardData


def start(page_file: str, title_vi: str, title_en: str, key: str = as_of.KEY) -> tuple[date, DashboardData]:
    """Returns the as-of date and the dashboard data; stops the page with a helpful note when there is nothing."""
    actor = auth.require_actor(page_file)
    st.title(t(title_vi, title_en))
    day = as_of.show(key=key)
    board = data.dashboard(day, province.chosen_plan(actor.province_code))
    if not banner.show(board):
        st.stop()
    return day, board
