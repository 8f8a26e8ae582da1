"""The dashboards every session shares: never modified by a page, and never stale after a write made elsewhere."""
from __future__ import annotations

from datetime import date

import pandas as pd

from tests.app.test_pages import kpi_values, open_page
from tracking.db.engine import database_url, make_engine
from tracking.services.updates import UpdateCommand, record_update
from tracking.ui import data
from tracking.uow import UnitOfWork
from tracking.views.dashboard import load_dashboard
from tracking.views.snapshot import snapshot

AS_OF = date(2011, 6, 30)
READER_PAGES = ("pages/overview.py", "pages/compliance.py", "pages/unit.py", "pages/timeline.py", "pages/reports.py",
                "pages/national.py")


def test_no_page_modifies_the_dashboard_all_sessions_share(demo_app_env):
    for page in READER_PAGES:
        assert not open_page(page, {"as_of": AS_OF.isoformat()}).exception
    url = database_url()
    shared = data._dashboard(url, AS_OF, None, data.stamp(url))
    assert data._dashboard(url, AS_OF, None, data.stamp(url)) is shared  # one object, not a copy per hit
    fresh = load_dashboard(make_engine(url), AS_OF)
    for name in ("snapshot", "areas", "units", "requirements", "done_changes"):
        pd.testing.assert_frame_equal(getattr(shared, name), getattr(fresh, name), obj=name)
    assert shared.plan == fresh.plan


def test_a_write_from_another_process_shows_at_the_next_page_view(demo_app_env, monkeypatch):
    monkeypatch.setattr(data, "STAMP_FRESH_SECONDS", 0)  # the next view, not within the second
    before = kpi_values(open_page("pages/overview.py", {"as_of": AS_OF.isoformat()}))
    engine = make_engine(database_url())
    frame = snapshot(engine, AS_OF)
    done = frame[frame["status"] == "done_on_time"].iloc[0]
    # As the CLI or a second app process would: straight to the database, no cache of this process cleared.
    with UnitOfWork(engine) as uow:
        record_update(uow, UpdateCommand(done["unit_code"], done["requirement_code"], "in_progress", "2011-06-29",
                                         "thanhtra", period=done["period"], note="mở lại để kiểm tra"),
                      today=AS_OF)
    after = kpi_values(open_page("pages/overview.py", {"as_of": AS_OF.isoformat()}))
    assert after != before
    assert sum(after) == sum(before)  # the same milestones, one of them counted under another status


def test_a_sign_in_does_not_make_every_dashboard_be_computed_again(demo_app_env):
    """Sign-ins are account events: they change what the audit page shows, not what a dashboard shows."""
    from tracking.db.data_stamp import data_stamp
    from tracking.services.sessions import sign_in

    engine = make_engine(database_url())
    with engine.connect() as conn:
        dashboards, accounts = data_stamp(conn), data_stamp(conn, accounts=True)
    with UnitOfWork(engine) as uow:
        sign_in(uow, "lanhdao", "mật khẩu sai")  # a failed sign-in is recorded like a successful one
    with engine.connect() as conn:
        assert data_stamp(conn) == dashboards
        assert data_stamp(conn, accounts=True) != accounts
