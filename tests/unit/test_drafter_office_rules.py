"""The genre rules that plans printed to PDF and decisions issuing plans broke, each with examples worded unlike the
fixtures that found them (test_drafter_office_documents.py): what a page adds to a PDF's text, the header's two
columns on one line, the decision's tail, 'quý II và quý III', lettered fields, a labelled time that cannot be read,
a restricted collective, bodies no list names, a report beside other work."""
from datetime import date

import pytest

from tracking.domain.plan import Unit
from tracking.plans.drafter import draft_blocks
from tracking.plans.drafter.deadlines import cell_deadline, find_deadlines
from tracking.plans.drafter.reading import Block, _text_blocks, _without_page_furniture
from tracking.plans.drafter.roles import read_roles
from tracking.plans.drafter.text import join_hard_wraps
from tracking.plans.drafter.units import UnitIndex
from tests.unit.test_drafter_reading import write_pdf

UNITS = [
    Unit("94", "Ủy ban nhân dân tỉnh Sóc Trăng", "province", short_name="UBND tỉnh"),
    Unit("SNV", "Sở Nội vụ", "department", "94", group="sbn"),
    Unit("STP", "Sở Tư pháp", "department", "94", group="sbn"),
    Unit("STC", "Sở Tài chính", "department", "94", group="sbn"),
    Unit("942", "Huyện Châu Thành", "district", "94"),
    Unit("31570", "Xã Hồ Đắc Kiện", "commune", "942"),
]
INDEX = UnitIndex(UNITS)


def draft_lines(text: str) -> dict:
    return draft_blocks(_text_blocks(text.splitlines()), UNITS)


def test_page_numbers_and_a_running_header_are_taken_out_of_a_pdfs_pages():
    pages = [["ỦY BAN NHÂN DÂN", "1. Sở Nội vụ rà soát đội ngũ cán bộ làm công tác", "- 1 -"],
             ["Kế hoạch số 07/KH-UBND", "tiếp công dân; hoàn thành trong quý II/2026.", "", "Trang 2/3"],
             ["Kế hoạch số 07/KH-UBND", "2. Sở Tư pháp kiểm tra.", "3"]]
    assert _without_page_furniture(pages) == [
        ["ỦY BAN NHÂN DÂN", "1. Sở Nội vụ rà soát đội ngũ cán bộ làm công tác"],
        ["tiếp công dân; hoàn thành trong quý II/2026."], ["2. Sở Tư pháp kiểm tra."]]


def test_a_line_a_page_happens_to_start_with_stays_and_the_first_page_keeps_its_header():
    pages = [["a"], ["1. Sở Nội vụ rà soát.", "x"], ["2. Sở Tư pháp kiểm tra.", "y"]]
    assert _without_page_furniture(pages) == pages
    pages = [["ỦY BAN NHÂN DÂN", "Số: 1/KH-UBND"], ["ỦY BAN NHÂN DÂN", "x"], ["ỦY BAN NHÂN DÂN", "y"]]
    assert _without_page_furniture(pages) == [["ỦY BAN NHÂN DÂN", "Số: 1/KH-UBND"], ["x"], ["y"]]


def test_the_headers_two_columns_on_one_line_are_read_as_two():
    draft = draft_lines("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                        "TỈNH SÓC TRĂNG Độc lập - Tự do - Hạnh phúc\n"
                        "Số: 112/KH-UBND Sóc Trăng, ngày 03 tháng 8 năm 2026\n"
                        "KẾ HOẠCH\nPhòng, chống thiên tai năm 2026\n"
                        "I. NHIỆM VỤ\n1. Sở Nội vụ rà soát lực lượng xung kích, hoàn thành trong tháng 9/2026.\n")
    assert (draft["issuer"], draft["number"], draft["issued_on"], draft["title"]) == (
        "Ủy ban nhân dân tỉnh Sóc Trăng", "112/KH-UBND", date(2026, 8, 3), "Kế hoạch phòng, chống thiên tai năm 2026")


