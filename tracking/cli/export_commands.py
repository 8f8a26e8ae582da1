"""export png|svg|xlsx|pptx|docx --out PATH [--as-of YYYY-MM-DD] [--lang vi|en]."""
from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from tracking.db.engine import make_engine
from tracking.errors import InvalidInput
from tracking.services.validation import parse_date

KINDS = ("png", "svg", "xlsx", "pptx", "docx")


def register(sub) -> None:
    p = sub.add_parser("export", help="xuất hình biểu đồ, bài trình chiếu, bảng tính hoặc báo cáo Word")
    p.add_argument("kind", choices=KINDS, help="png/svg: một tệp cho mỗi biểu đồ trong thư mục --out")
    p.add_argument("--out", required=True, help="tệp kết quả (png/svg: thư mục)")
    p.add_argument("--as-of", dest="as_of", help="tình hình đến ngày (YYYY-MM-DD), mặc định hôm nay")
    p.add_argument("--lang", choices=("vi", "en"), default="vi", help="ngôn ngữ của biểu đồ, trang chiếu, bảng tính")
    p.set_defaults(handler=cmd_export)


def cmd_export(args: argparse.Namespace) -> int:
    from tracking.exports import images, service  # plotly, kaleido and the office libraries: only when exporting

    as_of = parse_date(args.as_of, "--as-of", required=False) or date.today()
    out = Path(args.out)
    if args.kind in ("png", "svg") and out.exists() and not out.is_dir():
        raise InvalidInput("--out", f"'{out}' là một tệp; với {args.kind} cần một thư mục")
    if args.kind not in ("png", "svg") and out.is_dir():
        raise InvalidInput("--out", f"'{out}' là một thư mục; với {args.kind} cần tên tệp, ví dụ bao-cao.{args.kind}")
    data = service.load(make_engine(), as_of)
    if args.kind in ("png", "svg"):
        written = images.write_folder(service.chart_images(data, args.kind, args.lang, _progress), out)
        print(f"\nĐã ghi {len(written)} hình vào {out}/", file=sys.stderr)
        return 0
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(service.export_bytes(args.kind, data, args.lang, _progress))
    print(f"\nĐã ghi {out} ({out.stat().st_size // 1024} KB).", file=sys.stderr)
    return 0


def _progress(share: float, what: str) -> None:
    sys.stderr.write(f"\r{share:5.0%} {what[:60]:<60}")
    sys.stderr.flush()
