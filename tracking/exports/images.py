"""Chart images (PNG, SVG) rendered server-side by kaleido driving the system's Chromium."""
from __future__ import annotations

import io
import re
import threading
import unicodedata
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path

import plotly.graph_objects as go
import plotly.io as pio

from tracking.errors import TrackingError

# 16:9 for slides: laid out at least 1280×720 (taller if the dashboard drew the chart taller, so no row label is
# dropped), PNG at least 1920 pixels wide.
WIDTH, HEIGHT, PNG_WIDTH = 1280, 720, 1920
EXPORT_TEMPLATE = "plotly_white"
NO_BROWSER = (
    "Không tìm thấy trình duyệt Chromium trên máy chủ nên không xuất được hình biểu đồ "
    "(cài bằng: apt-get install chromium). Bảng tính Excel và báo cáo Word vẫn xuất được."
)

_lock = threading.Lock()  # kaleido's sync server answers one request at a time, in order


class ChromiumMissing(TrackingError):
    """No Chromium for kaleido: images (and so the deck) cannot be made; the other exports still can."""

    def __init__(self):
        super().__init__(NO_BROWSER)


@dataclass(frozen=True)
class ChartImage:
    key: str
    title: str
    fmt: str       # "png" | "svg"
    data: bytes
    dated: str = ""  # "2012-01-31": a file copied out of its folder still says which day it shows

    @property
    def filename(self) -> str:
        return f"{self.key}-{self.dated}.{self.fmt}" if self.dated else f"{self.key}.{self.fmt}"


def chromium_path() -> str | None:
    """Where kaleido will find a Chromium (BROWSER_PATH, PATH, the usual places), or None."""
    from choreographer.browsers.chromium import Chromium

    return Chromium.find_browser(skip_local=False)


def images_available() -> bool:
    return chromium_path() is not None


def _ensure_server() -> None:
    """Start kaleido's sync server once per process (≈0.3 s per image after that instead of ≈4 s)."""
    import kaleido

    # A server whose browser cannot start would leave every request waiting forever: check first.
    if chromium_path() is None:
        raise ChromiumMissing()
    kaleido.start_sync_server(silence_warnings=True)


def slide_size(fig: go.Figure) -> tuple[int, int]:
    """16:9 layout size: 1280×720, or wider in proportion when the chart needs more height than 720."""
    height = max(HEIGHT, int(fig.layout.height or 0))
    height = -(-height // 9) * 9  # a multiple of 9, so the width is a whole number of pixels
    return height * 16 // 9, height


def prepare(fig: go.Figure, exact: bool = False) -> go.Figure:
    """A copy sized 16:9 (or, `exact`, at the size the figure was laid out for) with an explicit template:
    importing streamlit changes plotly's default one."""
    out = go.Figure(fig)
    width, height = (fig.layout.width, fig.layout.height) if exact else slide_size(fig)
    # Figures pick up the default template when built, so one built after `import streamlit` carries streamlit's.
    out.update_layout(template=EXPORT_TEMPLATE, width=width, height=height)
    return out


def render(fig: go.Figure, fmt: str = "png", exact: bool = False) -> bytes:
    """One figure as PNG (16:9, at least 1920×1080 pixels) or SVG (16:9, at least 1280×720); `exact`: at the
    figure's own layout size (a slide picture), PNG still at least 1920 pixels wide."""
    if fmt not in ("png", "svg"):
        raise ValueError(fmt)
    prepared = prepare(fig, exact)
    width, height = prepared.layout.width, prepared.layout.height
    # A quarter pixel over, so Chromium's rounding of width × scale lands on 1920 × 1080 and not 1919.
    scale = max(1.0, (PNG_WIDTH + 0.25) / width) if fmt == "png" else 1
    with _lock:
        _ensure_server()
        with warnings.catch_warnings():  # plotly passes options that only a one-shot browser would use
            warnings.filterwarnings("ignore", message="The kopts argument is ignored", category=UserWarning)
            return pio.to_image(prepared, format=fmt, width=width, height=height, scale=scale)


def render_all(charts, fmt: str = "png", lang: str = "vi", progress=None, dated: str = "") -> list[ChartImage]:
    """Render (spec, figure) pairs; `progress(done, total, title)` is called after each image."""
    charts = list(charts)
    images = []
    for i, (spec, fig) in enumerate(charts, start=1):
        title = spec.title_en if lang == "en" else spec.title_vi
        images.append(ChartImage(spec.key, title, fmt, render(fig, fmt), dated))
        if progress:
            progress(i, len(charts), images[-1].title)
    return images


def write_folder(images: list[ChartImage], folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for image in images:
        path = folder / safe_filename(image.filename)
        path.write_bytes(image.data)
        paths.append(path)
    return paths


def zip_images(images: list[ChartImage]) -> bytes:
    """One .zip for a download button: a browser offers one file per click."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for image in images:
            archive.writestr(safe_filename(image.filename), image.data)
    return buffer.getvalue()


def safe_filename(name: str) -> str:
    """ASCII file names (chart keys are already; this guards against a key with diacritics or slashes)."""
    ascii_name = unicodedata.normalize("NFKD", name.replace("đ", "d").replace("Đ", "D"))
    ascii_name = ascii_name.encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9._-]+", "_", ascii_name).strip("_") or "chart"
