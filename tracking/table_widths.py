"""Column widths that fit a table into its frame, so the decision columns (statuses, counts, dates, shares) are on
screen without scrolling sideways; long text (task titles, names, notes) gives up width first and is cut with
"…" (the full text shows on hover and in the CSV).

Pure: Streamlit's table component turns the widths into its column settings.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable
from datetime import date, datetime

import pandas as pd

FRAME_PX = 975      # the main column at 1440 px with the sidebar open (measured: 978 px, less the borders)
HALF_FRAME_PX = 470  # one of two st.columns at 1440 px
_CHAR_PX = 6.6      # Source Sans 14 px: an average glyph with Vietnamese marks (measured in Chromium)
_PAD_PX = 20        # the cell's padding
_MAX_PX = 420       # the grid never sizes a column wider on its own
_TEXT_MIN_PX = 100  # a shrunk text column still shows a few words (110 left no room for a status label: unit page)
_MIN_PX = 56        # a count or a short code
_SHORT_TEXT = 20    # characters: a status or a period is read whole; longer text (titles, names, notes) may be cut
_CATEGORY_TEXT = 32  # characters: the longest of a few repeated words still read whole (a city's level names)
_CATEGORIES = 6     # distinct values at most, each repeated, for a column to be such words
_LABEL_PX = 16      # a word drawn on a coloured label: the label's own padding (measured in Chromium)


@dataclass(frozen=True)
class Fit:
    widths: dict[str, int]   # every column's width in px (empty: the table fits as it is)
    pinned: tuple[str, ...]  # columns kept in view when the table must still scroll (a units × tasks matrix)


def _text(value) -> str:
    if value is None or (not isinstance(value, (str, date, datetime)) and pd.isna(value)):
        return ""
    if isinstance(value, datetime):
        return "00:00 00/00/0000"
    if isinstance(value, date):
        return "00/00/0000"
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def _px(chars: int) -> int:
    return min(_MAX_PX, round(chars * _CHAR_PX + _PAD_PX))


def natural_px(frame: pd.DataFrame, column: str, label: bool = False) -> int:
    """About what the grid gives a column sized to its content (header or longest cell); `label`: cells drawn as
    coloured labels, wider than their words."""
    longest = max([0, *(len(_text(v)) for v in frame[column])])
    return max(_px(len(str(column))), _px(longest) + _LABEL_PX * label)


def _floor_px(frame: pd.DataFrame, column: str, label: bool = False) -> int:
    """How narrow a column may get: long text down to a few words, any other down to its cells (the header is cut)."""
    longest = max([0, *(len(_text(v)) for v in frame[column])])
    sample = frame[column].dropna()
    if longest > _SHORT_TEXT and all(isinstance(v, str) for v in sample) and not label \
            and not _categories(sample, longest):
        return _TEXT_MIN_PX
    return max(_MIN_PX, _px(longest) + _LABEL_PX * label)


def _categories(sample: pd.Series, longest: int) -> bool:
    """A few words repeated down the column (a level: 'Sở, ban, ngành thành phố', 'Quận, huyện, thị xã'): read
    whole like a status, not cut like a title or a name."""
    distinct = sample.nunique()
    return longest <= _CATEGORY_TEXT and 0 < distinct <= _CATEGORIES < len(sample)


def _shrink(widths: dict[str, int], floors: dict[str, int], columns: list[str], excess: int) -> int:
    """Take up to `excess` px from `columns`, each in proportion to what it can give; returns what is left to take."""
    spare = {c: widths[c] - floors[c] for c in columns if widths[c] > floors[c]}
    total = sum(spare.values())
    if total <= 0 or excess <= 0:
        return excess
    take = min(excess, total)
    for column, amount in spare.items():
        widths[column] -= -(-amount * take // total)  # rounded up: the sum never stays above the frame
    return max(0, excess - total)


def fit(frame: pd.DataFrame, frame_px: int = FRAME_PX, keep_in_view: int = 2, labelled: Iterable[str] = ()) -> Fit:
    """Widths that fit `frame` into `frame_px`: long text gives up width first, then long headers over short cells;
    when even that is not enough (a units × tasks matrix), the first `keep_in_view` columns (code and name) are
    pinned so a sideways scroll never loses the row's label. `labelled`: columns drawn as coloured labels (a label
    is never cut)."""
    labelled = set(labelled)
    widths = {c: natural_px(frame, c, c in labelled) for c in frame.columns}
    excess = sum(widths.values()) - frame_px
    if excess <= 0:
        return Fit({}, ())
    floors = {c: _floor_px(frame, c, c in labelled) for c in frame.columns}
    text = [c for c in frame.columns if floors[c] == _TEXT_MIN_PX and c not in labelled]
    excess = _shrink(widths, floors, text, excess)
    excess = _shrink(widths, floors, [c for c in frame.columns if c not in text], excess)
    return Fit(widths, tuple(frame.columns[:keep_in_view]) if excess > 0 else ())
