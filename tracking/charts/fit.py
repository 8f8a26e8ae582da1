"""Chart labels fitted to the room they have, measured in the font the charts are drawn in.

Vietnamese writes a word as several syllables separated by spaces ("Truyền thông", "nghiệp vụ"), so a space is not
a safe place to break a line. A Vietnamese label breaks first after punctuation or before one of the short
function words that are words on their own ("và", "của", "các", "tại"…); a phrase still too wide breaks between
syllable pairs (most words have two), one-syllable words counted alone; what still does not fit is shortened with
"…" at such a place (the beginning, which names the thing, is kept). English breaks at any space.
"""
from __future__ import annotations

import re
from functools import lru_cache

FONT_FILE = "DejaVuSans.ttf"  # first of the charts' font family (tracking.charts.palette.FONT_FAMILY)
LINE_HEIGHT = 1.3  # plotly's line spacing for multi-line text, in font sizes
ELLIPSIS = "…"
# Function words that start a new phrase: breaking before them never splits a word.
BREAK_BEFORE = {"và", "của", "các", "những", "hoặc", "để", "tại", "cho", "theo", "trong", "với", "về", "đến", "từ",
                "nơi", "thuộc", "(", "-", "–", "·", "—"}
_VIETNAMESE = re.compile(r"[À-ỹđĐ]")
_NUMBER = re.compile(r"\d")
_RANK = re.compile(r"^\d+\.$")  # "7." before a ranked name: it goes with the name, not on a line of its own
# Where a phrase is still too wide: most Vietnamese words are two syllables, so it breaks between pairs, counting
# these common one-syllable words on their own ("Sở | Nội vụ", "Ban | Quản lý | các | Khu | công nghiệp | tỉnh").
ONE_SYLLABLE = {"Sở", "Ban", "Huyện", "Xã", "Phường", "Khu", "tỉnh", "cấp", "việc", "nơi", "mỗi", "các", "và", "của",
                "tại", "theo", "cho", "về", "có", "đã", "được", "quý", "năm", "tháng", "ngày", "số", "tiếp", "ngành",
                "trong", "đến", "từ", "với", "Hạn"}
# Alone only when capitalised: unit kinds ("cơ sở" is one word) and a deadline mark's "Hạn" ("quá hạn" is one word).
CAPITALISED = {"Sở", "Ban", "Huyện", "Xã", "Phường", "Khu", "Hạn"}


@lru_cache(maxsize=8)
def _font(size: int):
    from PIL import ImageFont

    try:
        return ImageFont.truetype(FONT_FILE, size)
    except OSError:  # no DejaVu on this machine: an average width will do
        return None


@lru_cache(maxsize=4096)
def text_width(text: str, size: float) -> float:
    """Width in pixels of one line of `text` at font size `size` px."""
    font = _font(max(1, round(size)))
    if font is None:
        return 0.6 * size * len(text)
    return font.getlength(text) * size / max(1, round(size))


def plain(text: str) -> str:
    """One line of text: <br> and runs of spaces gone."""
    return " ".join(str(text).replace("<br>", " ").split())


def chunks(text: str) -> list[str]:
    """The pieces of a label between the places it may break (see the module docstring)."""
    words = plain(text).split(" ")
    if not words or words == [""]:
        return []
    vietnamese = bool(_VIETNAMESE.search(text))
    out = [words[0]]
    for prev, word in zip(words, words[1:]):
        if (not vietnamese or (prev[-1:] in ",;:.)" and not _RANK.match(prev)) or word.lower() in BREAK_BEFORE
                or word[:1] == "(" or prev in ("-", "–", "·", "—")):
            out.append(word)
        else:
            out[-1] += " " + word
    return out


def pairs(piece: str) -> list[str]:
    """A phrase split into likely words: one-syllable words alone, the other syllables two by two."""
    out: list[str] = []
    pending: list[str] = []
    for syllable in piece.split(" "):
        # A number is a word of its own: paired, "63% hoàn thành" broke inside "hoàn thành" ("63% hoàn | thành").
        if (syllable.strip(",;:()") in ONE_SYLLABLE or syllable.lower().strip(",;:()") in ONE_SYLLABLE - CAPITALISED
                or _NUMBER.search(syllable)):
            if pending:
                out.append(" ".join(pending))
                pending = []
            out.append(syllable)
            continue
        pending.append(syllable)
        if len(pending) == 2:
            out.append(" ".join(pending))
            pending = []
    if pending:
        out.append(" ".join(pending))
    for i in range(len(out) - 2, -1, -1):
        if _RANK.match(out[i]):
            out[i:i + 2] = [f"{out[i]} {out[i + 1]}"]
    return out


