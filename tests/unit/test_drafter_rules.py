"""The drafter's rules one by one, each with examples of the genre: numbering, text clean-up, deadline phrases,
background dates, reporting periods, unit mentions and roles."""
from datetime import date

import pytest

from tracking.domain.plan import Unit
from tracking.plans.drafter.deadlines import cell_deadline, find_deadlines, undated_time
from tracking.plans.drafter.numbering import parse_marker
from tracking.plans.drafter.recurrence import find_reporting
from tracking.plans.drafter.roles import read_roles
from tracking.plans.drafter.text import clean_line, fold, join_hard_wraps, sentences
from tracking.plans.drafter.units import UnitIndex

UNITS = [
    Unit("94", "Ủy ban nhân dân tỉnh Sóc Trăng", "province", short_name="UBND tỉnh"),
    Unit("VPUB", "Văn phòng Ủy ban nhân dân tỉnh", "department", "94", group="sbn"),
    Unit("SNV", "Sở Nội vụ", "department", "94", group="sbn"),
    Unit("STNMT", "Sở Tài nguyên và Môi trường", "department", "94", group="sbn"),
    Unit("SLDTBXH", "Sở Lao động - Thương binh và Xã hội", "department", "94", group="sbn"),
    Unit("VPDBHD", "Văn phòng Đoàn Đại biểu Quốc hội và Hội đồng nhân dân tỉnh", "department", "94", group="requested"),
    Unit("942", "Huyện Châu Thành", "district", "94"),
    Unit("31570", "Xã Hồ Đắc Kiện", "commune", "942"),
]
INDEX = UnitIndex(UNITS)


@pytest.mark.parametrize("line, kind, label, rest", [
    ("III. PHÂN CÔNG NHIỆM VỤ", "roman", "III", "PHÂN CÔNG NHIỆM VỤ"),
    ("2. Thanh tra tỉnh", "arabic", "2", "Thanh tra tỉnh"),
    ("120. Sở Y tế", "arabic", "120", "Sở Y tế"),
    ("II/ NỘI DUNG", "roman", "II", "NỘI DUNG"),
    ("1.2. Rà soát văn bản", "decimal", "1.2", "Rà soát văn bản"),
    ("a) Chủ trì xây dựng", "letter", "a", "Chủ trì xây dựng"),
    ("- Đầu tư cơ sở vật chất", "bullet", "-", "Đầu tư cơ sở vật chất"),
    ("+ Cấp xã", "bullet", "+", "Cấp xã"),
    ("Điều 3. Chánh Văn phòng", "article", "Điều 3", "Chánh Văn phòng"),
])
def test_the_numbering_marks_of_administrative_documents_are_read(line, kind, label, rest):
    marker = parse_marker(line)
    assert (marker.kind, marker.label, marker.rest) == (kind, label, rest)


@pytest.mark.parametrize("line", ["30/10/2010 là hạn chót", "III/2026.", "1.000 cán bộ được tập huấn",
                                  "Các Sở, Ban ngành"])
def test_a_date_a_number_or_prose_is_no_numbering_mark(line):
    assert parse_marker(line) is None


def test_markup_and_stray_bars_are_removed_and_hard_wraps_are_joined():
    lines = ["| **II. NHIỆM VỤ** |", "Các sở, ban, ngành thực hiện số hóa hồ sơ, kết quả giải", "quyết thủ tục hành",
             "chính; hoàn thành trong quý III/2026.", "", "## III. TỔ CHỨC THỰC HIỆN", "**1. Sở Nội vụ**",
             "Chủ trì rà soát."]
    assert join_hard_wraps(lines) == [
        "II. NHIỆM VỤ",
        "Các sở, ban, ngành thực hiện số hóa hồ sơ, kết quả giải quyết thủ tục hành chính; hoàn thành trong quý III/2026.",
        "III. TỔ CHỨC THỰC HIỆN", "1. Sở Nội vụ", "Chủ trì rà soát."]
    assert clean_line("Đe\u0302\u0300 nghi\u0323") == "Đề nghị"  # decomposed input (NFD) becomes NFC


def test_a_line_ending_on_a_function_word_continues_and_a_preamble_line_always_opens():
    lines = ["KẾ HOẠCH", "Nâng cao chất lượng phục vụ Nhân dân",
             "Căn cứ Quyết định số 1133/QĐ-TTg ngày 15/7/2013 của", "Thủ tướng Chính phủ;",
             "Căn cứ Nghị định số", "24/2014/NĐ-CP ngày 04 tháng 4 năm 2014 của Chính phủ;"]
    assert join_hard_wraps(lines) == [
        "KẾ HOẠCH", "Nâng cao chất lượng phục vụ Nhân dân",
        "Căn cứ Quyết định số 1133/QĐ-TTg ngày 15/7/2013 của Thủ tướng Chính phủ;",
        "Căn cứ Nghị định số 24/2014/NĐ-CP ngày 04 tháng 4 năm 2014 của Chính phủ;"]


def test_fold_keeps_every_character_in_place():
    text = "Đề nghị Văn phòng UBND tỉnh"
    assert fold(text) == "de nghi van phong ubnd tinh" and len(fold(text)) == len(text)


def test_a_full_stop_in_a_document_number_ends_no_sentence():
    assert sentences("Thực hiện theo Nghị định số 13/2008/NĐ-CP. Báo cáo UBND tỉnh.") == [
        "Thực hiện theo Nghị định số 13/2008/NĐ-CP.", "Báo cáo UBND tỉnh."]


