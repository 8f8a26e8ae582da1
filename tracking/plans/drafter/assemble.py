"""From tasks to the draft plan tree: the keys of the plan file plus, per requirement, where each value came from
(`*_as_written`, `source`) and what a person must settle (`review`, reasons in Vietnamese). Nothing is guessed:
a field the text does not give stays empty and is flagged.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

from .deadlines import Deadline, undated_time
from .heading import Heading
from .recurrence import period_of, recurring_time
from .references import references
from .roles import unnamed_subject
from .tasks import Segmented, Task
from .text import fold
from .units import Mention, UnitIndex

LEVEL_NAMES = {"province": "cấp tỉnh", "department": "cấp sở, ngành", "district": "cấp huyện", "commune": "cấp xã"}
GROUP_NAMES = {"sbn": "các sở, ban, ngành", "office": "trụ sở tiếp công dân", "requested": "cơ quan được đề nghị"}


def _flag(review: list[dict], field: str, reason: str) -> None:
    entry = {"field": field, "reason": reason}
    if entry not in review:
        review.append(entry)


def _applies(mentions: list[Mention], review: list[dict], index: UnitIndex, field: str) -> dict:
    levels, groups, units = [], [], []
    for m in mentions:
        levels += [x for x in m.levels if x not in levels]
        groups += [x for x in m.groups if x not in groups]
        if m.code and m.code not in units:
            units.append(m.code)
        if m.note:
            _flag(review, field, m.note)
    for level in levels:
        if index.units and level not in index.levels:
            _flag(review, "applies_to", f"Danh sách đơn vị không có đơn vị {LEVEL_NAMES[level]} — kiểm tra đối tượng áp dụng")
    for group in groups:
        if index.units and group not in index.groups:
            _flag(review, "applies_to", f"Danh sách đơn vị không có nhóm '{GROUP_NAMES[group]}' (group: {group}) — "
                                        f"kiểm tra đối tượng áp dụng")
    out: dict = {}
    if levels:
        out["levels"] = levels
    if groups:
        out["groups"] = groups
    if units:
        out["units"] = units
    return out


def _cross_references(task: Task, clauses: set[str], review: list[dict]) -> None:
    for ref in references(task.title):
        if ref.clause in clauses or any(c.startswith(ref.clause + ".") for c in clauses):
            _flag(review, "title", f"Dẫn chiếu '{ref.written}' (mục {ref.clause} của bản nháp): bản nháp không chép lại "
                                   f"các việc ở đó — kiểm tra để không theo dõi hai lần")
        else:
            _flag(review, "title", f"Dẫn chiếu '{ref.written}': không thấy mục {ref.clause} trong bản nháp — kiểm tra "
                                   f"việc được giao ở đó")


def _requirement(task: Task, code: str, index: UnitIndex, general_time: str | None, clauses: set[str],
                 issued_on: date | None) -> dict:
    review: list[dict] = []
    roles = task.roles
    lead_from = roles.lead
    if not lead_from and not roles.addressees and task.inherited is not None:
        lead_from = task.inherited.lead
        roles.addressees = task.inherited.addressees
        roles.kind = task.inherited.kind if roles.kind == "assignment" else roles.kind
        if not roles.coordinating:
            roles.coordinating = list(task.inherited.coordinating)
    lead = ""
    lead_written = [m.text for m in lead_from]
    applies_to: dict = {}
    if roles.kind == "request":
        # The bodies requested are outside the committee's command; the committee's own unit they are asked to
        # work with ('phối hợp với Thanh tra tỉnh') is the one that follows the request up.
        applies_to = _applies(roles.addressees, review, index, "applies_to")
        own = [m for m in roles.coordinating if m.code and index.units[m.code].group != "requested"]
        if own:
            lead, lead_written = own[0].code, [own[0].text]
            roles.coordinating = [m for m in roles.coordinating if m is not own[0]]
            _flag(review, "lead", f"Việc 'đề nghị' cơ quan không trực thuộc: đơn vị theo dõi lấy từ 'phối hợp với "
                                  f"{own[0].text}' — kiểm tra")
        else:
            lead, lead_written = ("self" if applies_to else ""), [m.text for m in roles.addressees]
            _flag(review, "lead", "Việc 'đề nghị' cơ quan không trực thuộc: chọn đơn vị theo dõi (mặc định mỗi cơ "
                                  "quan được đề nghị tự thực hiện)")
    elif lead_from:
        applies_to = _applies(lead_from, review, index, "lead")
        named = [m for m in lead_from if m.code]
        if len(lead_from) == 1 and named and not lead_from[0].collective:
            lead = named[0].code
        elif applies_to and all(m.code or m.collective for m in lead_from):
            lead = "self"
    elif roles.passive:
        applies_to = _applies(roles.addressees, review, index, "applies_to")
        _flag(review, "lead", "Câu bị động: văn bản nêu việc cho ai nhưng không nêu ai thực hiện — chọn đơn vị chủ trì")
    if not lead and not roles.passive and roles.kind != "request":
        if lead_from and any(not m.code and not m.collective for m in lead_from):
            if not any(entry["field"] == "lead" for entry in review):  # the mention's own note says which name
                _flag(review, "lead", "Đơn vị chủ trì không có trong danh sách đơn vị — chọn đơn vị")
        elif not lead_from and (task.unnamed or unnamed_subject(task.title)):
            lead_written = [task.unnamed or unnamed_subject(task.title)]
            _flag(review, "lead", f"'{lead_written[0]}' không có trong danh sách đơn vị — chọn đơn vị hoặc cấp")
        else:
            _flag(review, "lead", "Văn bản không nêu đơn vị chủ trì — chọn đơn vị")
    if roles.restricted:
        _flag(review, "applies_to", f"'{roles.restricted} …': chỉ các đơn vị có điều kiện văn bản nêu — chọn đơn vị "
                                    f"áp dụng")
    if task.lead_cell and not lead_from:
        _flag(review, "lead", f"Cột chủ trì '{task.lead_cell}' không khớp đơn vị nào — chọn đơn vị")
    if not applies_to:
        _flag(review, "applies_to", "Chưa xác định được đơn vị phải thực hiện — chọn đơn vị hoặc cấp")
    coordinating = []
    for m in roles.coordinating:
        if m.code and m.code not in coordinating and m.code != lead:
            coordinating.append(m.code)
        if m.note:
            _flag(review, "coordinating", m.note)
        if m.collective:
            _flag(review, "coordinating", f"'{m.text}' là một nhóm đơn vị — tệp kế hoạch chỉ ghi đơn vị phối hợp cụ thể")
    for generic in roles.coordinating_generic:
        _flag(review, "coordinating", f"'{generic}' không nêu đơn vị cụ thể — chọn đơn vị phối hợp nếu cần")

    req: dict = {"code": code, "clause": task.clause, "area": task.area_clause or "khac", "title": task.title}
    req["kind"] = roles.kind
    req["lead"] = lead
    req["lead_as_written"] = lead_written or ([task.lead_cell] if task.lead_cell else [])
    req["coordinating"] = coordinating
    req["coordinating_as_written"] = [m.text for m in roles.coordinating] + roles.coordinating_generic
    req["applies_to"] = applies_to
    _cross_references(task, clauses, review)
    _deadline(req, task, review, general_time, issued_on)
    req["source"] = task.source
    req["review"] = review
    return req


def _deadline(req: dict, task: Task, review: list[dict], general_time: str | None, issued_on: date | None) -> None:
    found = [d for d in task.deadlines if not (task.reporting and d.day is None and d.qualifier not in ("ongoing", "event"))]
    if task.reporting:
        rec: dict = {"every": task.reporting.every, "as_written": task.reporting.as_written}
        # dates written for a reporting duty are its due dates ('6 tháng (trước ngày 15/6/2026)'), not one deadline
        due = task.reporting.due_as_written or "; ".join(d.as_written for d in found if d.qualifier not in ("ongoing", "event"))
        if due:
            rec["due_as_written"] = due
        req["recurrence"] = rec
        _flag(review, "recurrence", "Văn bản không ghi các kỳ cần theo dõi — điền periods (ví dụ 2026Q1)")
        if not due:
            _flag(review, "recurrence", "Văn bản không ghi hạn nộp báo cáo mỗi kỳ — điền due_days_after_period_end")
        if task.reporting.others:
            _flag(review, "recurrence", "Văn bản ghi nhiều kỳ báo cáo: '" + "', '".join(
                (task.reporting.as_written, *task.reporting.others)) + "' — chọn kỳ theo dõi hoặc tách việc")
        if task.reporting.every != "quarter":
            _flag(review, "recurrence", "Tệp kế hoạch hiện chỉ theo dõi kỳ quý: chọn cách theo dõi cho kỳ này")
        found = []  # the period and its due dates are the whole timing of a reporting duty
    dated = [d for d in found if d.day]
    distinct = sorted({(d.day, d.qualifier) for d in dated})
    if len(distinct) > 1:
        _flag(review, "deadline", "Nhiều mốc thời gian trong một việc: " + "; ".join(f"'{d.as_written}'" for d in dated)
              + " — tách việc hoặc chọn một hạn")
        req["deadline_as_written"] = "; ".join(d.as_written for d in dated)
        return
    chosen: Deadline | None = dated[0] if dated else (found[0] if found else None)
    if chosen is None:
        repeats = period_of(task.time_cell) if task.time_cell else None
        recurring = None if task.time_cell or task.reporting else recurring_time(task.title)
        if repeats and task.reporting:
            pass  # a report row's time column gives its period ('Định kỳ hằng quý'): the recurrence holds it
        elif repeats or recurring:
            phrase = task.time_cell or recurring
            what = ("hạn mỗi kỳ không gắn với năm nào" if re.search(r"ngay\s+\d", fold(phrase))  # 'trước ngày 31/12 hằng năm'
                    else "văn bản không nêu ngày hoàn thành")
            _flag(review, "deadline", f"'{phrase}': việc lặp lại theo kỳ, {what} — chọn hạn hoặc tách việc theo "
                                      f"từng kỳ")
        elif task.time_cell:
            req["deadline_as_written"] = task.time_cell
            _flag(review, "deadline", f"Không đọc được thời hạn '{task.time_cell}' — điền ngày")
        elif not task.reporting and undated_time(task.title):
            _flag(review, "deadline", f"'{undated_time(task.title)}' không nêu ngày hoàn thành — điền ngày")
        elif not task.reporting:
            hint = f" (mục {general_time} ghi thời gian thực hiện chung — xem có áp dụng cho việc này)" if general_time else ""
            _flag(review, "deadline", f"Văn bản không ghi thời hạn cho việc này{hint}")
        return
    if chosen.from_issue:
        _counted_from_issue(req, task, chosen, review, issued_on)
        return
    if chosen.day:
        req["deadline"] = chosen.day
    req["deadline_qualifier"] = chosen.qualifier
    req["deadline_as_written"] = chosen.as_written
    if chosen.day:
        req["deadline_source"] = "plan"
        req["deadline_clause"] = task.deadline_clause or task.clause
    if chosen.problem:
        _flag(review, "deadline", chosen.problem)


def _counted_from_issue(req: dict, task: Task, chosen: Deadline, review: list[dict], issued_on: date | None) -> None:
    """'trong thời hạn 30 ngày kể từ ngày Kế hoạch này được ban hành': the plan names no day, but its own date and
    the period give one. A period in days starts the day after the event (Bộ luật Dân sự 2015, Điều 147), so 30 days
    from 15/3 end on 14/4; the day is marked inferred, with the count, and left for a person to confirm."""
    if issued_on is None:
        req["deadline_qualifier"], req["deadline_as_written"] = "event", chosen.as_written
        _flag(review, "deadline", f"'{chosen.as_written}': không có ngày ban hành để tính hạn — điền ngày")
        return
    day = issued_on + timedelta(days=chosen.days_after)
    req["deadline"] = day
    req["deadline_qualifier"] = "by"
    req["deadline_as_written"] = chosen.as_written
    req["deadline_source"] = "inferred"
    req["deadline_clause"] = task.deadline_clause or task.clause
    req["deadline_note"] = (f"{chosen.days_after} ngày kể từ ngày ban hành ({issued_on:%d/%m/%Y}), ngày thứ nhất là "
                            f"ngày hôm sau (Bộ luật Dân sự 2015, Điều 147)")
    _flag(review, "deadline", f"'{chosen.as_written}': hạn tính ra là {day:%d/%m/%Y} — kiểm tra cách tính")


def _codes(tasks: list[Task]) -> list[str]:
    counts: dict[str, int] = {}
    out = []
    for task in tasks:
        key = task.clause or "T"
        counts[key] = counts.get(key, 0) + 1
        out.append(f"{key}-{counts[key]}")
    return out


def assemble(heading: Heading, segmented: Segmented, index: UnitIndex) -> dict:
    review = list(heading.review)
    plan: dict = {}
    plan["code"] = (f"{heading.number.replace('/', '-')}" + (f"-{heading.issued_on.year}" if heading.issued_on else "")
                    if heading.number else "")
    if not plan["code"]:
        _flag(review, "code", "Không có số văn bản để đặt mã kế hoạch — đặt mã")
    plan["title"] = heading.title
    plan["issuer"] = heading.issuer
    plan["number"] = heading.number
    plan["issued_on"] = heading.issued_on
    plan["legal_basis"] = heading.legal_basis
    plan["province_code"] = index.province.code if index.province else ""
    if not plan["province_code"]:
        _flag(review, "province_code", "Danh sách đơn vị không cho biết tỉnh — điền mã tỉnh")
    plan["starts_on"] = heading.issued_on
    if not heading.issued_on:
        _flag(review, "starts_on", "Không có ngày ban hành để làm ngày bắt đầu theo dõi — điền ngày")
    clauses = {t.clause for t in segmented.tasks} | {t.area_clause for t in segmented.tasks}
    requirements = [_requirement(t, c, index, segmented.general_time, clauses, heading.issued_on)
                    for t, c in zip(segmented.tasks, _codes(segmented.tasks))]
    last: date | None = max((r["deadline"] for r in requirements if r.get("deadline")), default=None)
    plan["ends_on"] = None
    _flag(review, "ends_on", "Văn bản không ghi ngày kết thúc theo dõi — chọn ngày"
          + (f" (hạn muộn nhất trong văn bản: {last:%d/%m/%Y})" if last else ""))
    if not index.units:
        _flag(review, "units", "Chưa có danh sách đơn vị: không đơn vị nào được đối chiếu (dùng --units hoặc --province)")
    plan["review"] = review
    areas: dict[str, dict] = {}
    for task in segmented.tasks:
        code = task.area_clause or "khac"
        areas.setdefault(code, {"code": code, "name": task.area_name or "Khác (không thuộc mục nào)"})
    plan["areas"] = list(areas.values())
    plan["requirements"] = requirements
    return plan
