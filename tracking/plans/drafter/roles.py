"""Who does a task: the lead ('chủ trì', the subject of the sentence, 'giao X'), the coordinating units
('phối hợp với …'), the addressees of a request ('Đề nghị …'), and the passive subject ('X được trang bị …')
that names whom the task is for but not who does it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .text import fold
from .units import Mention, UnitIndex

_PREFIX = re.compile(r"^\s*(?:(?:o|doi voi|tai|ve)\s+cap\s+(?:tinh|huyen|xa|trung uong|co so)\s*[:,]\s*"
                     r"|(?:trach nhiem|nhiem vu)\s+(?:cua\s+)?(?=[a-z])"  # 'Trách nhiệm của Sở Nội vụ'
                     # a time before the subject: 'Hằng năm, Sở Khoa học và Công nghệ tổ chức …'
                     r"|(?:dinh ky\s+)?(?:hang|moi)\s+(?:nam|quy|thang|tuan)\s*,\s*|dinh ky\s+(?:06|6|sau)\s+thang\s*,\s*)")

# What may stand between the units of one list: separators, and the titles of their heads ('Giám đốc Sở Y tế').
_LINK = re.compile(r"^(?:\s*(?:,|;|&|va|cung|cac|voi|giam doc|thu truong|chu tich|chanh|truong ban|bo truong"
                   r"|cuc truong|tong giam doc)\s*|\s+)*$")
_PASSIVE_AFTER = re.compile(r"^\s*(?:duoc|bi|la|se duoc|phai duoc|co(?!\s+(?:trach nhiem|y kien|van ban|ke hoach)))\b")
# 'Các sở, ban, ngành tỉnh có người có thẩm quyền xử phạt … cử công chức tham gia …', 'UBND các xã có đồng bào dân tộc
# thiểu số tổ chức …': after a collective, 'có' restricts it to the members that have something, and a verb of work
# follows in the same clause. (After one named unit 'có' states what it has: 'Trụ sở … có con dấu riêng'.)
_RESTRICTED = re.compile(r"^\s*(?P<has>co(?!\s+(?:trach nhiem|y kien|van ban|ke hoach|lien quan))\s+[^;.:]{3,80}?)\s+"
                         r"(?:cu|to chuc|thuc hien|xay dung|trien khai|bo tri|lap|ra soat|bao cao|tham gia|chu dong"
                         r"|phoi hop|chi dao|ban hanh|tuyen truyen|huong dan|kiem tra|cap nhat|dang ky|gui)\b")
_REQUEST = re.compile(r"^\s*de nghi\b(?:\s+cac\s+(?:co quan|don vi|to chuc))?\s*:?")
_GIVE = re.compile(r"\b(?:giao|giao cho)\s+$")
_LEAD_AFTER = re.compile(r"^\s*(?:\(|,)?\s*(?:chu tri|(?:la|lam)\s+(?:co quan\s+|don vi\s+)?(?:chu tri|thuong truc|dau moi))")
_LEAD_LABEL = re.compile(r"(?:(?:co quan|don vi|co quan, don vi)\s+)?(?:chu tri|thuc hien)\s*:\s*")
_COORD_LABEL = re.compile(r"(?:(?:co quan|don vi|co quan, don vi)\s+)?phoi hop\s*:\s*")
_COORD_AFTER = re.compile(r"^\s*(?:cung\s+)?phoi hop(?!\s+(?:chat che\s+)?voi)")
_COORD = re.compile(r"phoi hop(?:\s+chat che)?\s+(?:voi\s+)?")
_GENERIC = re.compile(r"(?:cac|nhung)\s+(?:co quan|don vi|so|nganh|to chuc|dia phuong)[^.;]*?(?:lien quan|co lien quan)")


@dataclass
class Roles:
    lead: list[Mention] = field(default_factory=list)          # who leads (one unit, or collectives → self)
    addressees: list[Mention] = field(default_factory=list)    # who it applies to, when not the lead (passive, request)
    coordinating: list[Mention] = field(default_factory=list)
    coordinating_generic: list[str] = field(default_factory=list)  # 'các cơ quan liên quan': no unit to name
    kind: str = "assignment"
    passive: bool = False
    restricted: str = ""    # 'Các sở, ban, ngành tỉnh có người có thẩm quyền … cử …': only the members that have it

    @property
    def empty(self) -> bool:
        return not (self.lead or self.addressees)


def _run(mentions: list[Mention], folded: str, start: int) -> list[Mention]:
    """The mentions that follow `start` joined only by commas, 'và', 'các' — a list of units."""
    out: list[Mention] = []
    pos = start
    for m in mentions:
        if m.start < pos:
            continue
        if not _LINK.match(folded[pos:m.start]):
            break
        out.append(m)
        pos = m.end
    return out


def read_roles(text: str, index: UnitIndex) -> Roles:
    folded = fold(text)
    roles = Roles()
    mentions = index.mentions(text)
    begin = _PREFIX.match(folded)
    start = begin.end() if begin else 0
    request = _REQUEST.match(folded[start:])
    if request:
        roles.kind = "request"
        roles.addressees = _run(mentions, folded, start + request.end())
    else:
        subject = _run(mentions, folded, start)
        asks = _REQUEST.match(folded[subject[-1].end:]) if subject else None
        if asks:  # 'UBND tỉnh đề nghị Ủy ban MTTQ tỉnh …': the issuer asks, the named bodies are requested
            roles.kind = "request"
            roles.addressees = _run(mentions, folded, subject[-1].end + asks.end())
        elif subject:
            after = folded[subject[-1].end:]
            restricted = _RESTRICTED.match(after) if all(m.collective for m in subject) else None
            if restricted:  # the collective that has something does the work: lead, and a question on who is in it
                roles.lead = subject
                roles.restricted = text[subject[0].start:subject[-1].end + restricted.end("has")].strip()
            elif _PASSIVE_AFTER.match(after) and not _LEAD_AFTER.match(after):
                roles.addressees, roles.passive = subject, True
            else:
                roles.lead = subject
    for m in mentions:  # 'giao Thanh tra tỉnh …', 'do Sở Nội vụ chủ trì', 'Sở Y tế (chủ trì)'
        if m in roles.lead or m in roles.addressees:
            continue
        if _GIVE.search(folded[max(0, m.start - 12):m.start]) or _LEAD_AFTER.match(folded[m.end:]):
            if not any(c.start <= m.start < c.end for c in roles.coordinating):
                roles.lead = [m]
                break
    for match in _LEAD_LABEL.finditer(folded):  # 'Cơ quan chủ trì: Sở Nội vụ'
        run = _run(mentions, folded, match.end())
        if run:
            roles.lead = run
    for match in _COORD_LABEL.finditer(folded):  # 'Cơ quan phối hợp: Văn phòng UBND tỉnh, các sở, ban, ngành'
        run = _run(mentions, folded, match.end())
        roles.coordinating += [m for m in run if m not in roles.coordinating]
        generic = _GENERIC.match(folded, match.end()) if not run else None
        if generic:
            roles.coordinating_generic.append(text[generic.start():generic.end()])
    for match in _COORD.finditer(folded):
        run = _run(mentions, folded, match.end())
        roles.coordinating += [m for m in run if m not in roles.lead and m not in roles.coordinating]
        if not run:
            generic = _GENERIC.match(folded, match.end())
            if generic:
                roles.coordinating_generic.append(text[generic.start():generic.end()])
    for m in mentions:  # '(Sở Tư pháp chủ trì, Sở Nội vụ phối hợp)'
        if (m not in roles.lead and m not in roles.coordinating and m not in roles.addressees
                and _COORD_AFTER.match(folded[m.end:])):
            roles.coordinating.append(m)
    if roles.lead and any(m in roles.coordinating for m in roles.lead):
        roles.lead = [m for m in roles.lead if m not in roles.coordinating]
    return roles


# 'Các cơ sở giáo dục nghề nghiệp tổ chức …': a plural subject the unit list cannot name, up to the verb it does.
_UNNAMED_SUBJECT = re.compile(
    r"^(?:cac|nhung)\s+(?:[^\s,;:.()]+\s+){1,8}?(?=(?:to chuc|thuc hien|xay dung|trien khai|chu dong|co trach nhiem"
    r"|chiu trach nhiem|ra soat|bo tri|tham muu|phoi hop|chu tri|bao cao|cap nhat|huong dan|kiem tra|dam bao|bao dam"
    r"|tang cuong|quan ly|tuyen truyen|chi dao|lap|ban hanh|hoan thanh)\b)")


# 'Tổ công nghệ số cộng đồng ở các ấp hướng dẫn …', 'Trưởng các ấp: Phối hợp …': a team or an office-holder the unit
# list has no entry for ('Tổ chức …', 'Ban hành …' are verbs, not such a subject).
_BODY = r"(?:to(?!\s+chuc\b)|doi|nhom|hoi dong|truong|hieu truong|chu tich|thu truong|nguoi dung dau|can bo|cong chuc)"
_UNNAMED_BODY = re.compile(rf"^{_BODY}\s+(?:[^\s,;:.()]+\s+){{0,8}}?(?=(?:to chuc|thuc hien|xay dung|trien khai|chu dong"
                           rf"|ra soat|bo tri|tham muu|phoi hop|chu tri|bao cao|cap nhat|huong dan|kiem tra|tuyen truyen"
                           rf"|van dong|lap|ho tro|theo doi)\b)")
_UNNAMED_LABEL = re.compile(rf"^(?:{_BODY}|(?:cac|nhung)\s+(?:co quan|don vi|co so|truong|phong|ban|to|doi|nhom|ap|khu pho"
                            rf"|thon|hoi|doanh nghiep|to chuc))\s[^:;,.()]{{0,50}}(?=:\s)")


def unnamed_subject(text: str) -> str | None:
    """The words of a subject that names no listed unit ('Các cơ sở giáo dục nghề nghiệp', 'Tổ công nghệ số cộng
    đồng ở các ấp', 'Trưởng các ấp:'), or None."""
    folded = fold(text)
    match = _UNNAMED_LABEL.match(folded) or _UNNAMED_SUBJECT.match(folded) or _UNNAMED_BODY.match(folded)
    return text[:match.end()].strip() if match and text[:1].isupper() else None


def is_unit_heading(text: str, index: UnitIndex) -> bool:
    """A heading that is only unit names ('1. Văn phòng UBND tỉnh', '5. Các Sở, Ban ngành; UBND các huyện'), or the
    bodies it asks ('5. Đề nghị Ủy ban nhân dân các xã, phường, đặc khu:')."""
    stripped = text.rstrip(" :.")
    folded = fold(stripped)
    begin = _PREFIX.match(folded)
    start = begin.end() if begin else 0
    request = _REQUEST.match(folded[start:])
    start += len(request.group()) if request else 0
    start += len(folded[start:]) - len(folded[start:].lstrip())
    mentions = index.mentions(stripped)
    run = _run(mentions, folded, start)
    return bool(run) and _LINK.match(folded[run[-1].end:] + " ") is not None and run[0].start == start