@pytest.mark.parametrize("text, day, qualifier, written", [
    ("trình UBND tỉnh trước ngày 15 tháng 12 năm 2025.", date(2025, 12, 15), "before", "trước ngày 15 tháng 12 năm 2025"),
    ("hoàn thành trước ngày 30/10/2010;", date(2010, 10, 30), "before", "trước ngày 30/10/2010"),
    ("chậm nhất ngày 20/11/2026", date(2026, 11, 20), "by", "chậm nhất ngày 20/11/2026"),
    ("chậm nhất là ngày 05-01-2027", date(2027, 1, 5), "by", "chậm nhất là ngày 05-01-2027"),
    ("thực hiện đến ngày 31/3/2026", date(2026, 3, 31), "by", "đến ngày 31/3/2026"),
    ("hoàn thành trước tháng 06/2011", date(2011, 6, 1), "before_month", "trước tháng 06/2011"),
    ("hoàn thành trong tháng 9/2026", date(2026, 9, 30), "in_month", "trong tháng 9/2026"),
    ("trình Chính phủ trong quý III/2026", date(2026, 9, 30), "in_quarter", "trong quý III/2026"),
    ("hoàn thành trong quý 1 năm 2027", date(2027, 3, 31), "in_quarter", "trong quý 1 năm 2027"),
    ("hoàn thành 6 tháng đầu năm 2026", date(2026, 6, 30), "in_half", "6 tháng đầu năm 2026"),
    ("hoàn thành 6 tháng cuối năm 2026", date(2026, 12, 31), "in_half", "6 tháng cuối năm 2026"),
    ("triển khai trong năm 2026", date(2026, 12, 31), "in_year", "trong năm 2026"),
    ("thực hiện năm 2026 và các năm tiếp theo", date(2026, 12, 31), "in_year", "năm 2026 và các năm tiếp theo"),
    ("hoàn thành trước 30/6/2026.", date(2026, 6, 30), "before", "trước 30/6/2026"),
    ("báo cáo đến hết năm 2026", date(2026, 12, 31), "in_year", "đến hết năm 2026"),
    ("hoàn thành trước năm 2027", date(2027, 1, 1), "before_month", "trước năm 2027"),
    ("thời gian thực hiện: quý I/2026.", date(2026, 3, 31), "in_quarter", "quý I/2026"),
    ("lập danh sách; hoàn thành Quý I/2027.", date(2027, 3, 31), "in_quarter", "Quý I/2027"),
    ("kiện toàn Ban Chỉ đạo, hoàn thành tháng 11/2026", date(2026, 11, 30), "in_month", "tháng 11/2026"),
    ("xây dựng cơ sở dữ liệu trong năm 2026-2027", date(2027, 12, 31), "in_year", "trong năm 2026-2027"),
    ("thời gian thực hiện: năm 2026 - 2027.", date(2027, 12, 31), "in_year", "năm 2026 - 2027"),
    ("Căn cứ chức năng, nhiệm vụ được giao, xây dựng kế hoạch và gửi về Sở Nội vụ trước ngày 30/10/2026",
     date(2026, 10, 30), "before", "trước ngày 30/10/2026"),
    ("thường xuyên kiểm tra, đôn đốc", None, "ongoing", "thường xuyên"),
    ("bố trí kinh phí theo tiến độ của dự án.", None, "event", "theo tiến độ của dự án"),
])
def test_the_deadline_phrases_of_the_genre(text, day, qualifier, written):
    (found,) = find_deadlines(text)
    assert (found.day, found.qualifier, found.as_written) == (day, qualifier, written)


@pytest.mark.parametrize("text", [
    "Căn cứ Quyết định số 12/2020/QĐ-UBND ngày 05/3/2020 của UBND tỉnh",
    "thực hiện theo Kế hoạch số 45/KH-UBND ngày 10 tháng 02 năm 2026 của UBND tỉnh",
    "theo Công văn số 1234/UBND-NC ngày 15/11/2025",
    "Nghị quyết đã được ký ngày 20/10/2025",
    "căn cứ kết quả thực hiện đến ngày 30/6/2025",
    "rà soát số liệu tính đến ngày 31/12/2025 để lập danh sách",
    "bố trí cán bộ tiếp công dân thường xuyên tại trụ sở",
    "tổng kết Chương trình giai đoạn 2021-2025 của tỉnh",
    "Căn cứ chức năng quản lý và kết quả thực hiện đến ngày 30/6/2025",
])
def test_a_date_quoted_as_background_is_never_a_deadline(text):
    assert find_deadlines(text) == []


def test_years_of_work_are_read_to_the_last_year_and_flagged():
    (found,) = find_deadlines("trong giai đoạn 2026-2030")
    assert found.day == date(2030, 12, 31) and "nhiều năm" in found.problem


def test_a_school_year_is_a_time_that_names_no_day():
    assert find_deadlines("lồng ghép vào hoạt động ngoại khóa trong năm học 2026-2027.") == []
    assert undated_time("lồng ghép vào hoạt động ngoại khóa trong năm học 2026-2027.") == "trong năm học 2026-2027"


def test_a_date_that_does_not_exist_or_has_no_year_is_flagged():
    (impossible,) = find_deadlines("trước ngày 31/02/2026")
    assert impossible.day is None and "không phải ngày có thật" in impossible.problem
    (no_year,) = find_deadlines("trước ngày 15/6")
    assert no_year.day is None and "không ghi năm" in no_year.problem


@pytest.mark.parametrize("cell, day, qualifier", [
    ("Tháng 6/2026", date(2026, 6, 30), "in_month"), ("Quý IV/2026", date(2026, 12, 31), "in_quarter"),
    ("Năm 2027", date(2027, 12, 31), "in_year"), ("30/9/2026", date(2026, 9, 30), "by"),
    ("Thường xuyên", None, "ongoing"), ("Sau khi Bộ có hướng dẫn", None, "event"),
    ("Theo Kế hoạch hỗ trợ pháp lý được phê duyệt", None, "event"), ("Năm 2026-2027", date(2027, 12, 31), "in_year"),
])
def test_a_task_tables_time_column_reads_bare_forms(cell, day, qualifier):
    found = cell_deadline(cell)
    assert (found.day, found.qualifier) == (day, qualifier)


