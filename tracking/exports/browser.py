"""One Chromium per process for chart images, kept open and fed many figures at once.

kaleido's own sync server reloads its page (4 MB of plotly.js parsed again) after every image: half the rendering
time of a deck went there. Here the tab is reused without a reload, figures are queued as soon as they are built (the
first ones render while the later ones are still being made), and Chromium starts in the background as soon as an
export begins.
"""
from __future__ import annotations

import asyncio
import atexit
import threading
from concurrent.futures import Future

TABS = 1  # measured: a second tab costs ~1.7 CPU-s to open (its own plotly.js), more than it saves on a deck
TIMEOUT_S = 90  # per image, as kaleido's default
FRESH_PAGE_EVERY = 200  # images


def _reusing_kaleido():
    # Imported by the thread that asks for the browser, never by the browser's own thread: kaleido's modules import
    # each other in a circle, and two threads importing it at once can see it half initialised.
    import kaleido

    class ReusingKaleido(kaleido.Kaleido):
        served = 0

        async def _return_kaleido_tab(self, tab) -> None:
            # Plotly.toImage draws into a detached element and purges it, so the page has nothing to reset; a fresh
            # page now and then still keeps a long-lived server from accumulating anything (console log, leaks). If
            # a kaleido upgrade renames this hook it is simply not called: images stay right, only slower.
            self.served += 1
            if self.served % FRESH_PAGE_EVERY == 0:
                await super()._return_kaleido_tab(tab)
            else:
                await self.tabs_ready.put(tab)

    return ReusingKaleido


class BrowserClosed(RuntimeError):
    """The browser was closed (after a failure, or at exit) while images were still queued for it."""


class Browser:
    """A Chromium (kaleido) running on its own event loop in a daemon thread; any thread may submit figures."""

    def __init__(self) -> None:
        kaleido_class = _reusing_kaleido()
        self._state = threading.Lock()
        self._closed = False
        self._renders: set[asyncio.Task] = set()
        self._loop = asyncio.new_event_loop()
        threading.Thread(target=self._loop.run_forever, name="kaleido-browser", daemon=True).start()
        self._kaleido: Future = asyncio.run_coroutine_threadsafe(self._open(kaleido_class), self._loop)

    async def _open(self, kaleido_class):
        # mathjax=False: no chart uses LaTeX, and kaleido would otherwise fetch MathJax from a CDN on every page load.
        k = kaleido_class(n=TABS, timeout=TIMEOUT_S, mathjax=False)
        await k.open()
        return k

    async def _calc(self, fig: dict, opts: dict) -> bytes:
        task = asyncio.current_task()
        self._renders.add(task)
        try:
            k = await asyncio.wrap_future(self._kaleido)
            return await k.calc_fig(fig, opts=opts)
        finally:
            self._renders.discard(task)

    @property
    def closed(self) -> bool:
        return self._closed

    def submit(self, fig: dict, opts: dict) -> Future:
        """Queue one figure (a plotly figure dict; opts: format, width, height, scale); the future gives its bytes."""
        with self._state:
            if self._closed:
                raise BrowserClosed("Chromium was closed")
            return asyncio.run_coroutine_threadsafe(self._calc(fig, opts), self._loop)

    def close(self, timeout: float = 10) -> None:
        with self._state:
            if self._closed:  # closed when discarded, and again at exit
                return
            self._closed = True
        try:
            asyncio.run_coroutine_threadsafe(self._shut(), self._loop).result(timeout)
        except Exception:  # a browser that will not close cleanly dies with the process anyway
            pass
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)

    async def _shut(self) -> None:
        # Images still queued fail now (their futures are cancelled) instead of waiting forever on a stopped loop.
        queued = list(self._renders)  # not every task on the loop: choreographer's own ones are needed to close
        for task in queued:
            task.cancel()
        await asyncio.gather(*queued, return_exceptions=True)
        try:
            k = await asyncio.wrap_future(self._kaleido)
        except Exception:  # never opened: nothing to close
            return
        await k.close()


_lock = threading.Lock()
_browser: Browser | None = None


def get() -> Browser:
    """The process's browser, started (in the background) on first use."""
    global _browser
    with _lock:
        if _browser is None or _browser.closed:
            _browser = Browser()
            atexit.register(_browser.close)
        return _browser


def discard(browser: Browser) -> None:
    """After a failure that may have left Chromium unusable (closed, hung tab): the next image starts a new one."""
    global _browser
    with _lock:
        if _browser is browser:
            _browser = None
    threading.Thread(target=browser.close, daemon=True).start()
