"""Selections kept in the URL as codes (not labels), so a shared link works in either language.

The URL wins; without it (Streamlit drops the query when moving to another page) the choice made earlier in this
session comes back, so a page remembers its unit and filters when one returns to it."""
from __future__ import annotations

from datetime import date
from typing import Any, Mapping, Sequence

import streamlit as st

from tracking.services.validation import iso_day

_MEMORY = "url_memory"


def _memory() -> dict:
    return st.session_state.setdefault(_MEMORY, {})


def initial(key: str, param: str, options: Sequence[str], *, multi: bool, default=None,
            values: Mapping[str, Any] | None = None) -> None:
    """Seed the widget's state from the URL (or this session's last choice) when the page is drawn afresh.

    `values` maps a code in the URL to the widget's value when they differ (e.g. a milestone id)."""
    if key in st.session_state:
        return
    if values is not None:
        initial(f"{key}__code", param, options, multi=multi, default=default)
        code = st.session_state.pop(f"{key}__code")
        st.session_state[key] = [values[c] for c in code] if multi else values.get(code, default)
        return
    wanted = [v for v in st.query_params.get_all(param) if v in options]
    if not wanted and key in _memory():
        wanted = [v for v in _memory()[key] if v in options]
        if not wanted and multi:  # an emptied filter stays empty
            st.session_state[key] = []
            return
    if multi:
        st.session_state[key] = wanted or list(default or [])
    else:
        st.session_state[key] = wanted[0] if wanted else default


def remember(param: str, value, key: str | None = None) -> None:
    """Write the current selection back into the URL (or drop it when empty), and into the session's memory."""
    values = [v for v in (value if isinstance(value, (list, tuple)) else [value]) if v]
    if key is not None:
        _memory()[key] = values
    if values:
        st.query_params[param] = values if len(values) > 1 else values[0]
    elif param in st.query_params:
        del st.query_params[param]


def day_range(key: str, label: str, earliest: date, params: tuple[str, str] = ("from", "to")) -> tuple[date | None, date | None]:
    """A date-range filter kept in the URL as ISO days (?from=2026-11-01&to=2026-11-26); end defaults to start."""
    if key not in st.session_state:
        chosen = []
        for param in params:
            day = iso_day(st.query_params.get(param, ""))
            if day is None:
                break
            chosen.append(day)
        remembered = _memory().get(key)
        st.session_state[key] = tuple(chosen) if chosen else tuple(remembered or ())
    days = st.date_input(label, min_value=earliest, format="DD/MM/YYYY", key=key)
    start, end = (tuple(days) + (None, None))[:2] if days else (None, None)
    _memory()[key] = [d for d in (start, end) if d]
    for param, value in zip(params, (start, end)):
        if value:
            st.query_params[param] = value.isoformat()
        elif param in st.query_params:
            del st.query_params[param]
    return start, end or start
