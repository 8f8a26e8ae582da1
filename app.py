"""Theo dõi Kế hoạch — entry point: page config and routing only."""
import streamlit as st

from tracking.ui.i18n import language_toggle, t
from tracking.ui.navigation import pages_for

st.set_page_config(page_title="Theo dõi Kế hoạch", page_icon="📋", layout="wide")
language_toggle()
pages = [
    st.Page(spec.path, title=t(spec.title_vi, spec.title_en), icon=spec.icon, default=spec.default)
    for spec in pages_for(None)
]
st.navigation(pages).run()
