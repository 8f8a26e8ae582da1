"""The section tree: each paragraph with its clause ('III.1.a'), its depth, whether it heads others, its ancestors.

Also where the body ends ('Nơi nhận:' and the signature block) and where it starts again (an annex).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .columns import header_row
from .numbering import Marker, clause_label, parse_marker
from .reading import Block
from .text import fold, join_hard_wraps


@dataclass
class Item:
    text: str                      # the paragraph without its mark
    marker: Marker | None
    depth: float
    clause: str
    heading: bool = False
    ancestors: list["Item"] = field(default_factory=list)  # enclosing headings, outermost first
    parent: "Item | None" = None   # the nearest numbered item it sits under, heading or not
    rows: tuple = ()               # a table's rows (then text is '')
    index: int = 0


_END_OF_BODY = re.compile(r"^(?:noi nhan|tm\.|t/m\.|kt\.|k/t\.|tl\.|q\. ?chu tich|chu tich$|pho chu tich$|bo truong$"
                          r"|thu truong$|giam doc$)")
_ANNEX_TITLE = re.compile(r"^(?:phu luc|danh muc (?:cac )?nhiem vu|bang phan cong|ke hoach chi tiet)")


def _is_heading_text(item: Item) -> bool:
    text = item.text.rstrip()
    letters = [c for c in text if c.isalpha()]
    if text.endswith(":") or (letters and all(c.isupper() for c in letters)) or len(text.split()) <= 8:
        return True  # '1. Công tác tuyên truyền.' with items under it is a heading, full stop or not
    return len(text.split()) <= 15 and not text.endswith((".", ";"))


def build_items(blocks: list[Block]) -> list[Item]:
    """Paragraphs and tables of the body in order, each placed in the section tree."""
    flat: list[Item] = []
    in_tail = False
    for block in _layout_as_text(blocks):
        if block.is_table:
            flat.append(Item("", None, 9, "", rows=block.rows))
            in_tail = False
            continue
        folded = fold(block.text).strip()
        marker = parse_marker(block.text)
        if _END_OF_BODY.match(folded):
            in_tail = True
            continue
        if in_tail:
            if _ANNEX_TITLE.match(folded) or (marker and marker.kind in ("annex", "roman", "part")):
                in_tail = False
            else:
                continue
        if marker is None and _ANNEX_TITLE.match(folded):  # 'PHỤ LỤC' without a number, 'DANH MỤC NHIỆM VỤ …'
            marker = Marker("annex", 1, "Phụ lục", block.text)
        if flat and flat[-1].marker is not None and flat[-1].marker.kind == "part" and not flat[-1].text \
                and marker is None and _all_capitals(block.text):
            flat[-1].text = block.text  # 'Phần II' on its line, its title 'NHIỆM VỤ, GIẢI PHÁP' on the next
            continue
        flat.append(Item(block.text if marker is None else marker.rest, marker, 0, ""))
    _unnumbered_labels(flat)
    return _place(flat)


def _all_capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _layout_as_text(blocks: list[Block]) -> list[Block]:
    """A table used for layout (the header block, 'Nơi nhận' beside the signature, a whole plan typed in a one-column
    table) read as the paragraphs of its lines, in place: 'Nơi nhận' in such a table ends the body for what follows
    as it does on a line of its own (a decision's signature, then the header repeated over the plan it issues)."""
    out: list[Block] = []
    for block in blocks:
        if block.is_table and header_row(block.rows) is None:
            lines = [line for row in block.rows for cell in row for line in cell.split("\n")]
            out += [Block(text=p) for p in join_hard_wraps(lines)]
        else:
            out.append(block)
    return out


def _unnumbered_labels(flat: list[Item]) -> None:
    """'Sở Tài chính:' on a line of its own, followed by dashes: a heading without a number (it adds no clause)."""
    for item, following in zip(flat, flat[1:]):
        if (item.marker is None and not item.rows and item.text.endswith(":") and len(item.text.split()) <= 15
                and following.marker is not None and following.marker.kind == "bullet"):
            item.marker = Marker("label", following.marker.depth - 0.5, "", item.text)


def _place(flat: list[Item]) -> list[Item]:
    stack: list[Item] = []
    for i, item in enumerate(flat):
        item.index = i
        if item.marker is None:
            while stack and stack[-1].marker is not None and stack[-1].marker.kind == "bullet":
                stack.pop()
            item.depth = (stack[-1].depth if stack else 0) + 0.5
        else:
            item.depth = item.marker.depth
            while stack and stack[-1].depth >= item.depth:
                stack.pop()
        item.ancestors = [s for s in stack]
        item.parent = stack[-1] if stack else None
        item.clause = ".".join(_labels(stack + ([item] if item.marker is not None else [])))
        if item.marker is not None:
            stack.append(item)
    for item, following in zip(flat, flat[1:] + [None]):
        if item.marker is None or following is None:
            continue
        deeper = following.depth > item.depth and (following.marker is not None or item.marker.kind != "bullet")
        item.heading = deeper and (_is_heading_text(item) or item.marker.kind in ("roman", "part", "annex", "article")
                                   and following.marker is not None)
    # a paragraph under a bullet that is no heading is that bullet's continuation, not its child
    for item in flat:
        item.ancestors = [a for a in item.ancestors if a.heading]
    return flat


def _labels(chain: list[Item]) -> list[str]:
    """The clause parts of a chain of marks. A decimal mark ('1.3.') carries its parents' numbers: under 'II.' it is
    II.1.3 whether or not a '1.' heads it, and 'a)' under it is II.1.3.a — the '1.' above it adds nothing."""
    last_decimal = max((i for i, s in enumerate(chain) if s.marker and s.marker.kind == "decimal"), default=-1)
    return [label for i, s in enumerate(chain)
            if not (i < last_decimal and s.marker and s.marker.kind in ("arabic", "decimal"))
            for label in [_label(s)] if label]


def _label(item: Item) -> str | None:
    if item.marker is not None and item.marker.kind == "decimal":
        return item.marker.label
    return clause_label(item.marker) if item.marker is not None else None