@pytest.mark.parametrize("text, every, due", [
    ("Định kỳ hàng quý báo cáo kết quả việc thực hiện về Thanh tra tỉnh", "quarter", None),
    ("báo cáo định kỳ 6 tháng về Sở Nội vụ", "half", None),
    ("Hằng năm, báo cáo UBND tỉnh trước ngày 15/12 hằng năm", "year", "trước ngày 15/12 hằng năm"),
    ("báo cáo hằng tháng trước ngày 20 hằng tháng", "month", "trước ngày 20 hằng tháng"),
    ("Định kỳ hằng quý, báo cáo trước ngày 15 của tháng cuối quý", "quarter", "trước ngày 15 của tháng cuối quý"),
    ("Hằng năm, trước ngày 15/12, báo cáo kết quả về Công an tỉnh", "year", "trước ngày 15/12"),
    ("Định kỳ 6 tháng, báo cáo trước ngày 15/6 và 15/12", "half", "trước ngày 15/6 và 15/12"),
    ("báo cáo hằng năm trước ngày 15/12/2026", "year", None),  # a year: one deadline, not every year's due day
])
def test_the_reporting_clause_gives_the_period_and_the_due_day_when_written(text, every, due):
    found = find_reporting(text)
    assert (found.every, found.due_as_written) == (every, due)


def test_no_reporting_without_a_report():
    assert find_reporting("thường xuyên kiểm tra, đôn đốc hằng quý") is None


@pytest.mark.parametrize("written, code", [
    ("Văn phòng UBND tỉnh", "VPUB"), ("VĂN PHÒNG ỦY BAN NHÂN DÂN TỈNH", "VPUB"), ("VP UBND tỉnh", "VPUB"),
    ("Sở Tài nguyên - Môi trường", "STNMT"), ("Sở Lao động, Thương binh và Xã hội", "SLDTBXH"),
    ("Văn phòng Đoàn ĐBQH và HĐND tỉnh", "VPDBHD"), ("UBND huyện Châu Thành", "942"), ("UBND tỉnh", "94"),
    ("Sở Noi vu", "SNV"),
])
def test_units_are_found_whatever_the_accents_abbreviations_or_separators(written, code):
    (mention,) = INDEX.mentions(f"{written} chủ trì thực hiện")
    assert mention.code == code and mention.text == written


def test_a_body_of_a_listed_unit_is_read_as_that_unit_and_flagged():
    (mention,) = INDEX.mentions("Đề nghị Ban Thường trực Văn phòng Đoàn ĐBQH và HĐND tỉnh phối hợp")
    assert mention.code == "VPDBHD" and mention.text.startswith("Ban Thường trực") and "được hiểu là" in mention.note


def test_a_name_two_units_share_picks_neither_and_says_which():
    index = UnitIndex(UNITS + [Unit("31501", "Phường 1", "commune", "941"), Unit("31783", "Phường 1", "commune", "950")])
    (mention,) = index.mentions("UBND Phường 1 chủ trì")
    assert mention.code is None and "Phường 1 (31501), Phường 1 (31783)" in mention.note


@pytest.mark.parametrize("written", ["Hiệp hội Doanh nghiệp tỉnh", "Ban Tuyên giáo và Dân vận Tỉnh ủy",
                                     "Ban Tôn giáo tỉnh"])
def test_a_body_in_no_list_is_kept_whole_as_written(written):
    (mention,) = INDEX.mentions(f"Đề nghị {written} chỉ đạo thực hiện")
    assert (mention.code, mention.text) == (None, written) and "không có trong danh sách" in mention.note


def test_a_subject_no_list_names_is_quoted_not_reported_missing(tmp_path):
    from tracking.plans.drafter import draft_document
    (tmp_path / "kh.txt").write_text("II. NHIỆM VỤ\n1. Các cơ sở giáo dục nghề nghiệp tổ chức ký cam kết.\n",
                                     encoding="utf-8")
    (task,) = draft_document(tmp_path / "kh.txt", UNITS)["requirements"]
    assert task["lead"] == "" and task["lead_as_written"] == ["Các cơ sở giáo dục nghề nghiệp"]
    assert "không có trong danh sách" in next(e["reason"] for e in task["review"] if e["field"] == "lead")


def test_a_close_spelling_is_taken_and_flagged_and_an_unknown_unit_is_kept_as_written():
    (close,) = INDEX.mentions("Sở Tài nguyên và Môi trườn chủ trì")
    assert close.code == "STNMT" and close.text == "Sở Tài nguyên và Môi trườn" and "gần đúng" in close.note
    (unknown,) = INDEX.mentions("Sở Y tế chủ trì")
    assert unknown.code is None and unknown.text == "Sở Y tế" and "không có trong danh sách" in unknown.note


@pytest.mark.parametrize("written, levels, groups", [
    ("Các sở, ban, ngành", (), ("sbn",)), ("Các Sở, Ban ngành tỉnh", (), ("sbn",)), ("Các sở ngành", (), ("sbn",)),
    ("UBND các huyện, thị xã, thành phố", ("district",), ()), ("Chủ tịch UBND các huyện, thành phố", ("district",), ()),
    ("UBND các xã, phường, thị trấn", ("commune",), ()), ("UBND các xã, phường", ("commune",), ()),
    ("UBND các xã, phường, đặc khu", ("commune",), ()),
    ("Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương", ("province",), ()),
    ("Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ", (), ("sbn",)),
])
def test_collective_addressees_become_levels_or_groups(written, levels, groups):
    (mention,) = INDEX.mentions(f"{written} thực hiện")
    assert (mention.levels, mention.groups, mention.code) == (levels, groups, None)


