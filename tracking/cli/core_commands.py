"""init, status, update, history."""
from __future__ import annotations

import argparse
from datetime import date

from tracking.cli.output import print_rows
from tracking.cli.backup_commands import default_backup_path, sealed_backup
from tracking.db.backup import history_counts
from tracking.db.engine import make_engine
from tracking.errors import TrackingError
from tracking.labels import after_window_note
from tracking.services.deadline_reading import current_reading
from tracking.services.updates import UpdateCommand, find_milestone, record_update
from tracking.services.validation import parse_date
from tracking.setup import initialise
from tracking.uow import UnitOfWork
from tracking.views.catalog import window_end
from tracking.views.evidence import with_words
from tracking.views.history import HISTORY_FIELDS, milestone_history
from tracking.views.plans import resolve_plan
from tracking.views.snapshot import snapshot

HISTORY_LABELS = {
    "updates": "cập nhật", "quantity_updates": "số liệu", "deadline_changes": "lần đặt thời hạn",
    "setting_changes": "lần đổi cài đặt",
    "users": "người dùng", "user_events": "sự kiện tài khoản",
    "milestone_closures": "quyết định chuyển/đóng mốc",
    "plan_drafts": "bản nháp kế hoạch", "plan_events": "lần công bố/sửa đổi kế hoạch",
    "milestone_deadline_changes": "hạn mốc đổi theo văn bản sửa đổi",
}
STATUS_FIELDS = [
    "unit_code", "unit_name", "unit_level", "parent_code", "district_code", "requirement_code", "area", "clause",
    "kind", "period", "deadline", "deadline_as_written", "deadline_reading", "deadline_source", "deadline_clause",
    "status", "due_soon", "state", "percent", "completed_on",
    "evidence",
]


def register(sub) -> None:
    p = sub.add_parser("init", help="tạo/nâng cấp cơ sở dữ liệu, nạp kế hoạch và đơn vị từ data/")
    p.add_argument("--demo", action="store_true", help="thêm dữ liệu minh họa 2010–2011")
    p.add_argument("--reset", action="store_true", help="xóa toàn bộ dữ liệu trước khi nạp lại (cần --yes nếu đã có lịch sử)")
    p.add_argument("--yes", action="store_true", help="đồng ý xóa: một bản sao lưu được ghi trước")
    p.set_defaults(handler=cmd_init)

    p = sub.add_parser("status", help="tình trạng mọi mốc tại một ngày")
    p.add_argument("--as-of", dest="as_of", help="ngày xem (YYYY-MM-DD), mặc định hôm nay")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    scope = p.add_mutually_exclusive_group()
    scope.add_argument("--plan", help="mã kế hoạch (mặc định: kế hoạch Sóc Trăng, nạp đầu tiên)")
    scope.add_argument("--province", help="mã tỉnh của kế hoạch, ví dụ 01")
    p.set_defaults(handler=cmd_status)

    p = sub.add_parser("update", help="ghi nhận một cập nhật tiến độ")
    p.add_argument("unit_code")
    p.add_argument("requirement_code")
    p.add_argument("--state", required=True, help="not_started | in_progress | done")
    p.add_argument("--date", required=True, help="ngày sự việc (YYYY-MM-DD)")
    p.add_argument("--by", required=True, help="tên đăng nhập người cập nhật")
    p.add_argument("--period", help="kỳ báo cáo, ví dụ 2010Q4")
    p.add_argument("--percent")
    p.add_argument("--evidence", help="số hiệu văn bản làm căn cứ")
    p.add_argument("--evidence-date", dest="evidence_date", help="ngày văn bản (YYYY-MM-DD)")
    p.add_argument("--note")
    p.set_defaults(handler=cmd_update)

    p = sub.add_parser("history", help="lịch sử cập nhật của một mốc")
    p.add_argument("unit_code")
    p.add_argument("requirement_code")
    p.add_argument("--period")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(handler=cmd_history)


def cmd_init(args: argparse.Namespace) -> int:
    engine = make_engine()
    if args.reset:
        history = history_counts(engine)
        if history and not args.yes:
            held = ", ".join(f"{n} {HISTORY_LABELS[name]}" for name, n in history.items())
            raise TrackingError(
                f"CSDL đang có lịch sử ({held}): --reset sẽ xóa hết. Không làm gì. "
                "Nếu thật sự muốn xóa, chạy lại với --reset --yes (một bản sao lưu sẽ được ghi trước)."
            )
        if history:
            path = default_backup_path()
            sealed_backup(engine, path)
            print(f"Đã sao lưu dữ liệu cũ vào {path} (khôi phục: python -m tracking restore {path}).")
    summary = initialise(engine, demo=args.demo, reset_first=args.reset)
    print(
        f"Đã sẵn sàng: {summary['units']} đơn vị, {summary['plans']} kế hoạch, "
        f"{summary['milestones_created']} mốc mới, {summary['demo_updates_added']} cập nhật minh họa mới."
    )
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    as_of = parse_date(args.as_of, "--as-of", required=False) or date.today()
    engine = make_engine()
    frame = with_words(engine, snapshot(engine, as_of, plan_id=resolve_plan(engine, args.plan, args.province)), as_of)
    with UnitOfWork(engine) as uow:
        reading = current_reading(uow.session)
    # `deadline` is the last day on time under the reading in force; `deadline_as_written` is the plan's phrase.
    frame = frame.assign(deadline_reading=reading)
    # A province on today's two-level map has no district: no column that would always be empty.
    fields = [f for f in STATUS_FIELDS if f != "district_code" or frame.empty or frame[f].notna().any()]
    print_rows(frame.to_dict("records"), fields, args.format)
    return 0


def cmd_update(args: argparse.Namespace) -> int:
    command = UpdateCommand(
        unit_code=args.unit_code, requirement_code=args.requirement_code, state=args.state, fact_date=args.date,
        by=args.by, period=args.period, percent=args.percent, evidence=args.evidence,
        evidence_date=args.evidence_date, note=args.note, source="cli",
    )
    engine = make_engine()
    with UnitOfWork(engine) as uow:
        update_id = record_update(uow, command)
    print(f"Đã ghi nhận cập nhật #{update_id}: {args.unit_code} / {args.requirement_code} → {args.state} ({args.date}).")
    if note := after_window_note([parse_date(args.date, "date")], window_end(engine)):
        print(note)
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    engine = make_engine()
    with UnitOfWork(engine) as uow:  # refuse unknown codes instead of printing an empty history
        find_milestone(uow.session, args.unit_code, args.requirement_code, args.period)
    rows = milestone_history(engine, args.unit_code, args.requirement_code, args.period)
    print_rows(rows, HISTORY_FIELDS, args.format)
    return 0
