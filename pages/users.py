"""Quản trị người dùng: accounts (never their passwords), add and disable; every change is in the audit log."""
import streamlit as st

from tracking.tables import users_table
from tracking.ui import admin, auth, data, workflow_data
from tracking.ui.components import table
from tracking.ui.feedback import flash
from tracking.ui.i18n import lang, t
from tracking.views.workflow import unit_names

actor = auth.require_actor(__file__)
st.title(t("Quản trị người dùng", "Users"))
flash("usr_flash")
users = workflow_data.users()
table.show(users_table(users, unit_names(data.engine()), lang()), "usr_table", "nguoi_dung.csv")
add_col, disable_col = st.columns(2)
with add_col:
    st.subheader(t("Thêm người dùng", "Add a user"))
    admin.add_user_form(actor)
with disable_col:
    st.subheader(t("Khóa tài khoản", "Disable an account"))
    admin.disable_user_form(actor, users)
st.subheader(t("Phạm vi tỉnh", "Province scope"))
st.caption(t("Tài khoản có tỉnh chỉ được cập nhật đơn vị và kế hoạch của tỉnh đó; toàn quốc: mọi tỉnh. "
             "Đổi phạm vi thì các phiên đăng nhập của tài khoản kết thúc.",
             "An account of a province writes only that province's units and plan; national: every province. "
             "Changing it ends the account's sessions."))
admin.province_form(actor, users)
