"""plan check: validate the plan and units files before anyone loads them."""
from __future__ import annotations

import argparse
from pathlib import Path

from tracking.errors import DataFileError
from tracking.plans.loader import PLANS_DIR, UNITS_FILE, check_files, load_units, plan_files
from tracking.units.changes import CHANGES_FILE, load_changes


def change_problems(changes: Path, units_file: Path) -> list[str]:
    try:
        load_changes(changes, load_units(units_file))
    except DataFileError as exc:
        return [f"{exc.path}: {problem}" for problem in exc.problems]
    return []


def register(sub) -> None:
    p = sub.add_parser("plan", help="tệp kế hoạch: check")
    plan_sub = p.add_subparsers(dest="plan_command", required=True)
    check = plan_sub.add_parser("check", help="kiểm tra tệp kế hoạch và tệp đơn vị, liệt kê mọi lỗi cùng vị trí")
    check.add_argument("plan_file", nargs="?", help=f"tệp kế hoạch (mặc định: mọi tệp trong {PLANS_DIR.name}/)")
    check.add_argument("--units", help="tệp đơn vị (mặc định: data/units_soc_trang.yaml)")
    check.set_defaults(handler=cmd_plan_check)


def cmd_plan_check(args: argparse.Namespace) -> int:
    plans = [Path(args.plan_file)] if args.plan_file else plan_files()
    units = Path(args.units) if args.units else UNITS_FILE
    problems = check_files(plans, units)
    if units == UNITS_FILE and not problems:  # the default units come with their changes over time
        problems = change_problems(CHANGES_FILE, units)
    for line in problems:
        print(f"Lỗi: {line}")
    checked = ", ".join(str(p) for p in plans) or "(không có tệp kế hoạch nào)"
    if problems:
        print(f"{len(problems)} lỗi. Đã kiểm tra: {checked}; đơn vị: {units}.")
        return 1
    print(f"Không có lỗi. Đã kiểm tra: {checked}; đơn vị: {units}.")
    return 0
