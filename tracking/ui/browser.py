"""Small browser-side helpers (tracking/ui/assets/browser.js): the date picker's language, Enter in a date field,
the phone's sidebar closing after navigation. Streamlit 1.67 has no setting for any of them."""
from __future__ import annotations

from functools import cache
from pathlib import Path

import streamlit as st

_SCRIPT = Path(__file__).with_name("assets") / "browser.js"


@cache
def _script() -> str:
    return f"<script>{_SCRIPT.read_text(encoding='utf-8')}</script>"


def install() -> None:
    """Every run (the script guards itself, so it is installed once per tab); at the sidebar's foot, out of sight."""
    st.sidebar.html(_script(), unsafe_allow_javascript=True)
