"""Forms of the inspectorate and the administrator: deadlines set later, the reporting schedule, accounts."""
from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from tracking.errors import TrackingError
from tracking.domain.reporting import MAX_DUE_DAYS, quarters_between
from tracking.domain.deadlines import READING_LABELS, READINGS
from tracking.services.deadline_reading import set_deadline_reading
from tracking.services.deadlines import set_deadline
from tracking.services.reporting_schedule import set_reporting_schedule
from tracking.domain.units import CLOSURE_ACTIONS
from tracking.labels import (closure_action_label, closure_choice, closure_done, period_label, reading_footnote,
                             role_label, shorten)
from tracking.services.permissions import ROLES, Actor
from tracking.services.users import add_user, disable_user, set_province
from tracking.ui import data, national_data, pickers
from tracking.ui.feedback import flash
from tracking.ui.i18n import lang, t
from tracking.ui.plain import plain
from tracking.units.changes import close_open_milestones
from tracking.uow import UnitOfWork


def _write(action, done_message: str, flash_key: str) -> None:
    """Run a write service; show its refusal, or clear the caches and say what was done after the rerun."""
    def in_unit_of_work() -> None:
        with UnitOfWork(data.engine()) as uow:
            action(uow)
    _run(in_unit_of_work, done_message, flash_key)


def _run(action, done_message: str, flash_key: str) -> None:
    """Run a write (its own transaction); show its refusal, or clear the caches and say what was done."""
    try:
        action()
    except TrackingError as exc:
        st.error(plain(exc))
        return
    data.clear_after_write()
    flash(flash_key, done_message)
    st.rerun()


def deadline_form(actor: Actor, open_deadlines: pd.DataFrame, province_code: str) -> None:
    """Deadlines of the plan of `province_code`; an account of another province only reads them (the service checks)."""
    if open_deadlines.empty or actor.province_code not in (None, province_code):
        return
    rows = open_deadlines.to_dict("records")
    with st.form("dl_form"):
        index = st.selectbox(
            t("Yêu cầu (kỳ)", "Requirement (period)"), range(len(rows)), key="dl_choice",
            format_func=lambda i: f"{rows[i]['requirement_code']}"
                                  f"{' · ' + period_label(rows[i]['period'], lang()) if rows[i]['period'] else ''}"
                                  f" — {shorten(rows[i]['title'], 80)}",
        )
        deadline = st.date_input(t("Thời hạn", "Deadline"), value=None, min_value=data.plan_info()["starts_on"],
                                 max_value=date(2030, 12, 31), format="DD/MM/YYYY", key="dl_date")
        note = st.text_input(t("Căn cứ / ghi chú", "Basis / note"), key="dl_note")
        submitted = st.form_submit_button(t("Đặt thời hạn", "Set deadline"), key="dl_submit", type="primary")
    if submitted:
        row = rows[index]
        _write(lambda uow: set_deadline(uow, row["requirement_code"], deadline, by=actor.username,
                                        period=row["period"] or None, note=note, province=province_code),
               t(f"Đã đặt hạn cho {row['requirement_code']}.", f"Deadline set for {row['requirement_code']}."), "dl_flash")


def closure_form(actor: Actor, ended: list[dict], province_code: str) -> None:
    """The inspectorate's act on a merged or split unit's open milestones: moved to the successor or closed as no
    longer applicable, once, after a confirmation (tracking.units.changes.close_open_milestones checks who may)."""
    waiting = [row for row in ended if row["open"]]
    if not waiting or actor.province_code not in (None, province_code):
        return
    with st.form("cl_form"):
        index = st.selectbox(t("Đơn vị đã chấm dứt", "Unit that ended"), range(len(waiting)), key="cl_unit",
                             format_func=lambda i: closure_choice(waiting[i], lang()))
        action = st.radio(t("Các mốc chưa xong", "Its open milestones"), CLOSURE_ACTIONS, key="cl_action",
                          format_func=lambda a: closure_action_label(a, lang()))
        note = st.text_input(t("Căn cứ / ghi chú", "Basis / note"), key="cl_note")
        confirmed = st.checkbox(t("Tôi xác nhận: việc này làm một lần, ghi vào nhật ký, không hoàn tác được; "
                                  "các mốc đã hoàn thành giữ nguyên ở đơn vị cũ.",
                                  "I confirm: this is done once, logged and cannot be undone; completed milestones "
                                  "stay with the old unit."), key="cl_confirm")
        submitted = st.form_submit_button(t("Thực hiện", "Apply"), key="cl_submit", type="primary")
    if not submitted:
        return
    row = waiting[index]
    if not confirmed:
        st.error(t(f"Chưa xác nhận: đánh dấu ô xác nhận rồi bấm “Thực hiện” để xử lý các mốc của {row['unit_name']}.",
                   f"Not confirmed: tick the confirmation, then press “Apply” for {row['unit_name']}."))
        return
    _run(lambda: close_open_milestones(data.engine(), row["unit_code"], action, actor.username, note or None,
                                       channel="app"),
         closure_done(row, action, lang()), "dl_flash")


def reading_form(actor: Actor, current: str) -> None:
    """The administrator chooses how "trước ngày X" is graded; every plan's deadlines are re-derived at once."""
    st.caption(reading_footnote(current, lang()))
    if actor.role != "admin" or actor.province_code is not None:
        return
    with st.form("rd_form"):
        reading = st.radio(t("Cách tính", "Rule"), READINGS, index=READINGS.index(current), key="rd_reading",
                           format_func=lambda r: READING_LABELS[r][0 if lang() == "vi" else 1])
        submitted = st.form_submit_button(t("Áp dụng cách tính", "Apply the rule"), key="rd_submit")
    if submitted:
        _write(lambda uow: set_deadline_reading(uow, reading, by=actor.username),
               t("Đã áp dụng cách tính đúng hạn cho mọi kế hoạch.", "On-time rule applied to every plan."), "dl_flash")


