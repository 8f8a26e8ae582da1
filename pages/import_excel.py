"""Nhập từ Excel: download the template, then check and import a filled-in file (all rows or none)."""
import streamlit as st

from tracking.ui import auth, importer
from tracking.ui.i18n import t

actor = auth.require_actor(__file__)
st.title(t("Nhập cập nhật từ Excel", "Import updates from Excel"))
st.caption(t(
    "Cột: unit_code, requirement_code, period, state, date, percent, evidence, note. Mọi dòng được kiểm tra; "
    "có một dòng sai thì không dòng nào được ghi. Nhập lại cùng tệp không tạo bản ghi trùng.",
    "Columns: unit_code, requirement_code, period, state, date, percent, evidence, note. All rows or none; "
    "importing the same file again adds nothing.",
))
importer.template_download(actor)
importer.import_panel(actor)
