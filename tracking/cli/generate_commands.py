"""generate: a deterministic national dataset in the configured database (for scale tests and the benchmark)."""
from __future__ import annotations

import argparse
import time

from tracking.db.engine import make_engine


def cmd_generate(args: argparse.Namespace) -> int:
    from tracking.units.national import generate

    started = time.perf_counter()
    counts = generate(make_engine(), args.provinces, args.seed)
    print(f"{counts['plans']} kế hoạch, {counts['units']} đơn vị, {counts['milestones']} mốc, "
          f"{counts['updates']} cập nhật ({time.perf_counter() - started:.0f} s)")
    return 0


def register(sub) -> None:
    p = sub.add_parser("generate", help="sinh dữ liệu cả nước (tỉnh thật, kế hoạch theo mẫu Sóc Trăng) vào CSDL đang cấu hình")
    p.add_argument("--provinces", type=int, required=True, help="số tỉnh (1–63; Sóc Trăng luôn là tỉnh đầu tiên)")
    p.add_argument("--seed", type=int, default=42, help="hạt giống ngẫu nhiên (cùng hạt giống → cùng dữ liệu)")
    p.set_defaults(handler=cmd_generate)
