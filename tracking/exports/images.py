"""Chart images (PNG, SVG) rendered server-side by kaleido driving the system's Chromium."""
from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

import plotly.graph_objects as go
import plotly.io as pio

from tracking.errors import TrackingError
from tracking.exports import browser

# 16:9 for slides: laid out at least 1280×720 (taller if the dashboard drew the chart taller, so no row label is
# dropped), PNG at least 1920 pixels wide.
WIDTH, HEIGHT, PNG_WIDTH = 1280, 720, 1920
EXPORT_TEMPLATE = "plotly_white"
NO_BROWSER = (
    "Không tìm thấy trình duyệt Chromium trên máy chủ nên không xuất được hình biểu đồ "
    "(cài bằng: apt-get install chromium). Bảng tính Excel và báo cáo Word vẫn xuất được."
)


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


def warm_up() -> None:
    """Start Chromium in the background now, so it is ready when the figures are (no-op without Chromium)."""
    if chromium_path() is not None:
        browser.get()


def slide_size(fig: go.Figure) -> tuple[int, int]:
    """16:9 layout size: 1280×720, or wider in proportion when the chart needs more height than 720."""
    height = max(HEIGHT, int(fig.layout.height or 0))
    height = -(-height // 9) * 9  # a multiple of 9, so the width is a whole number of pixels
    return height * 16 // 9, height


def prepare(fig: go.Figure, exact: bool = False) -> go.Figure:
    """The figure as it is rendered, as a new Figure: see `_spec`."""
    return go.Figure(_spec(fig, exact))


def _spec(fig: go.Figure, exact: bool) -> dict:
    """The figure as a dict (cheaper than a Figure copy, which costs ~20 ms) sized 16:9 (or, `exact`, at the size it
    was laid out for) with an explicit template: importing streamlit changes plotly's default one."""
    width, height = (fig.layout.width, fig.layout.height) if exact else slide_size(fig)
    spec = fig.to_dict()
    # Figures pick up the default template when built, so one built after `import streamlit` carries streamlit's.
    spec.setdefault("layout", {}).update(template=_template(), width=width, height=height)
    return spec


def _template() -> dict:
    if EXPORT_TEMPLATE not in _templates:
        _templates[EXPORT_TEMPLATE] = pio.templates[EXPORT_TEMPLATE].to_plotly_json()
    return _templates[EXPORT_TEMPLATE]


_templates: dict[str, dict] = {}


def _options(spec: dict, fmt: str) -> dict:
    width, height = spec["layout"]["width"], spec["layout"]["height"]
    # A quarter pixel over, so Chromium's rounding of width × scale lands on 1920 × 1080 and not 1919.
    scale = max(1.0, (PNG_WIDTH + 0.25) / width) if fmt == "png" else 1
    return {"format": fmt, "width": width, "height": height, "scale": scale}


def render_many(figs, fmt: str = "png", exact: bool = False, progress=None) -> list[bytes]:
    """Figures (any iterable, consumed as Chromium works) as PNG (16:9, at least 1920×1080 pixels) or SVG (16:9, at
    least 1280×720), in order, by the process's one Chromium (tracking.exports.browser); `exact`: at each figure's own
    layout size (a slide picture), PNG still at least 1920 pixels wide. `progress(done, total)` is called in the
    caller's thread after each image."""
    if fmt not in ("png", "svg"):
        raise ValueError(fmt)
    if chromium_path() is None:  # a browser that cannot start would leave every image waiting
        raise ChromiumMissing()
    chromium = browser.get()

    def in_chromium(call):
        try:
            return call()
        except Exception:  # Chromium closed, hung, or left a page that failed midway: the next image starts afresh
            browser.discard(chromium)
            raise

    futures = []
    for fig in figs:  # submitted one by one: Chromium draws the first while a generator builds the next
        spec = _spec(fig, exact)
        futures.append(in_chromium(lambda: chromium.submit(spec, _options(spec, fmt))))
    out = []
    # If the caller stops early (a Streamlit rerun), the rest still render and are dropped: cancelling a render midway
    # could leave the tab busy for the next one.
    for future in futures:
        out.append(in_chromium(future.result))
        if progress:
            progress(len(out), len(futures))
    return out


def render(fig: go.Figure, fmt: str = "png", exact: bool = False) -> bytes:
    """One figure: see `render_many`."""
    return render_many([fig], fmt, exact)[0]


def render_all(charts, fmt: str = "png", lang: str = "vi", progress=None, dated: str = "") -> list[ChartImage]:
    """Render (spec, figure) pairs; `progress(done, total, title)` is called after each image."""
    charts = list(charts)
    titles = [spec.title_en if lang == "en" else spec.title_vi for spec, _ in charts]

    def step(done: int, total: int) -> None:
        if progress:
            progress(done, total, titles[done - 1])

    # Each figure is laid out at its own size (tracking.charts.slide.for_image): rendered as it is.
    data = render_many([fig for _, fig in charts], fmt, exact=True, progress=step)
    return [ChartImage(spec.key, title, fmt, png, dated) for (spec, _), title, png in zip(charts, titles, data)]


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
