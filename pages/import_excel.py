"""Nhập từ Excel: download the template, then check and import a filled-in file (all rows or none)."""
import streamlit as st

from tracking.ui import auth, importer
from tracking.ui.i18n import t

actor = auth.require_actor(__file__)
st.title(t("Nhập cập nhật từ Excel", "Import updates from Excel"))
st.caption(t(
    "Tải mẫu, điền rồi tải lên. Tên cột giữ nguyên như trong mẫu: Mã đơn vị, Mã yêu cầu, Kỳ báo cáo (ví dụ 2010Q4), "
    "Trạng thái (chưa bắt đầu / đang thực hiện / hoàn thành), Ngày sự việc, Tỷ lệ hoàn thành (%), Căn cứ, Ghi chú "
    "(tệp theo mẫu cũ, cột unit_code, requirement_code, period, state, date, percent, evidence, note, vẫn nhập được). "
    "Mọi dòng được kiểm tra; có một dòng sai thì không dòng nào được ghi. Nhập lại cùng tệp không tạo bản ghi trùng.",
    "Download the template, fill it in, upload it. Keep the column names of the template: unit_code, requirement_code, "
    "period (e.g. 2010Q4), state, date (of the fact), percent, evidence, note. All rows or none; importing the same "
    "file again adds nothing.",
))
importer.template_download(actor)
importer.import_panel(actor)
