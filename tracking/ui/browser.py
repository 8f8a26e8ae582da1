"""Small browser-side helpers (tracking/ui/assets/): the date picker's language, Enter in a date field, Streamlit's
own words in Vietnamese, the phone's sidebar closing after navigation and its charts scrolling inside their frame.
Streamlit 1.67 has no setting for any of them."""
from __future__ import annotations

from functools import cache
from pathlib import Path

import streamlit as st

_ASSETS = Path(__file__).with_name("assets")


@cache
def _script() -> str:
    return (f"<style>{(_ASSETS / 'phone.css').read_text(encoding='utf-8')}</style>"
            f"<script>{(_ASSETS / 'browser.js').read_text(encoding='utf-8')}</script>")


def install() -> None:
    """Every run (the script guards itself, so it is installed once per tab); at the sidebar's foot, out of sight."""
    st.sidebar.html(_script(), unsafe_allow_javascript=True)
