"""The plan workspace (page Kế hoạch): upload → draft beside its source → edit, settle each doubt → live checks →
publish; and amendments of a published plan. The draft lives in the database and its id in the URL (?draft=7),
so a refresh or a shared link resumes it; every edit is saved as it is made."""
from __future__ import annotations

import hashlib
import html
import json
from datetime import date

import pandas as pd
import streamlit as st

from tracking.domain.deadlines import QUALIFIERS
from tracking.errors import DataFileError, TrackingError
from tracking.plans import draft_edits as edits
from tracking.plans.amendments import apply_amendment_draft
from tracking.plans.workspace import check_draft, draft_notices, publish_draft, save_draft, start_draft
from tracking.services.permissions import Actor
from tracking.ui import data
from tracking.ui.feedback import flash
from tracking.ui.i18n import lang, t
from tracking.ui.plain import plain
from tracking.views import workspace as views

PARAM = "draft"
FLASH = "pl_flash"
QUALIFIER_TEXT = {"before": "trước ngày", "by": "chậm nhất / đến ngày", "before_month": "trước tháng",
                  "in_month": "trong tháng", "in_quarter": "trong quý", "in_half": "trong 6 tháng",
                  "in_year": "trong năm", "ongoing": "thường xuyên", "event": "theo sự kiện"}


def _day(value) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) and value else value or None


def refused(exc: TrackingError) -> None:
    st.error(plain(exc))
    if isinstance(exc, DataFileError):
        for line in exc.problems:
            st.markdown(f"- {plain(line)}")


def chosen_draft() -> dict | None:
    """The draft the URL names (None: the start view)."""
    value = st.query_params.get(PARAM)
    if not value or not str(value).isdigit():
        return None
    found = views.draft(data.engine(), int(value))
    if found is None:
        st.warning(t(f"Không có bản nháp số {value}.", f"There is no draft number {value}."))
    return found


def start_view(actor: Actor, province_code: str, plans: pd.DataFrame) -> None:
    """Upload a document; resume a draft; the province's `plans` and how each came here; what was published or
    amended on this page, by whom and when."""
    flash(FLASH)
    st.subheader(t("Lập kế hoạch từ văn bản", "A plan from its document"))
    upload = st.file_uploader(t("Văn bản kế hoạch (.docx, .pdf có lớp chữ, .txt, .md)",
                                "Plan document (.docx, .pdf with text, .txt, .md)"),
                              type=["docx", "pdf", "txt", "md"], key="pl_upload")
    if upload is not None and st.button(t("Lập bản nháp", "Draft it"), key="pl_start", type="primary"):
        try:
            draft_id = start_draft(data.engine(), actor.username, province_code, upload.name, upload.getvalue())
        except TrackingError as exc:
            refused(exc)
        else:
            st.query_params[PARAM] = str(draft_id)
            st.rerun()
    drafts = views.drafts(data.engine(), province_code)
    st.subheader(t("Bản nháp đang xem", "Drafts in review"))
    if drafts.empty:
        st.caption(t("Chưa có bản nháp nào.", "No draft yet."))
    for row in drafts.itertuples():
        label = t(f"Tiếp tục bản nháp số {row.id}: {row.source_name} (sửa lần cuối: {row.updated_by}, "
                  f"{row.updated_at:%d/%m/%Y %H:%M})", f"Resume draft {row.id}: {row.source_name}")
        if st.button(plain(label), key=f"pl_resume_{row.id}"):
            st.query_params[PARAM] = str(row.id)
            st.rerun()
    _plans_tracked(plans, views.plan_events(data.engine(), province_code))


