"""The national drill-down reads units as they were on the as-of date: a commune counts under the district it
belonged to that day, districts and communes carry that day's names, and the counts match the status engine."""
from __future__ import annotations

from datetime import date

from tracking.units.changes import apply_changes, load_changes, stored_units
from tracking.views.national import communes, districts
from tracking.views.snapshot import snapshot

MOVE = ('changes:\n  - {date: 2011-01-01, kind: rename, unit: "31642", name: "Xã Song Phụng", parent: "947",'
        ' act: "Nghị quyết thử nghiệm số 2/NQ-TEST"}\n')


def _per_district(engine, day: date) -> dict[str, int]:
    """What the status engine says: milestones per district (the district's own and its communes')."""
    return snapshot(engine, day).dropna(subset=["district_code"]).groupby("district_code").size().to_dict()


def test_a_moved_commune_counts_under_the_district_of_each_day(engine, tmp_path):
    path = tmp_path / "changes.yaml"
    path.write_text(MOVE, encoding="utf-8")
    apply_changes(engine, load_changes(path, stored_units(engine)), "test")
    before, after = date(2010, 12, 31), date(2011, 1, 1)
    for day in (before, after):
        totals = districts(engine, day).set_index("district_code")["total"].to_dict()
        assert totals == _per_district(engine, day), day
    moved = len(snapshot(engine, after).query("unit_code == '31642'"))
    assert districts(engine, after).set_index("district_code").loc["947", "total"] == \
        districts(engine, before).set_index("district_code").loc["947", "total"] + moved
    assert "31642" in set(communes(engine, before, "946", limit=500)[0]["unit_code"])
    assert "31642" not in set(communes(engine, before, "947", limit=500)[0]["unit_code"])
    page, total = communes(engine, after, "947", search="song phụng")
    assert total == 1 and list(page["unit_name"]) == ["Xã Song Phụng"]
    assert "31642" not in set(communes(engine, after, "946", limit=500)[0]["unit_code"])


def test_vinh_chau_is_a_district_in_2010_and_a_town_of_wards_from_25_august_2011(demo_engine):
    for day, district, ward in ((date(2011, 8, 24), "Huyện Vĩnh Châu", "Thị trấn Vĩnh Châu"),
                                (date(2011, 9, 1), "Thị xã Vĩnh Châu", "Phường 1")):
        rows = districts(demo_engine, day).set_index("district_code")
        assert rows.loc["950", "district_name"] == district
        assert rows["total"].to_dict() == _per_district(demo_engine, day)
        page, _ = communes(demo_engine, day, "950", limit=500)
        assert page.set_index("unit_code").loc["31783", "unit_name"] == ward
