"""Kế hoạch: a plan document → a reviewed draft → a published, tracked plan; amendments by later documents."""
import streamlit as st

from tracking.ui import auth, plan_amendment_form, plan_workspace
from tracking.ui.components import province
from tracking.ui.i18n import t

actor = auth.require_actor(__file__)
st.title(t("Kế hoạch", "Plans"))
draft = plan_workspace.chosen_draft()
if draft is not None:
    plan_workspace.draft_view(actor, draft)
else:
    code = actor.province_code or province.code_of(province.chosen_plan(None))  # an admin: the plan chosen
    plans = plan_amendment_form.plans_of(code)
    plan_workspace.start_view(actor, code, plans)
    plan_amendment_form.show(actor, plans)
