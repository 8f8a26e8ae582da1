"""The import page's summary warns when imported facts fall after the tracking window (they are still saved)."""
from streamlit.testing.v1 import AppTest

from tests.accounts import add_account
from tests.app.conftest import _seeded
from tracking.db.engine import URL_ENV, make_engine
from tracking.views.history import milestone_history

HEADER = "unit_code,requirement_code,period,state,date,percent,evidence,note\n"
LATE = HEADER + "941,ORG-HUYEN,,done,2010-10-15,,,\n942,ORG-HUYEN,,done,2012-03-01,,,\n"
INSIDE = HEADER + "943,ORG-HUYEN,,done,2011-10-15,,,\n"


def _import_page(content: bytes, dry_run: bool) -> None:
    from tracking.services.permissions import Actor
    from tracking.ui.importer import run_import
    run_import(Actor("thanhtra", "inspector"), content, "nhap.csv", dry_run=dry_run)


def run(content: str, dry_run: bool) -> AppTest:
    at = AppTest.from_function(_import_page, kwargs={"content": content.encode(), "dry_run": dry_run},
                               default_timeout=60)
    return at.run()


def test_the_import_summary_warns_about_facts_after_the_window_and_still_saves_them(tmp_path, monkeypatch):
    url = _seeded(tmp_path / "tracking.sqlite3", demo=False)
    engine = make_engine(url)
    add_account(engine, "thanhtra", role="inspector")
    monkeypatch.setenv(URL_ENV, url)
    for dry_run in (True, False):
        at = run(LATE, dry_run)
        assert not at.exception and not at.error
        assert any("1 dòng có ngày sự việc sau ngày cuối của kỳ theo dõi (31/01/2012), muộn nhất 01/03/2012"
                   in w.value for w in at.warning), [w.value for w in at.warning]
    assert milestone_history(engine, "942", "ORG-HUYEN")[-1]["fact_date"].isoformat() == "2012-03-01"
    at = run(INSIDE, False)
    assert not at.exception and any("Đã nhập" in s.value for s in at.success) and not at.warning
    engine.dispose()
