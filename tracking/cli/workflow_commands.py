"""users, template, import, deadline."""
from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from sqlalchemy import select

from tracking.cli.output import print_rows
from tracking.db.engine import make_engine
from tracking.db.models import UnitRow, UserRow
from tracking.errors import InvalidInput
from tracking.imports.limits import ImportLimits
from tracking.imports.reader import read_import_file
from tracking.imports.template import template_bytes
from tracking.labels import after_window_note
from tracking.services.deadlines import set_deadline
from tracking.services.importing import ImportRefused, import_updates
from tracking.services.permissions import ROLES, province_name
from tracking.services.users import add_user, disable_user, set_password, set_province, set_role
from tracking.text import user_name
from tracking.uow import UnitOfWork
from tracking.views.catalog import window_end
from tracking.views.workflow import USER_COLUMNS, users


def register(sub) -> None:
    p = sub.add_parser("users", help="tài khoản: add, list, disable, passwd, role, province")
    users_sub = p.add_subparsers(dest="users_command", required=True)
    add = users_sub.add_parser("add", help="thêm tài khoản")
    add.add_argument("username")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--unit", help="mã đơn vị (bắt buộc với unit_officer)")
    add.add_argument("--name", dest="display_name", help="họ tên hiển thị")
    add.add_argument("--province", help="mã tỉnh mà tài khoản được cập nhật (ví dụ 94); bỏ trống: toàn quốc")
    add.add_argument("--password-stdin", dest="password_stdin", action="store_true",
                     help="đọc mật khẩu từ dòng đầu của stdin (mặc định: hỏi, không hiện)")
    add.set_defaults(handler=cmd_users_add)
    listing = users_sub.add_parser("list", help="liệt kê tài khoản (không có mật khẩu)")
    listing.add_argument("--format", choices=("table", "csv", "json"), default="table")
    listing.set_defaults(handler=cmd_users_list)
    disable = users_sub.add_parser("disable", help="khóa tài khoản")
    disable.add_argument("username")
    disable.set_defaults(handler=cmd_users_disable)
    passwd = users_sub.add_parser("passwd", help="đặt mật khẩu mới (ví dụ thay mật khẩu của tài khoản minh họa)")
    passwd.add_argument("username")
    passwd.add_argument("--password-stdin", dest="password_stdin", action="store_true")
    passwd.set_defaults(handler=cmd_users_passwd)
    role = users_sub.add_parser("role", help="đổi vai trò (các phiên đăng nhập của tài khoản kết thúc ngay)")
    role.add_argument("username")
    role.add_argument("--role", required=True, choices=ROLES)
    role.add_argument("--unit", help="mã đơn vị (bắt buộc với unit_officer)")
    role.set_defaults(handler=cmd_users_role)
    province = users_sub.add_parser("province", help="đổi tỉnh của tài khoản (các phiên đăng nhập của tài khoản kết thúc ngay)")
    province.add_argument("username")
    scope = province.add_mutually_exclusive_group(required=True)
    scope.add_argument("code", nargs="?", help="mã tỉnh (ví dụ 94)")
    scope.add_argument("--national", action="store_true", help="phạm vi toàn quốc (Thanh tra Chính phủ, quản trị)")
    province.set_defaults(handler=cmd_users_province)

    p = sub.add_parser("template", help="tạo mẫu Excel để cập nhật hàng loạt")
    p.add_argument("--out", required=True, help="tệp .xlsx")
    p.add_argument("--unit", help="chỉ các mốc của một đơn vị")
    p.set_defaults(handler=cmd_template)

    p = sub.add_parser("import", help="nhập cập nhật từ .xlsx hoặc .csv (tất cả hoặc không gì)")
    p.add_argument("file")
    p.add_argument("--by", required=True, help="tên đăng nhập người nhập")
    p.add_argument("--dry-run", dest="dry_run", action="store_true", help="chỉ kiểm tra và cho biết sẽ thay đổi gì")
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser("deadline", help="đặt thời hạn cho yêu cầu mà kế hoạch không ghi hạn")
    p.add_argument("requirement_code")
    p.add_argument("deadline", help="YYYY-MM-DD")
    p.add_argument("--by", required=True)
    p.add_argument("--period", help="kỳ báo cáo (yêu cầu định kỳ), ví dụ 2010Q4")
    p.add_argument("--note")
    p.add_argument("--province", help="mã tỉnh của kế hoạch (mặc định: tỉnh của người đặt, hoặc kế hoạch mặc định)")
    p.set_defaults(handler=cmd_deadline)


def console_label() -> str:
    """Who acted at the server console (no signed-in user there)."""
    try:
        return f"console:{getpass.getuser()}"
    except Exception:  # no login name in some containers
        return "console"


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Mật khẩu: ")
    if first != getpass.getpass("Nhập lại mật khẩu: "):
        raise InvalidInput("password", "hai lần nhập không khớp")
    return first


