"""The numbering marks of Vietnamese administrative documents and their depth.

Convention (Nghị định 30/2020/NĐ-CP, Phụ lục I and common practice): Phần / Chương > Điều or Roman I., II. >
1., 2. > 1.1., 1.2. > a), b) > (1), (2) > dashes - > pluses +. Bullets carry no number of their own, so a
requirement under "III.1" bullets keeps the clause "III.1".
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_ROMAN = r"(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})"
_PATTERNS = (
    ("part", 0, re.compile(r"^(?P<label>(?:PHẦN|Phần|CHƯƠNG|Chương)\s+(?:[Tt]hứ\s+|THỨ\s+)?[\wÀ-ỹ]+)\s*[.:\-–]?\s*"
                           r"(?P<rest>.*)$")),
    ("annex", 1, re.compile(r"^(?P<label>(?:PHỤ LỤC|Phụ lục)(?:\s+(?:số\s+)?[IVX\d]+[a-z]?)?)\s*[.:\-–]?\s*(?P<rest>.*)$")),
    ("article", 1, re.compile(r"^(?P<label>(?:Điều|ĐIỀU)\s+\d+)\s*[.:]\s*(?P<rest>.*)$")),
    ("roman", 1, re.compile(rf"^(?P<label>{_ROMAN})\s*[.:/)]\s*(?P<rest>\S.*)$")),
    ("decimal", 3, re.compile(r"^(?P<label>\d{1,2}(?:\.\d{1,2}){1,3})\.?\s+(?P<rest>\S.*)$")),
    ("arabic", 2, re.compile(r"^(?P<label>\d{1,3})\s*[.)/]\s*(?P<rest>\S.*)$")),
    ("letter", 4, re.compile(r"^(?P<label>[a-zđ])\s*[)/.]\s+(?P<rest>\S.*)$")),
    ("paren", 5, re.compile(r"^\((?P<label>\d{1,2}|[a-zđ])\)\s*(?P<rest>\S.*)$")),
    ("bullet", 6, re.compile(r"^(?P<label>[-–—•·▪◦])\s*(?P<rest>\S.*)$")),
    ("bullet", 7, re.compile(r"^(?P<label>[+*])\s*(?P<rest>\S.*)$")),
)


@dataclass(frozen=True)
class Marker:
    kind: str   # part | annex | article | roman | decimal | arabic | letter | paren | bullet | label
    depth: int  # smaller is higher in the tree
    label: str  # 'III', '1', 'a', 'Điều 3', '-' …
    rest: str   # the text after the mark


def parse_marker(line: str) -> Marker | None:
    """The numbering mark a paragraph starts with, or None. A date such as '12/2020' is not a mark."""
    for kind, depth, pattern in _PATTERNS:
        match = pattern.match(line)
        if not match or not match.group("label"):
            continue
        rest = match.group("rest")
        if kind in ("arabic", "decimal", "roman") and re.match(r"^\d", rest):  # '30/10/2010', 'III/2026', '1.000'
            continue
        if kind == "roman" and not re.fullmatch(_ROMAN, match.group("label")):
            continue
        if kind == "letter" and line[1] == "." and not rest[:1].isupper():  # 'a. b' is prose, 'a. Sở…' a mark
            continue
        label = match.group("label")
        if kind == "article":
            label = "Điều " + label.split()[-1]
        return Marker(kind, depth, label, rest.strip())
    return None


# 'Phần thứ hai' is 'Phần II': a plan's text cites its parts by Roman number ('mục 2 Phần II').
_ORDINALS = {"nhat": "I", "hai": "II", "ba": "III", "tu": "IV", "nam": "V", "sau": "VI", "bay": "VII", "tam": "VIII"}


def part_number(label: str) -> str | None:
    """'Phần II', 'PHẦN THỨ HAI', 'Phần 2' → 'II'; a chapter ('Chương …') or a word no part is numbered by → None."""
    from .text import fold  # text imports this module for its marks
    words = fold(label).split()
    if words[0] != "phan":
        return None
    number = words[-1]
    if re.fullmatch(_ROMAN, number.upper()) and number:
        return number.upper()
    if number.isdigit() and 0 < int(number) < 9:
        return ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")[int(number) - 1]
    return _ORDINALS.get(number)


def clause_label(marker: Marker) -> str | None:
    """The part a mark adds to a clause ('III', '1', 'a', 'Điều 3', 'Phần II' → 'II'); bullets add nothing."""
    if marker.kind == "part":
        return part_number(marker.label)
    if marker.kind in ("bullet", "label"):
        return None
    if marker.kind == "decimal":
        return marker.label.split(".")[-1]
    if marker.kind == "annex":  # 'Phụ lục' → 'PL', 'Phụ lục II' → 'PLII'
        number = marker.label.split()[-1]
        return "PL" if number.lower() == "lục" else f"PL{number}"
    return marker.label
