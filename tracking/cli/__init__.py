"""Command line: python -m tracking <command>. Each command module offers register(subparsers)."""
from __future__ import annotations

import argparse
import os
import re
import sys

from sqlalchemy.exc import DBAPIError

from tracking.db.engine import make_engine
from tracking.db.migrate import schema_behind
from tracking.errors import TrackingError
from tracking.text import has_surrogates, nfc

from . import (backup_commands, bench_commands, core_commands, export_commands, generate_commands, load_commands,
               plan_commands, reading_commands, units_commands, workflow_commands)

# Each module adds its sub-commands; add new modules here.
COMMAND_MODULES = [core_commands, workflow_commands, export_commands, plan_commands, bench_commands, backup_commands,
                   generate_commands, load_commands, reading_commands, units_commands]


def build_parser() -> argparse.ArgumentParser:
    parser = VietnameseArgumentParser(prog="python -m tracking", description="Theo dõi Kế hoạch — dòng lệnh")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=VietnameseArgumentParser)
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


# argparse speaks English; officials read these lines, so its usual messages are put into Vietnamese.
_ARGPARSE_VI = (
    (re.compile(r"^argument (\S+): invalid choice: (.+?) \(choose from (.+)\)$"),
     r"tham số \1: giá trị \2 không hợp lệ (chỉ nhận: \3)"),
    (re.compile(r"^argument (\S+): expected one argument$"), r"tham số \1 cần một giá trị"),
    (re.compile(r"^argument (\S+): invalid (\w+) value: (.+)$"), r"tham số \1: giá trị \3 không hợp lệ"),
    (re.compile(r"^the following arguments are required: (.+)$"), r"thiếu tham số bắt buộc: \1"),
    (re.compile(r"^unrecognized arguments: (.+)$"), r"tham số không nhận ra: \1"),
    (re.compile(r"^one of the arguments (.+) is required$"), r"cần một trong các tham số: \1"),
    (re.compile(r"^argument (\S+): not allowed with argument (\S+)$"), r"tham số \1 không dùng cùng \2"),
)


def in_vietnamese(message: str) -> str:
    for pattern, replacement in _ARGPARSE_VI:
        if pattern.match(message):
            return pattern.sub(replacement, message)
    return message


class VietnameseArgumentParser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, no usage dump, exit 2
        self.exit(2, f"Lỗi: tham số không hợp lệ — {in_vietnamese(message)}\n")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    for position, arg in enumerate(argv, start=1):
        if has_surrogates(arg):  # bytes that were not UTF-8 (a terminal in another encoding): nothing can match them
            shown = arg.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
            print(f"Lỗi: tham số thứ {position} ('{shown}') có byte không phải UTF-8 hợp lệ — "
                  "hãy đặt terminal dùng UTF-8 rồi gõ lại", file=sys.stderr)
            return 2
    # Vietnamese in one form (NFC) whatever the keyboard sent; a path that exists is kept byte for byte.
    argv = [arg if os.path.exists(arg) else nfc(arg) for arg in argv]
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except TrackingError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into head & co.
        sys.stderr.close()
        return 0
    except Exception as exc:  # an official should never see a traceback; TRACKING_DEBUG=1 shows it
        if os.environ.get("TRACKING_DEBUG"):
            raise
        if isinstance(exc, DBAPIError) and schema_behind(make_engine()):
            print("Lỗi: cơ sở dữ liệu chưa được nâng cấp lên phiên bản của chương trình — chạy `python -m tracking init` "
                  "(nâng cấp tại chỗ, giữ nguyên dữ liệu) rồi chạy lại lệnh", file=sys.stderr)
            return 2
        print(f"Lỗi hệ thống: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}", file=sys.stderr)
        return 1