def schedule_form(actor: Actor, schedule) -> None:
    """The administrator changes the quarters reported and the due days (the project's choice, not the plan's)."""
    if schedule is None or actor.role != "admin":
        return
    starts_on = data.plan_info()["starts_on"]
    choices = quarters_between(f"{starts_on.year}Q{(starts_on.month - 1) // 3 + 1}", f"{starts_on.year + 4}Q4")
    label = lambda q: period_label(q, lang())  # noqa: E731
    with st.form("sch_form"):
        first_col, last_col = st.columns(2)
        first = first_col.selectbox(t("Quý đầu", "First quarter"), choices, index=choices.index(schedule.first)
                                    if schedule.first in choices else 0, format_func=label, key="sch_first")
        last = last_col.selectbox(t("Quý cuối", "Last quarter"), choices, index=choices.index(schedule.last)
                                  if schedule.last in choices else len(choices) - 1, format_func=label, key="sch_last")
        due_days = {code: st.number_input(t(f"Hạn nộp {code}: số ngày sau khi hết quý", f"{code} due: days after the quarter"),
                                          min_value=0, max_value=MAX_DUE_DAYS, value=days, step=1, key=f"sch_days_{code}")
                    for code, days in schedule.due_days.items()}
        submitted = st.form_submit_button(
            t("Lưu lịch báo cáo", "Save the schedule"), key="sch_submit", type="primary",
            help=t("Lưu kể cả khi không đổi gì là xác nhận lịch do hệ thống đề xuất.",
                   "Saving without a change confirms the schedule the software proposed."))
    if submitted:
        _write(lambda uow: set_reporting_schedule(uow, first, last, {c: int(d) for c, d in due_days.items()},
                                                  by=actor.username),
               t("Đã lưu lịch báo cáo quý.", "Reporting schedule saved."), "dl_flash")


def _provinces() -> dict[str, str]:
    plans = national_data.plans()
    return dict(zip(plans["province_code"], plans["province_name"].fillna(plans["province_code"])))


def add_user_form(actor: Actor) -> None:
    # Outside the form: choosing the province must redraw the list of its units (a form redraws only on submit).
    _, unit = pickers.province_and_unit("usr_unit", None, t("Đơn vị (cán bộ đơn vị)", "Unit (unit officers)"), "—")
    provinces = _provinces()
    with st.form("usr_add_form", clear_on_submit=True):
        username = st.text_input(t("Tên đăng nhập", "Username"), key="usr_username")
        display_name = st.text_input(t("Họ tên", "Full name"), key="usr_display_name")
        role = st.selectbox(t("Vai trò", "Role"), ROLES, format_func=lambda r: role_label(r, lang()), key="usr_role")
        province = st.selectbox(
            t("Tỉnh (phạm vi được cập nhật)", "Province (what the account may update)"), [None, *provinces],
            key="usr_province", format_func=lambda c: t("Toàn quốc", "National") if c is None else f"{c} — {provinces[c]}",
            help=t("Cán bộ đơn vị: tỉnh của đơn vị. Quản trị viên: toàn quốc.",
                   "Unit officers: their unit's province. Administrators: national."))
        password = st.text_input(t("Mật khẩu ban đầu", "Initial password"), type="password", key="usr_password")
        submitted = st.form_submit_button(t("Thêm người dùng", "Add user"), key="usr_add_submit", type="primary")
    if submitted:
        _write(lambda uow: add_user(uow, username, role, password, by=actor, unit_code=unit, display_name=display_name,
                                    province_code=province),
               t(f"Đã thêm người dùng '{username}'.", f"User '{username}' added."), "usr_flash")


def disable_user_form(actor: Actor, users: pd.DataFrame) -> None:
    """`users`: the accounts on the page of the list being read (the search above finds any other)."""
    active = [u for u in users[users["active"]]["username"] if u != actor.username]
    if not active:
        return
    with st.form("usr_disable_form"):
        username = st.selectbox(t("Tài khoản", "Account"), active, key="usr_disable_name")
        submitted = st.form_submit_button(t("Khóa tài khoản", "Disable account"), key="usr_disable_submit")
    if submitted:
        _write(lambda uow: disable_user(uow, username, by=actor),
               t(f"Đã khóa tài khoản '{username}'.", f"Account '{username}' disabled."), "usr_flash")


def province_form(actor: Actor, users: pd.DataFrame) -> None:
    """Limit an account to one province, or give it national scope (a unit officer keeps its unit's)."""
    accounts = list(users[users["active"] & (users["role"] != "unit_officer")]["username"])
    if not accounts:
        return
    provinces = _provinces()
    with st.form("usr_province_form"):
        username = st.selectbox(t("Tài khoản", "Account"), accounts, key="usr_province_name")
        province = st.selectbox(t("Phạm vi", "Scope"), [None, *provinces], key="usr_province_code",
                                format_func=lambda c: t("Toàn quốc", "National") if c is None else f"{c} — {provinces[c]}")
        submitted = st.form_submit_button(t("Đổi phạm vi", "Change scope"), key="usr_province_submit")
    if submitted:
        _write(lambda uow: set_province(uow, username, province, by=actor),
               t(f"Đã đổi phạm vi của '{username}'.", f"Scope of '{username}' changed."), "usr_flash")
