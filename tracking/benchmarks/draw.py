"""`bench draw`: how long a real Chromium takes to draw each dashboard page of a running server, and which figures
weigh most.

Each load is a new tab opening the page's address, as a reader following a link does (the app boots, signs in
from its cookie, runs the page, draws it). The page is drawn when its script run is over, every Plotly chart has
its SVG and nothing has changed for QUIET_MS; `drawn_s` runs from the start of the navigation to the last change.
`main_thread_cpu_s` is the CPU time of the tab's main thread over that life (Chrome's ThreadTime: scripts, style,
layout, paint): what a client's core pays whatever the server and the network take, and far less sensitive than
wall time to other work on a shared machine.

A leader mostly moves between pages of a tab already open: Streamlit is a single-page app, so its code (and
plotly.js, once a chart has needed it) is loaded already. `navigated_s` and `navigated_cpu_s` time that: the tab
first opens the page a leader comes from (NAVIGATED_FROM: the overview, where a leader lands, or a chart page for
the overview itself), then the sidebar link is clicked; from the click to the last change of the drawn page. The browser is signed in through the sign-in service (a session
and its cookie, as tracking.benchmarks.load does), so no sign-in form or lockout is involved.
"""
from __future__ import annotations

import os
import statistics
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from tracking.benchmarks.national_bench import PAGE_AS_OF, PAGES, ROOT, reader_session

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-dev-shm-usage"]
VIEWPORT = {"width": 1440, "height": 3600}  # tall: Streamlit scrolls inside its container, nothing is left unseen
QUIET_MS = 700
FIGURE_WIDTH = 980  # a full-width chart's width in the dashboard at 1440 px (Streamlit sets the layout's width)
# The dashboard views a leader reads, by their name in tracking.benchmarks.national_bench.PAGES (`_01`: the largest
# generated province).
DRAW_PAGES = ("overview", "overview_01", "compliance", "compliance_01", "unit", "timeline", "timeline_01", "national",
              "national_drill")
AS_OF = PAGE_AS_OF
# The page a leader comes from when reaching each page through the sidebar (with the same province, which the
# session keeps). A district drill-down is reached by picking in the page, not by a link: not measured this way.
NAVIGATED_FROM = {"overview": "timeline", "overview_01": "timeline_01", "compliance": "overview",
                  "compliance_01": "overview_01", "unit": "overview", "timeline": "overview",
                  "timeline_01": "overview_01", "national": "overview"}

# Resolves with the time of the page's last DOM change once a script run has finished (Streamlit's own
# data-test-script-state, seen "running" then "notRunning"), the charts are drawn, no element is still waiting for its
# code (Streamlit's stSkeleton stands in for a table or chart whose chunk is loading: without this a page whose charts
# are HTML settled before its tables were drawn), something was drawn (a chart, Plotly's or HTML's, or a table: every
# dashboard page has one) and QUIET_MS have passed without a change (or after `limit` ms, with `timedOut`).
_SETTLED_JS = """([quiet, limit]) => new Promise(resolve => {
  let last = performance.now(), ran = false;
  const state = () => document.querySelector('[data-testid="stApp"]')?.getAttribute('data-test-script-state');
  const seen = new MutationObserver(() => { last = performance.now(); if (state() === 'running') ran = true; });
  seen.observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true});
  const started = performance.now();
  const check = () => {
    if (state() === 'running') ran = true;
    const charts = document.querySelectorAll('[data-testid="stPlotlyChart"]').length;
    const drawn = document.querySelectorAll('[data-testid="stPlotlyChart"] .main-svg').length;
    const now = performance.now();
    const loading = document.querySelector('[data-testid="stSkeleton"]');
    const shown = drawn + document.querySelectorAll('figure.tkb, figure.tkg, [data-testid="stDataFrame"]').length;
    const settled = ran && state() === 'notRunning' && document.querySelector('h1') && drawn >= charts && !loading
      && shown > 0;
    if ((settled && now - last >= quiet) || now - started > limit) {
      seen.disconnect();
      resolve({last, charts, timedOut: !settled,
               exception: document.querySelectorAll('[data-testid="stException"]').length});
    } else setTimeout(check, 50);
  };
  check();
})"""
# Clicks the sidebar link to the page whose address ends in `stem` ("" for the default page) and resolves as
# _SETTLED_JS does, with `clicked`: the moment of the click.
_NAVIGATE_JS = """([stem, quiet, limit]) => {
  const link = Array.from(document.querySelectorAll('[data-testid="stSidebarNav"] a'))
    .find(a => new URL(a.href).pathname.replace(/\\/$/, '').split('/').pop() === stem);
  if (!link) return {missing: true};
  const settled = (""" + _SETTLED_JS + """)([quiet, limit]);
  const clicked = performance.now();
  link.click();
  return settled.then(state => ({...state, clicked}));
}"""


