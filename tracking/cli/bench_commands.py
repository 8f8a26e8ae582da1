"""bench <scenario>: speed and memory numbers printed, never asserted in tests. Add a scenario to SCENARIOS."""
from __future__ import annotations

import argparse
import resource
import statistics
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Callable

from tracking.db.engine import make_engine
from tracking.setup import initialise
from tracking.uow import UnitOfWork

DEMO_AS_OF = date(2011, 6, 30)


@dataclass(frozen=True)
class Scenario:
    help: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


def cmd_bench_import(args: argparse.Namespace) -> int:
    """Reading, checking and applying an import file of N rows on a temporary SQLite database, and peak memory."""
    from tracking.imports.reader import read_rows
    from tracking.imports.sample import sample_rows, xlsx_bytes
    from tracking.services.importing import import_updates
    from tracking.services.users import add_user

    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'bench.sqlite3'}")
        initialise(engine)
        with UnitOfWork(engine) as uow:
            add_user(uow, "bench", "inspector", "bench-password", by="bench")
        content = xlsx_bytes(sample_rows(engine, args.rows))
        timings = {}
        start = time.perf_counter()
        rows = read_rows(content, "bench.xlsx")
        timings["đọc tệp"] = time.perf_counter() - start
        for label, dry_run in (("kiểm tra (dry run)", True), ("ghi", False), ("nhập lại (bỏ qua trùng)", False)):
            start = time.perf_counter()
            with UnitOfWork(engine) as uow:
                import_updates(uow, rows, "bench", dry_run=dry_run)
            timings[label] = time.perf_counter() - start
        engine.dispose()
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # Linux: KiB
    print(f"{args.rows} dòng, tệp {len(content) / 1024:.0f} KiB")
    for label, seconds in timings.items():
        print(f"  {label}: {seconds:.2f} s")
    print(f"  bộ nhớ cao nhất của tiến trình (RSS): {peak_kib / 1024:.0f} MiB")
    return 0


def cmd_bench_deck(args: argparse.Namespace) -> int:
    """The full deck at demo scale (a temporary SQLite file with the demo history), and the time per chart image."""
    from tracking.exports import images, service

    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'bench.sqlite3'}")
        initialise(engine, demo=True)
        start = time.perf_counter()
        data = service.load(engine, DEMO_AS_OF)
        print(f"đọc số liệu ({len(data.snapshot)} mốc): {time.perf_counter() - start:.2f} s")
        figures = [fig for _, fig in service.dashboard_figures(data, "vi")]
        start = time.perf_counter()
        images.render(figures[0], "png")
        print(f"hình đầu tiên (mở Chromium một lần cho cả tiến trình): {time.perf_counter() - start:.2f} s")
        for fmt in ("png", "svg"):
            times = []
            for _ in range(args.repeat):
                for fig in figures:
                    start = time.perf_counter()
                    images.render(fig, fmt)
                    times.append(time.perf_counter() - start)
            print(f"mỗi hình {fmt}: trung vị {statistics.median(times):.3f} s, lâu nhất {max(times):.3f} s "
                  f"({len(times)} hình)")
        for kind in ("pptx", "xlsx", "docx"):
            start = time.perf_counter()
            size = len(service.export_bytes(kind, data))
            print(f"{kind}: {time.perf_counter() - start:.2f} s, {size // 1024} KiB")
        engine.dispose()
    return 0


def cmd_bench_snapshot(args: argparse.Namespace) -> int:
    """The as-of snapshot at national scale, on a throw-away database (a temp SQLite file, or --url)."""
    import json

    from tracking.benchmarks.snapshot_scale import run

    result = run(args.url, args.units, args.milestones_per_unit, args.updates_per_milestone)
    print(json.dumps(result, ensure_ascii=False, indent=1))
    return 0


def cmd_bench_plans(args: argparse.Namespace) -> int:
    """One plan's page reads: a database holding it alone against one with --plans plans (generate's)."""
    import json

    from tracking.benchmarks.plans_bench import run_scenario

    print(json.dumps(run_scenario(args.plans, args.url, args.repeat), ensure_ascii=False, indent=1))
    return 0


def _plans_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--plans", type=int, default=1000, help="số kế hoạch trong CSDL lớn (kể cả kế hoạch được đo)")
    p.add_argument("--repeat", type=int, default=3, help="số vòng đo (mỗi vòng ba ngày, hai CSDL xen kẽ)")
    p.add_argument("--url", help="CSDL RỖNG dành riêng cho đo (mặc định: tệp SQLite tạm); PostgreSQL: thêm một CSDL "
                                 "<tên>_plan_alone tạm để đo kế hoạch một mình")


def cmd_bench_configured(args: argparse.Namespace) -> int:
    """Issue 12's numbers on the configured database: snapshot ÷ floor, pages, RSS, a 10,000-row import, the deck."""
    import json

    from tracking.benchmarks.national_bench import run
    from tracking.db.migrate import upgrade

    engine = make_engine()
    upgrade(engine)  # as the app does when it starts: a database made by an older version is measured as it will run
    print(json.dumps(run(engine, pages=args.pages), ensure_ascii=False, indent=1))
    return 0


