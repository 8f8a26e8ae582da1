"""Word's automatic numbering: the '1.', 'a)', '-' that Word draws but does not store in the paragraph's text.

A plan typed with Word's numbered lists has no '1.' in `paragraph.text`; the drafter needs it to number clauses.
This renders each numbered paragraph's label from numbering.xml (w:num → w:abstractNum → w:lvl: start, numFmt,
lvlText), counting per list and level as Word does (a level restarts when a higher level advances). A bullet is
drawn '-' at its list's first level and '+' below, so a nested bulleted list keeps its depth.
"""
from __future__ import annotations

from docx.oxml.ns import qn

_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def _roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out += letters
            n -= value
    return out


def _format(n: int, fmt: str) -> str:
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "lowerLetter":
        return "abcdefghijklmnopqrstuvwxyz"[(n - 1) % 26]
    if fmt == "upperLetter":
        return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[(n - 1) % 26]
    return str(n)


class Numbering:
    """Labels for the numbered paragraphs of one document, in reading order."""

    def __init__(self, document):
        self.levels: dict[tuple[str, int], tuple[int, str, str]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {}
        for node in root.findall(qn("w:abstractNum")):
            levels = {}
            for lvl in node.findall(qn("w:lvl")):
                start = lvl.find(qn("w:start"))
                fmt = lvl.find(qn("w:numFmt"))
                text = lvl.find(qn("w:lvlText"))
                levels[int(lvl.get(qn("w:ilvl")))] = (
                    int(start.get(qn("w:val"))) if start is not None else 1,
                    fmt.get(qn("w:val")) if fmt is not None else "decimal",
                    text.get(qn("w:val")) if text is not None else "")
            abstract[node.get(qn("w:abstractNumId"))] = levels
        for num in root.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            for ilvl, spec in abstract.get(ref.get(qn("w:val")) if ref is not None else None, {}).items():
                self.levels[(num.get(qn("w:numId")), ilvl)] = spec

    def label(self, paragraph) -> str:
        """'1.', 'a)', 'II.', '-' — or '' for a paragraph Word does not number."""
        num_pr = _num_pr(paragraph)
        if num_pr is None:
            return ""
        num_id = num_pr.find(qn("w:numId"))
        ilvl = num_pr.find(qn("w:ilvl"))
        num = num_id.get(qn("w:val")) if num_id is not None else None
        level = int(ilvl.get(qn("w:val"))) if ilvl is not None else 0
        if not num or num == "0" or (num, level) not in self.levels:
            return ""
        counters = self.counters.setdefault(num, {})
        start = self.levels[(num, level)][0]
        counters[level] = counters.get(level, start - 1) + 1
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]
        _, fmt, text = self.levels[(num, level)]
        if fmt == "bullet":
            # the list's own nesting, not its glyph (often a Wingdings private-use character): a dash at the first
            # level, a plus under it, as the genre types them by hand ('- Sở …:' over '+ Biên soạn …')
            return "-" if level == 0 else "+"
        for k in range(level, -1, -1):
            if (num, k) in self.levels:
                value = counters.get(k, self.levels[(num, k)][0])
                text = text.replace(f"%{k + 1}", _format(value, self.levels[(num, k)][1]))
        return text.strip()


def _num_pr(paragraph):
    p_pr = paragraph._p.pPr
    if p_pr is not None and p_pr.numPr is not None:
        return p_pr.numPr
    style = paragraph.style
    while style is not None:
        style_pr = style.element.pPr
        if style_pr is not None and style_pr.numPr is not None:
            return style_pr.numPr
        style = style.base_style
    return None
