"""The numbers a leader reads first: done on time, done late, overdue, not yet due, no deadline."""
from __future__ import annotations

import streamlit as st

from tracking.charts.palette import STATUS_COLORS, STATUSES, status_label
from tracking.labels import fmt_percent
from tracking.ui.i18n import lang, t

HELP = {
    "done_on_time": ("Hoàn thành vào hoặc trước thời hạn.", "Completed on or before the deadline."),
    "done_late": ("Hoàn thành sau thời hạn.", "Completed after the deadline."),
    "overdue": ("Đã qua thời hạn mà chưa hoàn thành.", "Past the deadline and not done."),
    "open": ("Chưa hoàn thành, chưa đến hạn.", "Not done, deadline not reached."),
    "no_deadline": ("Chưa hoàn thành và kế hoạch chưa định thời hạn (chưa ai đặt hạn).",
                    "Not done, and the plan gives no deadline (none has been set)."),
}


def show(counts: dict[str, int], due_soon: int = 0) -> None:
    total = sum(counts.values())
    for column, status in zip(st.columns(len(STATUSES), border=True), STATUSES):
        share = fmt_percent(100 * counts[status] / total if total else None, lang())
        column.markdown(f'<div style="height:6px;border-radius:3px;background:{STATUS_COLORS[status]}"></div>',
                        unsafe_allow_html=True)
        column.metric(status_label(status, lang()), counts[status],
                      help=t(*HELP[status]), delta=t(f"{share} số mốc", f"{share} of milestones"), delta_color="off",
                      delta_arrow="off")
    done = counts["done_on_time"] + counts["done_late"]
    soon_vi = f" Sắp đến hạn (trong 14 ngày): {due_soon} mốc." if due_soon else ""
    soon_en = f" Due within 14 days: {due_soon}." if due_soon else ""
    st.caption(t(f"Tổng số mốc: {total} — đã hoàn thành {done} ({fmt_percent(100 * done / total if total else None, 'vi', 1)}).{soon_vi}",
                 f"Milestones: {total} — done {done} ({fmt_percent(100 * done / total if total else None, 'en', 1)}).{soon_en}"))
