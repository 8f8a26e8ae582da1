"""The consolidated report Thanh tra tỉnh sends to the UBND, drafted from the data (Word, Decree 30/2020 format)."""
from __future__ import annotations

import io
from datetime import date

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt, RGBColor

from tracking.analysis.progress import area_progress, level_progress
from tracking.domain.periods import quarter_label
from tracking.errors import TrackingError
from tracking.exports import summary
from tracking.exports.docx_format import (
    CELL_MARGINS_CM, TEXT_WIDTH_CM, borderless_table, data_table, para, rule, setup_page, setup_styles, text_cm,
)
from tracking.labels import (
    Seat, deadline_words, district_kinds, fmt_date as dmy, inspectorate, level_label, province_words, reading_footnote,
    seat_of,
)

CENTER = WD_ALIGN_PARAGRAPH.CENTER
NUMBER = "Số:        /BC-TTr"
SIGNER = "CHÁNH THANH TRA"
COUNT_HEADS = ["Tổng số", "Đúng hạn", "Trễ hạn", "Quá hạn", "Chưa đến hạn", "Chưa có hạn", "Hoàn thành (%)"]
COUNT_WIDTHS = [1.45, 1.45, 1.3, 1.3, 1.45, 1.45, 1.5]  # each its longest bold word at 13 pt, as LibreOffice lays it out
HEADER_WIDTHS = (6.0, 10.5)  # the issuing body's column at least, the motto's
MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
SLACK_CM = 0.15  # between a measured line and the room it is given: the layout rounds (Hà Nội's header fits with 0.49)


ENGLISH_REFUSED = ("Báo cáo Word gửi UBND {kind} chỉ có bản tiếng Việt (văn bản hành chính theo Nghị định "
                   "30/2020/NĐ-CP); hãy xuất với tiếng Việt. The Word report to the {seat} People's Committee "
                   "exists in Vietnamese only: export it in Vietnamese.")  # a city's words for a city's plan


def consolidated_report(data, issued_on: date | None = None, lang: str = "vi") -> bytes:
    """The .docx bytes: header, title, results per area, units behind schedule, proposals, recipients.

    The place-and-date line is the day the draft is issued (today unless given); the status date is in the title.
    An administrative document has no official English form: asking for one is refused, never silently ignored."""
    if lang != "vi":
        seat = seat_of(data.plan.get("issuer"), data.units)
        raise TrackingError(ENGLISH_REFUSED.format(kind=seat.kind, seat="city" if seat.city else "provincial"))
    doc = docx.Document()
    setup_styles(doc)
    setup_page(doc)
    snap = data.snapshot
    _header(doc, data, issued_on or date.today())
    _title(doc, data)
    if data.is_demo:
        p = para(doc, "Lưu ý: số liệu trong dự thảo này là dữ liệu minh họa, không phải số liệu thực tế.",
                 italic=True, size=13, align=CENTER)
        p.runs[0].font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    para(doc, _opening(data))
    _results(doc, data, snap)
    _behind_schedule(doc, data, snap)
    _proposals(doc, data)
    _reading_note(doc, data)
    para(doc, f"Trên đây là báo cáo kết quả thực hiện {_plan_title(data)} tính đến ngày {dmy(data.as_of)} "
              f"của {_inspectorate(data)}./.")
    _signature(doc, _recipients(data))
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def long_vi_date(day: date) -> str:
    """'ngày 05 tháng 3 năm 2011': Decree 30/2020 pads days below 10 and only the months 1 and 2 with a zero."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def _inspectorate(data) -> str:
    """'Thanh tra tỉnh', or 'Thanh tra thành phố' for a centrally-run city (tracking.labels.inspectorate)."""
    return inspectorate(data.plan.get("issuer"))


def _recipients(data) -> tuple[str, ...]:
    """'Nơi nhận': the province's (or city's) People's Committee, its departments, the local committees (by the
    kinds of district the province has: 'quận, huyện, thị xã' in Hà Nội; communes on today's two-level map)."""
    kind = province_words(data.plan.get("issuer"))[0]
    local = f"- UBND các {district_kinds(data.units)};" if _has_districts(data) else "- UBND các xã, phường;"
    return (f"- UBND {kind} (b/c);", f"- Các sở, ban, ngành {kind};", local, "- Lưu: VT, TTr.")


