"""Quản trị người dùng: accounts (never their passwords), add and disable; every change is in the audit log."""
import streamlit as st

from tracking.services.permissions import ROLE_LABELS
from tracking.ui import admin, auth, workflow_data
from tracking.ui.feedback import flash
from tracking.ui.i18n import t
from tracking.ui.tables import for_display

actor = auth.require_actor(__file__)
st.title(t("Quản trị người dùng", "Users"))
flash("usr_flash")
users = workflow_data.users()
shown = users.assign(role=users["role"].map(ROLE_LABELS))
st.dataframe(for_display(shown, {
    "username": t("Tên đăng nhập", "Username"), "display_name": t("Họ tên", "Name"), "role": t("Vai trò", "Role"),
    "unit_code": t("Đơn vị", "Unit"), "active": t("Đang hoạt động", "Active"), "created_at": t("Tạo lúc", "Created"),
}, ("created_at",)), hide_index=True)
add_col, disable_col = st.columns(2)
with add_col:
    st.subheader(t("Thêm người dùng", "Add a user"))
    admin.add_user_form(actor)
with disable_col:
    st.subheader(t("Khóa tài khoản", "Disable an account"))
    admin.disable_user_form(actor, users)
