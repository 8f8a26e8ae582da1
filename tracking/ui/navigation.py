"""Which pages exist, their titles and which roles see them. app.py builds st.navigation from this list."""
from __future__ import annotations

from dataclasses import dataclass

ALL_ROLES = ("leader", "inspector", "unit_officer", "admin")
WRITERS = ("inspector", "unit_officer")


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
    PageSpec("pages/national.py", "Toàn quốc", "Nationwide", ":material/public:", ("leader", "inspector", "admin")),
    PageSpec("pages/compliance.py", "Tuân thủ", "Compliance", ":material/grid_on:"),
    PageSpec("pages/unit.py", "Đơn vị", "Unit", ":material/apartment:"),
    PageSpec("pages/timeline.py", "Tiến độ", "Timeline", ":material/timeline:"),
    # Workflow (issue 4): a leader gets only reading pages.
    PageSpec("pages/update.py", "Cập nhật", "Record progress", ":material/edit_note:", WRITERS),
    PageSpec("pages/import_excel.py", "Nhập từ Excel", "Import from Excel", ":material/upload_file:", WRITERS),
    PageSpec("pages/reports.py", "Báo cáo quý", "Quarterly reports", ":material/assignment_turned_in:"),
    PageSpec("pages/audit.py", "Nhật ký", "Audit log", ":material/history:", ("leader", "inspector", "admin")),
    # The plan workspace (issue 18): drafts, publishing and amendments, by admins and the inspectorate.
    PageSpec("pages/plans.py", "Kế hoạch", "Plans", ":material/post_add:", ("inspector", "admin")),
    PageSpec("pages/deadlines.py", "Thời hạn", "Deadlines", ":material/event:", ("inspector", "admin")),
    PageSpec("pages/users.py", "Quản trị người dùng", "Users", ":material/manage_accounts:", ("admin",)),
    PageSpec("pages/export.py", "Xuất báo cáo", "Exports", ":material/download:"),
]


def pages_for(role: str | None) -> list[PageSpec]:
    """Pages a role may open; without sign-in (role None) every read-only page."""
    return [p for p in PAGES if role is None or role in p.roles]