def test_a_place_and_date_wrapped_in_the_headers_narrow_column_is_one_line():
    assert join_hard_wraps(["Số: 07/KH-UBND Sóc Trăng, ngày 15 tháng 01", "năm 2013", "KẾ HOẠCH"]) == [
        "Số: 07/KH-UBND Sóc Trăng, ngày 15 tháng 01 năm 2013", "KẾ HOẠCH"]


def test_a_task_table_in_a_pdf_is_said_to_be_unreadable_not_read_as_prose(tmp_path):
    from tracking.plans.drafter import draft_document
    lines = ["Số: 58/KH-UBND", "KẾ HOẠCH", "I. NHIỆM VỤ", "Các nhiệm vụ cụ thể tại Phụ lục kèm theo.", "PHỤ LỤC",
             "STT", "Nội dung nhiệm vụ", "Cơ quan", "chủ trì", "Thời gian", "1", "Rà soát", "Sở Tư pháp", "Quý I/2027"]
    draft = draft_document(write_pdf(lines, tmp_path / "kh.pdf"), UNITS)
    assert any(e["field"] == "requirements" and "bảng nhiệm vụ" in e["reason"] for e in draft["review"])
    plain = draft_document(write_pdf(lines[:4], tmp_path / "plain.pdf"), UNITS)
    assert not any(e["field"] == "requirements" for e in plain["review"])


