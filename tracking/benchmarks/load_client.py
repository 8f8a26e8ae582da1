"""One simulated browser tab: a Streamlit websocket session that opens pages the way the frontend does.

The frontend talks to `/_stcore/stream` in protobuf: it sends a BackMsg `rerun_script` (the query string and the
page, by URL path on the first visit and by page hash once st.navigation's message has listed the pages) and draws the
ForwardMsgs until `script_finished`. This client sends the same messages and reads the same answers, without
drawing anything, so the server does exactly the work a leader's browser asks of it.

It never announces cached message hashes, so the server always sends full messages (a browser that has seen a chart
before gets a reference instead): slightly more work than real browsers cause, never less. Of streamlit it imports
only the wire format (streamlit.proto), never the runtime: tracking/ui stays the only code that runs Streamlit.
"""
from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import ClientConnection, connect

STREAM_PATH = "/_stcore/stream"
SIGN_IN_TITLES = ("Đăng nhập", "Sign in")  # the sign-in form's title: the cookie did not count
_DONE = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_WITH_COMPILE_ERROR}


@dataclass(frozen=True)
class PageRequest:
    """A page by its URL path ("" is the default page, served at the site's root) and its query string."""
    label: str
    path: str
    query: str = ""

    @classmethod
    def parse(cls, text: str, default_page: str = "") -> "PageRequest":
        """`compliance` or `overview?province=01`, as one would type after the site's address; the default page
        lives at the root, so its own name is read as the root (Streamlit would say "page not found")."""
        path, _, query = text.strip().strip("/").partition("?")
        return cls(text.strip(), "" if path == default_page else path, query)


@dataclass
class PageResult:
    label: str
    seconds: float
    messages: int = 0
    bytes: int = 0
    headings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    late_s: float = 0.0          # sent this long after its scheduled time (the previous page was still running)
    first_visit: bool = False    # includes the sign-in, the HTTP load and the websocket's opening
    signin_s: float = 0.0
    http_s: float = 0.0
    http_bytes: int = 0          # the first visit's HTML and static files (`bytes` is the websocket's)

    @property
    def ok(self) -> bool:
        return not self.errors


def stream_url(base_url: str) -> str:
    parts = urlsplit(base_url)
    scheme = "wss" if parts.scheme == "https" else "ws"
    return f"{scheme}://{parts.netloc}{parts.path.rstrip('/')}{STREAM_PATH}"


class StreamlitSession:
    """A connected session; `open(page)` runs one page and returns what it cost and what it drew."""

    def __init__(self, ws: ClientConnection, timeout: float):
        self._ws = ws
        self._timeout = timeout
        self._hashes: dict[str, str] = {}  # url path → page script hash, from st.navigation's message
        self.usable = True  # False after a timeout: late messages of that run would be taken for the next page's

    @classmethod
    async def connect(cls, base_url: str, cookie: str | None, *, timeout: float = 120.0) -> "StreamlitSession":
        headers = {"Cookie": cookie} if cookie else {}
        # The first subprotocol entry is the one the server selects; a browser adds its XSRF token as the second,
        # which only matters for Streamlit's own st.login cookie, not for ours.
        ws = await connect(stream_url(base_url), additional_headers=headers, subprotocols=["streamlit"],
                           max_size=None, open_timeout=timeout, ping_interval=None)
        return cls(ws, timeout)

    async def close(self) -> None:
        await self._ws.close()

    def _rerun(self, page: PageRequest) -> bytes:
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = page.query
        if page.path in self._hashes:  # a click in the sidebar: the frontend names the page by its hash
            state.page_script_hash = self._hashes[page.path]
        else:  # a typed or shared link: by its URL path
            state.page_name = page.path
        state.context_info.timezone = "Asia/Ho_Chi_Minh"
        state.context_info.locale = "vi-VN"
        return msg.SerializeToString()

    def _learn_pages(self, msg: ForwardMsg) -> None:
        for p in msg.navigation.app_pages:
            self._hashes[p.url_pathname] = p.page_script_hash

    async def open(self, page: PageRequest, since: float | None = None) -> PageResult:
        """From sending the rerun request (or from `since`, a perf_counter moment: the view's scheduled time) until
        the run's script_finished (reruns it asks for included)."""
        result = PageResult(page.label, 0.0)
        started = time.perf_counter() if since is None else since
        await self._ws.send(self._rerun(page))
        try:
            async with asyncio.timeout(self._timeout):
                while True:
                    raw = await self._ws.recv()
                    result.messages += 1
                    result.bytes += len(raw)
                    msg = ForwardMsg()
                    msg.ParseFromString(raw)
                    if self._read(msg, result):
                        break
        except TimeoutError:
            result.errors.append(f"timeout after {self._timeout:g} s")
            self.usable = False
        result.seconds = time.perf_counter() - started
        if any(h in SIGN_IN_TITLES for h in result.headings):
            result.errors.append("signed out: the sign-in form was shown")
        return result

    def _read(self, msg: ForwardMsg, result: PageResult) -> bool:
        """Note what matters in one message; True once the page's run is over."""
        kind = msg.WhichOneof("type")
        if kind == "navigation":
            self._learn_pages(msg)
        elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            element = msg.delta.new_element
            what = element.WhichOneof("type")
            if what == "heading":
                result.headings.append(element.heading.body)
            elif what == "exception":
                result.errors.append(f"exception: {element.exception.type}: {element.exception.message[:200]}")
            elif what == "alert" and element.alert.format == Alert.ERROR:
                result.errors.append(f"error message on the page: {element.alert.body[:200]}")
        elif kind == "page_not_found":
            result.errors.append(f"page not found: {msg.page_not_found.page_name!r}")
        elif kind == "session_event" and msg.session_event.WhichOneof("type") == "script_compilation_exception":
            result.errors.append(f"script error: {msg.session_event.script_compilation_exception.message[:200]}")
        elif kind == "script_finished" and msg.script_finished in _DONE:
            return True
        return False
