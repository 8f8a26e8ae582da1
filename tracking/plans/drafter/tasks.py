"""Task segmentation: which paragraphs give a unit something to do, cut into one task per duty.

One task per bullet or paragraph (the genre's unit of assignment); a paragraph is cut further where a sentence or
a ';'-part names a new actor ('…; giao Thanh tra tỉnh tổng hợp'), starts a reporting duty, or carries a deadline of
its own beside another one (II.4: three works, three dates). A sentence without a subject continues the actor of
the one before. A line that only gives a time ('Thời gian thực hiện: …') is the time of the item above it, and of
every task under that item when it is a heading; it is no task. Sections that state aims (Mục đích, yêu cầu, mục
tiêu, quan điểm) and boilerplate sentences ('Quyết định này có hiệu lực …', 'Trong quá trình thực hiện, nếu có
vướng mắc …') give no task.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .deadlines import Deadline, duty_basis_end, find_deadlines, labelled_time, opens_a_duty, time_value
from .recurrence import find_reporting
from .roles import Roles, is_unit_heading, read_roles, unnamed_subject
from .structure import Item
from .tables import table_tasks
from .task import Task
from .text import fold, sentence_case, sentences
from .units import UnitIndex

_NOT_TASKS = re.compile(r"^(?:muc dich|yeu cau|muc tieu|chi tieu|quan diem|can cu|co so phap ly|su can thiet|thuc trang|"
                        r"danh gia|ket qua dat duoc|tinh hinh|nguyen tac|pham vi|doi tuong)")
_BOILERPLATE = re.compile(
    r"co hieu luc|chiu trach nhiem thi hanh|ban hanh kem theo"
    r"|trong qua trinh (?:to chuc )?(?:thuc hien|trien khai)(?: thuc hien)?(?: ke hoach(?: nay)?)?,? neu co"
    r"|noi nhan|thay the (?:quyet dinh|ke hoach)|quy dinh truoc day trai"
    # the article that repeals an act ('bãi bỏ Quyết định số …'), not a task to propose repeals ('kiến nghị bãi bỏ')
    r"|(?<!nghi )(?<!xuat )bai bo (?:cac )?(?:quyet dinh|ke hoach|chi thi|van ban|cong van)\b")
_ACTION = re.compile(
    r"^(?:tiep tuc\s+|khan truong\s+|chu dong\s+|kip thoi\s+|dong thoi\s+)?(?:to chuc|xay dung|trien khai|thuc hien|ra soat"
    r"|ban hanh|thanh lap|kien toan|bo tri|cu |dau tu|huong dan|tham muu|kiem tra|theo doi|tong hop|bao cao|lap "
    r"|trinh|phoi hop|chu tri|tuyen truyen|boi duong|tap huan|dao tao|cap nhat|hoan thanh|dam bao|bao dam|tang cuong"
    r"|day manh|nang cao|tien hanh|dieu hoa|quan ly|chi dao|so ket|tong ket|de xuat|nghien cuu|danh gia|giai quyet"
    r"|xu ly|cung co|sap xep|sua doi|bo sung|chuan bi|du tru|du toan|phan bo|bo tri|giam sat|don doc|ung dung|so hoa"
    r"|cong khai|tiep nhan|tiep cong dan|van hanh|nang cap|mua sam|trang bi|ho tro|rut kinh nghiem|giup|dinh ky"
    r"|thong ke|cung cap|ket noi|chuyen doi|quan triet|pho bien|dang tai|ra quyet dinh|phe duyet|lua chon|xac dinh)")
# 'a) Nội dung: Tổ chức hội nghị …' beside 'b) Cơ quan chủ trì: …': the field that states the work itself
_CLOSING = re.compile(r"^tren day la\s+(?:ke hoach|noi dung|chuong trinh)")
_CONTENT = re.compile(r"^noi dung(?:\s+(?:thuc hien|cong viec|nhiem vu))?\s*:\s*")
_DEDICATED_TIME = re.compile(r"^(?:thoi gian|tien do|thoi han)\s+(?:thuc hien|hoan thanh)")
# 'Thời gian thực hiện các nhiệm vụ tại mục này:' — a label for a time and nothing else on its line
_TIME_LINE = re.compile(r"^(?:thoi gian|thoi han|tien do)\b[^:;.]{0,60}:\s*")


@dataclass
class Segmented:
    tasks: list[Task]
    general_time: str | None = None      # clause of a 'Thời gian thực hiện' section (a date for the whole plan)


class _Context:
    """What enclosing items hand down: a heading's actor ('3. Sở Nội vụ'), a heading's date ('… trong quý I/2026:'),
    and a numbered task's actor to the bullets under it."""

    def __init__(self):
        self.heading_roles: dict[int, Roles] = {}
        self.heading_deadlines: dict[int, tuple[Deadline, str]] = {}
        self.task_roles: dict[int, Roles] = {}
        self.time_lines: dict[int, tuple[Deadline, str]] = {}  # item → the time its own 'Thời gian …:' line gives

    def read_time_lines(self, items: list[Item], index: UnitIndex) -> set[int]:
        """'Thời gian thực hiện: hoàn thành trước ngày 15/12/2026.' on a line of its own under a numbered item: the
        time of that item — of every task under it when it is a heading — and no task itself. Their positions."""
        found = set()
        for position, item in enumerate(items):
            if item.parent is None or item.rows or (item.marker is not None and item.marker.kind != "bullet"):
                continue
            label = _TIME_LINE.match(fold(item.text))
            if not label or index.mentions(item.text):
                continue
            deadline = time_value(item.text[label.end():])
            if deadline is not None:
                self.time_lines.setdefault(id(item.parent), (deadline, item.parent.clause))
                found.add(position)
        return found

    def read_heading(self, item: Item, index: UnitIndex) -> None:
        roles = read_roles(item.text, index)
        if not roles.empty or roles.coordinating:
            self.heading_roles[id(item)] = roles
        dated = [d for d in find_deadlines(item.text) if d.day]
        if id(item) in self.time_lines:
            self.heading_deadlines[id(item)] = self.time_lines[id(item)]
        elif len({d.day for d in dated}) == 1 and not _DEDICATED_TIME.match(fold(item.text)):
            self.heading_deadlines[id(item)] = (dated[0], item.clause)

    def roles_for(self, item: Item) -> Roles | None:
        inherited = next((self.heading_roles[id(a)] for a in reversed(item.ancestors) if id(a) in self.heading_roles),
                         None)
        if inherited is None and item.parent is not None:
            inherited = self.task_roles.get(id(item.parent))  # '- …' under '2. Sở Tài chính bố trí …'
        return inherited

    def date_tasks(self, item: Item, found: list[Task]) -> None:
        governing = self.time_lines.get(id(item)) or next(
            (self.heading_deadlines[id(a)] for a in reversed(item.ancestors) if id(a) in self.heading_deadlines), None)
        for task in found:
            if governing and not task.deadlines and not task.reporting:
                task.deadlines, task.deadline_clause = [governing[0]], governing[1]
        if found and (_actor(found[0].roles) or found[0].inherited):
            self.task_roles[id(item)] = found[0].roles if _actor(found[0].roles) else found[0].inherited


