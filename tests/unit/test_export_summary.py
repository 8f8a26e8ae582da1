"""The figures every export reports, from a hand-made snapshot."""
from datetime import date

import pandas as pd

from tracking.exports import summary

D = date(2010, 10, 30)


def row(unit, level, req, status, parent=None, area="organisation", period=None, position=1):
    return {"milestone_id": hash((unit, req, period)), "unit_code": unit, "unit_name": unit, "unit_short_name": None,
            "parent_code": parent, "unit_level": level,
            "parent_name": parent, "requirement_code": req, "requirement_title": f"Làm {req}",
            "requirement_position": 1 if req == "A" else 2, "area": area, "period": period, "deadline": D,
            "status": status, "unit_position": position, "deadline_source": "plan", "deadline_clause": "II.1",
            "district_code": parent if parent else (unit if level == "district" else None)}


SNAP = pd.DataFrame([
    row("Sở Nội vụ", "department", "A", "done_on_time", position=1),
    row("Huyện Mỹ Tú", "district", "A", "overdue", position=2),
    row("Xã Long Hưng", "commune", "A", "overdue", parent="Huyện Mỹ Tú", position=3),
    row("Xã Long Hưng", "commune", "B", "done_late", parent="Huyện Mỹ Tú", area="training", position=3),
    row("Phường 2", "commune", "A", "open", parent="Huyện Vĩnh Châu", position=4),
])


def test_totals_count_each_status_and_the_share_done():
    t = summary.totals(SNAP)
    assert (t.total, t.done_on_time, t.done_late, t.overdue, t.open) == (5, 1, 1, 2, 1)
    assert t.percent_done == 40.0


def test_overdue_units_name_communes_with_their_district():
    late = summary.overdue_units(SNAP, date(2010, 11, 9))
    assert list(late["unit_name"]) == ["Huyện Mỹ Tú", "Xã Long Hưng (Huyện Mỹ Tú)"]
    assert set(late["days_overdue"]) == {10}


def test_on_the_two_level_map_communes_carry_no_district_and_fold_into_one_row():
    communes = pd.DataFrame([row("Xã Anh Sơn", "commune", "A", "overdue", position=1),
                             row("Phường Vinh Phú", "commune", "A", "overdue", position=2)]).assign(
        parent_name="Ủy ban nhân dân tỉnh Nghệ An", district_code=None)
    late = summary.overdue_units(communes, date(2010, 11, 9))
    assert list(late["unit_name"]) == ["Xã Anh Sơn", "Phường Vinh Phú"]
    folded = summary.communes_by_district(late)
    assert list(folded["unit_name"]) == ["Cấp xã: Xã Anh Sơn, Phường Vinh Phú"]
    assert summary.overdue_requirements(communes).iloc[0]["units"] == "Cấp xã: Xã Anh Sơn, Phường Vinh Phú"


def test_overdue_requirements_list_communes_under_their_district():
    late = summary.overdue_requirements(SNAP)
    assert late.to_dict("records")[0]["units"] == "Huyện Mỹ Tú; Huyện Mỹ Tú: Xã Long Hưng"
    assert list(late["count"]) == [2]


def test_overdue_tables_carry_where_the_deadline_shown_comes_from():
    earlier = dict(row("Xã Phú Mỹ", "commune", "C", "overdue", parent="Huyện Mỹ Tú", position=5),
                   deadline=date(2010, 9, 30), deadline_source="set", deadline_clause=None)
    inferred = dict(row("Xã Phú Mỹ", "commune", "B", "overdue", parent="Huyện Mỹ Tú", position=5),
                    deadline_source="inferred", deadline_clause="II.4")
    snap = pd.concat([SNAP, pd.DataFrame([earlier, inferred])], ignore_index=True)
    by_requirement = summary.overdue_requirements(snap).set_index("requirement_code")["deadline_source"]
    assert by_requirement.to_dict() == {"A": "Theo kế hoạch (mục II.1)", "B": "Suy ra từ mục II.4", "C": "Đặt sau"}
    units = summary.overdue_units(snap, date(2010, 11, 9))
    assert units.set_index("unit_code")["oldest_deadline_source"].to_dict() == {
        "Huyện Mỹ Tú": "Theo kế hoạch (mục II.1)", "Xã Long Hưng": "Theo kế hoạch (mục II.1)", "Xã Phú Mỹ": "Đặt sau"}
    folded = summary.communes_by_district(units)
    commune_row = folded[folded["unit_level"] == "commune"].iloc[0]
    assert commune_row["oldest_deadline"] == date(2010, 9, 30) and commune_row["oldest_deadline_source"] == "Đặt sau"
    assert summary.overdue_requirements(snap, "en").set_index("requirement_code")["deadline_source"]["B"] == \
        "Inferred from II.4"


AREAS = pd.DataFrame([{"code": "organisation", "name": "Kiện toàn tổ chức", "name_en": "Organisation", "deadline": None,
                       "clause": "II.4", "position": 1},
                      {"code": "training", "name": "Bồi dưỡng", "name_en": "Training", "deadline": None,
                       "clause": "II.4", "position": 2}])


def test_the_key_message_on_the_most_overdue_says_each_only_of_several_units():
    tie = summary.key_messages(SNAP, AREAS, date(2010, 11, 9))[-1]
    assert tie == "Nhiều mốc quá hạn nhất (1 mốc mỗi đơn vị): Huyện Mỹ Tú, Xã Long Hưng."
    alone = SNAP[SNAP["unit_code"] != "Huyện Mỹ Tú"]
    assert summary.key_messages(alone, AREAS, date(2010, 11, 9))[-1] == "Nhiều mốc quá hạn nhất (1 mốc): Xã Long Hưng."
    english = summary.key_messages(alone, AREAS, date(2010, 11, 9), "en")[-1]
    assert english == "Most overdue (1 milestone): Xã Long Hưng."