def test_lead_coordinating_request_and_passive_are_told_apart():
    roles = read_roles("Sở Nội vụ chủ trì, phối hợp với Văn phòng UBND tỉnh và Sở Tài nguyên và Môi trường tổ chức", INDEX)
    assert [m.code for m in roles.lead] == ["SNV"] and [m.code for m in roles.coordinating] == ["VPUB", "STNMT"]
    roles = read_roles("Tổ chức tập huấn (Sở Nội vụ chủ trì, Văn phòng UBND tỉnh phối hợp)", INDEX)
    assert [m.code for m in roles.lead] == ["SNV"] and [m.code for m in roles.coordinating] == ["VPUB"]
    roles = read_roles("Đề nghị Văn phòng Đoàn ĐBQH và HĐND tỉnh phối hợp với Sở Nội vụ giám sát", INDEX)
    assert roles.kind == "request" and [m.code for m in roles.addressees] == ["VPDBHD"]
    roles = read_roles("UBND tỉnh đề nghị Văn phòng Đoàn ĐBQH và HĐND tỉnh phối hợp giám sát", INDEX)
    assert roles.kind == "request" and [m.code for m in roles.addressees] == ["VPDBHD"] and not roles.lead
    roles = read_roles("Văn phòng UBND tỉnh được trang bị phòng tiếp công dân", INDEX)
    assert roles.passive and not roles.lead and [m.code for m in roles.addressees] == ["VPUB"]
    roles = read_roles("Giám đốc Sở Nội vụ, Chánh Văn phòng UBND tỉnh có trách nhiệm tổ chức", INDEX)
    assert [m.code for m in roles.lead] == ["SNV", "VPUB"]
    roles = read_roles("giao Sở Nội vụ tổng hợp, báo cáo UBND tỉnh", INDEX)
    assert [m.code for m in roles.lead] == ["SNV"]
    roles = read_roles("Bố trí công chức phụ trách; Ban hành quy chế", INDEX)
    assert roles.empty


def test_a_heading_naming_a_units_duties_and_an_unnumbered_unit_line_lead_the_tasks_under_them(tmp_path):
    from tracking.plans.drafter import draft_document
    text = """III. TỔ CHỨC THỰC HIỆN
1. Trách nhiệm của Sở Nội vụ
- Chủ trì rà soát đội ngũ cán bộ.
Văn phòng UBND tỉnh:
- Bố trí phòng tiếp công dân.
2. Sở Tài nguyên và Môi trường chuẩn bị số liệu.
- Cập nhật bản đồ.
"""
    (tmp_path / "kh.txt").write_text(text, encoding="utf-8")
    draft = draft_document(tmp_path / "kh.txt", UNITS)
    assert [(r["clause"], r["lead"]) for r in draft["requirements"]] == [
        ("III.1", "SNV"), ("III.1", "VPUB"), ("III.2", "STNMT"), ("III.2", "STNMT")]
    assert [a["code"] for a in draft["areas"]] == ["III"]


def test_a_heading_that_gives_a_date_dates_the_tasks_under_it_from_its_own_clause(tmp_path):
    from tracking.plans.drafter import draft_document
    text = """II. NHIỆM VỤ
1. Các việc hoàn thành trong quý I/2026:
- Sở Nội vụ rà soát đội ngũ cán bộ.
- Văn phòng UBND tỉnh bố trí phòng tiếp công dân trước ngày 15/02/2026.
"""
    (tmp_path / "kh.txt").write_text(text, encoding="utf-8")
    first, second = draft_document(tmp_path / "kh.txt", UNITS)["requirements"]
    assert (first["deadline"], first["deadline_qualifier"], first["deadline_clause"]) == (date(2026, 3, 31), "in_quarter", "II.1")
    assert (second["deadline"], second["deadline_qualifier"]) == (date(2026, 2, 15), "before")


def test_a_decisions_heading_keeps_its_title_apart_from_the_signing_authority_and_the_proposal(tmp_path):
    from tracking.plans.drafter import draft_document
    text = """ỦY BAN NHÂN DÂN
TỈNH SÓC TRĂNG
Số: 12/QĐ-UBND
Sóc Trăng, ngày 05 tháng 01 năm 2026
QUYẾT ĐỊNH
VỀ VIỆC BAN HÀNH KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2026
CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH SÓC TRĂNG
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;
Xét đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 10/TTr-SNV ngày 02/01/2026,
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Kế hoạch cải cách hành chính năm 2026.
"""
    (tmp_path / "qd.txt").write_text(text, encoding="utf-8")
    draft = draft_document(tmp_path / "qd.txt", UNITS)
    assert draft["title"] == "Quyết định về việc ban hành kế hoạch cải cách hành chính năm 2026"
    assert draft["issuer"] == "Ủy ban nhân dân tỉnh Sóc Trăng" and draft["number"] == "12/QĐ-UBND"
    assert draft["legal_basis"] == "Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015"
    assert draft["requirements"] == []


def test_a_short_numbered_topic_with_items_is_their_heading_even_with_a_full_stop(tmp_path):
    from tracking.plans.drafter import draft_document
    text = """II. NHIỆM VỤ
1. Công tác tuyên truyền.
- Sở Nội vụ tổ chức hội nghị tuyên truyền.
- Văn phòng UBND tỉnh đăng tin trên cổng thông tin.
"""
    (tmp_path / "kh.txt").write_text(text, encoding="utf-8")
    draft = draft_document(tmp_path / "kh.txt", UNITS)
    assert [(r["clause"], r["area"], r["lead"]) for r in draft["requirements"]] == [("II.1", "II.1", "SNV"),
                                                                                  ("II.1", "II.1", "VPUB")]
    assert draft["areas"] == [{"code": "II.1", "name": "Công tác tuyên truyền"}]


def test_letters_under_a_decimal_item_take_its_number_once(tmp_path):
    from tracking.plans.drafter import draft_document
    text = """II. NHIỆM VỤ
1. Tuyên truyền
1.1. Sở Nội vụ tổ chức hội nghị.
1.2. Tuyên truyền trong trường học:
a) Văn phòng UBND tỉnh đăng tin.
- Sở Nội vụ in tài liệu.
"""
    (tmp_path / "kh.txt").write_text(text, encoding="utf-8")
    draft = draft_document(tmp_path / "kh.txt", UNITS)
    assert [r["clause"] for r in draft["requirements"]] == ["II.1.1", "II.1.2.a", "II.1.2.a"]


