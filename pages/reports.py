"""Báo cáo quý (section IV): which units reported each quarter, on time or not, and the rates."""
import streamlit as st

from tracking.labels import fmt_percent, schedule_sentence
from tracking.table_widths import HALF_FRAME_PX
from tracking.tables import district_rates_table, level_rates_table, missing_reports_table, report_matrix_table
from tracking.ui import auth, data, workflow_data
from tracking.ui.components import as_of, banner, legend, province, table
from tracking.ui.i18n import lang, t

actor = auth.require_actor(__file__)
heading = st.empty()  # named once the plan is known (its picker and note stay under the title, as elsewhere)
day = as_of.show()
if data.is_demo():
    banner.demo_notice()
plan_id = province.chosen_plan(actor.province_code)
words = data.seat(plan_id)  # a city's inspectorate and districts are the city's: 'Thanh tra thành phố'
heading.title(t(f"Báo cáo quý gửi {words.inspectorate()}", "Quarterly reports to the inspectorate"))
report, missing, totals = workflow_data.reporting(day, plan_id)
cols = st.columns(3, border=True)
cols[0].metric(t("Báo cáo phải nộp", "Reports expected"), totals["expected"], help=t("Mỗi đơn vị một báo cáo cho mỗi quý đã kết thúc.", "One report per unit for each quarter that has ended."))
cols[1].metric(t("Tỷ lệ đã nộp", "Reporting rate"), fmt_percent(totals["reporting_rate"], lang(), 1))
cols[2].metric(t("Tỷ lệ đúng hạn", "On time"), fmt_percent(totals["timeliness"], lang(), 1))
st.caption(t(f"Tình hình đến ngày {day:%d/%m/%Y}. Tỷ lệ theo định nghĩa DHIS2: đã nộp / phải nộp, đúng hạn / phải nộp. "
             f"{words.inspectorate()} nhận báo cáo nên không tự báo cáo cho mình; phần của {words.inspectorate()} là báo cáo "
             "tổng hợp (REP-TONGHOP).",
             f"As of {day:%d/%m/%Y}. Rates as in DHIS2: received / expected, on time / expected. "
             "The inspectorate receives the reports, so it does not report to itself; its part is the consolidated report (REP-TONGHOP)."))
st.info(schedule_sentence(workflow_data.reporting_schedule(), data.plan_info()["ends_on"], lang()))
st.subheader(t("Đơn vị × quý", "Units × quarters"))
legend.show()
table.show(report_matrix_table(report, lang()), "rep_matrix", "bao_cao_quy.csv")
st.subheader(t("Chưa nộp", "Not reported"))
table.show(missing_reports_table(missing, lang()), "rep_missing", "chua_nop_bao_cao.csv")
district_rates = district_rates_table(report, lang(), words)  # empty on today's two-level map: no district column
by_level, *by_district = st.columns(2 if not district_rates.empty else 1)
with by_level:
    st.subheader(t("Theo cấp", "By level"))
    table.show(level_rates_table(report, lang(), words), "rep_levels", "ty_le_theo_cap.csv",
               **({"frame_px": HALF_FRAME_PX} if by_district else {}))  # the whole width when alone
for column in by_district:
    with column:
        st.subheader(t(f"Theo {words.districts}", "By district"))
        table.show(district_rates, "rep_districts", "ty_le_theo_huyen.csv", height=36 * (len(district_rates) + 1) + 3,
                   frame_px=HALF_FRAME_PX)
