"""Tổng quan: KPIs, progress per area against its deadline, progress by level, the units most behind."""
import streamlit as st

from tracking.analysis import progress
from tracking.charts.registry import seat
from tracking.tables import area_table, units_table
from tracking.ui.components import chart, dashboard_page, kpis, memo, table
from tracking.ui.i18n import lang, t

day, board = dashboard_page.start(__file__, "Tổng quan tiến độ thực hiện kế hoạch", "Plan progress overview")

st.subheader(t(f"Tình hình đến ngày {day:%d/%m/%Y}", f"Situation as of {day:%d/%m/%Y}"))
kpis.show(progress.status_counts(board.snapshot), progress.due_soon_count(board.snapshot))

st.subheader(t("Hoàn thành theo lĩnh vực và thời hạn", "Completion per area and deadline"))
table.show(memo.per_board(board, ("ov_areas", lang()),
                          lambda: area_table(progress.area_progress(board.snapshot, board.areas, day), lang())),
           "ov_areas", "tien_do_theo_linh_vuc.csv")
chart.show_named("area_progress", board, "ov_area_chart")

left, right = st.columns(2)
with left:
    chart.show_named("level_progress", board, "ov_level_chart")
with right:
    chart.show_named("units_behind", board, "ov_behind_chart")

st.subheader(t("Các đơn vị chậm nhất", "Units most behind"))
table.show(memo.per_board(board, ("ov_behind", lang()), lambda: units_table(progress.units_behind(board.snapshot), lang(),
                                                                          seat=seat(board))),
           "ov_behind", "don_vi_cham_nhat.csv")
