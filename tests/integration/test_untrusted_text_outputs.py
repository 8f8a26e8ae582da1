"""Text people typed stays inert in every CSV the app and the CLI write, and errors never quote parameters."""
import csv
import io
from datetime import date

import pytest
from sqlalchemy import create_engine
from sqlalchemy.exc import IntegrityError

from tests.accounts import add_account
from tracking.cli import main
from tracking.db.models import UserRow
from tracking.services.updates import UpdateCommand, record_update
from tracking.tables import audit_table, history_table, to_csv_bytes
from tracking.uow import UnitOfWork
from tracking.views.audit import audit_log, csv_bytes
from tracking.views.unit_detail import unit_history

EVIDENCE = '=HYPERLINK("https://evil.example","Quyết định")'
NOTE = "@SUM(1+1)"
HASH = "$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG"


@pytest.fixture
def hostile(engine):
    add_account(engine, "thanhtra")
    with UnitOfWork(engine) as uow:
        record_update(uow, UpdateCommand("941", "ORG-HUYEN", "done", "2010-10-20", "thanhtra", evidence=EVIDENCE,
                                         note=NOTE), today=date(2026, 11, 26))
    return engine


def cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def test_status_csv_from_the_cli_keeps_formulas_as_text(hostile, monkeypatch, capsys):
    monkeypatch.setenv("TRACKING_DATABASE_URL", hostile.url.render_as_string(hide_password=False))
    assert main(["status", "--as-of", "2010-12-31", "--format", "csv"]) == 0
    found = cells(capsys.readouterr().out)
    assert "'" + EVIDENCE in found and EVIDENCE not in found


def test_the_audit_csv_and_the_pages_table_downloads_keep_formulas_as_text(hostile):
    log = audit_log(hostile)
    raw_columns = (csv_bytes(log), to_csv_bytes(history_table(unit_history(hostile, "941", date(2010, 12, 31)), "vi")))
    for data in (*raw_columns, to_csv_bytes(audit_table(log, "vi"))):  # the page's audit table quotes them mid-text
        found = cells(data.decode("utf-8-sig"))
        assert not any(c.startswith(("=", "@")) for c in found), found
    for data in raw_columns:
        found = cells(data.decode("utf-8-sig"))
        assert "'" + EVIDENCE in found and "'" + NOTE in found, found


def insert_twice(engine):
    for _ in range(2):
        with UnitOfWork(engine) as uow:
            uow.session.add(UserRow(username="trung", role="admin", password_hash=HASH))
            uow.commit()


def test_a_database_error_does_not_carry_the_statement_parameters(engine):
    """Two `users add` of one name racing: the loser's error must not quote the other's password hash."""
    with pytest.raises(IntegrityError) as err:
        insert_twice(engine)
    assert HASH not in str(err.value) and "argon2" not in str(err.value)
    # The same race on an engine made without the setting quotes the hash: the test above is not vacuous.
    bare = create_engine(engine.url)
    with pytest.raises(IntegrityError) as leaked:
        insert_twice(bare)
    bare.dispose()
    assert HASH in str(leaked.value)
