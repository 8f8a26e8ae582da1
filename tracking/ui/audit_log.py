"""The audit page's filters and its one page of changes: the server counts and reads fifty rows
(tracking.views.audit.audit_page), however long the history."""
from __future__ import annotations

from datetime import date

import streamlit as st

from tracking.labels import pick
from tracking.tables import audit_table
from tracking.ui import pickers, workflow_data
from tracking.ui.components import pager, table, url_state
from tracking.ui.i18n import lang, t
from tracking.views.audit import ACTION_KINDS, AuditFilters

KIND_LABELS = {
    "update": ("Cập nhật tiến độ", "Progress updates"), "quantity": ("Cập nhật số liệu", "Figures updates"),
    "deadline": ("Đặt thời hạn", "Deadlines set"), "user": ("Tài khoản, đăng nhập", "Accounts, sign-ins"),
    "milestone": ("Chuyển, đóng mốc", "Milestones moved or closed"), "setting": ("Đổi cài đặt", "Settings changed"),
}
PAGE_KEY = "aud_page"


def filters() -> AuditFilters:
    """Province and unit, user, kind of change, days recorded; each kept in the URL."""
    unit_col, user_col, action_col, date_col = st.columns([3, 2, 2, 2])
    with unit_col:
        province, unit = pickers.province_and_unit("aud_unit")
    with user_col:
        if "aud_user" not in st.session_state:
            st.session_state["aud_user"] = st.query_params.get("user", "")
        user = st.text_input(t("Người thực hiện", "User"), key="aud_user", max_chars=80,
                             placeholder=t("Tên đăng nhập (hoặc phần đầu)", "Username (or its start)")).strip()
        url_state.remember("user", user)
    with action_col:
        url_state.initial("aud_action", "action", list(ACTION_KINDS), multi=False)
        action = st.selectbox(t("Việc", "Action"), [None, *ACTION_KINDS], key="aud_action",
                              format_func=lambda k: t("Tất cả", "All") if k is None else pick(lang(), *KIND_LABELS[k]))
        url_state.remember("action", action, "aud_action")
    with date_col:
        start, end = url_state.day_range("aud_days", t("Ghi trong khoảng ngày", "Recorded between"), date(2010, 1, 1))
    return AuditFilters(unit_code=unit, user=user or None, start=start, end=end or start, action=action,
                        province_code=province)


def show(chosen: AuditFilters) -> None:
    """The count, one page of rows (its CSV is that page), and previous / next."""
    result = workflow_data.audit_page(chosen, pager.current(PAGE_KEY, chosen))
    first = (result.page - 1) * result.page_size + 1
    last = first + len(result.rows) - 1
    st.caption(t(f"{pager.count(result.total)} thay đổi, mới nhất trước; đang xem {pager.count(first)}–"
                 f"{pager.count(last)}. Không thay đổi nào bị xóa hay sửa.",
                 f"{pager.count(result.total)} changes, newest first; showing {pager.count(first)}–"
                 f"{pager.count(last)}. No change is ever deleted or edited.") if result.total else
               t("Không thay đổi nào bị xóa hay sửa.", "No change is ever deleted or edited."))
    if result.rows.empty:
        st.info(t("Không có thay đổi nào khớp với bộ lọc.", "No change matches these filters."), icon=":material/info:")
    else:
        table.show(audit_table(result.rows, lang()), "aud_table", f"nhat-ky-trang-{result.page}.csv",
                   height=36 * min(len(result.rows) + 1, 16) + 3)
    pager.controls(PAGE_KEY, result.page, result.pages)
