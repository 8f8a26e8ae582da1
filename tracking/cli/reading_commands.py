"""deadline-reading: show or choose how "trước ngày X" is graded."""
from __future__ import annotations

import argparse

from tracking.db.engine import make_engine
from tracking.domain.deadlines import READING_LABELS, READINGS
from tracking.services.deadline_reading import current_reading, set_deadline_reading
from tracking.uow import UnitOfWork


def register(sub) -> None:
    p = sub.add_parser("deadline-reading", help="xem hoặc đổi cách tính đúng hạn (\"trước ngày X\")")
    p.add_argument("reading", nargs="?", choices=READINGS,
                   help="named_day_on_time (mặc định: ngày được nêu vẫn đúng hạn) | literal (nghĩa đen, lùi qua ngày nghỉ)")
    p.add_argument("--by", help="tên đăng nhập quản trị (bắt buộc khi đổi)")
    p.set_defaults(handler=cmd_reading)


def cmd_reading(args: argparse.Namespace) -> int:
    engine = make_engine()
    with UnitOfWork(engine) as uow:
        if args.reading is None:
            reading = current_reading(uow.session)
            print(f"{reading}: {READING_LABELS[reading][0]}")
            return 0
        if not args.by:
            print("Lỗi: đổi cách tính cần --by (tên đăng nhập quản trị).")
            return 2
        moved = set_deadline_reading(uow, args.reading, by=args.by)
    print(f"Đã áp dụng cách tính '{args.reading}': {READING_LABELS[args.reading][0]}. {moved} mốc đổi ngày cuối đúng hạn.")
    return 0
