"""Today's map (two levels since 1/7/2025): a province's People's Committee, its standard agencies and every
commune, ward and special zone with its national code, from the pinned package `vietnam-provinces`."""
from __future__ import annotations

from datetime import date
from importlib.metadata import version

import yaml

from tracking.domain.plan import Unit
from tracking.errors import TrackingError

PACKAGE = "vietnam-provinces"
MAP_SINCE = date(2025, 7, 1)  # the two-level map: 34 provinces, 3,321 communes, wards and special zones
# The specialised agencies every province has (Nghị định 45/2025/NĐ-CP, cơ quan chuyên môn được tổ chức thống nhất;
# data/README.md). A province's own extra agencies (Sở Dân tộc và Tôn giáo, Sở Ngoại vụ, …) are added in the file.
# Codes are the plan file's (VPUB, TTT, SNV, STC are referenced by the Sóc Trăng plan), prefixed by the province.
DEPARTMENTS = (
    ("VPUB", "Văn phòng Ủy ban nhân dân {tinh}", "VP UBND {tinh}"),
    ("TTT", "Thanh tra {tinh}", "Thanh tra {tinh}"),
    ("SNV", "Sở Nội vụ", "SNV"),
    ("STP", "Sở Tư pháp", "STP"),
    ("STC", "Sở Tài chính", "STC"),
    ("SCT", "Sở Công Thương", "SCT"),
    ("SNNMT", "Sở Nông nghiệp và Môi trường", "SNN&MT"),
    ("SXD", "Sở Xây dựng", "SXD"),
    ("SKHCN", "Sở Khoa học và Công nghệ", "SKHCN"),
    ("SGDDT", "Sở Giáo dục và Đào tạo", "SGDĐT"),
    ("SYT", "Sở Y tế", "SYT"),
    ("SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL"),
)


def package_release() -> str:
    return f"{PACKAGE} {version(PACKAGE)}"


def _provinces():
    from vietnam_provinces import Province  # imported on use: only this command and `generate --map 2025` need it
    return {f"{int(p.code):02d}": p for p in Province.iter_all()}


def province_codes() -> list[str]:
    return sorted(_provinces())


def department_code(province: str, short: str) -> str:
    return f"{province}-{short}"


def today_units(province: str) -> list[Unit]:
    """The province, its standard agencies and its communes (each directly under the province: no district level)."""
    from vietnam_provinces import Ward

    provinces = _provinces()
    code = province.zfill(2) if province.isdigit() else province
    if code not in provinces:
        raise TrackingError(f"tỉnh '{province}' không có trong bản đồ hành chính hiện hành ({package_release()}); "
                            f"các mã tỉnh: {', '.join(sorted(provinces))}")
    p = provinces[code]
    city = p.division_type.value.startswith("thành phố")
    tinh = "thành phố" if city else "tỉnh"
    bare = p.name.removeprefix("Thành phố ").removeprefix("Tỉnh ")
    units = [Unit(code=code, name=f"Ủy ban nhân dân {tinh} {bare}", short_name=f"UBND {tinh}", level="province",
                  kind=p.division_type.value, valid_from=MAP_SINCE)]
    for short, name, short_name in DEPARTMENTS:
        units.append(Unit(code=department_code(code, short), name=name.format(tinh=tinh),
                          short_name=short_name.format(tinh=tinh), level="department", parent=code, group="sbn"))
    wards = sorted((w for w in Ward.iter_all() if int(w.province_code) == int(p.code)), key=lambda w: int(w.code))
    for w in wards:
        units.append(Unit(code=f"{int(w.code):05d}", name=w.name, level="commune", parent=code,
                          kind=w.division_type.value, valid_from=MAP_SINCE))
    return units


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data) -> bool:  # the same date on many units is written out, not as &id001 / *id001
        return True


def units_yaml(units: list[Unit]) -> str:
    """The units file (data/README.md documents its keys), with where it comes from."""
    province = units[0]
    communes = sum(u.level == "commune" for u in units)
    header = (f"# Đơn vị của {province.name} trên bản đồ hành chính hai cấp (từ 01/07/2025): "
              f"{len(units) - communes - 1} cơ quan chuyên môn, {communes} xã, phường, đặc khu; không có cấp huyện.\n"
              f"# Tạo bởi: python -m tracking units today --province {province.code} ({package_release()}).\n"
              "# Thêm cơ quan riêng của tỉnh (Sở Dân tộc và Tôn giáo, Sở Ngoại vụ…) bằng tay: level: department, "
              "group: sbn.\n")
    rows = []
    for u in units:
        row = {"code": u.code, "name": u.name}
        if u.short_name:
            row["short_name"] = u.short_name
        row["level"] = u.level
        if u.parent:
            row["parent"] = u.parent
        for key in ("group", "kind", "valid_from"):
            if getattr(u, key) is not None:
                row[key] = getattr(u, key)
        rows.append(row)
    body = {"source": f"{package_release()} (bản đồ hành chính từ 01/07/2025); cơ quan chuyên môn theo "
                      f"Nghị định 45/2025/NĐ-CP — xem data/README.md",
            "units": rows}
    return header + yaml.dump(body, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=200)
