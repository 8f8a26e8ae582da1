"""Theo dõi Kế hoạch — entry point: page config, sign-in gate and routing only."""
import streamlit as st

from tracking.ui import auth
from tracking.ui.i18n import language_toggle, t
from tracking.ui.navigation import pages_for

st.set_page_config(page_title="Theo dõi Kế hoạch", page_icon="📋", layout="wide")
auth.mark_routed()
language_toggle()
actor = auth.current_actor()
if actor is None:
    pages = [st.Page(auth.login_page, title=t("Đăng nhập", "Sign in"), icon=":material/login:", default=True)]
else:
    auth.account_box(actor)
    pages = [
        st.Page(spec.path, title=t(spec.title_vi, spec.title_en), icon=spec.icon, default=spec.default)
        for spec in pages_for(actor.role)
    ]
st.navigation(pages).run()
