"""Nhật ký: every change (updates, figures, deadlines, accounts), filterable, downloadable as CSV."""
from datetime import date

import streamlit as st

from tracking.tables import audit_table
from tracking.ui import auth, pickers, workflow_data
from tracking.ui.components import table, url_state
from tracking.ui.i18n import lang, t

auth.require_actor(__file__)
st.title(t("Nhật ký thay đổi", "Audit log"))
unit_col, user_col, date_col = st.columns(3)
with unit_col:
    unit = pickers.any_unit("aud_unit")
with user_col:
    names = list(workflow_data.users()["username"])
    url_state.initial("aud_user", "user", names, multi=False)
    user = st.selectbox(t("Người thực hiện", "User"), [None, *names], key="aud_user",
                        format_func=lambda u: t("Tất cả", "All") if u is None else u)
    url_state.remember("user", user, "aud_user")
with date_col:
    start, end = url_state.day_range("aud_days", t("Ghi trong khoảng ngày", "Recorded between"), date(2010, 1, 1))
log = workflow_data.audit_log(unit_code=unit, user=user, start=start, end=end or start)
st.caption(t(f"{len(log)} thay đổi, mới nhất trước. Không thay đổi nào bị xóa hay sửa.",
             f"{len(log)} changes, newest first. No change is ever deleted or edited."))
if log.empty:
    st.info(t("Không có thay đổi nào khớp với bộ lọc.", "No change matches these filters."), icon=":material/info:")
else:
    table.show(audit_table(log, lang()), "aud_table", "nhat-ky.csv", height=36 * min(len(log) + 1, 16) + 3)
