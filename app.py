"""Theo dõi Kế hoạch — entry point: page config and routing only."""
from datetime import date

import streamlit as st

from tracking.ui import data

st.set_page_config(page_title="Theo dõi Kế hoạch", page_icon="📋", layout="wide")
plan = data.plan_info()
st.title("Theo dõi Kế hoạch")
if plan:
    st.caption(f"{plan['title']} — {plan['issuer']}")
if data.is_demo():
    st.warning("Đang hiển thị **dữ liệu minh họa** (không phải số liệu thật).")
as_of = st.date_input("Tình hình đến ngày", value=date(2011, 12, 31), format="DD/MM/YYYY", key="as_of")
frame = data.snapshot_at(as_of)
st.dataframe(frame[["unit_name", "requirement_code", "area", "deadline", "status", "completed_on"]], hide_index=True)
