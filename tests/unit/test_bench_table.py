"""The README's national table is printed from bench results, every page of the bench in it."""
from tracking.benchmarks.bench_table import markdown
from tracking.benchmarks.national_bench import PAGES


def _result(backend: str) -> dict:
    pages = {f"{name}_{run}": 0.25 for name in PAGES for run in ("miss", "cached")}
    return {"backend": backend, "provinces": 63, "units": 12151, "milestones": 54213, "updates": 268591,
            "floor_s": 0.05, "snapshot_s": 0.104, "ratio": 2.08, "snapshot_cold_s": 0.214, "ratio_cold": 4.28,
            "pages": {**pages, "audit_miss_error": "boom"}, "pages_cpu_s": pages,
            "pages_payload_kb": {"overview": 120.0, "timeline_01": 336.7}, "rss_mb": 299.3, "max_rss_mb": 351.3,
            "import_10k_s": 1.86, "deck_s": 3.2}


def test_the_table_names_every_page_and_says_the_numbers_the_vietnamese_way():
    table = markdown([_result("sqlite"), _result("postgresql")])
    assert table.splitlines()[0] == "|  | 63 tỉnh, SQLite | 63 tỉnh, PostgreSQL |"
    assert "| đơn vị / mốc / cập nhật | 12.151 / 54.213 / 268.591 |" in table
    assert "0,05 / 0,104 → **2,08×**" in table and "0,214 → 4,28×" in table
    assert "| sau khi đặt một thời hạn → `ratio_after_change` | — → — |" in table  # an older result lacks it
    assert "| đọc lại danh mục trong tiến trình đang chạy → `ratio_reload` | — → — |" in table
    assert all(f"`{name}` trống" in table for name in PAGES)
    assert "0,25 / 0,25 (0,25; 0,25) **lỗi**" in table.split("`audit` trống")[1].splitlines()[0]
    assert "336,7 (timeline_01)" in table
