"""generate: a deterministic national dataset in the configured database (for scale tests and the benchmark)."""
from __future__ import annotations

import argparse
import time

from tracking.db.engine import make_engine
from tracking.errors import InvalidInput


def cmd_generate(args: argparse.Namespace) -> int:
    from tracking.plans.many import add_plans
    from tracking.units.national import generate

    if args.provinces is None and not args.plans:
        raise InvalidInput("provinces", "cần --provinces N hoặc --plans N (hoặc cả hai)")
    started = time.perf_counter()
    engine = make_engine()
    if args.provinces is not None:
        counts = generate(engine, args.provinces, args.seed, map_=args.map)
    if args.plans:  # after the provinces: the added plans go round every province that has a plan
        counts = add_plans(engine, args.plans, args.seed)
    print(f"{counts['plans']} kế hoạch, {counts['units']} đơn vị, {counts['milestones']} mốc, "
          f"{counts['updates']} cập nhật ({time.perf_counter() - started:.0f} s)")
    return 0


def register(sub) -> None:
    p = sub.add_parser("generate", help="sinh dữ liệu cả nước (tỉnh thật, kế hoạch theo mẫu Sóc Trăng) vào CSDL đang cấu hình")
    p.add_argument("--provinces", type=int,
                   help="số tỉnh (bản đồ 2010: 1–63, Sóc Trăng luôn là tỉnh đầu tiên; bản đồ 2025: 1–34, thêm vào "
                        "kế hoạch thật của Sóc Trăng 2010)")
    p.add_argument("--map", choices=("2010", "2025"), default="2010",
                   help="bản đồ hành chính: 2010 (ba cấp, 63 tỉnh) hoặc 2025 (hai cấp, 34 tỉnh, xã trực thuộc tỉnh); "
                        "mỗi bản đồ một CSDL")
    p.add_argument("--plans", type=int, default=0,
                   help="thêm N kế hoạch (theo mẫu kế hoạch Sóc Trăng, mỗi kế hoạch đủ yêu cầu, mốc và lịch sử), lần "
                        "lượt cho các tỉnh đã có kế hoạch (chỉ Sóc Trăng: N kế hoạch của Sóc Trăng); để đo quy mô")
    p.add_argument("--seed", type=int, default=42, help="hạt giống ngẫu nhiên (cùng hạt giống → cùng dữ liệu)")
    p.set_defaults(handler=cmd_generate)
