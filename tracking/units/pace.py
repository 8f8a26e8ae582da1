"""How diligent each generated unit is: a province-level pace, its agencies and districts around it, each district's
communes around their district, so national rankings spread as they would (some provinces early, some late).

A pace is a number in [0.05, 0.98]: the share of a unit's tasks it finishes in the end, and how early. Drawn from
the seed and the province code only, so a province's pace is the same whatever else is generated.
"""
from __future__ import annotations

import random

from tracking.domain.plan import Unit

LOWEST, HIGHEST = 0.05, 0.98
AROUND = {"department": 0.08, "district": 0.12, "commune": 0.08}  # spread of a unit around the one above it


def _clamp(value: float) -> float:
    return min(HIGHEST, max(LOWEST, value))


def province_pace(seed: int, province: str) -> float:
    """Spread over most of the range: a few provinces far ahead, a few far behind, most in between."""
    return _clamp(0.1 + 0.85 * random.Random(f"{seed}-{province}-pace").betavariate(1.4, 1.4))


def unit_pace(units: list[Unit], seed: int, province: str) -> dict[str, float]:
    """Unit code → its pace: the province's own, agencies and districts around it, communes around their parent."""
    rng = random.Random(f"{seed}-{province}-units")
    pace = {province: province_pace(seed, province)}
    for level in ("department", "district", "commune"):  # parents before their children
        for unit in units:
            if unit.level == level:
                above = pace.get(unit.parent, pace[province])
                pace[unit.code] = _clamp(rng.gauss(above, AROUND[level]))
    return pace
