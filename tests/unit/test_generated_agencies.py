"""The agencies a generated province gets, by kind and by the documented rules, and each unit's pace."""
from __future__ import annotations

from tracking.domain.plan import Unit
from tracking.units.agencies import (CITIES_2010, ETHNIC_BOARD_2010, FOREIGN_AFFAIRS_2010, LAND_BORDER_2010,
                                     MERGED_2025, departments_2010, extra_agencies_2025)
from tracking.units.pace import province_pace, unit_pace
from tracking.units.today import DEPARTMENTS

STANDARD = {"VPUB", "TTT", "SNV", "STP", "SKHDT", "STC", "SCT", "SNNPTNT", "SGTVT", "SXD", "STNMT", "STTTT",
            "SLDTBXH", "SVHTTDL", "SKHCN", "SGDDT", "SYT"}  # Nghị định 13/2008/NĐ-CP, Điều 8
PLAN_BODIES = {"TSTCD", "VPTU", "VPDBHD"}


def _names(units):
    return {u.code.split("-", 1)[1]: u.name for u in units}


def test_a_centrally_run_city_has_city_names_and_its_own_agencies():
    hanoi = _names(departments_2010("01"))
    assert hanoi["VPUB"] == "Văn phòng Ủy ban nhân dân thành phố" and hanoi["TTT"] == "Thanh tra thành phố"
    assert hanoi["VPTU"] == "Văn phòng Thành ủy" and hanoi["TSTCD"] == "Trụ sở tiếp công dân thành phố"
    assert set(hanoi) == STANDARD | PLAN_BODIES | {"SNGV", "SQHKT"}
    assert not any("tỉnh" in name for name in hanoi.values())
    assert set(_names(departments_2010("31"))) == STANDARD | PLAN_BODIES | {"SNGV"}  # Hải Phòng: no planning dept


def test_a_province_gets_the_special_agencies_only_by_its_rule():
    ha_giang, bac_kan, hai_duong = (_names(departments_2010(code)) for code in ("02", "06", "30"))
    assert ha_giang["VPUB"] == "Văn phòng Ủy ban nhân dân tỉnh" and ha_giang["VPTU"] == "Văn phòng Tỉnh ủy"
    assert set(ha_giang) == STANDARD | PLAN_BODIES | {"BDT", "SNGV"}  # border, northern mountains
    assert set(bac_kan) == STANDARD | PLAN_BODIES | {"BDT"}  # mountains, no border
    assert set(hai_duong) == STANDARD | PLAN_BODIES  # delta, no border: neither
    assert len(LAND_BORDER_2010) == 25 and len(FOREIGN_AFFAIRS_2010) == 30 and CITIES_2010 <= FOREIGN_AFFAIRS_2010
    assert "94" in ETHNIC_BOARD_2010  # Sóc Trăng's own file has its Ban Dân tộc
    rule_made = [u for u in departments_2010("02") if u.code in ("02-BDT", "02-SNGV")]
    assert rule_made and all(not u.verified and "data/README.md" in u.note for u in rule_made)


def test_the_2025_map_adds_the_special_agencies_of_the_provinces_it_merged():
    assert sorted(MERGED_2025) == sorted({"01", "04", "08", "11", "12", "14", "15", "19", "20", "22", "24", "25",
                                          "31", "33", "37", "38", "40", "42", "44", "46", "48", "51", "52", "56",
                                          "66", "68", "75", "79", "80", "82", "86", "91", "92", "96"})
    assert sum(len(parts) for parts in MERGED_2025.values()) == 63
    standard = {code for code, _, _ in DEPARTMENTS}
    can_tho = _names(extra_agencies_2025("92", city=True))  # with Sóc Trăng and Hậu Giang
    assert set(can_tho) == PLAN_BODIES | {"SDTTG", "SNGV"} and not standard & set(can_tho)
    assert can_tho["VPDBHD"].endswith("thành phố")
    assert set(_names(extra_agencies_2025("79", city=True))) == PLAN_BODIES | {"SNGV", "SQHKT"}
    assert set(_names(extra_agencies_2025("33", city=False))) == PLAN_BODIES  # Hưng Yên and Thái Bình


def _province(code: str) -> list[Unit]:
    units = [Unit(code=code, name="P", level="province"), Unit(code=f"{code}-SNV", name="S", level="department",
                                                               parent=code)]
    for d in range(3):
        units.append(Unit(code=f"{code}{d}", name="D", level="district", parent=code))
        units += [Unit(code=f"{code}{d}{c}", name="X", level="commune", parent=f"{code}{d}") for c in range(20)]
    return units


def test_each_unit_keeps_near_its_province_and_the_seed_decides_everything():
    paces = {code: province_pace(42, code) for code in (f"{i:02d}" for i in range(1, 64))}
    assert min(paces.values()) < 0.3 and max(paces.values()) > 0.8  # some provinces slow, some diligent
    units = _province("01")
    pace = unit_pace(units, 42, "01")
    assert pace == unit_pace(units, 42, "01") and pace != unit_pace(units, 43, "01")
    assert set(pace) == {u.code for u in units} and all(0.05 <= p <= 0.98 for p in pace.values())
    communes = [pace[u.code] for u in units if u.level == "commune"]
    assert abs(sum(communes) / len(communes) - pace["01"]) < 0.15  # around their province, not anywhere
    assert max(communes) - min(communes) > 0.1  # yet not all alike