def cmd_bench_draw(args: argparse.Namespace) -> int:
    """Chromium's time to draw each dashboard page of a running server (its database is the configured one), and
    with --figures each Plotly figure drawn alone."""
    import json
    import os

    from tracking.benchmarks import draw
    from tracking.cli.load_commands import PASSWORD_ENV
    from tracking.demo_accounts import DEMO_PASSWORD

    names = [n.strip() for n in (args.pages or ",".join(draw.DRAW_PAGES)).split(",") if n.strip()]
    unknown = [n for n in names if n not in draw.DRAW_PAGES]
    if unknown:
        raise SystemExit(f"trang không có trong danh sách đo: {', '.join(unknown)} (có: {', '.join(draw.DRAW_PAGES)})")
    result = draw.run(args.url, make_engine(), args.user, os.environ.get(PASSWORD_ENV) or DEMO_PASSWORD, args.repeat,
                      tuple(names))
    if args.figures:
        result["figures"] = draw.figure_draw_ms(draw.page_figures(tuple(names)), args.repeat)
    print(json.dumps(result, ensure_ascii=False, indent=1))
    return 1 if any("error" in p for p in result["pages"].values()) else 0


def cmd_bench_cache(args: argparse.Namespace) -> int:
    """Every province's dashboards at a few dates, twice, in one process (tracking.benchmarks.cache_fill)."""
    import json

    from tracking.benchmarks.cache_fill import DATES, run

    dates = tuple(date.fromisoformat(d) for d in args.dates.split(",")) if args.dates else DATES
    result = run(make_engine(), dates, args.provinces)
    print(json.dumps(result, ensure_ascii=False, indent=1))
    return 1 if result["error_count"] or result["second_pass"]["dashboards_built"] else 0


def _cache_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--dates", help="các ngày xem, YYYY-MM-DD cách nhau bằng dấu phẩy (mặc định: 31/12/2010, "
                                   "30/06/2011, 31/01/2012)")
    p.add_argument("--provinces", type=int, help="chỉ N tỉnh đầu (mặc định: mọi tỉnh có kế hoạch)")


def _draw_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--url", default="http://127.0.0.1:8501", help="địa chỉ ứng dụng đang chạy trên CSDL đang cấu hình "
                                                                  "(mặc định: %(default)s)")
    p.add_argument("--user", default="lanhdao", help="tài khoản xem các trang (mặc định: %(default)s)")
    p.add_argument("--pages", help="các trang cần đo, cách nhau bằng dấu phẩy (mặc định: mọi trang bảng điều khiển)")
    p.add_argument("--repeat", type=int, default=3, help="số lần đo mỗi trang, sau một lần làm nóng (mặc định: %(default)s)")
    p.add_argument("--figures", action="store_true", help="đo thêm từng biểu đồ vẽ riêng (số điểm, chữ, chú thích)")


def _snapshot_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--units", type=int, default=9000)
    p.add_argument("--milestones-per-unit", dest="milestones_per_unit", type=int, default=15)
    p.add_argument("--updates-per-milestone", dest="updates_per_milestone", type=float, default=5)
    p.add_argument("--url", help="CSDL RỖNG dành riêng cho đo (mặc định: tệp SQLite tạm); không dùng CSDL thật")


SCENARIOS: dict[str, Scenario] = {
    "snapshot": Scenario("tình trạng mọi mốc tại một ngày ở quy mô cả nước (≈9.000 đơn vị, ≈130.000 mốc, ≈650.000 cập nhật)",
                         _snapshot_arguments, cmd_bench_snapshot),
    "plans": Scenario("các trang của một kế hoạch: CSDL chỉ có kế hoạch đó so với CSDL có N kế hoạch (mặc định 1.000)",
                      _plans_arguments, cmd_bench_plans),
    "import": Scenario("nhập một tệp Excel N dòng: đọc, kiểm tra, ghi, nhập lại",
                       lambda p: p.add_argument("--rows", type=int, default=2000), cmd_bench_import),
    "draw": Scenario("thời gian Chromium vẽ xong mỗi trang bảng điều khiển của một máy chủ đang chạy (trên CSDL đang "
                     "cấu hình), và từng biểu đồ khi có --figures", _draw_arguments, cmd_bench_draw),
    "cache": Scenario("bộ nhớ đệm dùng chung của một tiến trình: bảng điều khiển của mọi tỉnh ở vài ngày xem, mở hai "
                      "lượt (lượt hai không được dựng lại), và bộ nhớ thường trú (trên CSDL đang cấu hình)",
                      _cache_arguments, cmd_bench_cache),
    "deck": Scenario("bài trình chiếu đầy đủ và thời gian mỗi hình biểu đồ, ở quy mô dữ liệu minh họa",
                     lambda p: p.add_argument("--repeat", type=int, default=1, help="số lần vẽ lại mỗi biểu đồ"),
                     cmd_bench_deck),
}


def register(sub) -> None:
    p = sub.add_parser("bench", help="đo tốc độ: không có kịch bản — trên CSDL đang cấu hình (ví dụ sau generate); "
                                     "có kịch bản — trên một CSDL SQLite tạm")
    p.add_argument("--format", choices=("json",), default="json", help="định dạng kết quả (không có kịch bản)")
    p.add_argument("--no-pages", dest="pages", action="store_false", help="bỏ qua phần đo các trang (AppTest)")
    p.set_defaults(handler=cmd_bench_configured)
    bench_sub = p.add_subparsers(dest="bench_command", required=False)
    for name, scenario in SCENARIOS.items():
        sp = bench_sub.add_parser(name, help=scenario.help)
        scenario.add_arguments(sp)
        sp.set_defaults(handler=scenario.run)
