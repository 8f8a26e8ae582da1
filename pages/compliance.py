"""Tuân thủ: units × requirements (heatmap and sortable table), filters, rankings, a way into each unit."""
import streamlit as st

from tracking.analysis import compliance, progress
from tracking.charts.forecast_text import upper_first
from tracking.charts.registry import has_districts, seat
from tracking.tables import compliance_table, ranking_table
from tracking.ui.components import chart, dashboard_page, filters, legend, memo, table, unit_picker
from tracking.ui.i18n import lang, t

day, board = dashboard_page.start(__file__, "Tuân thủ của các đơn vị", "Compliance by unit")

words = seat(board)  # a city names its own levels: 'Sở, ban, ngành thành phố', 'Quận, huyện, thị xã'
chosen = filters.show(board.units, board.areas, seat=words)
choice = tuple(map(tuple, (chosen.levels, chosen.districts, chosen.areas, chosen.statuses)))
rows = memo.per_board(board, ("cmp_rows", choice), lambda: compliance.filter_snapshot(
    board.snapshot, levels=chosen.levels, districts=chosen.districts, areas=chosen.areas))
matrix = memo.per_board(board, ("cmp_matrix", choice), lambda: compliance.status_matrix(rows, chosen.statuses))
legend.show()
st.caption(t("Ô của báo cáo quý gộp các kỳ: quá hạn nếu có kỳ quá hạn, trễ hạn nếu có kỳ nộp trễ, đúng hạn nếu mọi kỳ "
             "đã đến hạn đều nộp đúng hạn. Tỷ lệ đúng hạn chỉ tính các mốc đã đến hạn hoặc đã hoàn thành.",
             "Quarterly-report cells combine the periods: overdue if any period is, late if any was late, on time if "
             "every period due so far was on time. The on-time share counts only milestones due or done."))
chart.show_heatmap(matrix, board, "cmp_heatmap", choice)
unverified = frozenset(board.units.loc[~board.units["verified"].astype(bool), "code"])
table.show(memo.per_board(board, ("cmp_table", choice, lang()), lambda: compliance_table(
    matrix, progress.unit_scores(rows), lang(), unverified, words)), "cmp_table", "tuan_thu_don_vi.csv")
unit_picker.open_unit_button(board.units, matrix["unit_code"], "cmp_open", words)

districts = has_districts(board)  # today's two-level map: communes under the province, no district ranking
st.subheader(t("Xếp hạng", "Ranking"))
st.caption(t("Xếp theo tỷ lệ đúng hạn, rồi số mốc quá hạn ít hơn, rồi tỷ lệ hoàn thành."
             + (f" {upper_first(words.district_word())} tính cả các xã trực thuộc." if districts else ""),
             "Ranked by on-time share, then fewer overdue, then completion."
             + (" Districts include their communes." if districts else "")))
for level, key in (("district", "district_ranking"),) * districts + (("department", "department_ranking"),):
    chart.show_named(key, board, f"cmp_{key}")
    table.show(memo.per_board(board, (key, lang()), lambda: ranking_table(compliance.ranking(board.snapshot, level),
                                                                         lang(), words)),
               f"cmp_{key}_table", f"xep_hang_{level}.csv")
