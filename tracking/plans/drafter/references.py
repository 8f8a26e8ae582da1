"""Cross-references inside a plan: 'thực hiện các nhiệm vụ tại mục 2 Phần II', 'điểm b khoản 1 Mục III'.

A task that points at another section repeats, for its unit, the work written there; the drafter does not copy that
work (it could not tell which part the unit shares), it names the section the reference resolves to so the reviewer
can check the work is tracked once. A reference to another act ('… tại Điều 5 Nghị định số …') is not one of these.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .numbering import part_number
from .text import fold

_REFERENCE = re.compile(
    r"(?<!\w)(?:(?:diem|tiet)\s+(?P<letter>[a-zđ])\s+)?(?:(?:khoan|tieu muc|muc)\s+(?P<number>\d{1,2}(?:\.\d{1,2})*)\s+)?"
    r"(?:(?P<part>phan\s+(?:thu\s+)?\w+)|muc\s+(?P<roman>[ivx]+))(?!\w)")
# the referring words before ('tại', 'theo', 'ở', 'nêu tại'), and what would make it another act's section
_CUE = re.compile(r"(?:tai|theo|o|nhu)\s+$")
_OTHER_ACT = re.compile(r"^\s*(?:cua\s+)?(?:luat|nghi dinh|nghi quyet|quyet dinh|chi thi|thong tu|cong van|ke hoach so"
                        r"|ke hoach\s+\d|chuong trinh so|de an so)")


@dataclass(frozen=True)
class Reference:
    written: str   # as the text has it: 'điểm b mục 2 Phần II'
    clause: str    # the clause it names in the draft's numbering: 'II.2.b'


def references(text: str) -> list[Reference]:
    folded = fold(text)
    out = []
    for m in _REFERENCE.finditer(folded):
        if not _CUE.search(folded[max(0, m.start() - 10):m.start()]) or _OTHER_ACT.match(folded[m.end():]):
            continue
        top = part_number(text[m.start("part"):m.end("part")]) if m.group("part") else m.group("roman").upper()
        if not top:
            continue
        parts = [top] + (m.group("number").split(".") if m.group("number") else [])
        if m.group("letter"):
            parts.append(m.group("letter"))
        out.append(Reference(text[m.start():m.end()], ".".join(parts)))
    return out
