"""Quản trị người dùng: accounts (never their passwords), found by a search and read a page at a time; add, disable,
scope; every change is in the audit log."""
import streamlit as st

from tracking.ui import accounts, admin, auth
from tracking.ui.feedback import flash
from tracking.ui.i18n import t

actor = auth.require_actor(__file__)
st.title(t("Quản trị người dùng", "Users"))
flash("usr_flash")
users = accounts.shown()
add_col, disable_col = st.columns(2)
with add_col:
    st.subheader(t("Thêm người dùng", "Add a user"))
    admin.add_user_form(actor)
with disable_col:
    st.subheader(t("Khóa tài khoản", "Disable an account"))
    st.caption(t("Chọn trong các tài khoản của trang đang xem; tìm ở trên để ra tài khoản khác.",
                 "Choose among the accounts of the page shown; search above for another."))
    admin.disable_user_form(actor, users)
st.subheader(t("Phạm vi tỉnh", "Province scope"))
st.caption(t("Tài khoản có tỉnh chỉ được cập nhật đơn vị và kế hoạch của tỉnh đó; toàn quốc: mọi tỉnh. "
             "Đổi phạm vi thì các phiên đăng nhập của tài khoản kết thúc.",
             "An account of a province writes only that province's units and plan; national: every province. "
             "Changing it ends the account's sessions."))
admin.province_form(actor, users)
