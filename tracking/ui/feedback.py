"""Messages that survive the rerun a write triggers (so the page redraws with the new data)."""
from __future__ import annotations

import streamlit as st

from tracking.ui.plain import plain


def flash(key: str, message: str | None = None) -> None:
    """With a message: keep it for the next run. Without: show and forget the kept one, if any."""
    if message is not None:
        st.session_state[key] = message
    elif key in st.session_state:
        st.success(plain(st.session_state.pop(key)))  # messages name accounts and units as typed
