"""Choosing one unit; the choice is in the URL (?unit=941) so the compliance page can link to it."""
from __future__ import annotations

from typing import Iterable

import pandas as pd
import streamlit as st

from tracking.labels import Seat, level_label, on_two_levels, unit_label, verified_label
from tracking.ui.components import url_state
from tracking.ui.i18n import lang, t

PARAM = "unit"


def options(units: pd.DataFrame, only: Iterable[str] | None = None, seat: Seat | None = None) -> dict[str, str]:
    """Unit code → 'name — level' in list order (rows of tracking.views.catalog.units), optionally some codes only;
    the level in `seat`'s words (a city's 'Sở, ban, ngành thành phố')."""
    names = dict(zip(units["code"], units["name"]))
    wanted = None if only is None else set(only)
    two_level = on_two_levels(units)
    return {u.code: verified_label(f"{unit_label(u.name, u.level, names.get(u.parent_code), limit=80)} — "
                                   f"{level_label(u.level, lang(), two_level, seat)}", u.verified, lang())
            for u in units.itertuples(index=False) if wanted is None or u.code in wanted}


def show(units: pd.DataFrame, only: Iterable[str] | None = None, key: str = "unit_pick",
         preferred: str | None = None, seat: Seat | None = None) -> str | None:
    """`preferred` (a unit officer's own unit) is the first choice when the link names none."""
    choices = options(units, only, seat)
    default = preferred if preferred in choices else next(iter(choices), None)
    url_state.initial(key, PARAM, list(choices), multi=False, default=default)
    chosen = st.selectbox(t("Đơn vị", "Unit"), list(choices), format_func=choices.get, key=key)
    url_state.remember(PARAM, chosen, key)
    return chosen


def open_unit_button(units: pd.DataFrame, only: Iterable[str], key: str, seat: Seat | None = None) -> None:
    """Pick a unit and open its page; the as-of date follows (it is kept for the session)."""
    choices = options(units, only, seat)
    if not choices:
        return
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    code = left.selectbox(t("Xem chi tiết một đơn vị", "Open a unit's page"), list(choices),
                          format_func=choices.get, key=key)
    if right.button(t("Mở trang đơn vị", "Open unit page"), key=f"{key}_go", icon=":material/open_in_new:"):
        params = {PARAM: code}
        if lang() == "en":
            params["lang"] = "en"
        st.switch_page("pages/unit.py", query_params=params)