def _has_districts(data) -> bool:
    """Three-level map; on today's map (since 1/7/2025) communes sit directly under the province."""
    return bool((data.units["level"] == "district").any())


def _header(doc, data, issued_on: date) -> None:
    kind, place = province_words(data.plan.get("issuer"))
    committee, body = f"UBND {kind.upper()} {place.upper()}", _inspectorate(data).upper()
    widths = _header_widths(committee, body)
    table = borderless_table(doc, list(widths))
    left, right = table.rows[0].cells
    if text_cm(committee, 13) + CELL_MARGINS_CM + SLACK_CM > widths[0]:  # the place's name whole on a line of its own
        committee = f"UBND {kind.upper()}\n{place.upper()}"
    para(left, committee, size=13, align=CENTER, space_after=0)
    para(left, body, bold=True, size=13, align=CENTER, space_after=0)
    rule(left, 2.0, widths[0])
    para(left, NUMBER, size=13, align=CENTER, space_after=0)
    para(right, MOTTO, bold=True, size=13, align=CENTER, space_after=0)
    para(right, "Độc lập - Tự do - Hạnh phúc", bold=True, size=14, align=CENTER, space_after=0)
    rule(right, 6.2, widths[1])
    para(right, f"{place}, {long_vi_date(issued_on)}", italic=True, size=14, align=CENTER, space_after=0)


def _header_widths(committee: str, body: str) -> tuple[float, float]:
    """The issuing body's column as wide as its names need on one line each ('UBND THÀNH PHỐ HÀ NỘI' and 'THANH
    TRA THÀNH PHỐ' broke at 6 cm, leaving 'NỘI' and 'PHỐ' alone), but never so wide that the motto wraps (a
    longer name then breaks before the place: tracking.exports.docx_report._header)."""
    need = max(text_cm(committee, 13), text_cm(body, 13, bold=True)) + CELL_MARGINS_CM + SLACK_CM
    motto = text_cm(MOTTO, 13, bold=True) + CELL_MARGINS_CM + SLACK_CM
    left = min(max(HEADER_WIDTHS[0], need), TEXT_WIDTH_CM - motto)
    return round(left, 2), round(TEXT_WIDTH_CM - left, 2)


def _plan_title(data) -> str:
    title = data.plan["title"]
    return title[0].lower() + title[1:]


def _title(doc, data) -> None:
    para(doc, "BÁO CÁO", bold=True, align=CENTER, space_after=0).paragraph_format.space_before = Pt(18)
    para(doc, f"Kết quả thực hiện {_plan_title(data)} trên địa bàn {' '.join(province_words(data.plan.get('issuer')))}",
         bold=True, align=CENTER,
         space_after=0)
    para(doc, f"(Tình hình đến ngày {dmy(data.as_of)})", bold=True, align=CENTER, space_after=0)
    rule(doc, 4.0, TEXT_WIDTH_CM)


def _opening(data) -> str:
    basis = f" (triển khai {data.plan['legal_basis']})" if data.plan.get("legal_basis") else ""
    local = (f"Ủy ban nhân dân các {district_kinds(data.units)} và các xã, phường, thị trấn" if _has_districts(data)
             else "Ủy ban nhân dân các xã, phường")
    kind = province_words(data.plan.get("issuer"))[0]
    return (f"Thực hiện {data.plan['title']} của {data.plan['issuer']}{basis}, {_inspectorate(data)} tổng hợp kết "
            f"quả thực hiện của các sở, ban, ngành {kind}, {local} tính đến ngày {dmy(data.as_of)} như sau:")


