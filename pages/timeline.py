"""Tiến độ: deadlines against completion per requirement, the burn-up, and projected completion dates."""
import streamlit as st

from tracking.analysis import schedule
from tracking.charts.registry import area_forecasts
from tracking.tables import projection_table, schedule_table
from tracking.ui.components import chart, dashboard_page, memo, table
from tracking.ui.i18n import lang, t

day, board = dashboard_page.start(__file__, "Tiến độ theo thời gian", "Progress over time")

st.subheader(t("Thời hạn và thực tế hoàn thành", "Deadlines against completion"))
st.caption(t("Thanh xám: thời gian đến hạn; ◆ thời hạn văn bản ghi cho chính việc đó, ◈ thời hạn suy ra từ một mục "
             "chung (cột Nguồn thời hạn ghi mục), ◇ thời hạn đặt sau; mỗi vạch là một ngày có đơn vị hoàn thành (di chuột "
             "để xem tên các đơn vị).",
             "Grey bar: the time until the deadline; ◆ deadline the text gives for the task itself, ◈ deadline inferred "
             "from a general clause (the Deadline source column names it), ◇ deadline set later; "
             "each tick is a day on which units completed it (hover for their names)."))
chart.show_named("requirement_gantt", board, "tl_gantt")
table.show(memo.per_board(board, ("tl_schedule", lang()),
                          lambda: schedule_table(schedule.requirement_schedule(board.snapshot), lang())),
           "tl_schedule", "thoi_han_yeu_cau.csv",
           details=(t("Điều khoản", "Clause"), t("Nguồn thời hạn", "Deadline source"),
                    t("Hoàn thành sớm nhất", "First completion"), t("Hoàn thành muộn nhất", "Last completion")))

st.subheader(t("Số mốc hoàn thành theo thời gian", "Completed milestones over time"))
chart.show_named("burnup", board, "tl_burnup")

st.subheader(t("Dự báo ngày hoàn thành", "Projected completion dates"))
st.info(t("**Đây là dự báo**, không phải số liệu: ngày hoàn thành được ngoại suy theo đường thẳng từ số mốc hoàn thành "
          "trong 90 ngày trước ngày xem; cả kế hoạch xong khi lĩnh vực chậm nhất xong; quá 2 năm sau khi kế hoạch "
          "kết thúc thì không dự báo.",
          "**This is a projection**, not data: the completion date extrapolates, in a straight line, the milestones "
          "completed in the 90 days before the as-of date; the whole plan is done when its slowest area is; nothing "
          "is forecast more than 2 years after the plan's end."), icon=":material/trending_up:")
chart.show_named("area_projection", board, "tl_projection")
table.show(memo.per_board(board, ("tl_projection", lang()), lambda: projection_table(
    *area_forecasts(board), lang())),
           "tl_projection_table", "du_bao_hoan_thanh.csv")