def _wrap(pieces: list[str], width_px: float, size: float) -> list[list[str]]:
    if _VIETNAMESE.search(" ".join(pieces)):  # a phrase too wide for a line: split into its likely words
        pieces = [part for piece in pieces
                  for part in (pairs(piece) if text_width(piece, size) > width_px else [piece])]
    lines: list[list[str]] = []
    for piece in pieces:
        if lines and text_width(" ".join([*lines[-1], piece]), size) <= width_px:
            lines[-1].append(piece)
        else:
            lines.append([piece])
    return lines


def wrap_lines(text: str, width_px: float, size: float) -> list[str]:
    """Lines no wider than `width_px` where the text allows; a piece that cannot break stays whole."""
    return [" ".join(line) for line in _wrap(chunks(text), width_px, size)]


def _whole(lines: list[list[str]], width_px: float, max_lines: int, size: float, overhang: float = 1.12) -> bool:
    """Whether wrapped lines show the whole text: no more than `max_lines`, none wider than the room. A word a little
    wider than the room (`overhang`) is kept whole: cutting it would say less than the slight overhang."""
    return len(lines) <= max_lines and all(
        text_width(" ".join(line), size) <= width_px * (1 if len(line) > 1 else overhang) for line in lines)


def fit(text: str, width_px: float, max_lines: int, size: float) -> str:
    """The label wrapped into at most `max_lines` lines of `width_px`, shortened with "…" when it cannot fit: whole
    pieces are dropped from the end, so what is left reads as words; only a single piece too wide for a line of its
    own is cut inside."""
    lines = _wrap(chunks(text), width_px, size)
    if _whole(lines, width_px, max_lines, size):
        return "<br>".join(" ".join(line) for line in lines)
    kept = lines[:max_lines]
    last = list(kept[-1])
    while len(last) > 1 and text_width(" ".join(last) + ELLIPSIS, size) > width_px:
        last.pop()
    tail = " ".join(last).rstrip(",;:·-– ")
    while " " in tail and text_width(tail + ELLIPSIS, size) > width_px:  # one piece too wide: whole syllables go
        tail = tail.rsplit(" ", 1)[0].rstrip(",;:·-– ")
    kept[-1] = [tail + ELLIPSIS]
    return "<br>".join(" ".join(line) for line in kept)


def lines_of(text: str) -> int:
    return str(text).count("<br>") + 1


def block_width(text: str, size: float) -> float:
    return max((text_width(line, size) for line in str(text).split("<br>")), default=0.0)


FACT = " · "  # between the facts of a row's note: "78% · quá hạn 243 ngày · trước ngày 30/10/2010"


def fit_facts(text: str, width_px: float, max_lines: int, size: float) -> str:
    """A note of facts fitted like `fit`, but on several lines a fact a line where that fits, and where it cannot
    be shown whole its last facts are left out, whole, rather than one of them cut short ("78% · quá hạn 243 ngày",
    not "… · trước ngày 30/1…"): the first come first because they tell the most. Only a first fact too long on its
    own is shortened with "…"."""
    facts = plain(text).split(FACT)
    # Too long for one line but a fact a line will do: broken between facts, not inside one ("· district | office").
    ends = [f"{fact}{FACT.rstrip()}" for fact in facts[:-1]] + facts[-1:]
    if (1 < len(facts) <= max_lines and not fits_whole(plain(text), width_px, 1, size)
            and all(text_width(line, size) <= width_px for line in ends)):
        return "<br>".join(ends)
    for kept in range(len(facts), 0, -1):
        shown = FACT.join(facts[:kept])
        if fits_whole(shown, width_px, max_lines, size):
            return fit(shown, width_px, max_lines, size)
    return fit(text, width_px, max_lines, size)


# Unit names the way the administration itself shortens them (the units' own short names use the same, e.g.
# "VP Đoàn ĐBQH và HĐND tỉnh"): tried before a name is cut short with "…".
ABBREVIATIONS = (("Đại biểu Quốc hội", "ĐBQH"), ("Hội đồng nhân dân", "HĐND"), ("Ủy ban nhân dân", "UBND"),
                 ("Uỷ ban nhân dân", "UBND"))


