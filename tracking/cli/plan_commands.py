"""plan check: validate the plan and units files before anyone loads them. plan draft: a plan document → a draft."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tracking.errors import DataFileError, TrackingError
from tracking.plans.loader import PLANS_DIR, UNITS_FILE, check_files, load_units, plan_files
from tracking.units.changes import CHANGES_FILE, load_changes


def change_problems(changes: Path, units_file: Path) -> list[str]:
    try:
        load_changes(changes, load_units(units_file))
    except DataFileError as exc:
        return [f"{exc.path}: {problem}" for problem in exc.problems]
    return []


def plans_notices(plans: list[Path], units_file: Path) -> list[str]:
    """What each (valid) plan file's publisher should know but need not fix (tracking.plans.notices)."""
    from tracking.plans.loader import load_plan
    from tracking.plans.notices import plan_notices

    units = load_units(units_file)
    return [f"{path}: {notice}" for path in plans or plan_files() for notice in plan_notices(load_plan(path, units))]


def register(sub) -> None:
    p = sub.add_parser("plan", help="tệp kế hoạch: check, draft")
    plan_sub = p.add_subparsers(dest="plan_command", required=True)
    check = plan_sub.add_parser("check", help="kiểm tra tệp kế hoạch và tệp đơn vị, liệt kê mọi lỗi cùng vị trí")
    check.add_argument("plan_file", nargs="?", help=f"tệp kế hoạch (mặc định: mọi tệp trong {PLANS_DIR.name}/)")
    check.add_argument("--units", help="tệp đơn vị (mặc định: data/units_soc_trang.yaml)")
    check.set_defaults(handler=cmd_plan_check)
    draft = plan_sub.add_parser("draft", help="lập bản nháp tệp kế hoạch từ văn bản (.docx, .pdf có chữ, .txt, .md)")
    draft.add_argument("document", help="văn bản kế hoạch")
    source = draft.add_mutually_exclusive_group()
    source.add_argument("--units", help="tệp đơn vị YAML để đối chiếu tên đơn vị")
    source.add_argument("--province", help="mã tỉnh: dùng danh sách đơn vị ứng dụng biết cho tỉnh đó")
    draft.add_argument("--out", help="ghi bản nháp vào tệp này (mặc định: in ra màn hình)")
    draft.add_argument("--format", choices=("yaml", "json"), default="yaml", help="yaml (mặc định) hoặc json")
    draft.set_defaults(handler=cmd_plan_draft)


def cmd_plan_check(args: argparse.Namespace) -> int:
    plans = [Path(args.plan_file)] if args.plan_file else plan_files()
    units = Path(args.units) if args.units else UNITS_FILE
    problems = check_files(plans, units)
    if units == UNITS_FILE and not problems:  # the default units come with their changes over time
        problems = change_problems(CHANGES_FILE, units)
    for line in problems:
        print(f"Lỗi: {line}")
    checked = ", ".join(str(p) for p in plans) or "(không có tệp kế hoạch nào)"
    if not problems:
        for line in plans_notices(plans, units):
            print(f"Lưu ý: {line}")
    if problems:
        print(f"{len(problems)} lỗi. Đã kiểm tra: {checked}; đơn vị: {units}.")
        return 1
    print(f"Không có lỗi. Đã kiểm tra: {checked}; đơn vị: {units}.")
    return 0


def cmd_plan_draft(args: argparse.Namespace) -> int:
    from tracking.plans.drafter import draft_document
    from tracking.plans.drafter.output import review_count, to_json, to_yaml
    from tracking.plans.drafter.unit_lists import units_from_file, units_of_province

    units = units_from_file(Path(args.units)) if args.units else units_of_province(args.province) if args.province else []
    document = Path(args.document)
    tree = draft_document(document, units)
    text = to_json(tree) if args.format == "json" else to_yaml(tree, document.name)
    if not args.out:
        sys.stdout.write(text)
        return 0
    try:
        Path(args.out).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise TrackingError(f"không ghi được tệp {args.out}: {exc.strerror or exc}") from None
    print(f"Đã lập bản nháp {args.out}: {len(tree['requirements'])} yêu cầu, {review_count(tree)} mục cần xem lại.",
          file=sys.stderr)
    return 0
