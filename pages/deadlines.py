"""Thời hạn: deadlines the plan leaves open (and each quarter's report due date), set later and attributed."""
import streamlit as st

from tracking.ui import admin, auth, workflow_data
from tracking.ui.feedback import flash
from tracking.ui.i18n import t
from tracking.ui.tables import for_display

actor = auth.require_actor(__file__)
st.title(t("Thời hạn đặt sau", "Deadlines set later"))
st.caption(t(
    "Những yêu cầu kế hoạch không ghi hạn; hạn nộp báo cáo quý (REP-QUY) của từng quý cũng đặt ở đây.",
    "Requirements without a deadline in the plan; each quarter's report due date (REP-QUY) is set here too.",
))
flash("dl_flash")
deadlines = workflow_data.open_deadlines()
st.dataframe(for_display(deadlines, {
    "requirement_code": t("Yêu cầu", "Requirement"), "period": t("Kỳ", "Period"), "clause": t("Điều khoản", "Clause"),
    "deadline": t("Hạn (đặt sau)", "Deadline (set later)"), "set_by": t("Người đặt", "Set by"),
    "set_at": t("Lúc đặt", "Set at"), "milestones": t("Số mốc", "Milestones"),
}, ("deadline", "set_at")), hide_index=True)
admin.deadline_form(actor, deadlines)