def _plans_tracked(plans: pd.DataFrame, events: pd.DataFrame) -> None:
    """Every plan the province has, and how it came here: a plan loaded from a plan file (or generated data) was
    never published on this page, yet it is tracked and can be amended below; then this page's own history."""
    st.subheader(t("Kế hoạch đang theo dõi", "Plans tracked here"))
    if plans.empty:
        st.caption(t("Chưa có kế hoạch nào tại đây: tải văn bản kế hoạch lên ở trên để lập bản nháp.",
                     "No plan here yet: upload the plan's document above to draft it."))
    else:
        published = {row.plan_code: row.recorded_at for row in events.itertuples() if row.action == "published"}
        amended = events.loc[events["action"] == "amended", "plan_code"].value_counts().to_dict()
        st.dataframe(pd.DataFrame({
            t("Mã kế hoạch", "Plan code"): plans["plan_code"],
            t("Tên", "Title"): plans["title"],
            t("Nguồn", "Came from"): [
                t(f"Công bố trên trang này ngày {published[code]:%d/%m/%Y}",
                  f"Published on this page on {published[code]:%d/%m/%Y}") if code in published
                else t("Nạp từ tệp kế hoạch hoặc dữ liệu sinh (không qua trang này)",
                       "Loaded from a plan file or generated data (not through this page)")
                for code in plans["plan_code"]],
            t("Số lần sửa đổi", "Amendments"): [amended.get(code, 0) for code in plans["plan_code"]],
        }), hide_index=True, key="pl_plans")
    st.subheader(t("Công bố và sửa đổi trên trang này", "Published and amended on this page"))
    if events.empty:
        st.caption(t("Chưa có kế hoạch nào được công bố hay sửa đổi trên trang này.",
                     "No plan has been published or amended on this page yet."))
    else:
        shown = events.assign(
            action=events["action"].map({"published": t("Công bố", "Published"), "amended": t("Sửa đổi", "Amended")}),
            document_date=[f"{d:%d/%m/%Y}" if d is not None and not pd.isna(d) else "" for d in events["document_date"]],
            effective_on=[f"{d:%d/%m/%Y}" if d is not None and not pd.isna(d) else "" for d in events["effective_on"]],
            recorded_at=[f"{d:%d/%m/%Y %H:%M}" for d in events["recorded_at"]])
        st.dataframe(shown.rename(columns={
            "plan_code": t("Mã kế hoạch", "Plan code"), "title": t("Tên", "Title"), "action": t("Việc", "Action"),
            "document_number": t("Văn bản số", "Document number"), "document_date": t("Ngày văn bản", "Document date"),
            "effective_on": t("Hiệu lực từ", "In force from"), "recorded_by": t("Người thực hiện", "Recorded by"),
            "recorded_at": t("Lúc", "At")}), hide_index=True, key="pl_events")


