"""The users page's list: a search and one page of accounts read on the server (a national database has one
account per unit), with their unit's and province's names."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from tracking.tables import users_table
from tracking.ui import workflow_data
from tracking.ui.components import pager, table
from tracking.ui.i18n import lang, t

PAGE_KEY = "usr_page"


def shown() -> pd.DataFrame:
    """Draw the search, the page of accounts and previous / next; returns the accounts on the page (the forms
    below act on them)."""
    if "usr_search" not in st.session_state:
        st.session_state["usr_search"] = st.query_params.get("q", "")
    search = st.text_input(t("Tìm tài khoản", "Find an account"), key="usr_search", max_chars=80,
                           placeholder=t("Tên đăng nhập hoặc họ tên", "Username or full name")).strip()
    if search:
        st.query_params["q"] = search
    elif "q" in st.query_params:
        del st.query_params["q"]
    result = workflow_data.users_page(search, pager.current(PAGE_KEY, search))
    st.caption(t(f"{pager.count(result.total)} tài khoản.", f"{pager.count(result.total)} accounts."))
    rows = result.rows
    names = {**dict(zip(rows["province_code"], rows["province_name"])), **dict(zip(rows["unit_code"], rows["unit_name"]))}
    names = {code: name for code, name in names.items() if isinstance(code, str) and isinstance(name, str)}
    if not rows.empty:
        table.show(users_table(rows, names, lang()), "usr_table", "nguoi_dung.csv")
    pager.controls(PAGE_KEY, result.page, result.pages)
    return rows
