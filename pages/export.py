"""Xuất báo cáo: the deck, the workbook, the Word report and the chart images for the chosen date."""
import streamlit as st

from tracking.charts.registry import seat
from tracking.exports import images, service
from tracking.ui import auth, data, downloads
from tracking.ui.components import as_of, banner, province
from tracking.ui.i18n import lang, t

actor = auth.require_actor(__file__)

st.title(t("Xuất báo cáo", "Exports"))
day = as_of.show(key="export_as_of")
board = data.dashboard(day, province.chosen_plan(actor.province_code))  # the plan picker's plan
if not banner.show(board):
    st.stop()
can_draw = images.images_available()
if not can_draw:
    st.warning(images.NO_BROWSER)
st.caption(t("Mỗi tệp được tạo từ số liệu tại ngày đã chọn; bấm Tạo tệp, chờ thanh tiến độ, rồi tải về. "
             "Tệp tạo từ dữ liệu minh họa đều ghi rõ điều đó.",
             "Each file is made from the figures as of the chosen date: press Make, wait for the bar, download. "
             "Files made from demo data say so."))
for key, kind in service.KINDS.items():
    downloads.show(
        key, kind.label(lang(), seat(board)),
        lambda progress, k=key: service.export_bytes(k, board, lang(), progress),
        service.file_name(key, day), kind.mime, day, disabled=kind.needs_chromium and not can_draw,
    )
