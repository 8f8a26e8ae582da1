"""The chart toolbar as a reader meets it: its tooltips in the page's language, only the buttons that help a reader,
and a saved picture named after the chart and its date (the picture itself carries the date and the demo label)."""
from __future__ import annotations

import re
import unicodedata
from datetime import date

# plotly.js's own English strings → Vietnamese (a per-chart `locales` entry; plotly ships no Vietnamese one).
VI_DICTIONARY = {
    "Download plot as a PNG": "Tải biểu đồ (ảnh PNG)",  # plotly.js 3 (older versions: "… as a png")
    "Download plot as a png": "Tải biểu đồ (ảnh PNG)",
    "Download plot": "Tải biểu đồ",
    "Zoom": "Phóng to vùng chọn",
    "Pan": "Kéo biểu đồ",
    "Zoom in": "Phóng to",
    "Zoom out": "Thu nhỏ",
    "Autoscale": "Vừa khung",
    "Reset axes": "Đặt lại trục",
    "Reset view": "Đặt lại khung nhìn",
    "Double-click to zoom back out": "Bấm đúp để thu nhỏ lại",
    "Taking snapshot - this may take a few seconds": "Đang chụp ảnh biểu đồ, xin chờ vài giây",
    "Snapshot succeeded": "Đã lưu ảnh",
    "Sorry, there was a problem downloading your snapshot!": "Không lưu được ảnh biểu đồ.",
    "Error": "Lỗi",
    "Produced with Plotly.js": "Vẽ bằng Plotly.js",
    "trace": "chuỗi",
}
# Selection and hover-mode buttons do nothing useful on these charts and have no use for a reader.
REMOVED_BUTTONS = ["select2d", "lasso2d", "toggleSpikelines", "hoverClosestCartesian", "hoverCompareCartesian"]


def file_stem(title: str, as_of: date | None) -> str:
    """'Tiến độ theo lĩnh vực', 30/06/2011 → 'tien-do-theo-linh-vuc-2011-06-30' (ASCII: every system opens it)."""
    text = unicodedata.normalize("NFKD", title.replace("đ", "d").replace("Đ", "D")).encode("ascii", "ignore").decode()
    stem = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:80].rstrip("-") or "bieu-do"
    return f"{stem}-{as_of:%Y-%m-%d}" if as_of else stem


def config(title: str, as_of: date | None, lang: str = "vi") -> dict:
    """plotly.js config for st.plotly_chart."""
    settings = {
        "displaylogo": False,
        "modeBarButtonsToRemove": REMOVED_BUTTONS,
        "toImageButtonOptions": {"format": "png", "filename": file_stem(title, as_of), "scale": 2},
    }
    if lang != "en":
        settings.update(locale="vi", locales={"vi": {"dictionary": VI_DICTIONARY}})
    return settings