def test_a_time_line_gives_its_time_to_the_item_above_it_and_is_no_task(tmp_path):
    from tracking.plans.drafter import draft_document
    text = """II. NHIỆM VỤ
1. Kiện toàn tổ chức
Thời gian thực hiện các nhiệm vụ tại mục này: hoàn thành trước ngày 15/12/2026.
1.1. Sở Nội vụ rà soát đội ngũ cán bộ.
1.2. Văn phòng UBND tỉnh bố trí phòng tiếp công dân trong tháng 10/2026.
2. Sở Tài nguyên và Môi trường cập nhật bản đồ.
Thời hạn: Quý I/2027.
"""
    (tmp_path / "kh.txt").write_text(text, encoding="utf-8")
    draft = draft_document(tmp_path / "kh.txt", UNITS)
    assert [(r["clause"], r["deadline"], r["deadline_clause"]) for r in draft["requirements"]] == [
        ("II.1.1", date(2026, 12, 15), "II.1"), ("II.1.2", date(2026, 10, 31), "II.1.2"),
        ("II.2", date(2027, 3, 31), "II.2")]


def test_a_group_row_merged_across_the_table_keeps_its_number(tmp_path):
    from tracking.plans.drafter import draft_blocks
    from tracking.plans.drafter.reading import Block
    header = ("STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Thời gian hoàn thành")
    rows = (header, ("II. NHÓM NHIỆM VỤ VỀ TỔ CHỨC", "", "", ""), ("1", "Rà soát đội ngũ", "Sở Nội vụ", "Quý I/2027"),
            ("B. Nhiệm vụ thường xuyên", "", "", ""), ("1", "Tập huấn", "Sở Nội vụ", "Quý II/2027"),
            ("Nhóm nhiệm vụ khác", "", "", ""), ("1", "Báo cáo kết quả", "Sở Nội vụ", "Định kỳ hằng quý"))
    draft = draft_blocks([Block(text="I. NHIỆM VỤ"), Block(rows=rows)], UNITS)
    first, lettered, second = draft["requirements"]
    assert (first["clause"], first["area"]) == ("I.II.1", "I.II")
    assert (lettered["clause"], lettered["area"]) == ("I.B.1", "I.B")
    assert draft["areas"] == [{"code": "I.II", "name": "Nhóm nhiệm vụ về tổ chức"},
                              {"code": "I.B", "name": "Nhiệm vụ thường xuyên"},
                              {"code": "I", "name": "Nhóm nhiệm vụ khác"}]  # no number: no clause part is made up
    assert second["recurrence"]["every"] == "quarter" and not any(e["field"] == "deadline" for e in second["review"])


def test_localities_listed_with_their_kind_in_lower_case_are_each_found(tmp_path):
    from tracking.plans.drafter import draft_document
    units = UNITS + [Unit("91006", "Đặc khu Phú Quốc", "commune", "94"), Unit("91007", "Đặc khu Kiên Hải", "commune", "94")]
    (tmp_path / "kh.txt").write_text("II. NHIỆM VỤ\n1. Ủy ban nhân dân đặc khu Phú Quốc, đặc khu Kiên Hải kiểm tra các "
                                     "cơ sở lưu trú; hoàn thành trong Quý IV/2026.\n", encoding="utf-8")
    (task,) = draft_document(tmp_path / "kh.txt", units)["requirements"]
    assert (task["lead"], task["applies_to"]) == ("self", {"units": ["91006", "91007"]})
    assert UnitIndex(units).mentions("kiểm tra tại đặc khu kiên hải") == []  # no capital name: not a unit


# The rules the department, commune and request-heavy plans of the genre need (tests/fixtures/plans, last three), each
# with small examples on a two-level list: a province, its departments, a body it can only ask, two communes.
TWO_LEVEL = [
    Unit("99", "Ủy ban nhân dân tỉnh Phú An", "province", short_name="UBND tỉnh"),
    Unit("SNV", "Sở Nội vụ", "department", "99", group="sbn"),
    Unit("SKHCN", "Sở Khoa học và Công nghệ", "department", "99", group="sbn"),
    Unit("MTTQ", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "department", "99", group="requested"),
    Unit("99003", "Xã Long Điền", "commune", "99", kind="xã"),
    Unit("99002", "Phường Tân Hòa", "commune", "99", kind="phường"),
]
TWO = UnitIndex(TWO_LEVEL)


def draft_text(text: str) -> dict:
    from tracking.plans.drafter import draft_blocks
    from tracking.plans.drafter.reading import _text_blocks
    return draft_blocks(_text_blocks(text.splitlines()), TWO_LEVEL)


@pytest.mark.parametrize("line, number", [("Phần II", "II"), ("PHẦN THỨ HAI", "II"), ("Phần thứ nhất", "I"),
                                          ("PHẦN THỨ BA. TỔ CHỨC THỰC HIỆN", "III"), ("Phần 3", "III"),
                                          ("Chương II", None)])
def test_a_part_is_numbered_as_its_text_cites_it(line, number):
    from tracking.plans.drafter.numbering import clause_label
    marker = parse_marker(line)
    assert marker.kind == "part" and clause_label(marker) == number


def test_a_parts_title_on_the_next_line_names_it_and_its_items_take_its_number():
    draft = draft_text("Phần II\nNHIỆM VỤ, GIẢI PHÁP\n1. Phổ cập kỹ năng số\na) Sở Nội vụ tổ chức bồi dưỡng.\n")
    assert [r["clause"] for r in draft["requirements"]] == ["II.1.a"]
    assert draft["areas"] == [{"code": "II.1", "name": "Phổ cập kỹ năng số"}]


def test_a_list_mark_alone_on_its_line_joins_the_text_after_it():
    assert join_hard_wraps(["3.", "Phòng Văn hóa - Xã hội:", "b)", "Tuyên truyền."]) == [
        "3. Phòng Văn hóa - Xã hội:", "b) Tuyên truyền."]
    assert join_hard_wraps(["Bố trí kinh phí.", "2", "Tổng kết."]) == ["Bố trí kinh phí.", "2", "Tổng kết."]  # a page no.


