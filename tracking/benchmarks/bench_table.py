"""The README's national-scale table, made from `bench --format json` results (one file per database), so the table
is what the bench measured and nothing else: `python -m tracking.benchmarks.bench_table b8_sqlite.json …`."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from tracking.benchmarks.national_bench import PAGES


def _n(value, digits: int = 3) -> str:
    """A number the Vietnamese way (decimal comma, thousands dot); '—' when missing."""
    if value is None:
        return "—"
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    return f"{value:.{digits}f}".rstrip("0").rstrip(",.").replace(".", ",") if digits else str(value)


def _x(value) -> str:
    return "—" if value is None else f"{_n(value, 2)}×"


def rows(results: list[dict]) -> list[list[str]]:
    def each(fn) -> list[str]:
        return [fn(r) for r in results]

    table = [
        ["đơn vị / mốc / cập nhật", *each(lambda r: f"{_n(r['units'])} / {_n(r['milestones'])} / {_n(r['updates'])}")],
        ["sàn / `snapshot()` (s) → `ratio`",
         *each(lambda r: f"{_n(r['floor_s'])} / {_n(r['snapshot_s'])} → **{_x(r['ratio'])}**")],
        ["`snapshot()` nguội (tiến trình mới) → `ratio_cold`",
         *each(lambda r: f"{_n(r['snapshot_cold_s'])} → {_x(r['ratio_cold'])}")],
        ["nguội, danh mục chưa lưu (tiến trình mới sau khi nạp kế hoạch/đơn vị) → `ratio_cold_unstored`",
         *each(lambda r: f"{_n(r.get('snapshot_cold_unstored_s'))} → {_x(r.get('ratio_cold_unstored'))}")],
        ["đọc lại danh mục trong tiến trình đang chạy → `ratio_reload`",
         *each(lambda r: f"{_n(r.get('snapshot_reload_s'))} → {_x(r.get('ratio_reload'))}")],
        ["sau khi đặt một thời hạn → `ratio_after_change`",
         *each(lambda r: f"{_n(r.get('snapshot_after_change_s'))} → {_x(r.get('ratio_after_change'))}")],
    ]
    for name in PAGES:
        table.append([f"`{name}` trống / có cache (s tường; CPU)", *each(lambda r, n=name: (
            f"{_n(r['pages'].get(f'{n}_miss'))} / {_n(r['pages'].get(f'{n}_cached'))} "
            f"({_n(r['pages_cpu_s'].get(f'{n}_miss'))}; {_n(r['pages_cpu_s'].get(f'{n}_cached'))})"
            + (" **lỗi**" if any(k.startswith(n + "_") and k.endswith("_error") for k in r["pages"]) else "")))])
    table += [
        ["trang gửi nhiều nhất (kB)", *each(lambda r: "{} ({})".format(
            _n(max(r["pages_payload_kb"].values()), 1), max(r["pages_payload_kb"], key=r["pages_payload_kb"].get)))],
        ["`rss_mb` sau mọi trang / `max_rss_mb`", *each(lambda r: f"{_n(r['rss_mb'], 1)} / {_n(r['max_rss_mb'], 1)}")],
        ["nhập 10.000 dòng (s)", *each(lambda r: _n(r.get("import_10k_s"), 2))],
        ["bài trình chiếu (s)", *each(lambda r: _n(r.get("deck_s"), 2))],
    ]
    return table


def markdown(results: list[dict]) -> str:
    head = ["", *(f"{r['provinces']} tỉnh, {'SQLite' if r['backend'] == 'sqlite' else 'PostgreSQL'}" for r in results)]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows(results)])


if __name__ == "__main__":
    print(markdown([json.loads(Path(name).read_text(encoding="utf-8")) for name in sys.argv[1:]]))
