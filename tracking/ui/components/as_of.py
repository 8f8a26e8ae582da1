"""The as-of date: every page replays the dashboard at this date; it lives in the URL (?as_of=2010-11-30).

One value for the whole session, written into the URL of every page (the write pages too), so F5, a copied link and
moving between pages keep it. Each dashboard page has its own date widget (Streamlit ties widgets to a page), seeded
from the session value that its on_change keeps up to date. A date that cannot be shown (not a date, or outside the
plan's period) is never replaced silently: the page says what it shows instead.
"""
from __future__ import annotations

from datetime import date

import streamlit as st

from tracking.labels import fmt_date
from tracking.services.validation import iso_day
from tracking.ui import data
from tracking.ui.i18n import t
from tracking.views.dashboard import clamp_to_plan

KEY = "as_of"
PARAM = "as_of"
_SESSION = "as_of_value"
_WRITTEN = "as_of_in_url"  # the value this session last put into the URL: a different one came from outside
_NOTICE = "as_of_notice"
# The picker's own bounds are wide on purpose: a typed date outside the plan must reach the app to be explained
# (with the plan's bounds the browser only turns the field red and keeps the old date without a word).
_PICKER_BOUNDS = {"min_value": date(1990, 1, 1), "max_value": date(2099, 12, 31)}


def _window(plan: dict | None) -> str:
    return f"{fmt_date(plan['starts_on'])}–{fmt_date(plan['ends_on'])}" if plan else ""


def _refusal(text: str, plan: dict | None) -> str | None:
    """Why `text` (from a link or the picker) cannot be the as-of date, or None when it can."""
    day = iso_day(text)  # ASCII digits only: '2010-1_0-30' is no date
    if day is None:
        return t(f"“{text}” không phải là một ngày có thật (viết theo dạng năm-tháng-ngày, ví dụ 2010-11-30)",
                 f"“{text}” is not a real date (write it as year-month-day, e.g. 2010-11-30)")
    if clamp_to_plan(day, plan) != day:
        return t(f"Ngày {fmt_date(day)} nằm ngoài thời gian theo dõi của kế hoạch ({_window(plan)})",
                 f"{fmt_date(day)} is outside the plan's tracking period ({_window(plan)})")
    return None


def _refuse(reason: str, shown: date) -> None:
    text = t(f"{reason}; đang hiển thị tình hình đến ngày {fmt_date(shown)}.",
             f"{reason}; showing the situation as of {fmt_date(shown)}.")
    st.session_state[_NOTICE] = {"text": text, "day": shown}


def current() -> date:
    """The session's as-of date, taking a new one from the URL when it is valid and saying why when it is not."""
    plan = data.plan_info()
    url_value = st.query_params.get(PARAM)
    if url_value is not None and url_value == st.session_state.get(_WRITTEN):
        url_value = None  # what this session wrote: nothing new
    if url_value is not None:
        reason = _refusal(url_value, plan)
        if reason is None:
            st.session_state[_SESSION] = iso_day(url_value)
        else:
            shown = st.session_state.get(_SESSION) or clamp_to_plan(date.today(), plan)
            _refuse(t(f"Ngày trong đường dẫn không dùng được: {reason[0].lower()}{reason[1:]}",
                      f"The date in the link cannot be used: {reason}"), shown)
    if _SESSION not in st.session_state:
        st.session_state[_SESSION] = clamp_to_plan(date.today(), plan)
    return st.session_state[_SESSION]


def _write_url(day: date) -> None:
    st.query_params[PARAM] = st.session_state[_WRITTEN] = day.isoformat()


def notice() -> None:
    """At the top of the page: a date asked for could not be shown, and which one is. Said until the reader picks
    another date (reruns, such as signing in, must not swallow it)."""
    said = st.session_state.get(_NOTICE)
    if not said:
        return
    if said["day"] != st.session_state.get(_SESSION):
        del st.session_state[_NOTICE]
        return
    st.warning(said["text"], icon=":material/event_busy:")


def keep() -> date:
    """Every page (app.py): the as-of date goes (back) into the URL, so F5 or a copied link keeps it."""
    day = current()
    _write_url(day)
    notice()
    return day


def _keep(key: str) -> None:
    """The picker's on_change: a date inside the plan becomes the session's; another is explained and undone."""
    chosen = st.session_state[key]
    reason = None if chosen is None else _refusal(chosen.isoformat(), data.plan_info())
    if chosen is None:
        reason = t("Ô ngày đang trống", "The date field is empty")
    if reason is None:
        st.session_state[_SESSION] = chosen
        _write_url(chosen)
    else:
        _refuse(reason, st.session_state[_SESSION])


def show(key: str = KEY) -> date:
    """Sidebar date picker; default today, clamped into the plan's period."""
    plan = data.plan_info()
    day = current()
    st.session_state[key] = day
    window = t(f" Thời gian theo dõi: {_window(plan)}.", f" Tracking period: {_window(plan)}.") if plan else ""
    st.sidebar.date_input(
        t("Tình hình đến ngày", "Situation as of"), format="DD/MM/YYYY", key=key, on_change=_keep, args=(key,),
        help=t("Mọi số liệu được tính lại theo các sự việc đã xảy ra đến ngày này. Gõ ngày rồi bấm Enter.",
               "Every figure is recomputed from the facts known by this date. Type a date and press Enter.") + window,
        **_PICKER_BOUNDS,
    )
    _write_url(day)
    return day