def _tree_key(tree: dict) -> str:
    return hashlib.sha1(json.dumps(tree, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()[:12]


def _save(actor: Actor, draft: dict, tree: dict) -> None:
    try:
        save_draft(data.engine(), actor.username, draft["id"], tree)
    except TrackingError as exc:
        refused(exc)
        return
    st.rerun()


def draft_view(actor: Actor, draft: dict) -> None:
    flash(FLASH)
    if actor.province_code not in (None, draft["province_code"]):
        st.error(t("Bản nháp này thuộc tỉnh khác: anh/chị không xem được.", "This draft belongs to another province."))
        return
    tree, units = draft["tree"], views.units(data.engine(), draft["province_code"])
    if st.button(t("← Danh sách bản nháp", "← All drafts"), key="pl_back"):
        del st.query_params[PARAM]
        st.rerun()
    st.caption(plain(t(f"Bản nháp số {draft['id']} từ {draft['source_name']}; lưu lần cuối bởi {draft['updated_by']} "
                       f"lúc {draft['updated_at']:%d/%m/%Y %H:%M} (mọi chỉnh sửa được lưu ngay).",
                       f"Draft {draft['id']} from {draft['source_name']}; every edit is saved at once.")))
    if draft["status"] != "draft":
        st.info(t("Bản nháp này đã được công bố.", "This draft has been published."))
        return
    _heading_form(actor, draft, tree)
    _table(actor, draft, tree, units)
    _requirement_panel(actor, draft, tree, units)
    _checks_and_publish(actor, draft, tree, units)


def _heading_form(actor: Actor, draft: dict, tree: dict) -> None:
    """The document's number and date; for a new plan also its code, title and the window it is tracked in (an
    amendment's tasks join the plan it amends, so those are the plan's)."""
    amendment = draft["kind"] == "amendment"
    st.subheader(t("Văn bản sửa đổi", "Amending document") if amendment else t("Đầu văn bản", "Heading"))
    dates = {"format": "DD/MM/YYYY", "min_value": date(2000, 1, 1), "max_value": date(2040, 12, 31)}
    with st.form("pl_heading"):
        left, right = st.columns(2)
        values = {"number": left.text_input(t("Số văn bản", "Document number"), tree.get("number") or "",
                                            key="pl_number").strip(),
                  "issued_on": left.date_input(t("Ngày ban hành", "Issued on"), _day(tree.get("issued_on")),
                                               key="pl_issued", **dates)}
        if not amendment:
            values["code"] = right.text_input(t("Mã kế hoạch", "Plan code"), tree.get("code") or "",
                                              key="pl_code").strip()
            values["title"] = right.text_input(t("Tên kế hoạch", "Title"), tree.get("title") or "",
                                               key="pl_title").strip()
            values["starts_on"] = right.date_input(t("Bắt đầu theo dõi", "Tracked from"), _day(tree.get("starts_on")),
                                                   key="pl_starts", **dates)
            values["ends_on"] = right.date_input(t("Kết thúc theo dõi", "Tracked until"), _day(tree.get("ends_on")),
                                                 key="pl_ends", **dates)
        flags = tree.get("review") or []
        settled = {f["field"] for i, f in enumerate(flags)
                   if st.checkbox(plain(f"Đã xem: {edits.field_words(f['field'])} — {f['reason']}"), key=f"pl_hflag_{i}")}
        if st.form_submit_button(t("Lưu đầu văn bản", "Save heading"), key="pl_heading_save"):
            _save(actor, draft, edits.edit_heading(tree, values, settled))


def _table(actor: Actor, draft: dict, tree: dict, units) -> None:
    """All requirements at once: title, lead (picker), deadline (date input); ticking 'xong' settles the row's doubts."""
    st.subheader(t("Các yêu cầu", "Requirements"))
    leads = edits.lead_options(units)
    label_of = {v: k for k, v in leads.items()}
    rows = edits.requirement_rows(tree)
    frame = pd.DataFrame([{**r, "lead": label_of.get(r["lead"], r["lead"]), "deadline": _day(r["deadline"]),
                           "settled": False} for r in rows])
    if not frame.empty:  # a real date column: an empty day shows as an empty cell, not as "None"
        frame["deadline"] = pd.to_datetime(frame["deadline"])
    if frame.empty:
        st.warning(t("Bản nháp không có yêu cầu nào.", "The draft has no requirement."))
        return
    edited = st.data_editor(
        frame, key=f"pl_table_{_tree_key(tree)}", hide_index=True, width="stretch",
        disabled=["clause", "code", "as_written", "review"],
        column_config={
            "clause": t("Mục", "Clause"), "code": t("Mã", "Code"),
            "title": st.column_config.TextColumn(t("Việc phải làm", "Task"), width="large"),
            "lead": st.column_config.SelectboxColumn(t("Chủ trì", "Lead"), options=list(leads)),
            "deadline": st.column_config.DateColumn(t("Hạn", "Deadline"), format="DD/MM/YYYY"),
            "as_written": t("Hạn theo văn bản", "Deadline as written"), "review": t("Cần xem lại", "To review"),
            "settled": st.column_config.CheckboxColumn(t("Đã xem xong", "Reviewed")),
        })
    new = tree
    for i, (before, after) in enumerate(zip(frame.to_dict("records"), edited.to_dict("records"))):
        values = {k: after[k] for k in ("title",) if after[k] != before[k]}
        if after["lead"] != before["lead"]:
            values["lead"] = leads.get(after["lead"], after["lead"])
        if not (pd.isna(after["deadline"]) and pd.isna(before["deadline"])) and after["deadline"] != before["deadline"]:
            values["deadline"] = after["deadline"] if not pd.isna(after["deadline"]) else None
            if values["deadline"] is not None and hasattr(values["deadline"], "date"):
                values["deadline"] = values["deadline"].date()
        settled = {f["field"] for f in new["requirements"][i].get("review") or []} if after["settled"] else set()
        if values or settled:
            new = edits.edit_requirement(new, i, values, settled, actor.username)
    if new is not tree:
        _save(actor, draft, new)


def _highlighted(source_text: str, sentence: str, before: int = 300) -> str:
    """The document's text, escaped, with the requirement's sentence marked; the box opens a little above the mark
    (a page cannot scroll a box by script here), the text before it folded into '…'."""
    text = html.escape(source_text)
    candidates = [sentence or "", *[p.strip() for p in (sentence or "").split(". ") if len(p.strip()) > 20]]
    for piece in map(html.escape, candidates):  # the drafter may have joined wrapped lines: then a part of it
        at = text.find(piece) if piece else -1
        if at >= 0:
            start = max(0, text.rfind("\n", 0, max(0, at - before)) + 1)
            text = ("…\n" if start else "") + text[start:at] + f"<mark>{piece}</mark>" + text[at + len(piece):]
            break
    return ("<div style='height:420px;overflow-y:auto;white-space:pre-wrap;font-size:0.9rem;"
            f"border:1px solid #ddd;padding:0.5rem'>{text}</div>")


def _requirement_panel(actor: Actor, draft: dict, tree: dict, units) -> None:
    """One requirement beside its sentence in the document: every field from a picker, each doubt settled."""
    st.subheader(t("Từng yêu cầu, bên cạnh câu gốc", "One requirement beside its source sentence"))
    reqs = tree["requirements"]
    index = st.selectbox(t("Yêu cầu", "Requirement"), range(len(reqs)), key="pl_req",
                         format_func=lambda i: f"{reqs[i].get('code')} — {len(reqs[i].get('review') or [])} mục cần xem"
                                               f" — {str(reqs[i].get('title'))[:70]}")
    req = reqs[index]
    left, right = st.columns([1, 1])
    with right:
        st.caption(t("Văn bản gốc (câu của yêu cầu được tô sáng)", "Source text (the requirement's sentence marked)"))
        st.html(_highlighted(draft["source_text"], req.get("source") or ""))
    leads, applies = edits.lead_options(units), edits.applies_options(units)
    applies_labels = list(applies) if edits.label_of(applies, req.get("applies_to") or {}) != edits.KEEP \
        else [edits.KEEP, *applies]
    with left, st.form(f"pl_req_form_{index}"):
        st.markdown(plain(f"{req.get('clause')} · {req.get('title')}"))
        if req.get("lead_as_written"):
            st.caption(plain("Chủ trì theo văn bản: " + "; ".join(req["lead_as_written"])))
        area = None
        if draft["kind"] == "amendment":
            areas = views.plan_areas(data.engine(), draft["plan_id"])
            area_codes = ["", *areas]
            area = st.selectbox(t("Lĩnh vực của kế hoạch", "Area of the plan"), area_codes,
                                index=area_codes.index(req.get("area")) if req.get("area") in area_codes else 0,
                                format_func=lambda c: areas.get(c, "—"), key=f"pl_area_{index}")
        lead_labels = list(leads)
        lead_label = edits.label_of(leads, req.get("lead") or "")
        lead = st.selectbox(t("Đơn vị chủ trì", "Lead unit"), lead_labels,
                            index=lead_labels.index(lead_label) if lead_label in lead_labels else 0,
                            key=f"pl_lead_{index}")
        applies_label = st.selectbox(t("Áp dụng cho", "Applies to"), applies_labels,
                                     index=applies_labels.index(edits.label_of(applies, req.get("applies_to") or {})),
                                     key=f"pl_applies_{index}")
        deadline = st.date_input(t("Hạn (để trống nếu văn bản không ghi)", "Deadline (empty if none)"),
                                 _day(req.get("deadline")), format="DD/MM/YYYY", min_value=date(2000, 1, 1),
                                 max_value=date(2040, 12, 31), key=f"pl_deadline_{index}")
        qualifiers = ["", *QUALIFIERS]
        qualifier = st.selectbox(t("Cách ghi hạn", "Deadline wording"), qualifiers,
                                 index=qualifiers.index(req.get("deadline_qualifier") or ""),
                                 format_func=lambda q: QUALIFIER_TEXT.get(q, "—"), key=f"pl_qualifier_{index}")
        source = st.selectbox(t("Nguồn của hạn", "Deadline source"), ["plan", "inferred"],
                              index=1 if req.get("deadline_source") == "inferred" else 0,
                              format_func=lambda s: {"plan": "văn bản ghi cho chính việc này",
                                                     "inferred": "suy ra từ một mục chung"}[s],
                              key=f"pl_source_{index}")
        clause = st.text_input(t("Mục có ngày này", "Clause giving the date"), req.get("deadline_clause") or "",
                               key=f"pl_dclause_{index}")
        note = st.text_input(t("Lý do (hạn suy ra)", "Why (inferred deadline)"), req.get("deadline_note") or "",
                             key=f"pl_dnote_{index}")
        periods = due = None
        if req.get("recurrence") is not None:
            periods = st.text_input(t("Các kỳ báo cáo (ví dụ 2026Q1, 2026Q2)", "Reporting periods"),
                                    ", ".join((req.get("recurrence") or {}).get("periods") or []), key=f"pl_periods_{index}")
            due = st.number_input(t("Hạn nộp: số ngày sau cuối kỳ", "Due: days after the period"), 0, 90,
                                  (req.get("recurrence") or {}).get("due_days_after_period_end") or 0,
                                  key=f"pl_due_{index}")
        flags = req.get("review") or []
        settled = {f["field"] for i, f in enumerate(flags)
                   if st.checkbox(plain(f"Đã xử lý: {edits.field_words(f['field'])} — {f['reason']}"),
                                  key=f"pl_flag_{index}_{i}")}
        if st.form_submit_button(t("Lưu yêu cầu này", "Save this requirement"), key=f"pl_req_save_{index}"):
            values = {"lead": leads[lead], "applies_to": applies.get(applies_label), "deadline": deadline,
                      "deadline_qualifier": qualifier or None}
            if deadline is not None:
                values.update({"deadline_source": source, "deadline_clause": clause.strip() or None,
                               "deadline_note": note.strip() or None})
            if area is not None:
                values["area"] = area
            if periods is not None:
                values.update({"recurrence.every": "quarter", "recurrence.periods": edits.parse_periods(periods),
                               "recurrence.due_days_after_period_end": int(due)})
            _save(actor, draft, edits.edit_requirement(tree, index, values, settled, actor.username))


def _checks_and_publish(actor: Actor, draft: dict, tree: dict, units) -> None:
    """The checks of `plan check`, on the draft as it stands; publishing waits for none left."""
    st.subheader(t("Kiểm tra (như plan check)", "Checks (as plan check)"))
    problems = check_draft(data.engine(), draft["id"])
    if problems:
        st.error(t(f"Còn {len(problems)} điều phải xử lý trước khi công bố:",
                   f"{len(problems)} things to settle before publishing:"))
        st.markdown("\n".join(f"- {plain(p)}" for p in problems[:200]))
    else:
        st.success(t("Không có lỗi: có thể công bố.", "No problem: ready to publish."))
    for notice in draft_notices(data.engine(), draft["id"], lang()):
        st.warning(notice)
    amendment = draft["kind"] == "amendment"
    label = t("Áp dụng sửa đổi", "Apply the amendment") if amendment else t("Công bố kế hoạch", "Publish the plan")
    if st.button(label, key="pl_publish", type="primary", disabled=bool(problems)):
        try:
            if amendment:
                apply_amendment_draft(data.engine(), actor.username, draft["id"])
            else:
                publish_draft(data.engine(), actor.username, draft["id"])
        except TrackingError as exc:
            refused(exc)
            return
        data.clear_after_write()
        flash(FLASH, t(f"Đã thêm {len(tree['requirements'])} việc theo văn bản {tree.get('number')}.",
                       f"{len(tree['requirements'])} tasks added.") if amendment else
              t(f"Đã công bố kế hoạch {tree.get('code')}: mọi trang đã có kế hoạch này (chọn ở ô Kế hoạch).",
                f"Plan {tree.get('code')} published."))
        del st.query_params[PARAM]
        st.rerun()
