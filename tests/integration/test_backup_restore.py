"""backup / restore: one file rebuilds the database, on either engine; init --reset cannot destroy by accident."""
import gzip
import json
import os
from datetime import date

import pytest
from sqlalchemy import inspect, select

from tests.backup_files import rewrite_backup
from tests.conftest import PG_ENV, _fresh_pg_database
from tracking.cli import main
from tracking.db.backup import NOT_BACKED_UP, BackupError, _encode, restore_backup, table_counts, write_backup
from tracking.db.engine import make_engine
from tracking.db.migrate import upgrade
from tracking.db.models import Base, SessionRow, UpdateRow
from tracking.demo_accounts import DEMO_PASSWORD
from tracking.services import sessions
from tracking.services.deadlines import set_deadline
from tracking.services.quantities import QuantityCommand, record_quantities
from tracking.services.updates import UpdateCommand, record_update
from tracking.uow import UnitOfWork

AS_OF = ("2010-09-30", "2010-12-31", "2011-06-30", "2012-01-31")
HISTORIES = (("941", "ORG-HUYEN", None), ("941", "REP-QUY", "2010Q4"), ("31510", "ORG-XA", None))


def enrich(engine) -> None:
    """Rows of every kind the demo lacks: a deadline set later, a note with Vietnamese text, figures."""
    with UnitOfWork(engine) as uow:
        set_deadline(uow, "RUL-SBN", "2011-03-31", by="thanhtra", note="Công văn số 12/TTr")
    with UnitOfWork(engine) as uow:
        record_update(uow, UpdateCommand("941", "ORG-HUYEN", "done", "2011-01-05", "thanhtra",
                                         note="Đã bố trí đủ cán bộ — “ghi chú”"), today=date(2012, 1, 31))
    with UnitOfWork(engine) as uow:
        record_quantities(uow, QuantityCommand("941", {"dedicated_staff": 2}, "2011-02-01", "thanhtra"),
                          today=date(2012, 1, 31))
    with UnitOfWork(engine) as uow:  # someone signed in: a session row with a code hash, then a token hash
        signed = sessions.sign_in(uow, "thanhtra", DEMO_PASSWORD)
    with UnitOfWork(engine) as uow:
        assert sessions.exchange_code(uow, signed.code, signed.nonce)
    with UnitOfWork(engine) as uow:
        sessions.sign_in(uow, "lanhdao", DEMO_PASSWORD)  # a code not yet exchanged


def session_count(url_or_engine) -> int:
    engine = make_engine(url_or_engine) if isinstance(url_or_engine, str) else url_or_engine
    with engine.connect() as conn:
        return len(conn.execute(select(SessionRow.id)).all())


def dump(engine) -> dict[str, list]:
    """Every row of every backed-up table (all but the sign-in sessions), in a form comparable across engines."""
    with engine.connect() as conn:
        return {t.name: [{k: _encode(v) for k, v in row.items()}
                         for row in conn.execute(select(t).order_by(*t.primary_key.columns)).mappings()]
                for t in Base.metadata.sorted_tables if t.name not in NOT_BACKED_UP}


def cli_output(url, monkeypatch, capsys, *args) -> str:
    monkeypatch.setenv("TRACKING_DATABASE_URL", url)
    assert main(list(args)) == 0
    return capsys.readouterr().out


def reports(url, monkeypatch, capsys) -> list[str]:
    out = [cli_output(url, monkeypatch, capsys, "status", "--as-of", d, "--format", "json") for d in AS_OF]
    for unit, req, period in HISTORIES:
        out.append(cli_output(url, monkeypatch, capsys, "history", unit, req, *(["--period", period] if period else []),
                              "--format", "json"))
    return out


def round_trip(source_url, target_url, tmp_path, monkeypatch, capsys):
    file = tmp_path / "sao-luu.jsonl.gz"
    cli_output(source_url, monkeypatch, capsys, "backup", "--out", str(file))
    out = cli_output(target_url, monkeypatch, capsys, "restore", str(file))
    assert "Đã khôi phục" in out
    source, target = make_engine(source_url), make_engine(target_url)
    try:
        assert dump(target) == dump(source)
        assert session_count(target) == 0  # nobody is signed in to a restored database
        assert reports(target_url, monkeypatch, capsys) == reports(source_url, monkeypatch, capsys)
    finally:
        source.dispose()
        target.dispose()
    return file


@pytest.fixture
def source(templates, backend, tmp_path):
    url, drop = templates.clone(backend, True, tmp_path)
    engine = make_engine(url)
    enrich(engine)
    engine.dispose()
    yield url
    drop()


