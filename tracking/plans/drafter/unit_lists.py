"""The unit list a draft is resolved against: a units YAML (--units), or the list the app knows for a province
(--province): a units file in data/ for that province when there is one (it has the province's departments),
otherwise the province's districts and communes from the national list (data/units_vietnam_2025.csv.gz)."""
from __future__ import annotations

import csv
import gzip
from pathlib import Path

from tracking.domain.plan import Unit
from tracking.errors import DataFileError, TrackingError
from tracking.plans.loader import DATA_DIR, load_units

NATIONAL_FILE = DATA_DIR / "units_vietnam_2025.csv.gz"


def units_from_file(path: Path) -> list[Unit]:
    return load_units(Path(path))


def units_of_province(code: str, data_dir: Path = DATA_DIR) -> list[Unit]:
    for path in sorted(data_dir.glob("units_*.yaml")):
        try:
            units = load_units(path)
        except DataFileError:
            continue
        if any(u.level == "province" and u.code == code for u in units):
            return units
    units: list[Unit] = []
    districts: set[str] = set()
    with gzip.open(data_dir / NATIONAL_FILE.name, "rt", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row["level"] == "province" and row["code"] == code:
                units.append(Unit(code=code, name=row["name"], level="province", kind=row["type"]))
            elif row["level"] == "district" and row["parent"] == code:
                districts.add(row["code"])
                units.append(Unit(code=row["code"], name=row["name"], level="district", parent=code, kind=row["type"]))
            elif row["level"] == "commune" and row["parent"] in districts:
                units.append(Unit(code=row["code"], name=row["name"], level="commune", parent=row["parent"],
                                  kind=row["type"]))
    if not units:
        raise TrackingError(f"không biết tỉnh có mã '{code}' (mã tỉnh gồm 2 chữ số, ví dụ 94)")
    return units
