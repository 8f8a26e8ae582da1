"""Theo dõi Kế hoạch — entry point: page config, sign-in gate and routing only (served by serve.py)."""
import streamlit as st

from tracking.ui import auth, browser
from tracking.ui.components import as_of
from tracking.ui.i18n import language_toggle, t
from tracking.ui.navigation import PAGES, pages_for

st.set_page_config(page_title="Theo dõi Kế hoạch", page_icon="📋", layout="wide")
auth.mark_routed()
language_toggle()
actor = auth.current_actor()
# Every page is always registered, so no address ever meets Streamlit's "Page not found": signed out, each page
# shows the sign-in form in place (then the very same view); a page the role may not open says so.
handing_over = False
if actor is None:
    pages = [st.Page(auth.login_page, title=t("Đăng nhập", "Sign in"), icon=":material/login:", default=True)]
    pages += [st.Page(spec.path, title=t(spec.title_vi, spec.title_en), visibility="hidden") for spec in PAGES]
else:
    handing_over = auth.hand_over_cookie()
    auth.account_box(actor)
    allowed = pages_for(actor.role)
    pages = [
        st.Page(spec.path, title=t(spec.title_vi, spec.title_en), icon=spec.icon, default=spec.default,
                visibility="visible" if spec in allowed else "hidden")
        for spec in PAGES
    ]
navigation = st.navigation(pages)
browser.install()
if actor is not None and handing_over:
    st.stop()  # the browser is leaving for the cookie route and back: drawing the page would rewrite its query
if actor is not None:
    # The date goes (back) into every page's URL, the write pages too, so F5 or a copied link never falls back to
    # another date; a date that cannot be shown is explained above the page.
    as_of.keep()
auth.resume_first_visit(pages)
navigation.run()