def test_a_backup_restored_into_an_empty_database_is_the_same_database(source, db_url, tmp_path, monkeypatch, capsys):
    file = round_trip(source, db_url, tmp_path, monkeypatch, capsys)
    with gzip.open(file, "rt", encoding="utf-8") as lines:
        header = json.loads(lines.readline())
    assert header["revision"] and header["counts"]["updates"] > 1000 and header["counts"]["users"] >= 5
    # Every table is covered except, on purpose, the sign-in sessions (their code and token hashes are credentials)
    # and the catalogue kept under its stamp (made again from the rest).
    assert set(header["counts"]) == {t.name for t in Base.metadata.sorted_tables} - {"sessions", "catalogue_store"}
    assert session_count(source) == 2
    with gzip.open(file, "rt", encoding="utf-8") as lines:
        assert not [line for line in lines if json.loads(line).get("t") == "sessions"]


def test_every_table_of_the_migrated_database_is_backed_up(engine):
    """The backup lists the models' tables; a migration adding a table without a model would escape it.

    The exclusions are explicit: `sessions` (live sign-ins — one-time code and token hashes are credentials; a
    restored database starts with nobody signed in) and `catalogue_store` (derived, kept under the stamp of the data
    it was made from)."""
    assert set(inspect(engine).get_table_names()) - {"alembic_version"} == set(Base.metadata.tables)
    assert NOT_BACKED_UP == {"sessions", "catalogue_store"}


def test_an_older_backup_carrying_sessions_restores_without_them(source, db_url, tmp_path):
    """A file written before sessions were left out: restored, the session rows dropped, nobody signed in."""
    new, old = tmp_path / "new.jsonl.gz", tmp_path / "old.jsonl.gz"
    write_backup(make_engine(source), new)
    engine = make_engine(source)
    with engine.connect() as conn:
        rows = [{k: _encode(v) for k, v in r.items()} for r in conn.execute(select(SessionRow)).mappings()]
    engine.dispose()
    assert rows

    def with_sessions(header, items):
        header["counts"]["sessions"] = len(rows)
        return header, items + [{"t": "sessions", "r": r} for r in rows]

    rewrite_backup(new, old, with_sessions)
    target = make_engine(db_url)
    restore_backup(target, old)
    assert dump(target) == dump(make_engine(source)) and session_count(target) == 0
    target.dispose()


def test_after_a_restore_new_records_get_new_ids(source, db_url, tmp_path, monkeypatch, capsys):
    round_trip(source, db_url, tmp_path, monkeypatch, capsys)
    target = make_engine(db_url)
    with target.connect() as conn:
        highest = conn.scalar(select(UpdateRow.id).order_by(UpdateRow.id.desc()).limit(1))
    with UnitOfWork(target) as uow:
        new_id = record_update(uow, UpdateCommand("942", "ORG-HUYEN", "in_progress", "2011-01-05", "thanhtra"),
                               today=date(2012, 1, 31))
    target.dispose()
    assert new_id > highest


def test_a_sqlite_backup_restores_on_postgresql_and_back(templates, tmp_path, monkeypatch, capsys):
    if not os.environ.get(PG_ENV):
        pytest.skip(f"PostgreSQL: {PG_ENV} is not set")
    sqlite_url, drop_sqlite = templates.clone("sqlite", True, tmp_path)
    engine = make_engine(sqlite_url)
    enrich(engine)
    engine.dispose()
    pg_url, drop_pg = _fresh_pg_database(os.environ[PG_ENV])
    back = f"sqlite:///{tmp_path / 'back.sqlite3'}"
    try:
        round_trip(sqlite_url, pg_url, tmp_path / "there", monkeypatch, capsys)
        round_trip(pg_url, back, tmp_path / "back", monkeypatch, capsys)
    finally:
        drop_pg()
        drop_sqlite()


def test_restore_into_a_database_that_holds_rows_is_refused_and_changes_nothing(source, engine, tmp_path):
    file = tmp_path / "b.jsonl.gz"
    write_backup(make_engine(source), file)
    before = table_counts(engine)
    with pytest.raises(BackupError, match="CSDL đích không trống"):
        restore_backup(engine, file)
    assert table_counts(engine) == before


