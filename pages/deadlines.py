"""Thời hạn: deadlines the plan leaves open (and each quarter's report due date), set later and attributed."""
import streamlit as st

from tracking.labels import schedule_sentence
from tracking.tables import ended_units_table, open_deadlines_table
from tracking.ui import admin, auth, data, workflow_data
from tracking.ui.components import province, table
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
scope = province.code_of(province.chosen_plan(actor.province_code))  # the account's province unless the URL says
deadlines = workflow_data.open_deadlines(scope)
table.show(open_deadlines_table(deadlines, lang()), "dl_table", "thoi_han_dat_sau.csv")
admin.deadline_form(actor, deadlines, scope)
ended = workflow_data.ended_units(scope)
if ended:
    st.subheader(t("Đơn vị đã nhập, chia: các mốc chưa xong", "Merged or split units: their open milestones"))
    st.caption(t("Thanh tra quyết định một lần cho mỗi đơn vị: chuyển các mốc chưa xong sang đơn vị kế thừa, hoặc "
                 "đóng vì không còn áp dụng. Mốc đã hoàn thành và lịch sử cập nhật giữ nguyên ở đơn vị cũ.",
                 "The inspectorate decides once per unit: move its open milestones to the successor, or close them as "
                 "no longer applicable. Completed milestones and their history stay with the old unit."))
    table.show(ended_units_table(ended, lang()), "cl_table", "don_vi_nhap_chia.csv")
    admin.closure_form(actor, ended, scope)
st.subheader(t("Lịch báo cáo quý", "Quarterly reporting schedule"))
st.caption(schedule_sentence(workflow_data.reporting_schedule(), data.plan_info()["ends_on"], lang()))
admin.schedule_form(actor, workflow_data.reporting_schedule())
st.subheader(t("Cách tính đúng hạn", "On-time rule"))
admin.reading_form(actor, workflow_data.deadline_reading())