def test_an_unnumbered_request_after_a_list_belongs_to_the_section_not_the_last_item():
    draft = draft_text("III. TỔ CHỨC THỰC HIỆN\n1. Sở Nội vụ\na) Tổ chức tập huấn.\nb) Kiểm tra việc thực hiện.\n"
                       "Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh vận động Nhân dân tham gia.\n")
    request = draft["requirements"][-1]
    assert (request["clause"], request["kind"], request["applies_to"]) == ("III", "request", {"units": ["MTTQ"]})
    # without 'Đề nghị', a paragraph under an item still continues it
    draft = draft_text("III. TỔ CHỨC THỰC HIỆN\n1. Sở Nội vụ tổ chức tập huấn.\nKiểm tra việc thực hiện.\n")
    assert [(r["clause"], r["lead"]) for r in draft["requirements"]] == [("III.1", "SNV"), ("III.1", "SNV")]


@pytest.mark.parametrize("text, phrase", [
    ("Hằng năm, Sở Nội vụ tổ chức đánh giá.", "Hằng năm"),
    ("Mở chuyên mục, phát sóng định kỳ hằng tuần.", "định kỳ hằng tuần"),
    ("Tổ chức hội nghị; hằng quý, kiểm tra tại cơ sở.", "hằng quý"),
    ("Bố trí kinh phí trong dự toán ngân sách hằng năm.", None),   # a kind of budget, not a time
    ("Xây dựng kế hoạch hằng năm của đơn vị.", None),
])
def test_a_period_standing_as_a_tasks_time_is_found_and_a_noun_phrase_is_not(text, phrase):
    from tracking.plans.drafter.recurrence import recurring_time
    assert recurring_time(text) == phrase


def test_a_task_repeating_every_year_is_flagged_and_not_given_a_deadline_or_a_recurrence():
    (task,) = draft_text("II. NHIỆM VỤ\n1. Hằng năm, Sở Nội vụ tổ chức đánh giá mức độ hài lòng.\n")["requirements"]
    assert task["lead"] == "SNV" and "deadline" not in task and "recurrence" not in task
    assert task["review"] == [{"field": "deadline", "reason": "'Hằng năm': việc lặp lại theo kỳ, văn bản không nêu ngày "
                                                             "hoàn thành — chọn hạn hoặc tách việc theo từng kỳ"}]


@pytest.mark.parametrize("text, phrase", [
    ("hoàn thành trước khai giảng năm học 2027-2028.", "trước khai giảng năm học 2027-2028"),
    ("trong năm học 2026-2027 và năm học 2027-2028.", "trong năm học 2026-2027 và năm học 2027-2028"),
    ("tổ chức trong học kỳ I năm học 2026 - 2027.", "trong học kỳ I năm học 2026 - 2027"),
    ("sơ kết vào cuối năm học 2026-2027.", "vào cuối năm học 2026-2027"),
])
def test_every_school_year_phrase_is_quoted_whole_as_a_time_without_a_day(text, phrase):
    assert undated_time(text) == phrase and not find_deadlines(text)


@pytest.mark.parametrize("text, written, clause", [
    ("Thực hiện các nhiệm vụ tại mục 2 Phần II Kế hoạch này.", "mục 2 Phần II", "II.2"),
    ("Thực hiện nhiệm vụ tại điểm b mục 2 Phần II;", "điểm b mục 2 Phần II", "II.2.b"),
    ("Triển khai các nội dung nêu tại khoản 3 Mục III.", "khoản 3 Mục III", "III.3"),
    ("Thực hiện theo Mục IV của Kế hoạch.", "Mục IV", "IV"),
])
def test_a_cross_reference_names_the_clause_it_points_to(text, written, clause):
    from tracking.plans.drafter.references import Reference, references
    assert references(text) == [Reference(written, clause)]


@pytest.mark.parametrize("text", ["Thực hiện nhiệm vụ tại mục 2 Phần II Quyết định số 06/QĐ-TTg.",
                                  "Mục tiêu: 100% hồ sơ.", "Bảo đảm an toàn theo Điều 5 Nghị định số 13/2023/NĐ-CP."])
def test_a_section_of_another_act_or_a_word_is_no_cross_reference(text):
    from tracking.plans.drafter.references import references
    assert references(text) == []


def test_a_cross_reference_is_flagged_with_the_clause_it_resolves_to_or_said_missing():
    draft = draft_text("II. NHIỆM VỤ\n1. Sở Nội vụ tổ chức tập huấn trong tháng 3/2027.\nIII. TỔ CHỨC THỰC HIỆN\n"
                       "1. Sở Khoa học và Công nghệ thực hiện các nhiệm vụ tại mục 1 Phần II.\n"
                       "2. Sở Nội vụ thực hiện các nhiệm vụ tại mục 5 Phần II.\n")
    found, missing = [r["review"][0] for r in draft["requirements"][1:]]
    assert found["field"] == "title" and "(mục II.1 của bản nháp)" in found["reason"]
    assert "không thấy mục II.5 trong bản nháp" in missing["reason"]


def test_a_time_before_the_subject_leaves_the_subject_the_lead():
    roles = read_roles("Hằng năm, Sở Nội vụ tổ chức đánh giá", TWO)
    assert [m.code for m in roles.lead] == ["SNV"]
    roles = read_roles("Định kỳ 6 tháng, Sở Khoa học và Công nghệ tổng hợp", TWO)
    assert [m.code for m in roles.lead] == ["SKHCN"]


def test_a_request_heading_is_a_heading_of_units_and_its_items_are_requests():
    from tracking.plans.drafter.roles import is_unit_heading
    assert is_unit_heading("Đề nghị Ủy ban nhân dân các xã, phường:", TWO)
    draft = draft_text("III. TỔ CHỨC THỰC HIỆN\n5. Đề nghị Ủy ban nhân dân các xã, phường:\n- Bố trí công chức.\n")
    (task,) = draft["requirements"]
    assert (task["kind"], task["area"], task["applies_to"]) == ("request", "III", {"levels": ["commune"]})


@pytest.mark.parametrize("text, subject", [
    ("Tổ công nghệ số cộng đồng ở các ấp hướng dẫn người dân.", "Tổ công nghệ số cộng đồng ở các ấp"),
    ("Trưởng các ấp: Phối hợp vận động Nhân dân.", "Trưởng các ấp"),
    ("Tổ chức tập huấn cho cán bộ.", None),
    ("Ban hành quy chế phối hợp.", None),
])
def test_a_team_or_office_holder_no_list_names_is_the_subject_as_written(text, subject):
    from tracking.plans.drafter.roles import unnamed_subject
    assert unnamed_subject(text) == subject


