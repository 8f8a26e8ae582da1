"""Vietnamese first, English on request: the language lives in session state (and the URL)."""
from __future__ import annotations

import streamlit as st

LANG_KEY = "lang"


def lang() -> str:
    return st.session_state.get(LANG_KEY, st.query_params.get(LANG_KEY, "vi"))


def t(vi: str, en: str) -> str:
    return en if lang() == "en" else vi


def language_toggle() -> None:
    """Sidebar switch; remembers the choice in the URL so a shared link keeps the language."""
    english = st.sidebar.toggle("English", value=lang() == "en", key="lang_toggle")
    st.session_state[LANG_KEY] = "en" if english else "vi"
    if english:
        st.query_params[LANG_KEY] = "en"
    elif LANG_KEY in st.query_params:
        del st.query_params[LANG_KEY]
