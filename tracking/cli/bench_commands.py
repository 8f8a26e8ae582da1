"""bench <scenario>: speed and size numbers printed, never asserted in tests. Add scenarios to SCENARIOS."""
from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Callable

from tracking.db.engine import make_engine
from tracking.setup import initialise

DEMO_AS_OF = date(2011, 6, 30)


def bench_deck(args: argparse.Namespace) -> None:
    """Full deck at demo scale (fresh SQLite file with the demo history), and the time per chart image."""
    from tracking.exports import images, service

    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(args.url or f"sqlite:///{Path(folder) / 'bench.sqlite3'}")
        initialise(engine, demo=True)
        started = time.perf_counter()
        data = service.load(engine, DEMO_AS_OF)
        print(f"read the dashboard data ({len(data.snapshot)} milestones): {time.perf_counter() - started:.2f} s")
        started = time.perf_counter()
        images.render(_first_figure(data), "png")
        print(f"first image (starts Chromium once per process): {time.perf_counter() - started:.2f} s")
        per_image = []
        for _ in range(args.repeat):
            for fmt in ("png", "svg"):
                for spec, fig in service.dashboard_figures(data, "vi"):
                    started = time.perf_counter()
                    images.render(fig, fmt)
                    per_image.append((fmt, time.perf_counter() - started))
        for fmt in ("png", "svg"):
            times = [t for f, t in per_image if f == fmt]
            print(f"per {fmt} image: median {statistics.median(times):.3f} s, max {max(times):.3f} s "
                  f"({len(times)} images)")
        started = time.perf_counter()
        deck = service.export_bytes("pptx", data)
        print(f"full deck: {time.perf_counter() - started:.2f} s, {len(deck) // 1024} KB")
        for kind in ("xlsx", "docx"):
            started = time.perf_counter()
            size = len(service.export_bytes(kind, data))
            print(f"{kind}: {time.perf_counter() - started:.2f} s, {size // 1024} KB")
        engine.dispose()


def _first_figure(data):
    from tracking.exports import service

    return service.dashboard_figures(data, "vi")[0][1]


SCENARIOS: dict[str, Callable[[argparse.Namespace], None]] = {
    "deck": bench_deck,
}


def register(sub) -> None:
    p = sub.add_parser("bench", help="đo thời gian (không dùng trong kiểm thử)")
    p.add_argument("scenario", choices=tuple(SCENARIOS))
    p.add_argument("--repeat", type=int, default=1, help="số lần lặp")
    p.add_argument("--url", help="CSDL để đo (mặc định: một tệp SQLite tạm có dữ liệu minh họa)")
    p.set_defaults(handler=lambda args: SCENARIOS[args.scenario](args) or 0)
