"""The load test's arithmetic and page addresses (no server)."""
from tracking.benchmarks.load import DEFAULT_PAGE, pages_from, percentile
from tracking.benchmarks.load_client import PageRequest, stream_url


def test_percentiles_are_nearest_rank_values_that_were_measured():
    times = [float(i) for i in range(1, 21)]  # 1 … 20
    assert percentile(times, 0.50) == 10.0
    assert percentile(times, 0.95) == 19.0
    assert percentile(times, 1.0) == 20.0
    assert percentile([3.0], 0.95) == 3.0
    assert percentile([], 0.95) == 0.0


def test_a_page_is_read_as_its_address_and_the_default_page_is_the_site_root():
    assert PageRequest.parse("compliance?province=01", DEFAULT_PAGE) == PageRequest("compliance?province=01",
                                                                                     "compliance", "province=01")
    assert PageRequest.parse(f"{DEFAULT_PAGE}?as_of=2011-06-30", DEFAULT_PAGE).path == ""
    assert [p.label for p in pages_from(None)] == ["overview", "compliance", "timeline", "unit", "national"]
    assert [p.label for p in pages_from("national, unit,")] == ["national", "unit"]


def test_the_stream_address_follows_the_scheme_and_a_path_prefix():
    assert stream_url("http://127.0.0.1:8501") == "ws://127.0.0.1:8501/_stcore/stream"
    assert stream_url("https://theodoi.example.gov.vn/app/") == "wss://theodoi.example.gov.vn/app/_stcore/stream"
