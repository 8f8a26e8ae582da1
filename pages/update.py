"""Cập nhật: progress on a milestone and the unit's figures, each with its history above the form."""
import streamlit as st

from tracking.ui import auth, forms, pickers
from tracking.ui.i18n import t

actor = auth.require_actor(__file__)
st.title(t("Cập nhật tiến độ", "Record progress"))
unit = pickers.writable_unit(actor, key="upd_unit")
if unit:
    milestones_tab, figures_tab = st.tabs([t("Mốc của kế hoạch", "Milestones"), t("Số liệu của đơn vị", "Unit figures")])
    with milestones_tab:
        forms.milestone_form(actor, unit)
    with figures_tab:
        forms.quantity_form(actor, unit)
