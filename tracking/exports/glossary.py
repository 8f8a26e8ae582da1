"""Unofficial English glosses of Vietnamese unit names (data/glossary_en.yaml), for the English exports."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

GLOSSARY_FILE = Path(__file__).resolve().parents[2] / "data" / "glossary_en.yaml"
PLACE_KINDS = ("Thành phố", "Quận", "Huyện", "Thị xã", "Xã", "Phường", "Thị trấn")  # "<kind> <place name>"


@lru_cache(maxsize=1)
def _terms() -> tuple[dict[str, str], dict[str, str]]:
    data = yaml.safe_load(GLOSSARY_FILE.read_text(encoding="utf-8"))
    return dict(data["kinds"]), dict(data["subjects"])


def gloss(name: str) -> str | None:
    """'Sở Nội vụ' → 'Department of Home Affairs'; 'Huyện Vĩnh Châu' → 'Vĩnh Châu District'; None when unknown."""
    kinds, subjects = _terms()
    if name in kinds:
        return kinds[name]
    if name.startswith("Sở ") and name[3:] in subjects:
        return f"Department of {subjects[name[3:]]}"
    for kind in sorted(kinds, key=len, reverse=True):  # place names keep their Vietnamese spelling
        if name.startswith(kind + " ") and kind in PLACE_KINDS:
            place = name[len(kind) + 1:]
            # A numbered unit is named after its kind: "Quận 1" is "Urban District 1", not "1 Urban District".
            return f"{kinds[kind]} {place}" if place.isdigit() else f"{place} {kinds[kind]}"
    return None


def glossary_rows(names) -> list[tuple[str, str]]:
    """(Vietnamese name, English gloss) for each distinct name with a gloss, in the order given."""
    seen, rows = set(), []
    for name in names:
        if name in seen:
            continue
        seen.add(name)
        if (english := gloss(name)) is not None:
            rows.append((name, english))
    return rows
