"""Thời hạn: deadlines the plan leaves open (and each quarter's report due date), set later and attributed."""
import streamlit as st

from tracking.tables import open_deadlines_table
from tracking.ui import admin, auth, workflow_data
from tracking.ui.components import table
from tracking.ui.feedback import flash
from tracking.ui.i18n import lang, t

actor = auth.require_actor(__file__)
st.title(t("Thời hạn đặt sau", "Deadlines set later"))
st.caption(t(
    "Những yêu cầu kế hoạch không ghi hạn; hạn nộp báo cáo quý (REP-QUY) của từng quý cũng đặt ở đây. "
    "Hạn “—”: chưa ai đặt hạn, nên các mốc đó chưa thể quá hạn.",
    "Requirements without a deadline in the plan; each quarter's report due date (REP-QUY) is set here too. "
    "Deadline “—”: nobody has set one yet, so those milestones cannot be overdue.",
))
flash("dl_flash")
deadlines = workflow_data.open_deadlines()
table.show(open_deadlines_table(deadlines, lang()), "dl_table", "thoi_han_dat_sau.csv")
admin.deadline_form(actor, deadlines)