def segment(items: list[Item], index: UnitIndex) -> Segmented:
    tasks: list[Task] = []
    general_time = None
    context = _Context()
    first_section = next((i for i, item in enumerate(items) if item.marker is not None), len(items))
    consumed: set[int] = context.read_time_lines(items, index)
    for position, item in enumerate(items):
        if position in consumed:
            continue
        if position < first_section and not item.rows or (fold(item.text).startswith("can cu")
                                                           and not opens_a_duty(fold(item.text))):
            continue  # the document's heading and legal basis (heading.py reads them)
        if item.marker is None and _CLOSING.match(fold(item.text)):
            continue  # 'Trên đây là Kế hoạch …. Yêu cầu các cơ quan, đơn vị nghiêm túc triển khai thực hiện./.'

        names = [fold(a.text) for a in item.ancestors]
        if any(_NOT_TASKS.match(n) for n in names) or (item.heading and _NOT_TASKS.match(fold(item.text))):
            continue
        area_clause, area_name = _area(item, index)
        fields = _field_lines(items, position)
        if fields:  # '1. Tổ chức hội nghị' / '- Cơ quan chủ trì: Sở Nội vụ.' / '- Thời gian: Tháng 02/2026.'
            consumed.update(range(position + 1, position + 1 + len(fields)))
            tasks.append(_field_task(item, fields, index, area_clause, area_name, context.roles_for(item)))
        elif item.heading:
            if _DEDICATED_TIME.match(fold(item.text)):
                general_time = item.clause
            context.read_heading(item, index)
            if item.text.rstrip().endswith("."):  # '2. Sở Tài chính bố trí kinh phí.' heads items and is a task
                found = _paragraph_tasks(item, index, area_clause, area_name, context.roles_for(item))
                context.date_tasks(item, found)
                tasks += found
        elif item.rows:
            tasks += table_tasks(item, index, area_clause, area_name)
        else:
            request = _request_after_list(item, index)
            if request is not None:  # 'Đề nghị Ủy ban MTTQ tỉnh …' after '5. UBND các xã: a) … b) …'
                tasks += _paragraph_tasks(request, index, area_clause, area_name, None)
                continue
            found = _paragraph_tasks(item, index, area_clause, area_name, context.roles_for(item))
            context.date_tasks(item, found)
            tasks += found
    return Segmented(tasks, general_time)


