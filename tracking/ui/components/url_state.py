"""Selections kept in the URL as codes (not labels), so a shared link works in either language."""
from __future__ import annotations

from typing import Sequence

import streamlit as st


def initial(key: str, param: str, options: Sequence[str], *, multi: bool, default=None) -> None:
    """Seed the widget's state from the URL the first time the page is drawn in this session."""
    if key in st.session_state:
        return
    wanted = [v for v in st.query_params.get_all(param) if v in options]
    if multi:
        st.session_state[key] = wanted or list(default or [])
    else:
        st.session_state[key] = wanted[0] if wanted else default


def remember(param: str, value) -> None:
    """Write the current selection back into the URL (or drop it when empty)."""
    values = [v for v in (value if isinstance(value, (list, tuple)) else [value]) if v]
    if values:
        st.query_params[param] = values if len(values) > 1 else values[0]
    elif param in st.query_params:
        del st.query_params[param]
