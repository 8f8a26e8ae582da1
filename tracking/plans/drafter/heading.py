"""The document's heading: issuer, number ('1026/KH-UBND'), date of issue, title, legal basis ('Căn cứ …').

Read from the lines before the first section (and from the header table Word documents put them in); the issuer
may also be read from the opening sentence '…, Ủy ban nhân dân tỉnh X xây dựng Kế hoạch …'.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from .reading import Block
from .text import fold, sentence_case
from .units import UnitIndex

_NUMBER = re.compile(r"^(?:so|số)\s*:?\s*(?P<n>\d+[\w/.\-]*/[\w.\-]+)", re.IGNORECASE)
_ISSUED = re.compile(r"ngay\s+(?P<d>\d{1,2})\s+thang\s+(?P<m>\d{1,2})\s+nam\s+(?P<y>\d{4})")
_ISSUERS = re.compile(r"^(?:uy ban nhan dan|ubnd|hoi dong nhan dan|chinh phu|thu tuong chinh phu|bo |so |ban |van phong )")
_DOC_TYPES = re.compile(r"^(?:ke hoach|quyet dinh|chi thi|chuong trinh|de an|cong van|thong bao)\b")
_NATIONAL_MOTTO = re.compile(r"^(?:cong hoa xa hoi chu nghia viet nam|doc lap)")
_PLACE = re.compile(r"^(tinh|thanh pho|huyen|xa|phuong|thi xa|quan)\s+(.+)$")
_BASIS_ISSUER = re.compile(r"[,;]\s*(?P<issuer>[^,;]{3,90}?)\s+(?:xay dung|ban hanh|trien khai)\s+(?:ke hoach|chuong trinh)")
_IMPLEMENTING = re.compile(r"^thuc hien\s+(?:chi thi|ke hoach|nghi quyet|quyet dinh|cong van|thong bao|luat|chuong trinh)")
NATIONAL_ISSUERS = {"chinh phu": "Chính phủ", "thu tuong chinh phu": "Thủ tướng Chính phủ",
                    "van phong chinh phu": "Văn phòng Chính phủ"}
# 'CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH X' above the articles of a decision: who signs, not part of the title
_AUTHORITY = re.compile(r"^(?:chu tich|bo truong|thu truong|giam doc|tong giam doc|chanh)\b")
_SECTION = re.compile(r"^(?:[ivx]+\s*[.:/)]|dieu\s+\d|phan\s+|chuong\s+)")


@dataclass
class Heading:
    issuer: str = ""
    number: str = ""
    issued_on: date | None = None
    title: str = ""
    legal_basis: str = ""
    review: list[dict] = field(default_factory=list)


def _proper(caps: str) -> str:
    """'ỦY BAN NHÂN DÂN TỈNH SÓC TRĂNG' → 'Ủy ban nhân dân tỉnh Sóc Trăng' (place names keep capitals)."""
    text = sentence_case(caps)
    text = re.sub(r"\b(?:ubnd|hđnd|đbqh)\b", lambda m: m.group().upper(), text, flags=re.IGNORECASE)
    words = text.split()
    folded = fold(text).split()
    for i, w in enumerate(folded):
        if w in ("tinh", "huyen", "xa", "phuong", "quan") or (w == "pho" and i and folded[i - 1] == "thanh"):
            rest = words[i + 1:]
            if rest and fold(" ".join(rest)) not in ("",):
                return " ".join(words[:i + 1] + [x[:1].upper() + x[1:] for x in rest])
    return text


def read_heading(blocks: list[Block], index: UnitIndex) -> Heading:
    lines: list[str] = []
    for block in blocks:
        texts = [line for row in block.rows for cell in row for line in cell.split("\n") if line.strip()] \
            if block.is_table else [block.text]
        ended = next((i for i, text in enumerate(texts) if _SECTION.match(fold(text))), None)
        lines += texts[:ended]
        if ended is not None:  # the heading ends where the first section starts, in a table or not
            break
    lines = [part for line in lines for part in _side_by_side(line)]
    heading = Heading()
    issuer_lines: list[str] = []
    title_lines: list[str] = []
    basis: list[str] = []
    for line in lines:
        folded = fold(line).strip()
        if _NATIONAL_MOTTO.match(folded) or not folded:
            continue
        number = _NUMBER.match(line.strip())
        if number and not heading.number:
            heading.number = number.group("n").rstrip(".,")
            continue
        issued = _ISSUED.search(folded)
        if issued and not heading.issued_on and not folded.startswith("can cu") and len(folded) < 80:
            try:
                heading.issued_on = date(int(issued["y"]), int(issued["m"]), int(issued["d"]))
            except ValueError:
                heading.review.append({"field": "issued_on", "reason": f"ngày ban hành '{line}' không có thật"})
            continue
        caps = line.isupper()
        if _IMPLEMENTING.match(folded) and _names_the_plan(title_lines, line):
            title_lines.append(line.strip())  # 'KẾ HOẠCH' / 'Thực hiện Chỉ thị số 12/CT-TTg …': the plan's name
        elif folded.startswith("can cu") or _IMPLEMENTING.match(folded):
            basis.append(line)
        elif caps and not title_lines and _ISSUERS.match(folded):
            issuer_lines = [line.strip()]  # 'UBND TỈNH X' over 'SỞ NỘI VỤ': the lower line is the issuer
        elif caps and not title_lines and issuer_lines and _PLACE.match(folded):
            issuer_lines.append(line.strip())
        elif _DOC_TYPES.match(folded) and (caps or not title_lines) and not title_lines:
            title_lines.append(line.strip())
        elif caps and (_ISSUERS.match(folded) or _DOC_TYPES.match(folded) or _AUTHORITY.match(folded)) \
                or folded.startswith(("theo de nghi", "xet de nghi")):
            continue  # 'THỦ TƯỚNG CHÍNH PHỦ' / 'QUYẾT ĐỊNH:' repeated before the articles
        elif title_lines and len(title_lines) < 4 and (caps or folded.startswith(("ve viec", "v/v"))
                                                       or (len(title_lines) == 1 and _DOC_TYPES.fullmatch(fold(title_lines[0]).strip()))):
            title_lines.append(line.strip())
    if issuer_lines:
        joined = " ".join(issuer_lines)
        heading.issuer = NATIONAL_ISSUERS.get(fold(joined)) or _known_name(_proper(joined), index)
    if title_lines:
        heading.title = " ".join([sentence_case(title_lines[0])] + [_lower_first(sentence_case(t)) for t in title_lines[1:]])
    heading.legal_basis = "; ".join(_basis(b) for b in basis)
    if not heading.issuer:
        for b in basis:
            m = _BASIS_ISSUER.search(fold(b))
            if m:
                heading.issuer = _known_name(b[m.start("issuer"):m.end("issuer")], index)
                break
    for key, what in (("issuer", "cơ quan ban hành"), ("number", "số văn bản (dạng 'Số: 123/KH-UBND')"),
                      ("issued_on", "ngày ban hành (dạng 'ngày 15 tháng 7 năm 2025')"), ("title", "tên văn bản")):
        if not getattr(heading, key):
            heading.review.append({"field": key, "reason": f"Không tìm thấy {what} trong văn bản — điền tay"})
    return heading


_MOTTO_IN_LINE = re.compile(r"\s(?=cong hoa xa hoi chu nghia viet nam|doc lap\s*[-–]\s*tu do)")


def _side_by_side(line: str) -> list[str]:
    """A line of the two-column header as a PDF's text layer may give it — 'ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA
    VIỆT NAM', 'Số: 07/KH-UBND Sóc Trăng, ngày 15 tháng 01 năm 2013' — as the lines of its two columns."""
    folded = fold(line)
    motto = _MOTTO_IN_LINE.search(folded)
    if motto:
        return [line[:motto.start()].strip(), line[motto.end():].strip()]
    number = _NUMBER.match(line.strip())
    if number:
        start = len(line) - len(line.lstrip())
        rest = line[start + number.end():].strip()
        if _ISSUED.search(fold(rest)):
            return [line[:start + number.end()].strip(), rest]
    return [line]


