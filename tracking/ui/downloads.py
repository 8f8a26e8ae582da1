"""Export buttons: make the file with a progress bar, then offer it with st.download_button."""
from __future__ import annotations

from datetime import date
from typing import Callable

import streamlit as st

from tracking.errors import TrackingError
from tracking.ui.i18n import lang, t
from tracking.ui.plain import plain

STATE_PREFIX = "export_file_"


def show(kind: str, label: str, build: Callable[[Callable[[float, str], None]], bytes], file_name: str, mime: str,
         as_of: date, disabled: bool = False, key: str = "export") -> None:
    """One row: a 'make' button (with progress) and, once made for this date and language, a download button."""
    state_key = f"{STATE_PREFIX}{key}_{kind}"
    made = st.session_state.get(state_key)
    fresh = made is not None and made["as_of"] == as_of and made["lang"] == lang()
    name, make, get = st.columns([3, 1, 2], vertical_alignment="center")
    name.markdown(f"**{label}**")
    if make.button(t("Tạo tệp", "Make"), key=f"{key}_make_{kind}", disabled=disabled, use_container_width=True):
        bar = st.progress(0.0, text=t("Đang chuẩn bị…", "Preparing…"))

        def progress(share: float, what: str) -> None:
            bar.progress(min(max(share, 0.0), 1.0), text=what or t("Đang hoàn tất…", "Finishing…"))

        try:
            data = build(progress)
        except TrackingError as exc:
            bar.empty()
            st.error(plain(exc))
            return
        bar.empty()
        st.session_state[state_key] = made = {"data": data, "as_of": as_of, "lang": lang(), "name": file_name}
        fresh = True
    if fresh:
        get.download_button(f"⬇ {made['name']}", made["data"], file_name=made["name"], mime=mime,
                              key=f"{key}_download_{kind}", on_click="ignore", use_container_width=True)
