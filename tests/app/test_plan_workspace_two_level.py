"""A plan drafted against a two-level unit list (departments and communes, no districts) publishes through the
workspace, and every page renders for it."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.accounts import add_account
from tests.app.test_province_pages import open_page
from tracking.db.engine import URL_ENV, make_engine
from tracking.db.migrate import upgrade
from tracking.plans import draft_edits as edits
from tracking.plans.loader import load_units
from tracking.plans.seed import seed
from tracking.plans.workspace import check_draft, draft_notices, publish_draft, save_draft, start_draft
from tracking.views.snapshot import snapshot
from tracking.units.today import today_units, units_yaml
from tracking.views.workspace import draft

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "plans"
DOCUMENT = FIXTURES / "pho-bien-phap-luat-2026.txt"
PAGES = ("overview", "compliance", "timeline", "unit", "reports", "deadlines", "update", "import_excel", "export",
         "audit", "plans")


def _reviewed(tree: dict) -> dict:
    """What a reviewer does with this draft: an end of tracking after the last report is due, the half-yearly
    report's two periods (the halves end with Q2 and Q4), Sở Tư pháp for the tasks whose unit Nghệ An's list lacks
    (the text names Sở Dân tộc và Tôn giáo and the Front), and every doubt looked at."""
    tree = edits.edit_heading(tree, {"ends_on": date(2027, 1, 31)}, {"ends_on"})  # after the last report
    for i, req in enumerate(tree["requirements"]):
        values = {}
        if not req.get("lead"):
            values["lead"] = "40-STP"
        if not req.get("applies_to"):
            values["applies_to"] = {"units": ["40-STP"]}
        if req.get("recurrence"):
            values |= {"recurrence.every": "quarter", "recurrence.periods": ["2026Q2", "2026Q4"],
                      "recurrence.due_days_after_period_end": 15}
        tree = edits.edit_requirement(tree, i, values, {f["field"] for f in req.get("review") or []}, "quantri")
    return tree


@pytest.fixture(scope="module")
def published_db(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('two_level_plan') / 'tracking.sqlite3'}"
    engine = make_engine(url)
    upgrade(engine)
    units_file = tmp_path_factory.mktemp("units") / "units_40.yaml"
    units_file.write_text(units_yaml(today_units("40")), encoding="utf-8")
    seed(engine, load_units(units_file), [])  # today's units of Nghệ An only: the plan comes from its text
    add_account(engine, "quantri", "admin")
    draft_id = start_draft(engine, "quantri", "40", DOCUMENT.name, DOCUMENT.read_bytes())
    save_draft(engine, "quantri", draft_id, _reviewed(draft(engine, draft_id)["tree"]))
    assert check_draft(engine, draft_id) == []
    # Due in 2026 and 2027, years whose days off the holiday list does not have: said, without stopping publication.
    notices = draft_notices(engine, draft_id)
    assert len(notices) == 1 and "chưa có năm 2026, 2027" in notices[0], notices
    plan_id = publish_draft(engine, "quantri", draft_id)
    assert len(snapshot(engine, date(2026, 6, 1), plan_id=plan_id)) > 5
    add_account(engine, "lanhdao40", "leader", province="40")
    add_account(engine, "thanhtra40", "inspector", province="40")
    engine.dispose()
    return url


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_for_a_plan_published_on_a_two_level_map(monkeypatch, published_db, page):
    monkeypatch.setenv(URL_ENV, published_db)
    user = {"audit": "quantri", "update": "thanhtra40", "import_excel": "thanhtra40", "deadlines": "thanhtra40",
            "plans": "thanhtra40"}.get(page, "lanhdao40")
    at = open_page(f"pages/{page}.py", user, {"as_of": "2026-06-01"})
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    words = " ".join(e.value for kind in ("title", "subheader", "caption", "markdown") for e in getattr(at, kind))
    assert "huyện" not in words.lower()
