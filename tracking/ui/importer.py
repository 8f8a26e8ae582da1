"""The Excel template download and the upload that checks, then applies, an import file."""
from __future__ import annotations

import logging
from datetime import date

import pandas as pd
import streamlit as st

from tracking.errors import TrackingError
from tracking.imports.limits import ImportLimits
from tracking.imports.reader import read_import_file
from tracking.labels import after_window_note, period_label, state_label
from tracking.services.importing import ImportRefused, import_updates
from tracking.services.permissions import Actor, writable_unit_codes
from tracking.ui import data, workflow_data
from tracking.ui.i18n import lang, t
from tracking.ui.plain import plain
from tracking.ui.tables import for_display
from tracking.uow import UnitOfWork

log = logging.getLogger(__name__)


def _planned_labels() -> dict[str, str]:
    return {"row": t("Dòng", "Row"), "unit_code": t("Đơn vị", "Unit"), "requirement_code": t("Yêu cầu", "Requirement"),
            "period": t("Kỳ báo cáo", "Period"), "state": t("Trạng thái", "State"), "date": t("Ngày", "Date"),
            "action": t("Sẽ làm", "Will")}


def template_download(actor: Actor) -> None:
    """A national inspector gets the default plan's milestones (`template --unit` on the command line gives any unit's);
    others the milestones of the units they may write (their province's)."""
    if actor.role == "inspector" and actor.province_code is None:
        units = None
    else:
        with UnitOfWork(data.engine()) as uow:
            units = tuple(writable_unit_codes(uow.session, actor))
    st.download_button(
        t("Tải mẫu Excel", "Download the Excel template"), workflow_data.template(units, date.today()),
        file_name=f"mau-cap-nhat-{actor.unit_code or actor.province_code or 'tat-ca'}.xlsx", key="imp_template",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def import_panel(actor: Actor) -> None:
    limits = ImportLimits.from_env()
    upload = st.file_uploader(
        t(f"Tệp cập nhật (.xlsx hoặc .csv UTF-8; tối đa {limits.max_megabytes} MB, {limits.max_rows:,} dòng)"
          .replace(f"{limits.max_rows:,}", f"{limits.max_rows:,}".replace(",", ".")),  # 50.000: Vietnamese thousands
          f"Update file (.xlsx or UTF-8 .csv; at most {limits.max_megabytes} MB, {limits.max_rows:,} rows)"),
        type=["xlsx", "csv"], key="imp_file")
    if upload is None:
        return
    left, right = st.columns(2)
    check = left.button(t("Kiểm tra (không ghi)", "Check (dry run)"), key="imp_check")
    apply = right.button(t("Nhập vào cơ sở dữ liệu", "Import"), key="imp_apply", type="primary")
    if check or apply:
        run_import(actor, upload.getvalue(), upload.name, dry_run=not apply)


def run_import(actor: Actor, content: bytes, filename: str, *, dry_run: bool) -> None:
    bar = st.progress(0.0, text=t("Đang đọc tệp…", "Reading the file…"))

    def progress(done: int, total: int) -> None:
        bar.progress(done / total, text=t(f"Đã kiểm tra {done}/{total} dòng", f"Checked {done}/{total} rows"))

    try:
        read = read_import_file(content, filename)
        with UnitOfWork(data.engine()) as uow:
            result = import_updates(uow, read.rows, actor.username, dry_run=dry_run, progress=progress,
                                    untouched=read.untouched)
    except ImportRefused as refused:
        bar.empty()
        problems = refused.result.problems
        st.error(t(f"Không nhập gì: {len(problems)} dòng lỗi trong {refused.result.rows} dòng. Sửa các dòng dưới đây rồi nhập lại.",
                   f"Nothing imported: {len(problems)} errors in {refused.result.rows} rows."))
        st.dataframe(pd.DataFrame([{t("Dòng", "Row"): p.row, t("Cột", "Column"): p.column, t("Lý do", "Reason"): p.reason}
                                   for p in problems]), hide_index=True)
        return
    except TrackingError as exc:
        bar.empty()
        st.error(plain(exc))  # may quote a cell of the file
        return
    except Exception:  # never Streamlit's English traceback box, nor a bar stuck on "reading"
        bar.empty()
        log.exception("import of %s failed", filename)
        st.error(t("Lỗi hệ thống khi đọc hoặc nhập tệp; không có gì được ghi. Hãy báo quản trị viên.",
                   "System error while reading or importing the file; nothing was written."))
        return
    bar.empty()
    untouched = t(f", {result.untouched} dòng chưa điền tiến độ (bỏ qua)", f", {result.untouched} rows left blank (skipped)") \
        if result.untouched else ""
    summary = t(f"{result.new} cập nhật mới, {result.duplicates} dòng đã có (bỏ qua), tổng {result.rows} dòng{untouched}.",
                f"{result.new} new updates, {result.duplicates} already recorded (skipped), {result.rows} rows{untouched}.")
    plan = data.plan_info()  # the tracking window ends where the form's warning says it does
    window_note = after_window_note(result.new_dates, plan["ends_on"] if plan else None, lang())
    if dry_run:
        st.info(t("Thử, chưa ghi: ", "Dry run, nothing written: ") + summary)
        planned = pd.DataFrame(result.planned)
        if not planned.empty:
            planned["action"] = planned["action"].map({"new": t("thêm", "add"), "duplicate": t("bỏ qua (đã có)", "skip")})
            for column, label in (("state", state_label), ("period", period_label)):
                if column in planned:
                    planned[column] = planned[column].map(lambda v: label(v, lang()))
            st.dataframe(for_display(planned, _planned_labels(), ("date",)), hide_index=True)
    else:
        data.clear_after_write()
        st.success(t("Đã nhập: ", "Imported: ") + summary)
    if window_note:
        st.warning(window_note, icon=":material/event_busy:")
