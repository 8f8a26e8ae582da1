"""The amendment part of page Kế hoạch: a published plan amended by a later document — tasks withdrawn, a deadline
changed (this form), tasks added (the amending document drafted and reviewed like a plan, then applied)."""
from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from tracking.domain.deadlines import QUALIFIERS, UNDATED
from tracking.errors import TrackingError
from tracking.plans.amendments import Amendment, DeadlineChange, amend_plan
from tracking.plans.workspace import start_draft
from tracking.services.permissions import Actor
from tracking.ui import data, national_data
from tracking.ui.feedback import flash
from tracking.ui.i18n import t
from tracking.ui.plan_workspace import FLASH, PARAM, QUALIFIER_TEXT, refused
from tracking.views import workspace as views


def plans_of(province_code: str) -> pd.DataFrame:
    plans = national_data.plans()
    return plans[plans["province_code"] == province_code]


def show(actor: Actor, plans: pd.DataFrame) -> None:
    """Amend a published plan by a later document: withdraw tasks, change deadlines (tasks added: from a draft)."""
    if plans.empty:
        return
    st.subheader(t("Sửa đổi kế hoạch đã công bố", "Amend a published plan"))
    rows = plans.to_dict("records")
    index = st.selectbox(t("Kế hoạch được sửa đổi", "Plan amended"), range(len(rows)), key="pl_amend_plan",
                         format_func=lambda i: f"{rows[i]['plan_code']} — {rows[i]['title']}")
    upload = st.file_uploader(t("Văn bản sửa đổi có thêm việc: tải lên để lập bản nháp các việc thêm",
                                "An amending document that adds tasks: upload it to draft them"),
                              type=["docx", "pdf", "txt", "md"], key="pl_amend_upload")
    if upload is not None and st.button(t("Lập bản nháp sửa đổi", "Draft the amendment"), key="pl_amend_start"):
        try:
            draft_id = start_draft(data.engine(), actor.username, rows[index]["province_code"], upload.name,
                                   upload.getvalue(), amends=int(rows[index]["plan_id"]))
        except TrackingError as exc:
            refused(exc)
        else:
            st.query_params[PARAM] = str(draft_id)
            st.rerun()
    st.caption(t("Rút việc hoặc đổi hạn theo văn bản sửa đổi:", "Withdraw tasks or change a deadline:"))
    with st.form("pl_amend"):
        number = st.text_input(t("Số văn bản sửa đổi", "Amending document number"), key="pl_amend_number")
        issued = st.date_input(t("Ngày văn bản", "Document date"), None, format="DD/MM/YYYY",
                               min_value=date(2000, 1, 1), max_value=date(2040, 12, 31), key="pl_amend_date")
        requirements = views.plan_requirements(data.engine(), int(rows[index]["plan_id"]))
        codes = [code for code, _, _ in requirements]
        withdrawn = st.multiselect(t("Rút các việc", "Withdraw tasks"), codes, key="pl_amend_withdraw")
        one_off = [code for code, _, recurring in requirements if not recurring]
        moved = st.selectbox(t("Đổi hạn của việc", "Change the deadline of"), ["", *one_off], key="pl_amend_moved")
        new_day = st.date_input(t("Hạn mới", "New deadline"), None, format="DD/MM/YYYY", min_value=date(2000, 1, 1),
                                max_value=date(2040, 12, 31), key="pl_amend_new")
        dated = [q for q in QUALIFIERS if q not in UNDATED]
        qualifier = st.selectbox(t("Cách ghi hạn mới", "New deadline wording"), dated, index=dated.index("by"),
                                 format_func=QUALIFIER_TEXT.get, key="pl_amend_qualifier")
        written = st.text_input(t("Hạn mới theo văn bản (nguyên văn)", "New deadline as written"), key="pl_amend_words")
        submitted = st.form_submit_button(t("Ghi sửa đổi", "Record the amendment"), key="pl_amend_save")
    if submitted:
        if issued is None:
            st.error(t("Phải ghi ngày văn bản sửa đổi.", "Enter the amending document's date."))
            return
        deadlines = [DeadlineChange(moved, new_day, qualifier, written.strip() or None)] if moved and new_day else []
        try:
            amend_plan(data.engine(), actor.username, int(rows[index]["plan_id"]),
                       Amendment(number=number, issued_on=issued, deadlines=deadlines, withdrawn=list(withdrawn)))
        except TrackingError as exc:
            refused(exc)
            return
        data.clear_after_write()
        flash(FLASH, t(f"Đã ghi sửa đổi theo văn bản {number}.", f"Amendment {number} recorded."))
        st.rerun()