def _request_after_list(item: Item, index: UnitIndex) -> Item | None:
    """An unnumbered 'Đề nghị …' paragraph after the items of a section asks a body outside the administration: it is
    no part of the last item (nor of the unit that heads it), but a paragraph of the section — the nearest enclosing
    heading that is not a unit's name. The item placed there, or None when the paragraph is something else."""
    if item.marker is not None or item.parent is None or not _REQUEST_START.match(fold(item.text)):
        return None
    # neither a unit's name nor an item that is a sentence ('b) Kiểm tra việc thực hiện.' only looks like a heading)
    sections = [a for a in item.ancestors
                if not is_unit_heading(a.text, index) and not a.text.rstrip().endswith((".", ";"))]
    if not sections or sections[-1] is item.parent:
        return None
    section = sections[-1]
    return replace(item, clause=section.clause, parent=section, ancestors=sections)


_REQUEST_START = re.compile(r"^de nghi\b")


_FIELD = re.compile(r"^(?:(?:co quan|don vi|co quan, don vi)\s+)?(?:chu tri|phoi hop|thuc hien)\s*:"
                    r"|^(?:thoi gian|thoi han|tien do)(?:\s+(?:thuc hien|hoan thanh))?\s*:"
                    r"|^(?:san pham|ket qua(?: dau ra)?|kinh phi|nguon kinh phi|du kien kinh phi)\s*:|" + _CONTENT.pattern)


def _field_lines(items: list[Item], position: int) -> list[Item]:
    """The lines under a task that only label its fields (chủ trì, phối hợp, thời gian, sản phẩm), or []."""
    item = items[position]
    if item.rows or not item.marker:
        return []
    children = []
    for following in items[position + 1:]:
        if following.rows or following.depth <= item.depth:
            break
        children.append(following)
    if children and all(_FIELD.match(fold(c.text)) for c in children):
        return children
    return []