@pytest.mark.parametrize("damage", ["truncated", "not_a_backup", "missing"])
def test_a_damaged_backup_is_refused_with_a_message_and_restores_nothing(source, db_url, tmp_path, damage):
    file = tmp_path / "b.jsonl.gz"
    write_backup(make_engine(source), file)
    if damage == "truncated":
        with gzip.open(file, "rt", encoding="utf-8") as f:
            lines = f.readlines()
        with gzip.open(file, "wt", encoding="utf-8") as f:
            f.writelines(lines[: len(lines) // 2])
    elif damage == "not_a_backup":
        file.write_bytes(b"unit_code,requirement_code\n941,ORG-HUYEN\n")
    else:
        file = tmp_path / "khong-co.jsonl.gz"
    with pytest.raises(BackupError):
        restore_backup(make_engine(db_url), file)
    target = make_engine(db_url)
    assert not any(table_counts(target).values())
    target.dispose()


def test_init_reset_without_yes_refuses_when_there_is_history(source, monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("TRACKING_DATABASE_URL", source)
    monkeypatch.setenv("TRACKING_BACKUP_DIR", str(tmp_path / "backups"))
    engine = make_engine(source)
    before = dump(engine)
    assert main(["init", "--reset"]) != 0
    assert "--yes" in capsys.readouterr().err
    assert dump(engine) == before and not (tmp_path / "backups").exists()
    engine.dispose()


def test_init_reset_with_yes_writes_a_backup_first_and_says_where(source, db_url, monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("TRACKING_DATABASE_URL", source)
    monkeypatch.setenv("TRACKING_BACKUP_DIR", str(tmp_path / "backups"))
    engine = make_engine(source)
    before = dump(engine)
    assert main(["init", "--reset", "--yes"]) == 0
    out = capsys.readouterr().out
    (file,) = (tmp_path / "backups").iterdir()
    assert str(file) in out
    assert not table_counts(engine)["updates"]
    engine.dispose()
    restore_backup(make_engine(db_url), file)  # the history that was wiped can be brought back
    assert dump(make_engine(db_url)) == before


def test_init_reset_on_a_database_without_history_needs_no_yes(seeded_db_url, monkeypatch, capsys):
    monkeypatch.setenv("TRACKING_DATABASE_URL", seeded_db_url)
    assert main(["init", "--reset"]) == 0


def test_a_backup_restores_into_a_migrated_empty_database_too(source, db_url, tmp_path):
    from tracking.db.migrate import upgrade
    file = tmp_path / "b.jsonl.gz"
    write_backup(make_engine(source), file)
    target = make_engine(db_url)
    upgrade(target)
    restore_backup(target, file)
    assert dump(target) == dump(make_engine(source))
    target.dispose()


def test_a_restore_empties_the_catalogue_kept_in_the_target_and_reads_its_own(source, db_url, tmp_path):
    """A migrated target whose pages were opened before the restore keeps a catalogue under its stamp; the restore
    is still accepted, and that catalogue (made from other data) is gone, so the restored plan's own is read."""
    from tracking.db.models import CatalogueStoreRow
    from tracking.views import catalogue_store
    from tracking.views.milestone_catalogue import forget_catalogues
    from tracking.views.snapshot import snapshot

    file = tmp_path / "b.jsonl.gz"
    write_backup(make_engine(source), file)
    target = make_engine(db_url)
    upgrade(target)
    snapshot(target, date(2011, 6, 30))  # an empty catalogue, stored under the empty database's stamp
    catalogue_store.wait_for_saves()
    store = CatalogueStoreRow.__table__
    with target.connect() as conn:
        assert conn.execute(select(store.c.key)).scalars().all() == ["plan:default"]
    restore_backup(target, file)
    with target.connect() as conn:
        assert conn.execute(select(store.c.key)).all() == []
    forget_catalogues()
    restored = snapshot(target, date(2011, 6, 30))
    forget_catalogues()
    assert restored.equals(snapshot(make_engine(source), date(2011, 6, 30)))
    target.dispose()


def test_a_backup_from_the_previous_schema_is_restored_then_migrated(source, db_url, tmp_path):
    """A file written before write versions existed (revision 0002): restored as it was, then numbered by 0003."""
    new, old = tmp_path / "new.jsonl.gz", tmp_path / "old.jsonl.gz"
    write_backup(make_engine(source), new)
    schema_0002 = make_engine(f"sqlite:///{tmp_path / 'schema_0002.sqlite3'}")
    upgrade(schema_0002, "0002")
    columns = {t: {c["name"] for c in inspect(schema_0002).get_columns(t)} for t in inspect(schema_0002).get_table_names()}
    schema_0002.dispose()

    def as_0002(header, items):
        counts = {t: n for t, n in header["counts"].items() if t in columns}
        kept = [{"t": i["t"], "r": {k: v for k, v in i["r"].items() if k in columns[i["t"]]}}
                for i in items if i["t"] in columns]  # a table later migrations added is left out
        return header | {"revision": "0002", "counts": counts}, kept

    rewrite_backup(new, old, as_0002)
    restore_backup(make_engine(db_url), old)
    restored, original = dump(make_engine(db_url)), dump(make_engine(source))
    assert restored["updates"] == original["updates"] and restored["milestones"] == original["milestones"]
