"""Nhật ký: every change (updates, figures, deadlines, accounts), filterable, downloadable as CSV."""
from datetime import date

import streamlit as st

from tracking.ui import auth, pickers, workflow_data
from tracking.ui.i18n import t
from tracking.ui.tables import for_display
from tracking.views.audit import ACTION_LABELS, csv_bytes

auth.require_actor(__file__)
st.title(t("Nhật ký thay đổi", "Audit log"))
unit_col, user_col, date_col = st.columns(3)
with unit_col:
    unit = pickers.any_unit("aud_unit")
with user_col:
    user = st.selectbox(t("Người thực hiện", "User"), [None, *workflow_data.users()["username"]], key="aud_user",
                        format_func=lambda u: t("Tất cả", "All") if u is None else u)
with date_col:
    days = st.date_input(t("Trong khoảng ngày", "Between"), value=(), min_value=date(2010, 1, 1), format="DD/MM/YYYY", key="aud_days")
start, end = (tuple(days) + (None, None))[:2] if days else (None, None)
log = workflow_data.audit_log(unit_code=unit, user=user, start=start, end=end or start)
log["action"] = log["action"].map(lambda a: ACTION_LABELS.get(a, a))
st.caption(t(f"{len(log)} thay đổi", f"{len(log)} changes"))
st.download_button(t("Tải CSV", "Download CSV"), csv_bytes(log), file_name="nhat-ky.csv", mime="text/csv", key="aud_csv")
st.dataframe(for_display(log, {
    "recorded_at": t("Lúc", "When"), "recorded_by": t("Người", "Who"), "action": t("Việc", "Action"),
    "unit_code": t("Đơn vị", "Unit"), "subject": t("Nội dung", "Subject"), "detail": t("Chi tiết", "Detail"),
    "source": t("Nguồn", "Source"),
}, ("recorded_at",)), hide_index=True)
