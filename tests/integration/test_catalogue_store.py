"""The catalogue kept in the database under its stamp (tracking.views.catalogue_store): a process that finds it
gives the very snapshot a full read gives; a stamp that changed, a damaged row or a rolled-back read never serves
it; the row holds no Python object (no pickle)."""
from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest
from sqlalchemy import select, update

from tests.spies import calls_of
from tracking.db.models import CatalogueStoreRow
from tracking.services.deadlines import set_deadline
from tracking.uow import UnitOfWork
from tracking.views import catalogue_store
from tracking.views import milestone_catalogue as catalogues
from tracking.views.snapshot import snapshot

DATES = (date(2010, 9, 1), date(2011, 3, 31), date(2011, 12, 31))
SCOPES = ({"every_plan": True}, {}, {"unit_codes": ["941", "31510"]}, {"requirement_codes": ["ORG-HUYEN"]})
STORE = CatalogueStoreRow.__table__


def _stored(engine) -> dict[str, str]:
    catalogue_store.wait_for_saves()
    with engine.connect() as conn:
        return dict(conn.execute(select(STORE.c.key, STORE.c.stamp)).all())


def _first_read(engine, as_of, **scope) -> pd.DataFrame:
    """A snapshot as a new process's first: nothing kept in this process."""
    catalogues.forget_catalogues()
    return snapshot(engine, as_of, **scope)


@pytest.mark.parametrize("scope", SCOPES, ids=["every_plan", "plan", "units", "requirements"])
def test_a_snapshot_from_the_stored_catalogue_is_the_one_read_in_full(demo_engine, scope, monkeypatch):
    with catalogue_store.left_out():
        read = {as_of: _first_read(demo_engine, as_of, **scope) for as_of in DATES}
    _first_read(demo_engine, DATES[0], **scope)  # read in full, then stored in the background
    assert _stored(demo_engine)
    full_reads = calls_of(monkeypatch, catalogues, "_read")
    for as_of in DATES:
        from_store = _first_read(demo_engine, as_of, **scope)
        pd.testing.assert_frame_equal(from_store, read[as_of])
        for column in from_store.columns:  # the same Python types too (None, not NaN; dates, not text)
            assert list(map(type, from_store[column])) == list(map(type, read[as_of][column])), column
    assert full_reads == []


def test_a_stored_catalogue_is_not_used_once_the_stamp_changed(demo_engine):
    as_of = date(2011, 6, 30)
    _first_read(demo_engine, as_of, every_plan=True)
    before = _stored(demo_engine)["every"]
    with UnitOfWork(demo_engine) as uow:
        set_deadline(uow, "RUL-SBN", "2011-03-31", by="thanhtra", note="Công văn số 12/TTr")
    after = _first_read(demo_engine, as_of, every_plan=True)
    assert set(after.loc[after["requirement_code"] == "RUL-SBN", "deadline"]) == {date(2011, 3, 31)}
    assert _stored(demo_engine)["every"] != before  # stored again under the new stamp
    with catalogue_store.left_out():
        pd.testing.assert_frame_equal(_first_read(demo_engine, as_of, every_plan=True), after)


def test_a_unit_renamed_by_a_reload_is_not_read_from_the_store(engine):
    """A loader rewriting names in place touches the catalogue stamp (data_stamp.touch_catalogue)."""
    from tracking.db.data_stamp import touch_catalogue
    from tracking.db.models import UnitRow

    as_of = date(2011, 6, 30)
    _first_read(engine, as_of)
    _stored(engine)
    with UnitOfWork(engine) as uow:
        uow.session.execute(update(UnitRow).where(UnitRow.code == "941").values(name="Thành phố Sóc Trăng (mới)"))
        touch_catalogue(uow.session)
        uow.commit()
    renamed = _first_read(engine, as_of)
    assert set(renamed.loc[renamed["unit_code"] == "941", "unit_name"]) == {"Thành phố Sóc Trăng (mới)"}


def test_a_damaged_row_is_read_past_and_replaced(engine, caplog):
    as_of = date(2011, 6, 30)
    good = _first_read(engine, as_of)
    stamp = _stored(engine)["plan:default"]
    for damaged in (b"", b"\x01\x00\x00\x00\xff\xff\x00\x00{", bytes(range(256)) * 10):
        with engine.begin() as conn:
            conn.execute(update(STORE).where(STORE.c.key == "plan:default").values(payload=damaged))
        pd.testing.assert_frame_equal(_first_read(engine, as_of), good)
        assert _stored(engine)["plan:default"] == stamp
    with engine.connect() as conn:  # stored again in full
        payload = conn.execute(select(STORE.c.payload).where(STORE.c.key == "plan:default")).scalar()
    assert catalogue_store.unpack(bytes(payload))


def test_the_row_holds_arrays_and_values_not_objects():
    arrays = {"numbers": np.array([3, -2, 70_000], dtype=np.int64),
              "texts": np.array(["Sở Nội vụ", None, "Sở Nội vụ", "Xã Hòa Tú 1"], dtype=object),
              "dates": np.array([date(2010, 10, 30), None], dtype=object),
              "integers": np.array([1, None, 7], dtype=object)}
    payload = catalogue_store.pack(arrays)
    assert b"pickle" not in payload and b"\x80\x05" not in payload[:2]
    back = catalogue_store.unpack(payload)
    for name, values in arrays.items():
        assert back[name].dtype == values.dtype and list(back[name]) == list(values), name
        assert list(map(type, back[name])) == list(map(type, values)), name
    with pytest.raises(catalogue_store.Unstorable):  # a float NaN would come back as None: not stored at all
        catalogue_store.pack({"x": np.array(["a", float("nan")], dtype=object)})
    with pytest.raises(catalogue_store.Unstorable):
        catalogue_store.pack({"x": np.array([object()], dtype=object)})