def test_an_unlisted_subject_carries_to_the_report_after_it():
    draft = draft_text("III. TỔ CHỨC THỰC HIỆN\n4. Trưởng các ấp: Vận động Nhân dân cập nhật thông tin; báo cáo kết "
                       "quả trước ngày 25 hằng tháng.\n")
    assert [r["lead_as_written"] for r in draft["requirements"]] == [["Trưởng các ấp"], ["Trưởng các ấp"]]
    assert draft["requirements"][1]["recurrence"]["due_as_written"] == "trước ngày 25 hằng tháng"


def test_a_communes_body_is_not_the_provinces_however_close_the_spelling():
    (front,) = TWO.mentions("Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam xã tuyên truyền")
    assert front.code is None and front.text == "Ủy ban Mặt trận Tổ quốc Việt Nam xã"
    assert "gần nhất: 'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh'" in front.note
    (office,) = TWO.mentions("Phòng Văn hóa - Xã hội chủ trì")  # a 'Phòng' is no misspelt 'Phường Tân Hòa'
    assert office.code is None and "gần nhất" not in office.note


@pytest.mark.parametrize("text, written", [
    ("Văn phòng HĐND và UBND xã số hóa hồ sơ", "Văn phòng HĐND và UBND xã"),
    ("Công an xã tiếp nhận hồ sơ", "Công an xã"),
    ("Chi cục Trồng trọt, Chăn nuôi và Thú y chủ trì", "Chi cục Trồng trọt, Chăn nuôi và Thú y"),
    ("Các Chi cục, Trung tâm thuộc Sở xây dựng kế hoạch", "Các Chi cục, Trung tâm thuộc Sở"),
])
def test_the_bodies_of_a_department_or_a_commune_are_kept_whole(text, written):
    (mention,) = TWO.mentions(text)
    assert mention.text == written and mention.code is None


def test_two_names_after_a_comma_stay_two():
    assert [m.text for m in TWO.mentions("Chi cục Thủy lợi, Trung tâm Khuyến nông và Sở Nội vụ phối hợp")] == [
        "Chi cục Thủy lợi", "Trung tâm Khuyến nông", "Sở Nội vụ"]


def test_the_committee_that_issues_a_plan_stays_its_issuer():
    draft = draft_text("ỦY BAN NHÂN DÂN\nXÃ LONG ĐIỀN\nSố: 27/KH-UBND\nLong Điền, ngày 09 tháng 3 năm 2026\nKẾ HOẠCH\n"
                       "Chuyển đổi số\nI. NHIỆM VỤ\n1. Sở Nội vụ tổ chức tập huấn.\n")
    assert draft["issuer"] == "Ủy ban nhân dân xã Long Điền"


def test_several_days_under_one_cue_are_one_phrase_flagged_for_a_task_and_due_days_for_a_report():
    (deadline,) = find_deadlines("hoàn thành trước ngày 15/6/2027 và 15/12/2027")
    assert (deadline.day, deadline.as_written) == (date(2027, 6, 15), "trước ngày 15/6/2027 và 15/12/2027")
    assert "nhiều ngày" in deadline.problem
    report = find_reporting("Định kỳ hằng tháng, trước ngày 20, báo cáo Ủy ban nhân dân xã")
    assert (report.every, report.due_as_written) == ("month", "trước ngày 20")


def test_a_duty_formula_starting_with_can_cu_is_a_task_and_a_closing_paragraph_is_none():
    draft = draft_text("III. TỔ CHỨC THỰC HIỆN\n1. Sở Nội vụ:\nCăn cứ nhiệm vụ được giao tại Phụ lục, xây dựng kế hoạch "
                       "chi tiết trước ngày 15/02/2027.\nTrên đây là Kế hoạch chuyển đổi số năm 2027. Yêu cầu các cơ "
                       "quan, đơn vị nghiêm túc triển khai thực hiện./.\n")
    assert [(r["lead"], r["deadline"]) for r in draft["requirements"]] == [("SNV", date(2027, 2, 15))]