def abbreviated(text: str) -> str:
    for long, short in ABBREVIATIONS:
        text = text.replace(long, short)
    return text


CLAUSE_CHARS = 6  # "III.5": a label's first part this short is its clause, kept whole


def fit_label(text: str, width_px: float, max_lines: int, size: float) -> str:
    """A row label fitted like `fit`, but its ends are kept when they are what tells rows apart: on one line the
    clause before the first " · ", the period after the last (of three or more parts), and the distinct tail
    after a " … " (tracking.charts.timeline.row_labels), on several the period: the title between them is what
    gets shortened. A unit's name too long for the room is first abbreviated as the administration does."""
    whole = plain(text)
    if not fits_whole(whole, width_px, max_lines, size) and fits_whole(abbreviated(whole), width_px, max_lines, size):
        return fit(abbreviated(whole), width_px, max_lines, size)
    if max_lines > 1:
        return _keeping_period(whole, width_px, max_lines, size)
    if text_width(whole, size) <= width_px:
        return fit(text, width_px, max_lines, size)
    parts = whole.split(" · ")
    prefix = parts.pop(0) + " · " if len(parts) > 1 and len(parts[0]) <= CLAUSE_CHARS else ""
    suffix = " · " + parts.pop() if len(parts) > 1 else ""
    room = width_px - text_width(prefix + suffix, size)
    middle = " · ".join(parts)
    if " … " in middle:
        head, tail = middle.split(" … ", 1)
        words = head.split(" ")
        while len(words) > 2 and text_width(f"{' '.join(words)} … {tail}", size) > room:
            words.pop()
        middle = f"{' '.join(words)} … {tail}"
        if text_width(middle, size) > room:
            middle = ELLIPSIS + " " + fit(tail, room - text_width(ELLIPSIS + " ", size), 1, size)
    else:
        middle = fit(middle, room, 1, size)
    return prefix + middle + suffix


def _keeping_period(whole: str, width_px: float, max_lines: int, size: float) -> str:
    """On several lines, a label of three or more parts whose last is its period ("IV · Thanh tra tỉnh tổng hợp
    báo cáo… · Quý III/2010") keeps that period: its title is shortened word by word instead. Cut from the end,
    every quarter's row read the same."""
    parts = whole.split(" · ")
    if len(parts) < 3 or fits_whole(whole, width_px, max_lines, size):
        return fit(whole, width_px, max_lines, size)
    words, period = " · ".join(parts[:-1]).split(" "), " · " + parts[-1]
    for kept in range(len(words) - 1, 1, -1):
        shown = " ".join(words[:kept]).rstrip(",;:·-–… ") + ELLIPSIS + period
        if fits_whole(shown, width_px, max_lines, size):
            return fit(shown, width_px, max_lines, size)
    return fit(whole, width_px, max_lines, size)


def fits_whole(text: str, width_px: float, max_lines: int, size: float) -> bool:
    """Whether `fit` shows all of `text` in this room (no "…" of its own)."""
    return _whole(_wrap(chunks(text), width_px, size), width_px, max_lines, size)


def whole_width(text: str, max_lines: int, size: float) -> float:
    """The narrowest room in which `fit` shows all of `text` on at most `max_lines` lines, measured: the width of
    its widest line there. Dividing the one-line width by the lines underestimates it whenever the text breaks in
    few places ("Huyện, | thành phố" is two unequal lines, not two halves): `fit` then cut it short."""
    words = plain(text).split(" ")
    if words == [""]:
        return 0.0
    # Every line `fit` makes is a run of consecutive words: the room needed is one of these runs' widths.
    runs = sorted({text_width(" ".join(words[i:j]), size) for i in range(len(words))
                   for j in range(i + 1, len(words) + 1)})
    low, high = 0, len(runs) - 1  # the whole text on one line always fits
    while low < high:  # fewer lines as the room widens: the first width that fits is found by halving
        middle = (low + high) // 2
        if _whole(_wrap(chunks(text), runs[middle], size), runs[middle], max_lines, size, overhang=1):
            high = middle
        else:
            low = middle + 1
    return runs[low]