def cmd_users_add(args: argparse.Namespace) -> int:
    password = _read_password(args.password_stdin)
    with UnitOfWork(make_engine()) as uow:
        add_user(uow, args.username, args.role, password, by=console_label(), unit_code=args.unit,
                 display_name=args.display_name, province_code=args.province)
        scope = _scope(uow, args.username)
    print(f"Đã thêm người dùng '{user_name(args.username)}' ({args.role}{', ' + args.unit if args.unit else ''}; {scope}).")
    return 0


def _scope(uow: UnitOfWork, username: str) -> str:
    code = uow.session.scalar(select(UserRow.province_code).where(UserRow.username == user_name(username)))
    return f"phạm vi {province_name(uow.session, code)}" if code else "phạm vi toàn quốc"


def cmd_users_province(args: argparse.Namespace) -> int:
    with UnitOfWork(make_engine()) as uow:
        set_province(uow, args.username, None if args.national else args.code, by=console_label())
        scope = _scope(uow, args.username)
    print(f"Đã đổi '{user_name(args.username)}' sang {scope}; các phiên đăng nhập của tài khoản đã kết thúc.")
    return 0


def cmd_users_list(args: argparse.Namespace) -> int:
    print_rows(users(make_engine()).to_dict("records"), USER_COLUMNS, args.format)
    return 0


def cmd_users_passwd(args: argparse.Namespace) -> int:
    password = _read_password(args.password_stdin)
    with UnitOfWork(make_engine()) as uow:
        set_password(uow, args.username, password, by=console_label())
    print(f"Đã đặt mật khẩu mới cho '{args.username}'; các phiên đăng nhập của tài khoản đã kết thúc.")
    return 0


def cmd_users_role(args: argparse.Namespace) -> int:
    with UnitOfWork(make_engine()) as uow:
        set_role(uow, args.username, args.role, by=console_label(), unit_code=args.unit)
    print(f"Đã đổi vai trò của '{args.username}' thành {args.role}; các phiên đăng nhập của tài khoản đã kết thúc.")
    return 0


def cmd_users_disable(args: argparse.Namespace) -> int:
    with UnitOfWork(make_engine()) as uow:
        disable_user(uow, args.username, by=console_label())
    print(f"Đã khóa tài khoản '{args.username}'; các phiên đăng nhập của tài khoản đã kết thúc.")
    return 0


def cmd_template(args: argparse.Namespace) -> int:
    engine = make_engine()
    if args.unit:
        with UnitOfWork(engine) as uow:
            if uow.session.get(UnitRow, args.unit) is None:
                raise InvalidInput("--unit", f"không có đơn vị mã '{args.unit}'")
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)  # as `export` does
    out.write_bytes(template_bytes(engine, [args.unit] if args.unit else None))
    print(f"Đã tạo mẫu {args.out}.")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if path.is_dir():
        raise InvalidInput("file", f"'{path}' là một thư mục, không phải tệp .xlsx hoặc .csv")
    if not path.exists():
        raise InvalidInput("file", f"không tìm thấy tệp '{path}'")
    limits = ImportLimits.from_env()
    if path.stat().st_size > limits.max_bytes:  # refused before reading it into memory
        raise InvalidInput("file", f"tệp '{path}' nặng {path.stat().st_size / 1024 / 1024:.1f} MB, vượt giới hạn "
                                   f"{limits.max_megabytes} MB một tệp nhập: hãy chia thành nhiều tệp nhỏ hơn")
    try:
        content = path.read_bytes()
    except OSError as exc:
        raise InvalidInput("file", f"không đọc được tệp '{path}' ({exc.strerror or 'lỗi hệ điều hành'})") from None
    read = read_import_file(content, path.name, limits)
    for note in read.notes:  # which sheet was read, in which encoding
        print(note)
    engine = make_engine()
    with UnitOfWork(engine) as uow:
        try:
            result = import_updates(uow, read.rows, args.by, dry_run=args.dry_run, untouched=read.untouched)
        except ImportRefused as refused:
            print(f"Không nhập gì: {len(refused.result.problems)} dòng lỗi trong {refused.result.rows} dòng.", file=sys.stderr)
            for problem in refused.result.problems:
                print(f"  {problem}", file=sys.stderr)
            return 2
    if args.dry_run:
        print_rows(result.planned, ["row", "unit_code", "requirement_code", "period", "state", "date", "action"], "table")
        print(f"Thử (không ghi): {result.new} cập nhật mới, {result.duplicates} dòng đã có sẽ bỏ qua, "
              f"{result.rows} dòng{_untouched(result.untouched)}.")
    else:
        print(f"Đã nhập {result.new} cập nhật mới; bỏ qua {result.duplicates} dòng đã có; tổng {result.rows} dòng"
              f"{_untouched(result.untouched)}.")
    if note := after_window_note(result.new_dates, window_end(engine)):
        print(note)
    return 0


def _untouched(count: int) -> str:
    return f"; {count} dòng chưa điền tiến độ (bỏ qua)" if count else ""


def cmd_deadline(args: argparse.Namespace) -> int:
    with UnitOfWork(make_engine()) as uow:
        set_deadline(uow, args.requirement_code, args.deadline, by=args.by, period=args.period, note=args.note,
                     province=args.province)
    print(f"Đã đặt hạn {args.requirement_code}{' ' + args.period if args.period else ''}: {args.deadline}.")
    return 0
