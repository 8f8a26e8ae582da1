"""Write forms. Each remembers the version it showed, so a save never overwrites an update it did not see."""
from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from tracking.errors import TrackingError
from tracking.labels import STATE_LABELS, after_window_note, deadline_source_label, deadline_words, period_label, person_label, shorten, state_label
from tracking.services.permissions import Actor
from tracking.services.quantities import QUANTITIES, QuantityCommand, current_quantities, record_quantities
from tracking.services.updates import UpdateCommand, record_update
from tracking.tables import quantity_history_table, whole_or_blank
from tracking.ui import data
from tracking.ui.feedback import flash
from tracking.ui.components import as_of, table, url_state
from tracking.ui.i18n import lang, t
from tracking.ui.plain import plain
from tracking.ui.tables import day, for_display
from tracking.uow import UnitOfWork
from tracking.views.history import milestone_history
from tracking.views.workflow import quantity_history, unit_milestones



def _earliest() -> date:
    """The plan's start: no fact can predate it (st.date_input's own floor is only ten years back)."""
    plan = data.plan_info()
    return plan["starts_on"] if plan else date(2010, 1, 1)


def _fact_day() -> date:
    """A new fact opens on the as-of date the reader is looking at (inside the plan's window), not on today, which
    may be years after it."""
    return min(as_of.current(), date.today())


def _history_labels() -> dict[str, str]:
    return {
        "fact_date": t("Ngày sự việc", "Fact date"), "state": t("Trạng thái", "State"), "percent": "%",
        "evidence": t("Căn cứ", "Evidence"), "evidence_date": t("Ngày văn bản", "Evidence date"),
        "note": t("Ghi chú", "Note"), "recorded_by": t("Người ghi", "Recorded by"), "recorded_at": t("Lúc ghi", "Recorded at"),
    }


def _start_from(milestone_id: int, latest: dict | None) -> None:
    """The form opens on the milestone's current state (not "not started") each time another
    milestone is chosen; what the user then changes stays until they save or pick another one."""
    if st.session_state.get("upd_form_for") == milestone_id:
        return
    st.session_state["upd_form_for"] = milestone_id
    st.session_state["upd_state"] = latest["state"] if latest else "not_started"
    # the percent reached so far, as the caption above says (a new fact that leaves it blank records no percent)
    st.session_state["upd_percent"] = st.session_state["upd_percent_shown"] = latest["percent"] if latest else None
    st.session_state.pop("upd_confirm_back", None)


def _after_window_note(fact_date: date) -> str:
    """A fact after the tracking window is kept, but the dashboards stop at the window's end: say so."""
    plan = data.plan_info()
    return after_window_note([fact_date], plan["ends_on"] if plan else None, lang())


def _state_label(code: str) -> str:
    return state_label(code, lang())


def _keep_base(key: str, current: int | None, submitted: bool) -> int | None:
    """The version the user saw: refreshed on every run except the one that submits."""
    if not submitted or key not in st.session_state:
        st.session_state[key] = current
    return st.session_state[key]


