"""Nhật ký: every change (updates, figures, deadlines, accounts), filtered and read one page at a time."""
import streamlit as st

from tracking.ui import audit_log, auth
from tracking.ui.i18n import t

auth.require_actor(__file__)
st.title(t("Nhật ký thay đổi", "Audit log"))
audit_log.show(audit_log.filters())