def _field_task(item: Item, fields: list[Item], index: UnitIndex, area_clause: str, area_name: str,
                inherited: Roles | None) -> Task:
    """A task whose lines label its fields; a 'Nội dung: …' line, when there is one, states the work (the title)."""
    content = next((f for f in fields if _CONTENT.match(fold(f.text))), None)
    # '5. Lập hồ sơ sức khỏe điện tử …:' over its field lines: the colon introduces the fields, not the work
    title = content.text[_CONTENT.match(fold(content.text)).end():] if content else item.text.rstrip().rstrip(":")
    labelled = " ".join(f.text.rstrip(" ;.") + "." for f in fields if f is not content)
    roles = read_roles(labelled, index)
    own = read_roles(title, index)
    roles.kind = own.kind
    if own.kind == "request":
        roles.addressees = own.addressees
    if not roles.lead and not roles.addressees:
        roles.lead, roles.passive = own.lead, own.passive
    source = " ".join([item.text] + [f.text for f in fields])
    deadlines = find_deadlines(labelled) or find_deadlines(title) or find_deadlines(item.text)
    return Task(item.clause, area_clause, area_name, title, source, roles, inherited, deadlines,
                find_reporting(title), time_cell=None if deadlines else labelled_time(labelled))


def _area(item: Item, index: UnitIndex) -> tuple[str, str]:
    for ancestor in reversed(item.ancestors):
        if not is_unit_heading(ancestor.text, index):
            return ancestor.clause, sentence_case(ancestor.text.rstrip(" :."))
    return "", ""


def _actor(roles: Roles) -> bool:
    return bool(roles.lead) or roles.kind == "request"


def _paragraph_tasks(item: Item, index: UnitIndex, area_clause: str, area_name: str, inherited: Roles | None):
    groups: list[list[tuple[int, str]]] = []   # each: the (sentence number, part) of one task
    sources: list[list[str]] = []              # each: the sentences it came from
    for number, sentence in enumerate(sentences(item.text)):
        if _BOILERPLATE.search(fold(sentence)):
            continue
        for k, part in enumerate(_parts(sentence, index)):
            roles = read_roles(part, index)
            so_far = _text(groups[-1]) if groups else ""
            new = not groups or _actor(roles) or bool(find_reporting(part) and not find_reporting(so_far))
            if not new and k > 0 and find_deadlines(part) and find_deadlines(so_far):
                new = True
            if new:
                groups.append([(number, part)])
                sources.append([sentence])
            else:
                groups[-1].append((number, part))
                if sources[-1][-1] != sentence:
                    sources[-1].append(sentence)
    tasks = []
    previous: Roles | None = None
    unnamed: str | None = None
    for parts, source in zip(groups, sources):
        title = _text(parts)
        roles = read_roles(title, index)
        if not _actor(roles) and not roles.passive and previous is not None and _actor(previous):
            roles.lead, roles.kind = previous.lead, previous.kind  # the subject of the sentence before carries on
            roles.addressees = roles.addressees or previous.addressees
        if _actor(roles) or roles.passive:
            unnamed = None
        else:  # 'Trưởng các ấp: Phối hợp …; báo cáo …': the unlisted subject carries on too
            unnamed = unnamed_subject(title) or unnamed
        if not (_actor(roles) or roles.passive or inherited or _ACTION.match(_strip_prefix(fold(title)))
                or find_deadlines(title) or unnamed):
            continue  # a statement, not a duty: no one named, no action, no time
        reporting = find_reporting(title) or (find_reporting(" ".join(source)) if "bao cao" in fold(title) else None)
        deadlines = find_deadlines(title)
        tasks.append(Task(item.clause, area_clause, area_name, _without_fields(title), " ".join(source), roles, inherited,
                          deadlines, reporting, time_cell=None if deadlines else labelled_time(title), unnamed=unnamed))
        previous = roles
    if len(tasks) > 1:  # '…, chủ động tổ chức thực hiện các nhiệm vụ tại Kế hoạch này; báo cáo … trước ngày 30/11'
        tasks = [t for t in tasks if t.deadlines or t.reporting or not _only_carries_out_the_plan(t)] or tasks
    return tasks