def _count_cells(row) -> list:
    return [int(row["total"]), int(row["done_on_time"]), int(row["done_late"]), int(row["overdue"]),
            int(row["open"]), int(row["no_deadline"]), f"{row['percent_done']:.1f}".replace(".", ",")]


def _caption(doc, text: str) -> None:
    para(doc, text, italic=True, align=CENTER, space_after=3).paragraph_format.keep_with_next = True


def _pct(value: float) -> str:
    return f"{value:.1f}%".replace(".", ",")


def _results(doc, data, snap) -> None:
    para(doc, "I. KẾT QUẢ THỰC HIỆN", bold=True, indent=False)
    para(doc, "1. Tình hình chung", bold=True, indent=False)
    t = summary.totals(snap)
    para(doc, f"Kế hoạch có {snap['requirement_code'].nunique()} nhiệm vụ giao cho {snap['unit_code'].nunique()} "
              f"đơn vị, gồm {t.total} mốc phải thực hiện (kể cả các kỳ báo cáo quý). Tính đến ngày "
              f"{dmy(data.as_of)}, đã hoàn thành {t.done} mốc ({_pct(t.percent_done)}), trong đó đúng hạn "
              f"{t.done_on_time} mốc, trễ hạn {t.done_late} mốc; quá hạn chưa hoàn thành {t.overdue} mốc; "
              f"chưa đến hạn {t.open} mốc; chưa có hạn {t.no_deadline} mốc.")
    areas = area_progress(snap, data.areas, data.as_of)
    _caption(doc, "Bảng 1. Kết quả theo lĩnh vực")
    # The plan's words ("trước ngày 30/10/2010"); the note at the end says how on-time is counted.
    rows = [[i, a["name"], a["deadline_as_written"] if isinstance(a.get("deadline_as_written"), str)
             else dmy(a["deadline"]) or "-", *_count_cells(a)]
            for i, a in enumerate(areas.to_dict("records"), 1)]
    total_row = {"total": t.total, "done_on_time": t.done_on_time, "done_late": t.done_late,
                 "overdue": t.overdue, "open": t.open,
                 "no_deadline": t.no_deadline, "percent_done": t.percent_done}
    rows.append(["", "Tổng cộng", "", *_count_cells(total_row)])
    data_table(doc, ["STT", "Lĩnh vực", "Hạn", *COUNT_HEADS], rows,
               [1.3, 2.9, 2.4, *COUNT_WIDTHS], numeric={0, 2, 3, 4, 5, 6, 7, 8, 9}, bold_last=True)
    levels = level_progress(snap)
    _caption(doc, "Bảng 2. Kết quả theo cấp đơn vị")
    two_level, seat = not _has_districts(data), seat_of(data.plan.get("issuer"), data.units)
    rows = [[i, level_label(lv["unit_level"], two_level=two_level, seat=seat), *_count_cells(lv)]
            for i, lv in enumerate(levels.to_dict("records"), 1)]
    data_table(doc, ["STT", "Cấp", *COUNT_HEADS], rows, [1.3, 5.3, *COUNT_WIDTHS],
               numeric={0, 2, 3, 4, 5, 6, 7, 8})
    for number, area in enumerate(areas.to_dict("records"), start=2):
        _area_section(doc, number, area, snap[snap["area"] == area["code"]], two_level, seat)


