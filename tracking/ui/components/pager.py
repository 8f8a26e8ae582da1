"""Previous / next over a list read one page at a time on the server; the page number is in the URL (?page=3), so a
link opens the same page. A change of filters starts again at page 1."""
from __future__ import annotations

import streamlit as st

from tracking.ui.i18n import t

PARAM = "page"


def current(key: str, filters) -> int:
    """The page asked for: the URL's on a fresh view, 1 after the filters changed, else the one paged to."""
    seen = f"{key}__filters"
    if key not in st.session_state:
        asked = st.query_params.get(PARAM, "1")
        st.session_state[key] = int(asked) if asked.isdigit() and int(asked) > 0 else 1
    elif st.session_state.get(seen) != filters:
        st.session_state[key] = 1
    st.session_state[seen] = filters
    return st.session_state[key]


def controls(key: str, page: int, pages: int) -> None:
    """Buttons either side of 'Trang 3/120'; writes the page actually shown (clamped by the read) to the URL."""
    st.session_state[key] = page
    if page > 1:
        st.query_params[PARAM] = str(page)
    elif PARAM in st.query_params:
        del st.query_params[PARAM]
    if pages <= 1:
        return
    back, where, forward = st.columns([1, 2, 1], vertical_alignment="center")
    back.button(t("Trang trước", "Previous page"), key=f"{key}_back", icon=":material/chevron_left:",
                disabled=page <= 1, on_click=_go, args=(key, page - 1), use_container_width=True)
    where.caption(t(f"Trang {count(page)}/{count(pages)}", f"Page {count(page)} of {count(pages)}"))
    forward.button(t("Trang sau", "Next page"), key=f"{key}_next", icon=":material/chevron_right:",
                   disabled=page >= pages, on_click=_go, args=(key, page + 1), use_container_width=True)


def count(n: int) -> str:
    """274.476 in Vietnamese, 274,476 in English."""
    return t(f"{n:,}".replace(",", "."), f"{n:,}")


def _go(key: str, page: int) -> None:
    st.session_state[key] = page
