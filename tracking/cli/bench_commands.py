"""bench import: how long reading, checking and applying an import file takes, and peak memory."""
from __future__ import annotations

import argparse
import tempfile
import time
import resource
from pathlib import Path

from tracking.db.engine import make_engine
from tracking.imports.reader import read_rows
from tracking.imports.sample import sample_rows, xlsx_bytes
from tracking.services.importing import import_updates
from tracking.services.users import add_user
from tracking.setup import initialise
from tracking.uow import UnitOfWork


def register(sub) -> None:
    p = sub.add_parser("bench", help="đo tốc độ trên một CSDL SQLite tạm (không đụng dữ liệu thật)")
    bench_sub = p.add_subparsers(dest="bench_command", required=True)
    imp = bench_sub.add_parser("import", help="nhập một tệp Excel N dòng: đọc, kiểm tra, ghi, nhập lại")
    imp.add_argument("--rows", type=int, default=2000)
    imp.set_defaults(handler=cmd_bench_import)


def cmd_bench_import(args: argparse.Namespace) -> int:
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