def _area_section(doc, number: int, area: dict, snap, two_level: bool, seat: Seat) -> None:
    words = deadline_words(area["deadline"], "plan", area.get("deadline_as_written"), area.get("deadline_named"),
                           area.get("deadline_qualifier"))
    deadline = f" (hạn: {words}, mục {area['clause']})" if area["deadline"] else ""
    para(doc, f"{number}. {area['name']}{deadline}", bold=True, indent=False).paragraph_format.keep_with_next = True
    t = summary.totals(snap)
    para(doc, f"Có {t.total} mốc; đã hoàn thành {t.done} ({_pct(t.percent_done)}), trong đó đúng hạn "
              f"{t.done_on_time}, trễ hạn {t.done_late}; quá hạn {t.overdue}; chưa đến hạn {t.open}; chưa có hạn {t.no_deadline}.")
    levels = level_progress(snap)
    if len(levels) > 1:
        rows = [[level_label(lv["unit_level"], two_level=two_level, seat=seat), *_count_cells(lv)]
                for lv in levels.to_dict("records")]
        data_table(doc, ["Cấp", *COUNT_HEADS], rows, [6.6, *COUNT_WIDTHS],
                   numeric={1, 2, 3, 4, 5, 6, 7})


def _behind_schedule(doc, data, snap) -> None:
    para(doc, "II. CÁC ĐƠN VỊ CHẬM TIẾN ĐỘ", bold=True, indent=False)
    late = summary.overdue_requirements(snap, "vi")
    if late.empty:
        para(doc, f"Tính đến ngày {dmy(data.as_of)}, không có nhiệm vụ nào quá hạn mà chưa hoàn thành.")
        return
    units = snap.loc[snap["status"] == "overdue", "unit_code"].nunique()
    para(doc, f"Tính đến ngày {dmy(data.as_of)}, còn {int(late['count'].sum())} mốc của {units} đơn vị "
              "quá hạn mà chưa hoàn thành, cụ thể:")
    rows = []
    for i, row in enumerate(late.to_dict("records"), 1):
        task = row["requirement_title"].rstrip(".")
        if row["period"]:
            task += f" ({quarter_label(row['period'])})"
        rows.append([i, task, f"{row['deadline_text']}\n{row['deadline_source']}", row["units"], row["count"]])
    _caption(doc, "Bảng 3. Nhiệm vụ quá hạn và đơn vị chưa hoàn thành")
    data_table(doc, ["STT", "Nhiệm vụ", "Hạn", "Đơn vị chưa hoàn thành", "Số đơn vị"], rows,
               [1.3, 5.4, 2.5, 5.9, 1.4], numeric={0, 2, 4})


def _reading_note(doc, data) -> None:
    """The rule the "đúng hạn / quá hạn" figures follow, so a reader can check any of them against the plan."""
    note = para(doc, "Ghi chú: thời hạn ghi theo đúng chữ của Kế hoạch. " + reading_footnote(getattr(data, "deadline_reading", None)),
                italic=True, size=13)
    note.runs[0].font.color.rgb = RGBColor(0x59, 0x59, 0x59)


def _proposals(doc, data) -> None:
    para(doc, "III. ĐỀ XUẤT, KIẾN NGHỊ", bold=True, indent=False)
    note = para(doc, f"(Phần này do {_inspectorate(data)} soạn thảo: nêu nguyên nhân chậm tiến độ, khó khăn, vướng mắc "
                     f"và đề xuất, kiến nghị với Ủy ban nhân dân {province_words(data.plan.get('issuer'))[0]}.)",
                italic=True)
    note.runs[0].font.color.rgb = RGBColor(0x59, 0x59, 0x59)
    for number in (1, 2, 3):
        para(doc, f"{number}. …")


def _signature(doc, recipients: tuple[str, ...]) -> None:
    table = borderless_table(doc, [8.0, 8.5])
    left, right = table.rows[0].cells
    para(left, "Nơi nhận:", bold=True, italic=True, size=12, align=WD_ALIGN_PARAGRAPH.LEFT, space_after=0)
    for line in recipients:
        para(left, line, size=11, align=WD_ALIGN_PARAGRAPH.LEFT, space_after=0)
    para(right, SIGNER, bold=True, align=CENTER, space_after=0)
    for _ in range(4):
        para(right, "", align=CENTER, space_after=0)
    para(right, "……………………", bold=True, align=CENTER, space_after=0)
    left.paragraphs[0].paragraph_format.left_indent = Cm(0)
