"""Where every piece of text of a rendered chart lands: the SVG kaleido draws, laid out again by Chromium, which
measures each <text> element as drawn (fonts, wrapping, rotation). Overlaps and text off the picture are the
defects a reader sees: labels printed over each other, a word cut at the edge."""
from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

_MEASURE = """
() => {
  const svg = document.querySelector('svg');
  const out = [];
  for (const t of svg.querySelectorAll('text')) {
    const text = t.textContent.trim();
    if (!text) continue;
    const style = getComputedStyle(t);
    if (style.display === 'none' || style.visibility === 'hidden' || style.opacity === '0') continue;
    let hidden = false;
    for (let g = t.parentElement; g && g !== svg; g = g.parentElement) {
      const s = getComputedStyle(g);
      if (s.display === 'none' || s.opacity === '0') { hidden = true; break; }
    }
    if (hidden) continue;
    const r = t.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    // A legend too small for its entries clips them (and scrolls): a text outside the legend's box is cut.
    const legend = t.closest('g.legend');
    const bg = legend && legend.querySelector('rect.bg');
    let cut = false;
    if (bg) {
      const b = bg.getBoundingClientRect();
      cut = r.right > b.right + 1.5 || r.bottom > b.bottom + 1.5 || r.left < b.left - 1.5 || r.top < b.top - 1.5;
    }
    out.push({text, x0: r.left, y0: r.top, x1: r.right, y1: r.bottom, cut});
  }
  const box = svg.getBoundingClientRect();
  return {boxes: out, width: box.width, height: box.height};
}
"""


# The plot's left edge (its layer's translation) and the right edge of each row label drawn left of it.
_ROW_LABELS = """
() => {
  const svg = document.querySelector('svg');
  // kaleido's picture keeps the first subplot's layer as <g class="xy" transform="translate(l,t)" clip-path=…>
  const plot = [...svg.querySelectorAll('g.xy')].find(g => g.getAttribute('clip-path'));
  const labels = [...svg.querySelectorAll('g.ytick text')].filter(t => t.textContent.trim());
  return {plot_left: plot ? plot.getCTM().e : null, label_rights: labels.map(t => t.getBoundingClientRect().right)};
}
"""


@dataclass(frozen=True)
class Box:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    cut: bool = False  # outside the box of the legend it belongs to

    def overlap(self, other: "Box", slack: float) -> bool:
        return (min(self.x1, other.x1) - max(self.x0, other.x0) > slack
                and min(self.y1, other.y1) - max(self.y0, other.y0) > slack)


class Measurer:
    """One Chromium page, reused: `boxes(svg)` → the text boxes of one SVG picture and its size."""

    def __init__(self):
        from playwright.sync_api import sync_playwright

        self._pw = sync_playwright().start()
        from tracking.exports.images import chromium_path

        self._browser = self._pw.chromium.launch(executable_path=chromium_path())
        self._page = self._browser.new_page()

    def boxes(self, svg: bytes) -> tuple[list[Box], float, float]:
        self._page.set_content(f"<html><body style='margin:0'>{svg.decode()}</body></html>")
        found = self._page.evaluate(_MEASURE)
        boxes = [Box(b["text"], b["x0"], b["y0"], b["x1"], b["y1"], b["cut"]) for b in found["boxes"]]
        return boxes, found["width"], found["height"]

    def row_label_gap(self, svg: bytes) -> float | None:
        """The narrowest room, in layout px, between a row label (left axis) and the plot it names; None without."""
        self._page.set_content(f"<html><body style='margin:0'>{svg.decode()}</body></html>")
        found = self._page.evaluate(_ROW_LABELS)
        if found["plot_left"] is None or not found["label_rights"]:
            return None
        return found["plot_left"] - max(found["label_rights"])

    def close(self):
        self._browser.close()
        self._pw.stop()


def defects(boxes: list[Box], width: float, height: float, slack: float = 1.5) -> list[str]:
    """Pairs of texts printed over each other, and texts that leave the picture."""
    found = [f"«{a.text}» over «{b.text}»" for a, b in combinations(boxes, 2) if a.overlap(b, slack)]
    found += [f"«{b.text}» leaves the picture" for b in boxes
              if b.x0 < -slack or b.y0 < -slack or b.x1 > width + slack or b.y1 > height + slack]
    found += [f"«{b.text}» is cut off by its legend's box" for b in boxes if b.cut]
    return found
