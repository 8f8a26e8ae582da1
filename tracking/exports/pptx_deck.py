"""The meeting deck (16:9): title, key messages, key figures, the dashboard charts laid out for the slide, and in an
appendix the overdue units per area."""
from __future__ import annotations

import io
from functools import lru_cache

import pandas as pd

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from tracking.analysis.progress import area_progress
from tracking.charts.fit import text_width
from tracking.charts.slide import PICTURE_HEIGHT_PT, PICTURE_WIDTH_PT
from tracking.charts.palette import STATUS_COLORS, STATUSES, TEXT_ON, status_label
from tracking.exports import summary
from tracking.exports.glossary import glossary_rows
from tracking.labels import (
    deadline_words, fmt_date, fmt_percent, inspectorate, inspectorate_of, pick, place_name, reading_footnote, seat_of,
)

WIDTH, HEIGHT = Emu(12192000), Emu(6858000)  # 13.33 × 7.5 in: 16:9 exactly
MARGIN = Inches(0.5)
FONT = "Arial"  # LibreOffice renders it with the metric-compatible Liberation Sans: full Vietnamese coverage
INK, MUTED, ACCENT = RGBColor(0x1A, 0x1A, 0x1A), RGBColor(0x59, 0x59, 0x59), RGBColor(0x00, 0x4C, 0x8C)
TITLE_SLIDE, TITLE_ONLY = 0, 5
TABLE_TOP = Inches(1.45)  # a table under a slide's title
ROW_IN = 0.36  # a table row's least height
# STT, unit, milestones, tasks, oldest deadline and its source, days overdue: the deadline "trước ngày 30/10/2010" on
# one line.
OVERDUE_WIDTHS = [0.6, 4.0, 0.8, 3.8, 2.2, 0.9]
CONTENT_WIDTH = WIDTH - 2 * MARGIN  # every table, text and picture stays inside the same side margins
PICTURE_TOP = Inches(1.35)
UNOFFICIAL = "Unofficial translation: the Vietnamese edition is the reference"
GLOSSARY_ROWS = 13  # one-line rows that fit under a slide title at 12 pt
CARD_HEIGHT = Inches(1.45)
CARD_VALUE_PT = 32  # a key figure's number, unless the widest would not hold on one line of its card
CELL_INSET_PT = 7.2  # a text frame's (and a table cell's) default left and right inset, 0.1 in
KPI_ROW_IN = 0.3  # a one-line row of the key figures' table
LINE_SPACING = 1.2  # a line of text, in font sizes
FOOTER_SPACE = Inches(0.6)  # the foot (`_number_and_footer`, 0.45 in up) and a gap above it


