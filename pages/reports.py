"""Báo cáo quý (section IV): which units reported each quarter, on time or not, and the rates."""
from datetime import date

import streamlit as st

from tracking.ui import auth, workflow_data
from tracking.ui.i18n import t
from tracking.ui.tables import for_display
from tracking.views.reports import matrix, missing, rates

auth.require_actor(__file__)
st.title(t("Báo cáo quý gửi Thanh tra tỉnh", "Quarterly reports to the inspectorate"))
as_of = st.date_input(t("Tình hình đến ngày", "As of"), value=date.today(), min_value=date(2010, 1, 1),
                      format="DD/MM/YYYY", key="rep_as_of")
report = workflow_data.reporting(as_of)
expected, received, on_time = (int(report[c].sum()) for c in ("expected", "received", "on_time"))
cols = st.columns(3)
cols[0].metric(t("Báo cáo phải nộp", "Expected"), expected)
cols[1].metric(t("Tỷ lệ đã nộp", "Reporting rate"), f"{100 * received / expected:.1f}%" if expected else "—")
cols[2].metric(t("Tỷ lệ đúng hạn", "On time"), f"{100 * on_time / expected:.1f}%" if expected else "—")
st.caption(t("Hạn nộp mỗi quý là một cài đặt (trang Thời hạn). Tỷ lệ theo định nghĩa DHIS2: đã nộp / phải nộp, đúng hạn / phải nộp.",
             "Each quarter's due date is a setting (Deadlines page). Rates as in DHIS2: received / expected, on time / expected."))
st.subheader(t("Đơn vị × quý", "Units × quarters"))
st.dataframe(matrix(report))
st.subheader(t("Chưa nộp", "Not reported"))
st.dataframe(for_display(missing(report), {"period": t("Quý", "Quarter"), "unit_code": t("Mã", "Code"),
                                           "unit_name": t("Đơn vị", "Unit"), "deadline": t("Hạn", "Due")}, ("deadline",)), hide_index=True)
rate_labels = {"expected": t("Phải nộp", "Expected"), "received": t("Đã nộp", "Received"), "on_time": t("Đúng hạn", "On time"),
               "reporting_rate": t("Tỷ lệ nộp (%)", "Reporting rate (%)"), "timeliness": t("Tỷ lệ đúng hạn (%)", "Timeliness (%)")}
by_level, by_district = st.columns(2)
by_level.subheader(t("Theo cấp", "By level"))
by_level.dataframe(for_display(rates(report, "unit_level"), {"unit_level": t("Cấp", "Level"), **rate_labels}), hide_index=True)
by_district.subheader(t("Theo huyện", "By district"))
by_district.dataframe(for_display(rates(report, "district_code"), {"district_code": t("Huyện", "District"), **rate_labels}), hide_index=True)
