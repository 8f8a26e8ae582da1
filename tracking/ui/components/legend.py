"""The status colours in words, once per page (the same palette as every chart)."""
from __future__ import annotations

import streamlit as st

from tracking.charts.palette import STATUS_COLORS, STATUS_SYMBOLS, STATUSES, status_label
from tracking.ui.i18n import lang


def show() -> None:
    chips = "".join(
        f'<span style="display:inline-block;margin:0 18px 4px 0;white-space:nowrap">'
        f'<span style="display:inline-block;width:14px;height:14px;background:{STATUS_COLORS[s]};'
        f'border:1px solid #999;vertical-align:-2px;margin-right:6px"></span>{STATUS_SYMBOLS[s]} {status_label(s, lang())}</span>'
        for s in STATUSES
    )
    st.markdown(chips, unsafe_allow_html=True)
