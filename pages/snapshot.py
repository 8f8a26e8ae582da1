"""Milestone status table (placeholder until the dashboard issue replaces it)."""
from datetime import date

import streamlit as st

from tracking.ui import data
from tracking.ui.i18n import t

plan = data.plan_info()
st.title(t("Tình trạng các mốc", "Milestone status"))
if plan:
    st.caption(f"{plan['title']} — {plan['issuer']}")
if data.is_demo():
    st.warning(t("Đang hiển thị **dữ liệu minh họa**.", "Showing **demo data** (dữ liệu minh họa)."))
as_of = st.date_input(t("Tình hình đến ngày", "As of"), value=date(2011, 12, 31), format="DD/MM/YYYY", key="snap_as_of")
frame = data.snapshot_at(as_of)
st.dataframe(frame[["unit_name", "requirement_code", "area", "deadline", "status", "completed_on"]], hide_index=True)