def test_a_coordinating_cell_no_list_names_is_kept_and_flagged():
    from tracking.plans.drafter.structure import Item
    from tracking.plans.drafter.tables import table_tasks
    rows = (("STT", "Nội dung công việc", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"),
            ("1", "Sơ kết 6 tháng", "Sở Nội vụ", "Các phòng, đơn vị thuộc Sở", "Trước ngày 10/7/2027"))
    (task,) = table_tasks(Item("", None, 9, "PL", rows=rows), TWO, "PL", "Phụ lục")
    assert task.roles.coordinating == [] and task.roles.coordinating_generic == ["Các phòng, đơn vị thuộc Sở"]


def test_a_bracketed_field_list_leaves_the_title_and_still_gives_the_roles_and_time():
    draft = draft_text("II. NHIỆM VỤ\n1. Rà soát vị trí việc làm (Cơ quan chủ trì: Sở Nội vụ; cơ quan phối hợp: Sở Khoa học "
                       "và Công nghệ; thời gian: tháng 9/2027).\n2. Tổ chức cuộc thi (Sở Nội vụ chủ trì; thời gian: tháng "
                       "10/2027).\n3. Lập cơ sở dữ liệu:\n- Cơ quan thực hiện: Sở Nội vụ;\n- Thời gian hoàn thành: Quý "
                       "IV/2027.\n")
    first, unlabelled, listed = draft["requirements"]
    assert (first["title"], first["lead"], first["coordinating"], first["deadline"]) == (
        "Rà soát vị trí việc làm", "SNV", ["SKHCN"], date(2027, 9, 30))
    assert unlabelled["title"].endswith("(Sở Nội vụ chủ trì; thời gian: tháng 10/2027).")  # reads as a sentence
    assert (listed["title"], listed["deadline"]) == ("Lập cơ sở dữ liệu", date(2027, 12, 31))


@pytest.mark.parametrize("text", ["Hoàn thành trước ngày 31/12 hằng năm.", "Báo cáo trước ngày 25 hằng tháng.",
                                  "Thời gian hoàn thành: chậm nhất ngày 15/6 hằng năm."])
def test_a_day_of_every_period_is_no_deadline_but_the_tasks_repeating_time(text):
    from tracking.plans.drafter.recurrence import recurring_time
    assert find_deadlines(text) == [] and recurring_time(text).endswith(("hằng năm", "hằng tháng"))
    assert find_deadlines("Hoàn thành trước ngày 31/12/2027.")[0].day == date(2027, 12, 31)
    assert "không ghi năm" in find_deadlines("Hoàn thành trước ngày 31/12.")[0].problem  # no period: a year is missing


def test_a_task_due_on_a_day_every_year_is_flagged_with_its_words():
    (task,) = draft_text("II. NHIỆM VỤ\n1. Sở Nội vụ cập nhật cơ sở dữ liệu, hoàn thành trước ngày 31/12 hằng năm.\n"
                         )["requirements"]
    assert "deadline" not in task and "deadline_qualifier" not in task
    assert task["review"] == [{"field": "deadline", "reason": "'trước ngày 31/12 hằng năm': việc lặp lại theo kỳ, hạn mỗi "
                                                             "kỳ không gắn với năm nào — chọn hạn hoặc tách việc theo "
                                                             "từng kỳ"}]


@pytest.mark.parametrize("text, days, from_issue, problem", [
    ("trong thời hạn 30 ngày kể từ ngày Kế hoạch này được ban hành", 30, True, None),
    ("trong vòng 15 ngày kể từ ngày ký ban hành Kế hoạch", 15, True, None),
    ("trong thời hạn 30 ngày kể từ ngày nhận được hướng dẫn của Sở Y tế", None, False, "không ghi ngày"),
    ("trong thời hạn 10 ngày làm việc kể từ ngày Kế hoạch được ban hành", None, False, "ngày làm việc"),
])
def test_a_period_counted_from_an_event_is_dated_only_from_this_documents_issue(text, days, from_issue, problem):
    (found,) = find_deadlines(f"Xây dựng kế hoạch, {text}.")
    assert (found.qualifier, found.as_written, found.day) == ("event", text, None)
    assert (found.days_after, found.from_issue) == (days, from_issue)
    assert (problem is None and found.problem is None) or problem in found.problem


def test_thirty_days_from_the_plans_issue_end_the_day_before_the_same_day_a_month_later():
    head = "ỦY BAN NHÂN DÂN TỈNH PHÚ AN\nSố: 96/KH-UBND\nPhú An, ngày 15 tháng 3 năm 2027\nKẾ HOẠCH\nY tế cơ sở\n"
    body = "II. NHIỆM VỤ\n1. Sở Nội vụ xây dựng kế hoạch trong thời hạn 30 ngày kể từ ngày Kế hoạch này được ban hành.\n"
    (task,) = draft_text(head + body)["requirements"]
    assert (task["deadline"], task["deadline_qualifier"], task["deadline_source"]) == (date(2027, 4, 14), "by", "inferred")
    assert task["deadline_note"].startswith("30 ngày kể từ ngày ban hành (15/03/2027)")
    assert task["review"][0]["field"] == "deadline" and "14/04/2027" in task["review"][0]["reason"]
    (undated,) = draft_text(body)["requirements"]  # no date of issue: nothing to count from
    assert "deadline" not in undated and undated["deadline_qualifier"] == "event"
    assert "không có ngày ban hành" in undated["review"][0]["reason"]


def test_at_once_after_this_plan_is_an_event_to_date_and_another_event_is_left_as_written():
    (found,) = find_deadlines("Sở Nội vụ ban hành hướng dẫn ngay sau khi Kế hoạch được ban hành.")
    assert found.qualifier == "event" and "làm ngay" in found.problem
    assert cell_deadline("Ngay sau khi Kế hoạch được ban hành").problem
    assert cell_deadline("Sau khi có hướng dẫn của Bộ").problem is None  # its day is the ministry's, not a question here
    assert find_deadlines("Triển khai ngay sau khi có kết quả kiểm tra.") == []


def test_carrying_out_the_plan_beside_a_duty_of_its_own_is_no_requirement_but_alone_it_is():
    draft = draft_text("III. TỔ CHỨC THỰC HIỆN\n1. Sở Nội vụ căn cứ chức năng, nhiệm vụ được giao, chủ động tổ chức thực "
                       "hiện các nhiệm vụ tại Kế hoạch này; báo cáo kết quả về Sở Khoa học và Công nghệ trước ngày 30/11 "
                       "hằng năm.\n2. Sở Khoa học và Công nghệ tổ chức thực hiện các nhiệm vụ tại Kế hoạch này.\n")
    assert [(r["clause"], r["lead"], "recurrence" in r) for r in draft["requirements"]] == [
        ("III.1", "SNV", True), ("III.2", "SKHCN", False)]


def test_a_thuc_hien_line_under_a_lone_ke_hoach_is_the_title_and_the_opening_sentence_the_basis():
    draft = draft_text("ỦY BAN NHÂN DÂN TỈNH PHÚ AN\nSố: 12/KH-UBND\nPhú An, ngày 05 tháng 5 năm 2027\nKẾ HOẠCH\n"
                       "Thực hiện Nghị quyết số 57-NQ/TW ngày 22 tháng 12 năm 2024 của Bộ Chính trị\n"
                       "Thực hiện Nghị quyết số 57-NQ/TW ngày 22 tháng 12 năm 2024 của Bộ Chính trị, Ủy ban nhân dân "
                       "tỉnh ban hành Kế hoạch thực hiện như sau:\nI. NHIỆM VỤ\n1. Sở Nội vụ tổ chức quán triệt.\n")
    assert draft["title"] == "Kế hoạch thực hiện Nghị quyết số 57-NQ/TW ngày 22 tháng 12 năm 2024 của Bộ Chính trị"
    assert draft["legal_basis"] == "Nghị quyết số 57-NQ/TW ngày 22 tháng 12 năm 2024 của Bộ Chính trị"
