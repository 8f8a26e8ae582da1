"""Which pages exist, their titles and which roles see them. app.py builds st.navigation from this list."""
from __future__ import annotations

from dataclasses import dataclass

ALL_ROLES = ("leader", "inspector", "unit_officer", "admin")


@dataclass(frozen=True)
class PageSpec:
    path: str            # file under pages/
    title_vi: str
    title_en: str
    icon: str
    roles: tuple[str, ...] = ALL_ROLES
    default: bool = False


PAGES: list[PageSpec] = [
    PageSpec("pages/overview.py", "Tổng quan", "Overview", ":material/dashboard:", default=True),
    PageSpec("pages/compliance.py", "Tuân thủ", "Compliance", ":material/grid_on:"),
    PageSpec("pages/unit.py", "Đơn vị", "Unit", ":material/apartment:"),
    PageSpec("pages/timeline.py", "Tiến độ", "Timeline", ":material/timeline:"),
    PageSpec("pages/export.py", "Xuất báo cáo", "Exports", ":material/download:"),
]


def pages_for(role: str | None) -> list[PageSpec]:
    """Pages a role may open; without sign-in (role None) every read-only page."""
    return [p for p in PAGES if role is None or role in p.roles]
