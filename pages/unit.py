"""Đơn vị: one unit's milestones, its quantities against the plan's norms, its history and its communes."""
import streamlit as st

from tracking.analysis import norms, progress, schedule
from tracking.charts.progress import units_figure
from tracking.charts.registry import seat
from tracking.charts.timeline import gantt_figure
from tracking.labels import level_label, on_two_levels
from tracking.tables import (history_table, milestones_table, norms_table, quantity_history_table, unit_changes_table,
                             units_table)
from tracking.ui import auth, data
from tracking.ui.components import chart, dashboard_page, kpis, table, unit_picker
from tracking.ui.i18n import lang, t
from tracking.ui.plain import plain

day, board = dashboard_page.start(__file__, "Chi tiết đơn vị", "Unit details")
actor = auth.current_actor()
code = unit_picker.show(board.units, board.snapshot["unit_code"].unique(), preferred=actor.unit_code if actor else None,
                        seat=seat(board))
unit = board.units.set_index("code").loc[code]
if not bool(unit["verified"]):
    note = plain(unit["note"] if isinstance(unit["note"], str) else "")  # data-file text is shown as text too
    st.warning(t(f"Đơn vị chưa kiểm chứng: chưa có nguồn xác nhận tên, loại hoặc sự tồn tại. {note}",
                 f"Unverified unit: no source confirms its name, kind or existence. {note}"))
changes = data.unit_changes(code, day)  # renamed, reclassified, merged: the unit as it was at each date
if not changes.empty:
    st.caption(t(f"Đơn vị có thay đổi về tên, loại hoặc địa giới; tên trên trang là tên ngày {day:%d/%m/%Y}.",
                 f"The unit changed name, kind or boundaries; this page shows its name on {day:%d/%m/%Y}."))
    table.show(unit_changes_table(changes, lang()), "unit_changes", f"thay_doi_{code}.csv")
mine = progress.of_unit(board.snapshot, code)
kpis.show(progress.status_counts(mine))

st.subheader(t("Các mốc của đơn vị", "The unit's milestones"))
table.show(milestones_table(mine, lang()), "unit_milestones", f"moc_{code}.csv")
chart.show(gantt_figure(schedule.requirement_schedule(mine), mine, board.plan["starts_on"], day, lang(),
                        t("Thời hạn và ngày hoàn thành của đơn vị", "The unit's deadlines and completions")), "unit_gantt",
           board)

st.subheader(t("Số liệu so với định mức của kế hoạch", "Quantities against the plan's norms"))
latest, quantity_history = data.quantities(code, day)
table.show(norms_table(norms.norm_check(latest, norms.norms_for(board.requirements, mine["requirement_code"]), lang()),
                       lang()), "unit_norms", f"dinh_muc_{code}.csv")

st.subheader(t("Lịch sử cập nhật và căn cứ", "History of updates and evidence"))
st.caption(t(f"Các sự việc đã xảy ra đến ngày {day:%d/%m/%Y}, mới nhất trước.",
             f"Facts that had happened by {day:%d/%m/%Y}, newest first."))
table.show(history_table(data.unit_history(code, day), lang()), "unit_history", f"lich_su_{code}.csv")
with st.expander(t("Lịch sử số liệu (cán bộ, phòng tiếp công dân)", "History of quantities (staff, reception room)")):
    table.show(quantity_history_table(quantity_history, lang()), "unit_quantities", f"so_lieu_{code}.csv")

communes = progress.of_communes(board.snapshot, code)
if not communes.empty:
    level = level_label("commune", lang(), on_two_levels(communes))
    st.subheader(t(f"Tổng hợp các {level.lower()} trực thuộc", f"Roll-up of the {level.lower()} under this unit"))
    kpis.show(progress.status_counts(communes))
    scores = progress.unit_scores(communes)
    chart.show(units_figure(scores, t(f"Tiến độ của từng {level.lower()}", f"Progress of each of the {level.lower()}"),
                            lang()),
               "unit_communes_chart", board)
    table.show(units_table(scores, lang()), "unit_communes", f"cap_xa_{code}.csv")