def test_after_a_signature_in_a_layout_table_nothing_is_read_until_the_plan_it_issues_starts():
    signature = Block(rows=(("Nơi nhận:\n- Như Điều 3;\n- Lưu: VT.", "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH"),))
    header = Block(rows=(("ỦY BAN NHÂN DÂN\nTỈNH SÓC TRĂNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),))
    blocks = [Block(text="QUYẾT ĐỊNH:"), Block(text="Điều 1. Ban hành kèm theo Quyết định này Kế hoạch …"),
              Block(text="Điều 2. Giám đốc Sở Nội vụ chịu trách nhiệm thi hành Quyết định này."), signature, header,
              Block(text="KẾ HOẠCH"), Block(text="Phòng, chống thiên tai năm 2026"),
              Block(text="I. NHIỆM VỤ"), Block(text="1. Sở Tư pháp rà soát văn bản, hoàn thành trong quý II/2026.")]
    draft = draft_blocks(blocks, UNITS)
    assert [(r["clause"], r["lead"]) for r in draft["requirements"]] == [("I.1", "STP")]


@pytest.mark.parametrize("text, day, written", [
    ("tập huấn trong quý II và quý III năm 2026", date(2026, 9, 30), "trong quý II và quý III năm 2026"),
    ("thời gian thực hiện: quý I, quý II/2027.", date(2027, 6, 30), "quý I, quý II/2027"),
    ("tổ chức từ quý III đến quý IV/2026", date(2026, 12, 31), "từ quý III đến quý IV/2026"),
])
def test_a_span_of_quarters_ends_with_its_last(text, day, written):
    (found,) = find_deadlines(text)
    assert (found.day, found.qualifier, found.as_written) == (day, "in_quarter", written)


def test_a_span_of_quarters_in_a_time_column():
    found = cell_deadline("Quý II - III/2026")
    assert (found.day, found.qualifier) == (date(2026, 9, 30), "in_quarter")


def test_lettered_fields_with_a_content_line_are_one_task():
    draft = draft_lines("II. NHIỆM VỤ\n1. Rà soát văn bản\na) Nội dung thực hiện: Rà soát các quyết định do tỉnh ban hành.\n"
                        "b) Cơ quan chủ trì: Sở Tư pháp.\nc) Cơ quan phối hợp: Sở Nội vụ.\nd) Thời hạn: Quý II/2026.\n")
    (task,) = draft["requirements"]
    assert (task["clause"], task["title"], task["lead"], task["coordinating"], task["deadline"]) == (
        "II.1", "Rà soát các quyết định do tỉnh ban hành.", "STP", ["SNV"], date(2026, 6, 30))


def test_a_labelled_time_that_names_no_date_is_flagged_as_written_not_as_missing():
    draft = draft_lines("II. NHIỆM VỤ\n1. Diễn tập phòng cháy\n- Cơ quan chủ trì: Sở Nội vụ.\n"
                        "- Thời gian thực hiện: Tháng 6 hằng năm.\n"
                        "2. Sở Tư pháp tổng kết; thời gian thực hiện: sau khi có hướng dẫn mới của Bộ.\n"
                        "3. Sở Tài chính bố trí kinh phí; thời gian: khi được giao dự toán.\n")
    yearly, after, unread = draft["requirements"]
    assert any("lặp lại theo kỳ" in e["reason"] for e in yearly["review"])
    assert after["deadline_qualifier"] == "event"  # 'sau khi …' is an event, read as such
    assert unread["deadline_as_written"] == "khi được giao dự toán"
    assert any("Không đọc được thời hạn 'khi được giao dự toán'" in e["reason"] for e in unread["review"])


def test_targets_the_closing_sentence_and_a_repeal_give_no_task_but_a_proposal_to_repeal_does():
    draft = draft_lines("II. CHỈ TIÊU\n1. Đến hết năm 2026, 100% xã có điểm tiếp công dân.\nIII. NHIỆM VỤ\n"
                        "1. Sở Tư pháp rà soát, kiến nghị bãi bỏ các văn bản không còn phù hợp trong quý II/2026.\n"
                        "2. Bãi bỏ Quyết định số 12/2020/QĐ-UBND ngày 05/3/2020 của UBND tỉnh.\n"
                        "Trong quá trình tổ chức triển khai thực hiện, nếu có khó khăn, vướng mắc, các cơ quan báo cáo "
                        "UBND tỉnh (qua Sở Tư pháp).\n")
    assert [(r["clause"], r["lead"]) for r in draft["requirements"]] == [("III.1", "STP")]


def test_a_duty_opened_by_can_cu_chuc_nang_under_a_unit_heading_is_a_task():
    draft = draft_lines("III. TỔ CHỨC THỰC HIỆN\n1. Sở Nội vụ\nCăn cứ chức năng, nhiệm vụ, chủ động rà soát đội ngũ.\n")
    assert [(r["clause"], r["lead"]) for r in draft["requirements"]] == [("III.1", "SNV")]


def test_a_collective_that_has_something_does_the_work_and_who_is_in_it_is_asked():
    roles = read_roles("UBND các xã, phường có đồng bào dân tộc thiểu số tổ chức tuyên truyền", INDEX)
    assert [m.levels for m in roles.lead] == [("commune",)] and not roles.passive
    assert roles.restricted == "UBND các xã, phường có đồng bào dân tộc thiểu số"
    roles = read_roles("Sở Nội vụ có phòng họp trực tuyến riêng.", INDEX)  # one unit that has a thing: no actor named
    assert roles.passive and not roles.restricted


@pytest.mark.parametrize("written", ["Ủy ban An toàn giao thông tỉnh", "Báo và Phát thanh, Truyền hình Sóc Trăng",
                                     "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"])
def test_bodies_in_no_list_are_quoted_whole_up_to_their_verb(written):
    (mention,) = INDEX.mentions(f"{written} chủ động đăng tải tin bài")
    assert (mention.code, mention.text) == (None, written)


def test_a_report_beside_other_work_is_its_own_task_but_the_follow_up_units_report_is_not():
    draft = draft_lines("III. TỔ CHỨC THỰC HIỆN\n1. Sở Nội vụ bố trí lực lượng trực; báo cáo kết quả về UBND tỉnh "
                        "định kỳ hằng quý.\n2. Sở Tư pháp là cơ quan thường trực, theo dõi, đôn đốc; định kỳ 6 tháng "
                        "tổng hợp, báo cáo UBND tỉnh.\n")
    assert [(r["clause"], "recurrence" in r) for r in draft["requirements"]] == [
        ("III.1", False), ("III.1", True), ("III.2", True)]