@dataclass(frozen=True)
class Drawn:
    drawn_s: float          # wall time, navigation start → last change of the drawn page
    main_thread_cpu_s: float  # CPU time of the page's main thread (scripts, style, layout, paint)
    renderer_cpu_s: float   # CPU time of the page's whole renderer process (raster and compositor threads too)
    script_s: float         # wall time in scripts (part of the main thread's tasks)
    charts: int
    error: str = ""


def draw_page(context, url: str, limit_ms: int = 120_000) -> Drawn:
    """One load of `url` in a new tab (Chrome's counters then cover exactly this page's life)."""
    page = context.new_page()
    try:
        cdp = context.new_cdp_session(page)
        cdp.send("Performance.enable")
        page.goto(url, wait_until="domcontentloaded")
        state = page.evaluate(_SETTLED_JS, [QUIET_MS, limit_ms])
        metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    finally:
        page.close()
    error = "timed out" if state["timedOut"] else ("exception on the page" if state["exception"] else "")
    return Drawn(round(state["last"] / 1000, 3), round(metrics.get("ThreadTime", 0.0), 3),
                 round(metrics.get("ProcessTime", 0.0), 3), round(metrics.get("ScriptDuration", 0.0), 3),
                 state["charts"], error)


def navigate_to(context, start_url: str, stem: str, limit_ms: int = 120_000) -> Drawn:
    """A new tab opens `start_url` and draws it; then its sidebar link to `stem` is clicked: the times and the
    main thread's CPU from the click to the drawn page."""
    page = context.new_page()
    try:
        cdp = context.new_cdp_session(page)
        cdp.send("Performance.enable")
        page.goto(start_url, wait_until="domcontentloaded")
        page.evaluate(_SETTLED_JS, [QUIET_MS, limit_ms])

        def metrics() -> dict:
            return {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}

        before = metrics()
        state = page.evaluate(_NAVIGATE_JS, [stem, QUIET_MS, limit_ms])
        after = metrics()
    finally:
        page.close()
    if state.get("missing"):
        return Drawn(0.0, 0.0, 0.0, 0.0, 0, f"no sidebar link to {stem or 'the default page'}")
    error = "timed out" if state["timedOut"] else ("exception on the page" if state["exception"] else "")
    spent = {name: round(after.get(name, 0.0) - before.get(name, 0.0), 3)
             for name in ("ThreadTime", "ProcessTime", "ScriptDuration")}
    return Drawn(round((state["last"] - state["clicked"]) / 1000, 3), spent["ThreadTime"], spent["ProcessTime"],
                 spent["ScriptDuration"], state["charts"], error)


def page_stem(name: str) -> str:
    """The last part of the page's address ("" for the default page, which is the site's root)."""
    from tracking.benchmarks.load import DEFAULT_PAGE

    stem = Path(PAGES[name][0]).stem
    return "" if stem == DEFAULT_PAGE else stem


def page_url(base_url: str, name: str, as_of: str = AS_OF) -> str:
    """The address a reader opens for the bench page `name` (the default page is the site's root)."""
    return f"{base_url}/{page_stem(name)}?{urlencode({**PAGES[name][1], 'as_of': as_of})}"


def draw_times(base_url: str, token: str, names: tuple[str, ...] = DRAW_PAGES, repeat: int = 3) -> dict:
    """Median of `repeat` loads of each page (after one unmeasured load that warms the server's caches), in a new
    tab and, for the pages of NAVIGATED_FROM, through the sidebar of a tab already open (`navigated_…`)."""
    from playwright.sync_api import sync_playwright

    from tracking.web.auth_routes import COOKIE

    results = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport=VIEWPORT)
        context.add_cookies([{"name": COOKIE, "value": token, "url": base_url}])
        for name in names:
            url = page_url(base_url, name)
            draw_page(context, url)  # the server's caches warm: what is left is mostly the browser's work
            runs = [draw_page(context, url) for _ in range(repeat)]
            results[name] = {
                **{field: round(statistics.median(getattr(r, field) for r in runs), 2)
                   for field in ("drawn_s", "main_thread_cpu_s", "renderer_cpu_s", "script_s")},
                "charts": runs[-1].charts,
            }
            if name in NAVIGATED_FROM:
                start = f"{base_url}/{page_stem(NAVIGATED_FROM[name])}?{urlencode({**PAGES[name][1], 'as_of': AS_OF})}"
                moves = [navigate_to(context, start, page_stem(name)) for _ in range(repeat)]
                results[name].update({
                    "navigated_s": round(statistics.median(m.drawn_s for m in moves), 2),
                    "navigated_cpu_s": round(statistics.median(m.main_thread_cpu_s for m in moves), 2),
                    "navigated_script_s": round(statistics.median(m.script_s for m in moves), 2)})
                runs += moves
            if any(r.error for r in runs):
                results[name]["error"] = next(r.error for r in runs if r.error)
        browser.close()
    return results