# the duty every unit has under the closing section: to carry out the tasks the plan gave it above
_CARRY_OUT_THE_PLAN = re.compile(
    r"(?:chu dong\s+)?(?:to chuc\s+)?(?:trien khai\s+)?(?:thuc hien|trien khai)\s+(?:tot\s+)?(?:cac|nhung)\s+"
    r"(?:noi dung,?\s+)?nhiem vu(?:,?\s+(?:giai phap|noi dung))?(?:\s+(?:duoc giao|co lien quan|lien quan))?\s+"
    r"(?:tai|trong|cua|theo|neu tai|de ra tai)\s+ke hoach(?: nay)?\s*[.;]?\s*$")


def _only_carries_out_the_plan(task: Task) -> bool:
    """A sentence whose whole work, after its subject and 'căn cứ chức năng, nhiệm vụ được giao,', is to carry out
    the plan's tasks: it repeats section III for the units it names. Beside a duty of their own (a report) it is no
    requirement; alone it stays, as the only thing the paragraph gives those units."""
    folded = fold(task.title)
    rest = folded[task.roles.lead[-1].end:] if task.roles.lead else folded
    rest = rest.lstrip(" ,:")
    rest = rest[duty_basis_end(rest):].lstrip(" ,")
    return bool(_CARRY_OUT_THE_PLAN.fullmatch(rest))


# '… (Cơ quan chủ trì: Sở Y tế; cơ quan phối hợp: …; thời gian: Quý III/2027).': the task's field list in brackets
_BRACKETED_FIELDS = re.compile(r"\s*\((?:(?:co quan|don vi|co quan, don vi)\s+)?(?:chu tri|thuc hien)\s*:[^()]*\)\s*[.;]?\s*$")


def _without_fields(title: str) -> str:
    """The work without the labelled field list it ends with (the roles and time are read from it, and kept in
    `source`); an unlabelled '(Sở Tư pháp chủ trì, …)' stays, as it reads as part of the sentence."""
    fields = _BRACKETED_FIELDS.search(fold(title))
    return title[:fields.start()].rstrip(" ,;") if fields and fields.start() > 0 else title


def _text(parts: list[tuple[int, str]]) -> str:
    """Parts of one sentence joined by '; ', sentences by a space: the words as the document has them."""
    out = ""
    for i, (number, part) in enumerate(parts):
        if i == 0:
            out = part
        elif parts[i - 1][0] == number:
            out = f"{out.rstrip(' ;')}; {part}"
        else:
            out = f"{out} {part}"
    return out


def _strip_prefix(folded: str) -> str:
    return re.sub(r"^(?:(?:o|doi voi|tai)\s+cap\s+\w+\s*:\s*)", "", folded)


def _parts(sentence: str, index: UnitIndex) -> list[str]:
    """';'-parts that must stand alone: a new actor, or one dated work beside another."""
    raw = [p.strip() for p in sentence.split(";") if p.strip()]
    if len(raw) == 1:
        return raw
    dated = [bool([d for d in find_deadlines(p) if d.day]) for p in raw]
    out: list[list[str]] = []
    for k, part in enumerate(raw):
        # a report is a duty of its own beside other work ('Bố trí nhân lực …; báo cáo … hằng năm'), but the report of
        # the unit that follows the plan up ('… là cơ quan thường trực, theo dõi, đôn đốc …; định kỳ … báo cáo') is the
        # product of that follow-up: one task
        reports = (bool(find_reporting(part)) and not any(find_reporting(p) for p in raw[:k])
                   and not _FOLLOW_UP.search(fold(" ".join(raw[:k]))))
        if k == 0 or _actor(read_roles(part, index)) or (sum(dated) > 1 and dated[k - 1]) or reports:
            out.append([part])
        else:
            out[-1].append(part)
    return [_join(p) for p in out]


_FOLLOW_UP = re.compile(r"\b(?:thuong truc|dau moi|theo doi|don doc)\b")


def _join(parts: list[str]) -> str:
    return "; ".join(p.rstrip(" ;") for p in parts)


__all__ = ["Segmented", "Task", "segment"]