def build_deck(data, charts, lang: str = "vi") -> bytes:
    """The .pptx bytes; `charts` are (title, PNG bytes) pairs in dashboard order, laid out for the picture box
    (tracking.charts.slide: PICTURE_WIDTH_PT × PICTURE_HEIGHT_PT)."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    _title_slide(prs, data, lang)
    _messages_slide(prs, data, lang)
    _kpi_slide(prs, data, lang)
    for title, png in charts:
        slide = _slide(prs, title)
        _picture(slide, png)
    _appendix_slide(prs, lang, districts=bool((data.units["level"] == "district").any()))
    _overdue_slides(prs, data, lang)
    if lang == "en":
        _glossary_slides(prs, data)
    _number_and_footer(prs, data, lang)
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()


def _style(run, size: int, *, bold=False, color=INK) -> None:
    run.font.name, run.font.size, run.font.bold = FONT, Pt(size), bold
    run.font.color.rgb = color


def _text(slide, left, top, width, height, lines, size=14, *, bold=False, color=INK, align=PP_ALIGN.LEFT):
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    for i, line in enumerate([lines] if isinstance(lines, str) else lines):
        p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        p.alignment = align
        run = p.add_run()
        run.text = line
        _style(run, size, bold=bold, color=color)
    return box


def _slide(prs, title: str):
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
    shape = slide.shapes.title
    shape.left, shape.top, shape.width, shape.height = MARGIN, Inches(0.3), WIDTH - 2 * MARGIN, Inches(0.85)
    frame = shape.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    frame.text = title
    frame.paragraphs[0].alignment = PP_ALIGN.LEFT
    _style(frame.paragraphs[0].runs[0], 26, bold=True, color=ACCENT)
    line = slide.shapes.add_connector(1, MARGIN, Inches(1.2), WIDTH - MARGIN, Inches(1.2))
    line.line.color.rgb, line.line.width = ACCENT, Pt(1.5)
    return slide


def _title_slide(prs, data, lang: str) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_SLIDE])
    title, subtitle = slide.shapes.title, slide.placeholders[1]
    title.left, title.top, title.width, title.height = Inches(0.9), Inches(1.3), WIDTH - Inches(1.8), Inches(2.4)
    title.text_frame.text = data.plan.get("title_en" if lang == "en" else "title", "")
    _style(title.text_frame.paragraphs[0].runs[0], 34, bold=True, color=ACCENT)
    subtitle.left, subtitle.top, subtitle.width, subtitle.height = Inches(0.9), Inches(4.0), WIDTH - Inches(1.8), Inches(2.4)
    lines = [
        place_name(data.plan.get("issuer"), lang),
        pick(lang, f"Tình hình đến ngày {fmt_date(data.as_of)}", f"Situation as of {fmt_date(data.as_of)}"),
        inspectorate(data.plan.get("issuer"), lang),
    ]
    notes = [pick(lang, "Dữ liệu minh họa", "Demo data (dữ liệu minh họa)")] if data.is_demo else []
    if lang == "en":
        notes.append(UNOFFICIAL)
    frame = subtitle.text_frame
    frame.text = lines[0]
    for line in lines[1:] + notes:
        frame.add_paragraph().text = line
    for i, p in enumerate(frame.paragraphs):
        _style(p.runs[0], 24 if i < 3 else 18, bold=i == 1, color=RGBColor(0xC0, 0, 0) if i >= 3 else INK)
    # How on-time is graded: a leader comparing a figure with the plan's "trước ngày X" must be able to tell.
    _text(slide, Inches(0.9), HEIGHT - Inches(1.0), WIDTH - Inches(1.8), Inches(0.6),
          pick(lang, "Thời hạn ghi theo đúng chữ của Kế hoạch. ", "Deadlines are quoted as the plan words them. ")
          + reading_footnote(getattr(data, "deadline_reading", None), lang), 12, color=MUTED)


def _messages_slide(prs, data, lang: str) -> None:
    """What a leader needs in ten seconds, in sentences generated from the figures (tracking.exports.summary)."""
    slide = _slide(prs, pick(lang, "Những điểm chính", "Key messages"))
    lines = summary.key_messages(_snapshot(data, lang), data.areas, data.as_of, lang)
    box = _text(slide, MARGIN, Inches(1.5), CONTENT_WIDTH, HEIGHT - Inches(2.2), ["• " + line for line in lines], 20)
    for p in box.text_frame.paragraphs:
        p.space_after = Pt(10)


def _appendix_slide(prs, lang: str, districts: bool = True) -> None:
    grouped_vi, grouped_en = ("theo huyện", "by district") if districts else ("thành một dòng", "in one row")
    slide = _slide(prs, pick(lang, "Phụ lục: các đơn vị quá hạn theo lĩnh vực", "Appendix: overdue units per area"))
    _text(slide, MARGIN, Inches(1.6), CONTENT_WIDTH, Inches(1),
          pick(lang, f"Các trang sau liệt kê từng đơn vị còn mốc quá hạn, theo lĩnh vực (các xã gộp {grouped_vi}).",
               f"The following slides list every unit with overdue milestones, per area (communes grouped {grouped_en})."),
          18, color=MUTED)


def _snapshot(data, lang: str):
    from tracking.charts.registry import snapshot_in  # task texts in the deck's language

    return snapshot_in(data, lang)


def _kpi_slide(prs, data, lang: str) -> None:
    slide = _slide(prs, pick(lang, "Các chỉ số chính", "Key figures"))
    t = summary.totals(data.snapshot)
    cards = [(pick(lang, "Tổng số mốc", "Milestones"), str(t.total), "#E8EDF3", INK),
             (pick(lang, "Đã hoàn thành", "Done"), fmt_percent(t.percent_done, lang, 1), "#E8EDF3", INK)]
    cards += [(status_label(s, lang), str(getattr(t, s)), STATUS_COLORS[s],
               RGBColor(0xFF, 0xFF, 0xFF) if TEXT_ON[s] == "white" else INK) for s in STATUSES]
    gap = Inches(0.2)
    width = int((WIDTH - 2 * MARGIN - gap * (len(cards) - 1)) / len(cards))
    # One size for every figure, the widest on one line: at 32 pt "64,9%" broke before its "%", and the label under it
    # ran out of the card. A rounded rectangle sets its text in from its corners too (0.29 of a radius of 1/6 of its
    # short side).
    room = 0.95 * (width / Pt(1) - 2 * CELL_INSET_PT - 2 * 0.2929 * min(width, CARD_HEIGHT) / 6 / Pt(1))
    value_pt = min(CARD_VALUE_PT, int(min(CARD_VALUE_PT * room / _width_pt(value, CARD_VALUE_PT, bold=True)
                                          for _, value, _, _ in cards)))
    for i, (label, value, fill, ink) in enumerate(cards):
        card = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, MARGIN + i * (width + gap), Inches(1.45),
                                      width, CARD_HEIGHT)
        card.fill.solid()
        card.fill.fore_color.rgb = RGBColor.from_string(fill.lstrip("#").upper())
        card.line.fill.background()
        frame = card.text_frame
        frame.word_wrap = True
        frame.text = value
        frame.add_paragraph().text = label
        _style(frame.paragraphs[0].runs[0], value_pt, bold=True, color=ink)
        _style(frame.paragraphs[1].runs[0], 14, color=ink)
    areas = area_progress(data.snapshot, data.areas, data.as_of)
    header = [pick(lang, "Lĩnh vực", "Area"), pick(lang, "Hạn", "Deadline"), pick(lang, "Tổng số", "Total"),
              *(status_label(s, lang) for s in STATUSES), pick(lang, "Hoàn thành", "Done")]
    rows = [[a["name_en" if lang == "en" else "name"],
             deadline_words(a["deadline"], "plan", a.get("deadline_as_written"), a.get("deadline_named"),
                            a.get("deadline_qualifier"), lang) if pd.notna(a["deadline"]) else "—", a["total"],
             *(a[s] for s in STATUSES), fmt_percent(a["percent_done"], lang, 1)] for a in areas.to_dict("records")]
    # The deadline column wide enough for "trước ngày 30/10/2010" on one line; rows no taller than their text, and
    # the text smaller if the table would still reach the footer (it ran over it: the rows had grown with the words).
    widths, top = [2.9, 2.0, 0.8, 1.2, 1.2, 0.9, 1.1, 1.1, 1.1], Inches(3.15)
    room = (HEIGHT - FOOTER_SPACE - top) / Inches(1)
    size = next((pt for pt in (12, 11, 10) if _table_height([header, *rows], widths, pt, KPI_ROW_IN) <= room), 9)
    _table(slide, top, header, rows, widths, size=size, row_height=Inches(KPI_ROW_IN))


def _picture(slide, png: bytes) -> None:
    """Exactly the box the figure was laid out for, so its font sizes are their size on the slide."""
    slide.shapes.add_picture(io.BytesIO(png), MARGIN, PICTURE_TOP, Pt(PICTURE_WIDTH_PT), Pt(PICTURE_HEIGHT_PT))


def _overdue_slides(prs, data, lang: str) -> None:
    late = summary.communes_by_district(summary.overdue_units(_snapshot(data, lang), data.as_of, lang=lang))
    title = pick(lang, "Phụ lục — Đơn vị quá hạn", "Appendix — Overdue units")
    if late.empty:
        slide = _slide(prs, title)
        _text(slide, MARGIN, Inches(1.6), WIDTH - 2 * MARGIN, Inches(1),
              pick(lang, f"Đến ngày {fmt_date(data.as_of)} không có đơn vị nào quá hạn.",
                   f"No unit is overdue as of {fmt_date(data.as_of)}."), 20)
        return
    header = [pick(lang, "STT", "No."), pick(lang, "Đơn vị", "Unit"), pick(lang, "Số mốc", "Items"), pick(lang, "Nhiệm vụ", "Tasks"),
              pick(lang, "Hạn sớm nhất", "Oldest deadline"), pick(lang, "Quá hạn (ngày)", "Days overdue")]
    number = 0
    for area in data.areas.to_dict("records"):
        rows = []
        for r in late[late["area"] == area["code"]].to_dict("records"):
            number += 1
            rows.append([number, r["unit_name"], r["overdue"], r["tasks"],
                         f"{r['oldest_deadline_text']}\n{r['oldest_deadline_source']}", r["days_overdue"]])
        pages = _paginate(header, rows, OVERDUE_WIDTHS)
        for page_no, page in enumerate(pages, start=1):
            suffix = f" ({page_no}/{len(pages)})" if len(pages) > 1 else ""
            name = area["name_en" if lang == "en" else "name"]
            slide = _slide(prs, f"{title} — {name}{suffix}")
            _table(slide, TABLE_TOP, header, page, OVERDUE_WIDTHS, size=12)


def _glossary_slides(prs, data) -> None:
    """English deck: the Vietnamese unit names it shows (departments, districts and the communes' districts), each
    with an unofficial English gloss (tracking.exports.glossary); the Vietnamese name stays the reference."""
    units = data.units[data.units["level"].isin(("province", "department", "district"))]
    rows = [[name, english] for name, english in glossary_rows(units["name"])]
    names = " ".join(units["name"])
    # A name too long for a chart's row is abbreviated there (tracking.charts.fit.ABBREVIATIONS): say what it means.
    rows += [[short, english] for long, short, english in (("Hội đồng nhân dân", "HĐND", "People's Council"),
                                                           ("Đại biểu Quốc hội", "ĐBQH", "National Assembly deputies"))
             if long in names]
    departments = seat_of(data.plan.get("issuer"), data.units).departments("en")  # a city's are the city's
    rows += [["Sở, ban, ngành", f"{departments[:1].upper()}{departments[1:]} and boards"], ["UBND", "People's Committee"],
             ["Xã / Phường / Thị trấn", "Commune / Ward / Township (communes keep their Vietnamese names)"]
             if (data.units["level"] == "district").any() else  # today's map: no township, special zones instead
             ["Xã / Phường / Đặc khu", "Commune / Ward / Special zone (communes keep their Vietnamese names)"]]
    pages = [rows[i:i + GLOSSARY_ROWS] for i in range(0, len(rows), GLOSSARY_ROWS)]
    for number, page in enumerate(pages, start=1):
        suffix = f" ({number}/{len(pages)})" if len(pages) > 1 else ""
        slide = _slide(prs, f"Glossary: Vietnamese unit names{suffix}")
        _table(slide, TABLE_TOP, ["Vietnamese name (reference)", "English (unofficial translation)"], page,
               [5.8, 6.2], size=12)


def _paginate(header: list[str], rows: list[list], widths_in: list[float]) -> list[list[list]]:
    """Split table rows over slides by their measured height: as many as fit between the title and the footer.
    (Counted in characters, a deadline column of 1.3 in took five lines a row: two units a slide.)"""
    room = (HEIGHT - FOOTER_SPACE - TABLE_TOP) / Inches(1) - _row_heights([header], widths_in, 12, ROW_IN)[0]
    pages, page, used = [], [], 0.0
    for row, height in zip(rows, _row_heights(rows, widths_in, 12, ROW_IN)):
        if page and used + height > room:
            pages.append(page)
            page, used = [], 0.0
        page.append(row)
        used += height
    return pages + [page] if page else pages


@lru_cache(maxsize=4)
def _arial(bold: bool):
    """Arial's metrics (Liberation Sans is metric-compatible), or None where the font is not installed."""
    from PIL import ImageFont

    try:
        return ImageFont.truetype("LiberationSans-Bold.ttf" if bold else "LiberationSans-Regular.ttf", 100)
    except OSError:
        return None


def _width_pt(text: str, size: float, bold: bool = False) -> float:
    """Width in points of `text` set in the deck's font at `size` pt (the charts' wider font where Arial's metrics
    are missing: an estimate on the safe side)."""
    font = _arial(bold)
    return font.getlength(text) * size / 100 if font is not None else text_width(text, size)


def _table_height(rows: list[list], widths_in: list[float], size: int, row_in: float) -> float:
    return sum(_row_heights(rows, widths_in, size, row_in))


def _row_heights(rows: list[list], widths_in: list[float], size: int, row_in: float) -> list[float]:
    """Each row's height in inches once its cells wrap their words; a cell's lines (a deadline, then its source)
    are paragraphs of their own."""
    widths_in = _fitted_widths(widths_in)

    def lines(text: str, width_in: float) -> int:
        room, count = (width_in - 2 * CELL_INSET_PT / 72) * 72, 0
        for paragraph in text.split("\n"):
            count, line = count + 1, ""
            for word in paragraph.split():
                if line and _width_pt(f"{line} {word}", size) > room:
                    count, line = count + 1, word
                else:
                    line = f"{line} {word}".strip()
        return count

    return [max(row_in, max(lines(str(v), w) for v, w in zip(row, widths_in)) * size * LINE_SPACING / 72 + 0.06)
            for row in rows]


def _fitted_widths(widths_in: list[float]) -> list[float]:
    fit = min(1.0, CONTENT_WIDTH / Inches(sum(widths_in)))  # never wider than the text above it
    return [w * fit for w in widths_in]


def _table(slide, top, header, rows, widths_in, size=12, row_height=Inches(ROW_IN)) -> None:
    widths_in = _fitted_widths(widths_in)
    left = int((WIDTH - Inches(sum(widths_in))) / 2)
    shape = slide.shapes.add_table(len(rows) + 1, len(header), left, top, Inches(sum(widths_in)),
                                   Inches(0.4) * (len(rows) + 1))
    table = shape.table
    for j, width in enumerate(widths_in):
        table.columns[j].width = Inches(width)
    for i, values in enumerate([header, *rows]):
        for j, value in enumerate(values):
            cell = table.cell(i, j)
            cell.text = str(value)
            cell.margin_top = cell.margin_bottom = Inches(0.03)
            for p in cell.text_frame.paragraphs:  # a deadline and its source are two lines
                p.alignment = PP_ALIGN.LEFT if isinstance(value, str) and not value[:1].isdigit() else PP_ALIGN.CENTER
                for run in p.runs:
                    _style(run, size, bold=i == 0, color=RGBColor(0xFF, 0xFF, 0xFF) if i == 0 else INK)
        table.rows[i].height = row_height


def _number_and_footer(prs, data, lang: str) -> None:
    """Every slide but the first gets 'n / N' and the as-of date, so a printed page is never orphaned."""
    total = len(prs.slides)
    footer = inspectorate_of(data.plan.get("issuer"), lang) + pick(
        lang, f" · Tình hình đến ngày {fmt_date(data.as_of)}", f" · as of {fmt_date(data.as_of)}")
    if data.is_demo:
        footer += pick(lang, " · Dữ liệu minh họa", " · Demo data")
    if lang == "en":
        footer += " · Unofficial translation"
    for number, slide in enumerate(prs.slides, start=1):
        if number == 1:
            continue
        bottom = HEIGHT - Inches(0.45)
        _text(slide, MARGIN, bottom, Inches(9), Inches(0.35), footer, 11, color=MUTED)
        _text(slide, WIDTH - MARGIN - Inches(1.5), bottom, Inches(1.5), Inches(0.35), f"{number} / {total}", 12,
              color=MUTED, align=PP_ALIGN.RIGHT)