def figure_draw_ms(figures: dict[str, dict], repeat: int = 3) -> dict[str, dict]:
    """Each figure (plotly JSON) drawn alone with the plotly.js that plotly.py ships: the median CPU time of the
    tab's main thread over Plotly.newPlot and the paint after it, with the figure's size in traces, points and texts
    — to find the heavy ones on a page. Drawn FIGURE_WIDTH wide, as the dashboard draws a full-width chart: a layout
    that only settles at some widths (automargins pushing each other) is then paid for here as on the page."""
    import plotly
    from playwright.sync_api import sync_playwright

    bundle = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    times: dict[str, list[float]] = {name: [] for name in figures}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1000, "height": 1200})
        cdp = page.context.new_cdp_session(page)
        cdp.send("Performance.enable")
        page.set_content("<div id='plot'></div>")
        page.add_script_tag(path=str(bundle))

        def thread_time() -> float:
            return next(m["value"] for m in cdp.send("Performance.getMetrics")["metrics"] if m["name"] == "ThreadTime")

        # An unmeasured round first (the JIT warms up), then round after round, so that a busy moment of the
        # machine weighs on every figure alike.
        for measured in (False, *([True] * repeat)):
            for name, spec in figures.items():
                page.evaluate("() => Plotly.purge(document.getElementById('plot'))")
                before = thread_time()
                page.evaluate("""async ([spec, width]) => {
                    await Plotly.newPlot(document.getElementById('plot'), spec.data,
                                        {width: width, ...spec.layout}, {responsive: false});
                    await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));  // and its paint
                }""", [spec, FIGURE_WIDTH])
                if measured:
                    times[name].append(1000 * (thread_time() - before))
        browser.close()
    return {name: {"draw_ms": round(statistics.median(times[name])), **figure_size(spec)}
            for name, spec in figures.items()}


def _count(values) -> int:
    """Items in a plotly JSON array: a list (nested lists counted item by item) or plotly.py's typed array."""
    if isinstance(values, dict) and "bdata" in values:  # {"dtype": "f8", "bdata": base64, "shape": "3, 4"}
        import base64

        import numpy as np

        return len(base64.b64decode(values["bdata"])) // np.dtype(values["dtype"]).itemsize
    if isinstance(values, list):
        return sum(_count(v) if isinstance(v, (list, dict)) else 1 for v in values)
    return 0


def figure_size(spec: dict) -> dict:
    """Traces, plotted points and per-point texts of a figure (plotly JSON), its annotations and its JSON size."""
    import json

    data = spec.get("data", [])
    return {"traces": len(data),
            "points": sum(max(_count(t.get(axis)) for axis in ("x", "y", "z")) for t in data),
            "texts": sum(_count(t.get("text")) + _count(t.get("customdata")) + _count(t.get("hovertext")) for t in data),
            "annotations": len(spec.get("layout", {}).get("annotations", [])),
            "kb": round(len(json.dumps(spec)) / 1024, 1)}


def page_figures(names: tuple[str, ...] = DRAW_PAGES, as_of: str = AS_OF) -> dict[str, dict]:
    """The Plotly figures each page sends (AppTest on the configured database), named by page and title."""
    import json

    from streamlit.testing.v1 import AppTest

    from tracking.db.engine import make_engine
    from tracking.ui.auth import SESSION_KEY

    engine = make_engine()
    sessions: dict[str, int] = {}
    figures = {}
    for name in names:
        path, query, user = PAGES[name]
        sessions.setdefault(user, reader_session(engine, user))
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
        at.session_state[SESSION_KEY] = sessions[user]
        for key, value in {"as_of": as_of, **query}.items():
            at.query_params[key] = value
        at.run()
        at.switch_page(path).run()
        for i, chart in enumerate(at.get("plotly_chart")):
            spec = json.loads(chart.proto.spec)
            title = str(spec.get("layout", {}).get("title", {}).get("text", "")).split("<br>")[0]
            figures[f"{name} {i}: {title[:50]}"] = spec
    return figures


def run(base_url: str, engine, username: str, password: str, repeat: int = 3,
        names: tuple[str, ...] = DRAW_PAGES) -> dict:
    """Signs one reader in (the sign-in service, as the load test does), draws the pages, signs out."""
    from tracking.benchmarks.load import close_sessions, open_sessions

    opened = open_sessions(engine, username, password, 1)
    try:
        load_before = os.getloadavg()[0]
        started = time.perf_counter()
        drawn = draw_times(base_url, opened[0][1], tuple(names), repeat)
        return {"url": base_url, "as_of": AS_OF, "repeat": repeat, "pages": drawn,
                "load_avg_before": round(load_before, 2), "load_avg_after": round(os.getloadavg()[0], 2),
                "seconds": round(time.perf_counter() - started, 1)}
    finally:
        close_sessions(engine, opened)
