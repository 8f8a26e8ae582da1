"""What a reader must know before reading the numbers: demo data, nothing recorded yet."""
from __future__ import annotations

import streamlit as st

from tracking.labels import fmt_date
from tracking.ui.i18n import t
from tracking.ui.plain import plain
from tracking.views.dashboard import DashboardData


def demo_notice() -> None:
    st.warning(t("**Dữ liệu minh họa** — các số liệu dưới đây là dữ liệu minh họa, không phải báo cáo thật của các đơn vị.",
                 "**Demo data** (dữ liệu minh họa) — the figures below are illustrative, not real reports."),
               icon=":material/science:")


def show(data: DashboardData) -> bool:
    """Draw the banners; False when there is nothing at all to show (the page should stop)."""
    if data.plan:
        st.caption(plain(f"{data.plan['title']} — {data.plan['issuer']}"))
    if data.is_demo:
        demo_notice()
    if data.snapshot.empty:
        st.info(t("Chưa có mốc nào: hãy nạp kế hoạch bằng lệnh `python -m tracking init`.",
                  "No milestones yet: load the plan with `python -m tracking init`."), icon=":material/info:")
        return False
    if not data.has_facts:
        st.info(t(f"Chưa có cập nhật nào đến ngày {fmt_date(data.as_of)}. Mọi mốc đang ở trạng thái *chưa đến hạn* "
                  "hoặc *quá hạn*; hãy chọn một ngày muộn hơn, hoặc ghi nhận cập nhật của các đơn vị.",
                  f"Nothing had been recorded by {fmt_date(data.as_of)}. Every milestone is *not yet due* or "
                  "*overdue*; choose a later date, or record the units' updates."), icon=":material/info:")
    return True
