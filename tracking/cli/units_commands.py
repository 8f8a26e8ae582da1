"""units today / check / load / changes: a province's units on today's map, and how units change over time."""
from __future__ import annotations

import argparse
from pathlib import Path

from tracking.errors import DataFileError


def register(sub) -> None:
    p = sub.add_parser("units", help="đơn vị hành chính: today, check, load, changes")
    units_sub = p.add_subparsers(dest="units_command", required=True)
    today = units_sub.add_parser("today", help="danh sách đơn vị hiện hành của một tỉnh (bản đồ hai cấp từ 01/07/2025)")
    today.add_argument("--province", required=True, help="mã tỉnh hiện hành, ví dụ 40 (Nghệ An)")
    today.add_argument("--out", help="tệp YAML kết quả (mặc định: in ra màn hình)")
    today.set_defaults(handler=cmd_units_today)

    check = units_sub.add_parser("check", help="kiểm tra một tệp đơn vị (và tệp thay đổi), liệt kê mọi lỗi cùng dòng")
    check.add_argument("units_file")
    check.add_argument("--changes", help="tệp thay đổi đơn vị đi kèm")
    check.set_defaults(handler=cmd_units_check)

    load = units_sub.add_parser("load", help="nạp một tệp đơn vị (và các kế hoạch của tỉnh đó) vào CSDL")
    load.add_argument("units_file")
    load.add_argument("--plan", action="append", default=[], help="tệp kế hoạch của tỉnh (có thể lặp lại)")
    load.set_defaults(handler=cmd_units_load)

    changes = units_sub.add_parser("changes", help="nạp danh sách thay đổi đơn vị (đổi tên, đổi loại, nhập, chia)")
    changes.add_argument("changes_file")
    changes.add_argument("--by", default="cli", help="tên đăng nhập người nạp")
    changes.set_defaults(handler=cmd_units_changes)

    close = units_sub.add_parser("close-milestones", help="xử lý một lần các mốc chưa xong của đơn vị đã bị nhập/chia")
    close.add_argument("unit_code")
    close.add_argument("--action", required=True, choices=("moved", "closed"),
                       help="moved: chuyển sang đơn vị kế thừa; closed: đóng, không còn áp dụng")
    close.add_argument("--by", required=True, help="tên đăng nhập người quyết định")
    close.add_argument("--note", help="căn cứ, ghi chú")
    close.set_defaults(handler=cmd_units_close)


def cmd_units_today(args: argparse.Namespace) -> int:
    from tracking.units.today import today_units, units_yaml

    units = today_units(args.province)
    text = units_yaml(units)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
        communes = sum(u.level == "commune" for u in units)
        print(f"Đã ghi {args.out}: {units[0].name}, {len(units) - communes - 1} cơ quan chuyên môn, "
              f"{communes} xã, phường, đặc khu.")
    else:
        print(text, end="")
    return 0


def _print_problems(problems: list[str], checked: str) -> int:
    for line in problems:
        print(f"Lỗi: {line}")
    if problems:
        print(f"{len(problems)} lỗi. Đã kiểm tra: {checked}.")
        return 1
    print(f"Không có lỗi. Đã kiểm tra: {checked}.")
    return 0


def cmd_units_check(args: argparse.Namespace) -> int:
    from tracking.plans.loader import load_units
    from tracking.units.changes import load_changes

    try:
        units = load_units(Path(args.units_file))
    except DataFileError as exc:
        return _print_problems([f"{exc.path}: {p}" for p in exc.problems], args.units_file)
    problems: list[str] = []
    if args.changes:
        try:
            load_changes(Path(args.changes), units)
        except DataFileError as exc:
            problems = [f"{exc.path}: {p}" for p in exc.problems]
    return _print_problems(problems, ", ".join(filter(None, (args.units_file, args.changes))))


def cmd_units_load(args: argparse.Namespace) -> int:
    from tracking.db.engine import make_engine
    from tracking.db.migrate import upgrade
    from tracking.plans.loader import load_plan, load_units
    from tracking.plans.seed import seed

    units = load_units(Path(args.units_file))
    plans = [load_plan(Path(p), units) for p in args.plan]  # every file checked before the database is touched
    engine = make_engine()
    upgrade(engine)
    summary = seed(engine, units, plans)
    print(f"Đã nạp {summary['units']} đơn vị, {summary['plans']} kế hoạch, {summary['milestones_created']} mốc mới.")
    return 0


def cmd_units_changes(args: argparse.Namespace) -> int:
    from tracking.db.engine import make_engine
    from tracking.units.changes import apply_changes, load_changes, stored_units

    engine = make_engine()
    changes = load_changes(Path(args.changes_file), stored_units(engine))
    added = apply_changes(engine, changes, args.by)
    print(f"Đã ghi {added} thay đổi mới ({len(changes) - added} đã có từ trước).")
    return 0


def cmd_units_close(args: argparse.Namespace) -> int:
    from tracking.db.engine import make_engine
    from tracking.units.changes import close_open_milestones

    done = close_open_milestones(make_engine(), args.unit_code, args.action, args.by, args.note)
    print(f"Đơn vị {args.unit_code}: {done['moved']} mốc chuyển sang đơn vị kế thừa, {done['closed']} mốc đóng "
          f"(không còn áp dụng), {done['kept']} mốc đã hoàn thành giữ nguyên.")
    return 0
