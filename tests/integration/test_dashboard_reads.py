"""The dashboard's reads on SQLite and PostgreSQL agree with the pure status rules and with each other."""
from datetime import date, datetime, timezone

import pytest
from sqlalchemy import insert

from tests.accounts import add_account
from tests.status_oracle import expected_counts
from tracking.analysis import progress
from tracking.charts.registry import CHARTS, dashboard_figures
from tracking.db.models import QuantityUpdateRow
from tracking.services.updates import UpdateCommand, record_update
from tracking.uow import UnitOfWork
from tracking.views.dashboard import load_dashboard
from tracking.views.unit_detail import quantities_as_of, quantity_history, unit_history

DATES = [date(2010, 6, 14), date(2010, 10, 30), date(2010, 10, 31), date(2011, 1, 15), date(2011, 12, 31)]


@pytest.mark.parametrize("as_of", DATES, ids=str)
def test_the_kpis_equal_what_the_status_rules_say_for_every_milestone(demo_engine, as_of):
    data = load_dashboard(demo_engine, as_of)
    assert progress.status_counts(data.snapshot) == expected_counts(demo_engine, as_of)


def test_done_changes_add_up_to_the_done_milestones_of_each_area(demo_engine):
    for as_of in DATES:
        data = load_dashboard(demo_engine, as_of)
        done = data.snapshot[data.snapshot["status"].isin(progress.DONE)].groupby("area").size()
        added = data.done_changes.groupby("area")["change"].sum()
        assert added[added != 0].sort_index().to_dict() == done.sort_index().to_dict(), as_of


def test_a_reopened_milestone_leaves_the_burn_up_on_the_day_it_reopens(engine):
    add_account(engine, "thanh_tra")
    with UnitOfWork(engine) as uow:
        for state, day in (("done", "2010-10-01"), ("in_progress", "2010-10-10"), ("done", "2010-10-20")):
            record_update(uow, UpdateCommand("941", "ORG-HUYEN", state, day, "thanh_tra"), today=date(2026, 1, 1))
        uow.commit()
    changes = load_dashboard(engine, date(2010, 12, 1)).done_changes
    assert changes[["fact_date", "change"]].values.tolist() == [
        [date(2010, 10, 1), 1], [date(2010, 10, 10), -1], [date(2010, 10, 20), 1]]


def test_a_database_with_no_updates_gives_a_dashboard_without_facts_and_every_chart_still_builds(engine):
    data = load_dashboard(engine, date(2011, 1, 1))
    assert not data.has_facts and not data.is_demo and len(data.snapshot) > 700
    assert data.done_changes.empty
    figures = dashboard_figures(data)
    assert [spec.key for spec, _ in figures] == [spec.key for spec in CHARTS]
    assert all(fig.data for _, fig in figures)


def test_every_registered_chart_builds_on_demo_data_in_both_languages(demo_engine):
    data = load_dashboard(demo_engine, date(2011, 3, 31))
    for lang in ("vi", "en"):
        for spec, fig in dashboard_figures(data, lang):
            assert fig.layout.title.text and fig.data, spec.key


def _quantity(engine, unit, quantity, value, day):
    with engine.begin() as conn:
        conn.execute(insert(QuantityUpdateRow), [{
            "unit_code": unit, "quantity": quantity, "value": value, "fact_date": day, "recorded_by": "thanh_tra",
            "recorded_at": datetime(2026, 1, 1, tzinfo=timezone.utc)}])


def test_the_quantity_shown_is_the_latest_known_on_the_date(engine):
    _quantity(engine, "941", "dedicated_staff", 0, date(2010, 8, 1))
    _quantity(engine, "941", "dedicated_staff", 2, date(2010, 10, 1))
    _quantity(engine, "941", "reception_room", 1, date(2010, 12, 1))
    _quantity(engine, "942", "dedicated_staff", 1, date(2010, 9, 1))

    def latest(as_of):
        frame = quantities_as_of(engine, as_of, ["941"])
        return dict(zip(frame["quantity"], frame["value"]))

    assert latest(date(2010, 7, 1)) == {}
    assert latest(date(2010, 9, 1)) == {"dedicated_staff": 0}
    assert latest(date(2011, 1, 1)) == {"dedicated_staff": 2, "reception_room": 1}
    assert quantity_history(engine, "941", date(2010, 11, 1))["value"].tolist() == [2, 0]


def test_a_unit_history_shows_only_facts_up_to_the_date_newest_first(engine):
    add_account(engine, "thanh_tra")
    with UnitOfWork(engine) as uow:
        record_update(uow, UpdateCommand("941", "ORG-HUYEN", "in_progress", "2010-09-01", "thanh_tra", percent=40),
                      today=date(2026, 1, 1))
        record_update(uow, UpdateCommand("941", "ORG-HUYEN", "done", "2010-10-20", "thanh_tra",
                                         evidence="Quyết định số 45/QĐ-UBND"), today=date(2026, 1, 1))
        uow.commit()
    assert unit_history(engine, "941", date(2010, 9, 30))["state"].tolist() == ["in_progress"]
    full = unit_history(engine, "941", date(2011, 1, 1))
    assert full["state"].tolist() == ["done", "in_progress"]
    assert full["evidence"].iloc[0] == "Quyết định số 45/QĐ-UBND" and full["recorded_by"].iloc[0] == "thanh_tra"
