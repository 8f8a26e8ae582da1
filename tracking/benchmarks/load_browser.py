"""A few real browsers during the load test: headless Chromium (Playwright) signs in through the sign-in form and
opens pages of the same mix, each by its address (a typed or shared link: a full page load), timing "page drawn".

Page drawn: from the start of the navigation (the new document's performance.timeOrigin, before the request for the
page's HTML) to the first moment at which all of these hold, provided they still hold DRAWN_HOLD_MS later:
- Streamlit says the script run is over and it is connected (stApp: data-test-script-state = notRunning,
  data-test-connection-state = CONNECTED), and the page's title (h1) is there;
- no shown placeholder still waits for an element's code to load (stSkeleton);
- every shown Plotly chart (stPlotlyChart) has drawn its SVG (.main-svg), and every shown table (stDataFrame) its
  canvas. "Shown" is the browser's own checkVisibility(): a table in another tab or a closed expander is not waited
  for, as a reader does not see it either.
A page that shows an exception or the sign-in form ends as drawn, and counts as an error. Each browser signs in
before the load starts (timed on its own: from opening the link to the page drawn after the cookie hand-over); its
pages are then scheduled like the leaders' (exponential gaps from the run's start), one at a time; a browser's time
is measured from its own navigation, so it says what loading and drawing cost, not how late the page started.
"""
from __future__ import annotations

import asyncio
import os
import random
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from tracking.benchmarks.load_client import PageResult
from tracking.benchmarks.load_http import page_address
from tracking.benchmarks.load_schedule import Scope, open_times, page_for

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-dev-shm-usage"]
VIEWPORT = {"width": 1600, "height": 1200}  # a desktop screen: what is below it still has to be drawn
DRAWN_HOLD_MS = 300

DRAWN = """(hold) => {
  const shown = (e) => e.checkVisibility();
  const app = document.querySelector('[data-testid="stApp"]');
  const now = performance.now();
  let ready = !!(app && app.dataset.testScriptState === 'notRunning'
                 && app.dataset.testConnectionState === 'CONNECTED' && document.querySelector('h1'));
  if (ready && !document.querySelector('[data-testid="stException"], .st-key-login_username')) {
    ready = ![...document.querySelectorAll('[data-testid="stSkeleton"]')].some(shown)
      && [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].every((e) => !shown(e) || e.querySelector('.main-svg'))
      && [...document.querySelectorAll('[data-testid="stDataFrame"]')].every((e) => !shown(e) || e.querySelector('canvas'));
  }
  if (!ready || window.__beforeSignIn) { window.__drawnAt = undefined; return false; }
  if (window.__drawnAt === undefined) window.__drawnAt = now;
  return now - window.__drawnAt >= hold;
}"""
OUTCOME = """() => ({drawn_ms: window.__drawnAt,
  exception: !!document.querySelector('[data-testid="stException"]'),
  signed_out: !!document.querySelector('.st-key-login_username')})"""


def available() -> str | None:
    """None when browsers can run here, else why not."""
    if not Path(CHROMIUM).exists():
        return f"không có {CHROMIUM} (apt-get install chromium)"
    try:
        import playwright.async_api  # noqa: F401
    except ImportError:
        return "chưa cài playwright"
    return None


