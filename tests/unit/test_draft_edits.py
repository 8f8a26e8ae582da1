"""A reviewer's edits to a draft tree: a changed field settles its doubts, the rest stay; the tree stays a plan file."""
from datetime import date

from tracking.domain.plan import Unit
from tracking.plans import draft_edits as edits

UNITS = [Unit("94", "UBND tỉnh", "province"), Unit("TTT", "Thanh tra tỉnh", "department", "94", group="sbn"),
         Unit("941", "Thành phố Sóc Trăng", "district", "94"), Unit("94101", "Phường 1", "commune", "941")]


def _tree():
    return {"code": "", "review": [{"field": "code", "reason": "đặt mã"}, {"field": "ends_on", "reason": "chọn"}],
            "requirements": [{"code": "II.1-1", "clause": "II.1", "area": "II.1", "title": "Thành lập trụ sở",
                              "lead": "", "applies_to": {}, "deadline": "2010-10-30", "deadline_source": "plan",
                              "deadline_clause": "II.1",
                              "review": [{"field": "lead", "reason": "không nêu"},
                                         {"field": "deadline", "reason": "xem lại"}]}]}


def test_choosing_a_lead_settles_the_lead_doubt_only_and_says_who_chose_it():
    tree = edits.edit_requirement(_tree(), 0, {"lead": "TTT", "deadline": date(2010, 10, 30)}, set(), "thanhtra")
    req = tree["requirements"][0]
    assert req["lead"] == "TTT" and [f["field"] for f in req["review"]] == ["deadline"]
    assert req["lead_source"] == "inferred" and "thanhtra" in req["lead_note"]


def test_clearing_a_deadline_drops_its_provenance_as_a_plan_file_requires():
    req = edits.edit_requirement(_tree(), 0, {"deadline": None}, set(), "x")["requirements"][0]
    assert "deadline" not in req and "deadline_source" not in req and "deadline_clause" not in req
    assert [f["field"] for f in req["review"]] == ["lead"]


def test_a_doubt_marked_settled_goes_without_a_change_and_the_original_is_untouched():
    original = _tree()
    tree = edits.edit_heading(original, {"code": "KH-1"}, {"ends_on"})
    assert tree["code"] == "KH-1" and tree["review"] == [] and original["code"] == ""


def test_pickers_offer_levels_groups_and_units_present_and_keep_what_they_cannot_show():
    options = edits.applies_options(UNITS)
    assert options["Nhóm: các sở, ban, ngành"] == {"groups": ["sbn"]}
    assert options["Cấp: mọi đơn vị cấp xã"] == {"levels": ["commune"]}
    assert edits.label_of(options, {"levels": ["district"], "groups": ["sbn"]}) == edits.KEEP
    assert edits.lead_options(UNITS)["Thanh tra tỉnh (TTT)"] == "TTT"


def test_an_amendment_draft_gets_fresh_codes_and_asks_for_an_area_of_the_plan():
    tree = edits.for_amendment(_tree(), [{"code": "organisation", "name": "Tổ chức"}], {"SĐ-II.1-1"})
    req = tree["requirements"][0]
    assert req["code"] == "SĐ2-II.1-1" and req["area"] == ""
    assert req["review"][-1]["field"] == "area" and tree["review"] == []
