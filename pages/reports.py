"""Báo cáo quý (section IV): which units reported each quarter, on time or not, and the rates."""
import streamlit as st

from tracking.labels import LEVEL_LABELS, district_short, fmt_percent, pick
from tracking.tables import missing_reports_table, report_matrix_table, reporting_rates_table
from tracking.ui import auth, data, workflow_data
from tracking.ui.components import as_of, banner, legend, table
from tracking.ui.i18n import lang, t
from tracking.views.reports import missing, rates

auth.require_actor(__file__)
st.title(t("Báo cáo quý gửi Thanh tra tỉnh", "Quarterly reports to the inspectorate"))
day = as_of.show()
if data.is_demo():
    banner.demo_notice()
report = workflow_data.reporting(day)
expected, received, on_time = (int(report[c].sum()) for c in ("expected", "received", "on_time"))
cols = st.columns(3, border=True)
cols[0].metric(t("Báo cáo phải nộp", "Reports expected"), expected, help=t("Mỗi đơn vị một báo cáo cho mỗi quý đã kết thúc.", "One report per unit for each quarter that has ended."))
cols[1].metric(t("Tỷ lệ đã nộp", "Reporting rate"), fmt_percent(100 * received / expected if expected else None, lang(), 1))
cols[2].metric(t("Tỷ lệ đúng hạn", "On time"), fmt_percent(100 * on_time / expected if expected else None, lang(), 1))
st.caption(t(f"Tình hình đến ngày {day:%d/%m/%Y}. Hạn nộp mỗi quý là một cài đặt (trang Thời hạn). Tỷ lệ theo định nghĩa DHIS2: đã nộp / phải nộp, đúng hạn / phải nộp.",
             f"As of {day:%d/%m/%Y}. Each quarter's due date is a setting (Deadlines page). Rates as in DHIS2: received / expected, on time / expected."))
st.subheader(t("Đơn vị × quý", "Units × quarters"))
legend.show()
table.show(report_matrix_table(report, lang()), "rep_matrix", "bao_cao_quy.csv")
st.subheader(t("Chưa nộp", "Not reported"))
table.show(missing_reports_table(missing(report), lang()), "rep_missing", "chua_nop_bao_cao.csv")
levels = {code: pick(lang(), *text) for code, text in LEVEL_LABELS.items()}
districts = dict(zip(report["unit_code"], report["unit_name"].map(district_short)))
by_level, by_district = st.columns(2)
with by_level:
    st.subheader(t("Theo cấp", "By level"))
    table.show(reporting_rates_table(rates(report, "unit_level"), levels, t("Cấp", "Level"), lang()), "rep_levels", "ty_le_theo_cap.csv")
with by_district:
    st.subheader(t("Theo huyện, thành phố", "By district"))
    district_rates = reporting_rates_table(rates(report, "district_code"), districts, t("Huyện, thành phố", "District"), lang())
    table.show(district_rates, "rep_districts", "ty_le_theo_huyen.csv", height=36 * (len(district_rates) + 1) + 3)