@dataclass
class BrowserRun:
    base_url: str
    logins: list[tuple[str, str, Scope]]  # (username, password, scope), one per browser
    mix: tuple
    dates: tuple[str, ...]
    gap: float
    duration: float
    timeout: float
    seed: int
    results: list[PageResult] = field(default_factory=list)
    sign_ins: list[PageResult] = field(default_factory=list)
    cpu_s: float | None = None
    _thread: threading.Thread | None = None
    _error: BaseException | None = None
    _ready: threading.Event = field(default_factory=threading.Event)
    _go: threading.Event = field(default_factory=threading.Event)
    _go_at: float = 0.0

    def start(self) -> "BrowserRun":
        """Launch Chromium and sign every browser in (before the load: the sign-in is timed on its own)."""
        if self.logins:
            self._thread = threading.Thread(target=self._main, name="load-browsers", daemon=True)
            self._thread.start()
            self._ready.wait()
        if self._error is not None:
            raise self._error
        return self

    def begin(self) -> None:
        """The run starts now: the browsers' schedules count from this moment."""
        self._go_at = time.perf_counter()
        self._go.set()

    def join(self) -> "BrowserRun":
        self._go.set()
        if self._thread:
            self._thread.join()
        if self._error is not None:
            raise self._error
        return self

    def _main(self) -> None:
        try:
            asyncio.run(self._all())
        except BaseException as exc:  # noqa: BLE001 — handed to start() or join(), in the caller's thread
            self._error = exc
        finally:
            self._ready.set()

    async def _all(self) -> None:
        from playwright.async_api import async_playwright

        from tracking.benchmarks import cpu

        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                tabs = [await self._tab(browser) for _ in self.logins]
                pickers = [random.Random(f"{self.seed}:browser{i}:pages") for i in range(len(self.logins))]
                self.sign_ins = list(await asyncio.gather(*(
                    self._sign_in(tab, page_for(rng, self.mix, scope, self.dates), username, password)
                    for tab, rng, (username, password, scope) in zip(tabs, pickers, self.logins))))
                self._ready.set()
                await asyncio.to_thread(self._go.wait)
                # Chromium and Playwright's driver (this process's children), read while they run: what drawing
                # cost the machine the server runs on
                before = cpu.process_seconds(cpu.descendants(os.getpid()))
                await asyncio.gather(*(self._pages(tab, i, rng, scope) for i, (tab, rng, (_, _, scope), signed)
                                       in enumerate(zip(tabs, pickers, self.logins, self.sign_ins)) if signed.ok))
                self.cpu_s = cpu.process_seconds(cpu.descendants(os.getpid())) - before
            finally:
                await browser.close()

    async def _tab(self, browser):
        context = await browser.new_context(viewport=VIEWPORT, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
        return await context.new_page()

    async def _pages(self, page, index: int, pages_rng: random.Random, scope: Scope) -> None:
        """This browser's pages, on its own schedule from the run's start, one at a time."""
        for at in open_times(random.Random(f"{self.seed}:browser{index}:times"), self.gap, self.duration):
            await asyncio.sleep(max(self._go_at + at - time.perf_counter(), 0))
            self.results.append(await self._draw(page, page_for(pages_rng, self.mix, scope, self.dates)))

    def _url(self, request) -> str:
        return self.base_url.rstrip("/") + page_address("", request)

    async def _sign_in(self, page, request, username: str, password: str) -> PageResult:
        """Open the link, fill the form as a person does, wait for the page drawn after the cookie hand-over."""
        result, started = PageResult(f"(đăng nhập) {request.label}", 0.0, first_visit=True), time.perf_counter()
        try:
            await page.goto(self._url(request), timeout=self.timeout * 1000)
            await page.wait_for_selector(".st-key-login_username input", timeout=self.timeout * 1000)
            await page.evaluate("window.__beforeSignIn = true")  # the next document, after the hand-over, lacks it
            await page.locator(".st-key-login_username input").fill(username)
            await page.locator(".st-key-login_password input").fill(password)
            await page.locator(".st-key-login_submit button").click()
            await page.wait_for_function(DRAWN, arg=DRAWN_HOLD_MS, polling=50, timeout=self.timeout * 1000)
            _classify(result, await page.evaluate(OUTCOME))
        except Exception as exc:  # noqa: BLE001 — a browser that cannot sign in is a result, not a crash
            result.errors.append(f"browser sign-in: {type(exc).__name__}: {str(exc).splitlines()[0][:200]}")
        result.seconds = time.perf_counter() - started - DRAWN_HOLD_MS / 1000
        return result

    async def _draw(self, page, request) -> PageResult:
        result, started = PageResult(request.label, 0.0), time.perf_counter()
        try:
            await page.goto(self._url(request), timeout=self.timeout * 1000)
            await page.wait_for_function(DRAWN, arg=DRAWN_HOLD_MS, polling=50, timeout=self.timeout * 1000)
            outcome = await page.evaluate(OUTCOME)
            _classify(result, outcome)
            result.seconds = outcome["drawn_ms"] / 1000
        except Exception as exc:  # noqa: BLE001 — a timeout or a crashed tab is counted, and the browser goes on
            result.errors.append(f"browser: {type(exc).__name__}: {str(exc).splitlines()[0][:200]}")
            result.seconds = time.perf_counter() - started
        return result


def _classify(result: PageResult, outcome: dict) -> None:
    if outcome["exception"]:
        result.errors.append("browser: the page shows an exception")
    if outcome["signed_out"]:
        result.errors.append("browser: signed out, the sign-in form was shown")