def milestone_form(actor: Actor, unit_code: str) -> None:
    engine = data.engine()
    flash("upd_flash")
    if window_note := st.session_state.pop("upd_window_note", None):
        st.warning(window_note, icon=":material/event_busy:")
    milestones = unit_milestones(engine, unit_code)  # not cached: the version must be the newest
    if milestones.empty:
        st.info(t("Đơn vị này không có mốc nào.", "This unit has no milestones."))
        return
    labels = {
        row.milestone_id: f"{row.requirement_code}{f' · {period_label(row.period, lang())}' if row.period else ''}"
                          f" — {shorten(row.title, 90)}"
        for row in milestones.itertuples()
    }
    # The URL names the milestone by requirement code (and period): ?unit=941&req=REP-QUY/2010Q4
    codes = {row.milestone_id: f"{row.requirement_code}{f'/{row.period}' if row.period else ''}"
             for row in milestones.itertuples()}
    url_state.initial("upd_milestone", "req", list(codes.values()), multi=False, default=next(iter(codes)),
                      values={code: mid for mid, code in codes.items()})
    milestone_id = st.selectbox(t("Mốc", "Milestone"), list(labels), format_func=labels.get, key="upd_milestone")
    url_state.remember("req", codes[milestone_id], "upd_milestone")
    ms = milestones.set_index("milestone_id").loc[milestone_id]
    period = ms["period"] or None
    deadline = deadline_words(ms["deadline"], ms["deadline_source"], ms.get("deadline_as_written"),
                              ms.get("deadline_named"), ms.get("deadline_qualifier"), lang())
    source = deadline_source_label(ms["deadline_source"], ms.get("deadline_clause"), lang(),
                                   has_deadline=ms["deadline"] is not None and not pd.isna(ms["deadline"]),
                                   qualifier=ms.get("deadline_qualifier"))
    st.caption(f"{t('Điều khoản', 'Clause')} {plain(ms['clause'])} · {t('Hạn', 'Deadline')}: {deadline} ({source})")
    history = milestone_history(engine, unit_code, ms["requirement_code"], period)
    if history:
        frame = pd.DataFrame(history)
        frame["state"] = frame["state"].map(_state_label)
        frame["recorded_by"] = frame["recorded_by"].map(lambda p: person_label(p, lang()))
        frame["percent"] = frame["percent"].map(whole_or_blank)
        st.dataframe(for_display(frame, _history_labels(), ("fact_date", "evidence_date", "recorded_at")), hide_index=True)
    else:
        st.caption(t("Chưa có cập nhật nào.", "No updates yet."))
    current = int(ms["version"])  # the milestone's write version, compared under lock when saving
    latest = max(history, key=lambda h: (h["fact_date"], h["id"])) if history else None  # what the status uses
    _start_from(milestone_id, latest)
    if latest is not None:
        percent_now = f", {latest['percent']}%" if latest["percent"] is not None else ""
        st.caption(t(f"Hiện tại: {_state_label(latest['state'])}{percent_now} (ngày {day(latest['fact_date'])}).",
                     f"Now: {_state_label(latest['state'])}{percent_now} (on {day(latest['fact_date'])})."))
    with st.form(f"upd_form_{milestone_id}"):
        state = st.selectbox(t("Trạng thái", "State"), list(STATE_LABELS), format_func=_state_label, key="upd_state")
        fact_date = st.date_input(t("Ngày sự việc", "Date of the fact"), value=_fact_day(), min_value=_earliest(), max_value=date.today(),
                                  format="DD/MM/YYYY", key="upd_date")
        percent = st.number_input(t("Tỷ lệ hoàn thành (%)", "Percent done"), min_value=0, max_value=100,
                                  step=5, key="upd_percent")  # starts from the current percent (_start_from)
        evidence = st.text_input(t("Căn cứ (số hiệu văn bản)", "Evidence (document number)"), key="upd_evidence")
        evidence_date = st.date_input(t("Ngày văn bản", "Document date"), value=None, min_value=_earliest(), max_value=date.today(),
                                      format="DD/MM/YYYY", key="upd_evidence_date")
        note = st.text_area(t("Ghi chú", "Note"), key="upd_note")
        was_done = latest is not None and latest["state"] == "done"
        confirm_back = was_done and st.checkbox(
            t("Tôi xác nhận đưa mốc đã hoàn thành trở lại trạng thái chưa hoàn thành",
              "I confirm this done milestone goes back to not done"), key="upd_confirm_back")
        submitted = st.form_submit_button(t("Lưu cập nhật", "Save update"), key="upd_submit", type="primary")
    based_on = _keep_base(f"upd_base_{milestone_id}", current, submitted)
    if not submitted:
        return
    if was_done and state != "done" and not confirm_back:
        st.error(t(f"Mốc này đã hoàn thành (ngày {day(latest['fact_date'])}). Muốn đưa về “{_state_label(state)}”, "
                   "hãy đánh dấu ô xác nhận rồi bấm Lưu lần nữa.",
                   f"This milestone is done (on {day(latest['fact_date'])}). To set it back to “{_state_label(state)}”, "
                   "tick the confirmation box and save again."))
        return
    if state == "done" and percent != 100 and percent == st.session_state.get("upd_percent_shown"):
        percent = None  # the percent reached before, left as it was: "done" says 100 on its own
    command = UpdateCommand(
        unit_code=unit_code, requirement_code=ms["requirement_code"], state=state, fact_date=fact_date,
        by=actor.username, period=period, percent=percent, evidence=evidence, evidence_date=evidence_date,
        note=note, source="app", based_on=based_on, check_version=True,
    )
    try:
        with UnitOfWork(engine) as uow:
            new_id = record_update(uow, command)
    except TrackingError as exc:
        st.session_state[f"upd_base_{milestone_id}"] = current  # the next save is based on what is shown now
        st.error(plain(exc))  # a conflict quotes other people's notes
        return
    st.session_state.pop(f"upd_base_{milestone_id}", None)  # the rerun remembers the new version
    data.clear_after_write()
    flash("upd_flash", t(f"Đã lưu cập nhật #{new_id}.", f"Update #{new_id} saved."))
    if note := _after_window_note(fact_date):
        st.session_state["upd_window_note"] = note
    st.rerun()


def quantity_form(actor: Actor, unit_code: str) -> None:
    engine = data.engine()
    flash("qty_flash")
    with UnitOfWork(engine) as uow:
        latest, current = current_quantities(uow.session, unit_code)
    history = quantity_history(engine, unit_code)
    if not history.empty:
        table.show(quantity_history_table(history, lang()), f"qty_history_{unit_code}", f"so_lieu_{unit_code}.csv")
    else:
        st.caption(t("Đơn vị chưa có số liệu nào.", "No figures recorded for this unit yet."))
    with st.form(f"qty_form_{unit_code}"):
        values = {}
        for quantity, (vi, en) in QUANTITIES.items():
            values[quantity] = st.number_input(t(vi, en), min_value=0, max_value=1 if quantity == "reception_room" else 500,
                                               value=latest[quantity], step=1, key=f"qty_{quantity}")
        fact_date = st.date_input(t("Số liệu tính đến ngày", "As of"), value=_fact_day(), min_value=_earliest(), max_value=date.today(),
                                  format="DD/MM/YYYY", key="qty_date")
        evidence = st.text_input(t("Căn cứ (số hiệu văn bản)", "Evidence"), key="qty_evidence")
        note = st.text_area(t("Ghi chú", "Note"), key="qty_note")
        submitted = st.form_submit_button(t("Lưu số liệu", "Save figures"), key="qty_submit", type="primary")
    based_on = _keep_base(f"qty_base_{unit_code}", current, submitted)
    if not submitted:
        return
    command = QuantityCommand(unit_code=unit_code, values=values, fact_date=fact_date, by=actor.username,
                              evidence=evidence, note=note, based_on=based_on, check_version=True)
    try:
        with UnitOfWork(engine) as uow:
            ids = record_quantities(uow, command)
    except TrackingError as exc:
        st.session_state[f"qty_base_{unit_code}"] = current
        st.error(plain(exc))
        return
    data.clear_after_write()
    flash("qty_flash", t(f"Đã lưu {len(ids)} số liệu.", f"{len(ids)} figures saved."))
    st.rerun()
