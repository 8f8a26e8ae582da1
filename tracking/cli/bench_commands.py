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


SCENARIOS: dict[str, Scenario] = {
    "import": Scenario("nhập một tệp Excel N dòng: đọc, kiểm tra, ghi, nhập lại",
                       lambda p: p.add_argument("--rows", type=int, default=2000), cmd_bench_import),
    "deck": Scenario("bài trình chiếu đầy đủ và thời gian mỗi hình biểu đồ, ở quy mô dữ liệu minh họa",
                     lambda p: p.add_argument("--repeat", type=int, default=1, help="số lần vẽ lại mỗi biểu đồ"),
                     cmd_bench_deck),
}


def register(sub) -> None:
    p = sub.add_parser("bench", help="đo tốc độ trên một CSDL SQLite tạm (không đụng dữ liệu thật)")
    bench_sub = p.add_subparsers(dest="bench_command", required=True)
    for name, scenario in SCENARIOS.items():
        sp = bench_sub.add_parser(name, help=scenario.help)
        scenario.add_arguments(sp)
        sp.set_defaults(handler=scenario.run)
