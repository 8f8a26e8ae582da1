"""Xuất báo cáo: the deck, the workbook, the Word report and the chart images for a chosen date."""
from datetime import date

import streamlit as st

from tracking.exports import images, service
from tracking.ui import data, downloads
from tracking.ui.i18n import lang, t
from tracking.views.dashboard import clamp_to_plan

st.title(t("Xuất báo cáo", "Exports"))
plan = data.plan_info()
if data.is_demo():
    st.warning(t("Đang dùng **dữ liệu minh họa**: các tệp xuất ra đều ghi rõ điều này.",
                 "Using **demo data** (dữ liệu minh họa): every exported file says so."))
as_of = st.date_input(t("Tình hình đến ngày", "As of"), value=clamp_to_plan(date.today(), plan),
                      format="DD/MM/YYYY", key="export_as_of")
can_draw = images.images_available()
if not can_draw:
    st.warning(images.NO_BROWSER)
st.caption(t("Mỗi tệp được tạo từ số liệu tại ngày đã chọn; bấm Tạo, chờ thanh tiến độ, rồi tải về.",
             "Each file is made from the figures as of the chosen date: press Make, wait for the bar, download."))
for key, kind in service.KINDS.items():
    label = t(kind.label_vi, kind.label_en)
    downloads.show(
        key, label, lambda progress, k=key: service.export_bytes(k, service.load(data.engine(), as_of), lang(), progress),
        service.file_name(key, as_of), kind.mime, as_of, disabled=kind.needs_chromium and not can_draw,
    )