def _names_the_plan(title_lines: list[str], line: str) -> bool:
    """A 'Thực hiện Chỉ thị …' line right under a lone 'KẾ HOẠCH' is the plan's name (a plan implementing an act is
    titled so); the opening sentence 'Thực hiện Chỉ thị …, Ủy ban nhân dân tỉnh ban hành Kế hoạch …:' is its basis."""
    return (len(title_lines) == 1 and bool(_DOC_TYPES.fullmatch(fold(title_lines[0]).strip()))
            and not line.rstrip().endswith((":", ";", ",")) and not _BASIS_ISSUER.search(fold(line)))


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _known_name(name: str, index: UnitIndex) -> str:
    """The unit list's spelling when the issuer is a listed unit."""
    mentions = index.mentions(name)
    if len(mentions) == 1 and mentions[0].code and mentions[0].end - mentions[0].start == len(name):
        unit = index.units[mentions[0].code]
        if unit.level in ("district", "commune") and _COMMITTEE.match(fold(name)):
            return name  # 'Ủy ban nhân dân xã Long Điền' issues the plan; 'Xã Long Điền' is the place
        return unit.name
    return name


_COMMITTEE = re.compile(r"^(?:uy ban nhan dan|ubnd)\s")


def _basis(line: str) -> str:
    """'Căn cứ Quyết định số 858/QĐ-TTg, ngày 14/6/2010 của Thủ tướng Chính phủ, UBND tỉnh … xây dựng …' → the act."""
    text = re.sub(r"^\s*(?:căn cứ|thực hiện)\s+", "", line, flags=re.IGNORECASE).rstrip(" ;.,")
    m = _BASIS_ISSUER.search(fold(text))
    if m:
        text = text[:m.start()]
    return text.rstrip(" ;.,")
