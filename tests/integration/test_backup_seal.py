"""Issue 22, point 3, on SQLite and PostgreSQL: a backup carries a seal (an HMAC per table and over the whole file,
with a key kept outside it); an edited or damaged file is refused in Vietnamese before anything is written."""
import gzip
import json
import stat

import pytest

from tests.backup_files import tamper
from tests.integration.test_backup_restore import source  # noqa: F401 (fixture)
from tracking.cli import main
from tracking.db.backup import BackupError, restore_backup, table_counts, write_backup
from tracking.db.backup_seal import KEY_ENV, KEY_FILE_ENV
from tracking.db.engine import make_engine
from tracking.services.users import hash_password


def written(source_url, tmp_path):
    file = tmp_path / "sao-luu.jsonl.gz"
    engine = make_engine(source_url)
    write_backup(engine, file)
    engine.dispose()
    return file


def refused(db_url, file, *fragments, **options) -> str:
    target = make_engine(db_url)
    with pytest.raises(BackupError) as err:
        restore_backup(target, file, **options)
    message = str(err.value)
    for fragment in fragments:
        assert fragment in message, message
    assert "Error" not in message and "Lỗi hệ thống" not in message
    assert not any(table_counts(target).values())  # nothing written, not even the schema's rows
    target.dispose()
    return message


def test_a_backup_file_is_readable_by_its_owner_only(source, tmp_path):
    mode = stat.S_IMODE(written(source, tmp_path).stat().st_mode)
    assert mode == 0o600


def test_a_user_line_made_admin_with_a_new_password_hash_is_refused(source, db_url, tmp_path):
    file, forged = written(source, tmp_path), tmp_path / "forged.jsonl.gz"

    def make_admin(header, items):
        for item in items:
            if item["t"] == "users" and item["r"]["username"] == "lanhdao":
                item["r"] |= {"role": "admin", "password_hash": hash_password("mat-khau-ke-gian")}
        return header, items

    tamper(file, forged, make_admin)
    refused(db_url, forged, "bảng users", "đã bị sửa")


def test_a_forged_update_row_is_refused_even_with_the_counts_made_to_match(source, db_url, tmp_path):
    file, forged = written(source, tmp_path), tmp_path / "forged.jsonl.gz"

    def add_update(header, items):
        last = max((i for i in items if i["t"] == "updates"), key=lambda i: i["r"]["id"])
        fake = {"t": "updates", "r": last["r"] | {"id": last["r"]["id"] + 1000, "fingerprint": "gia-mao",
                                                  "note": "hoàn thành (giả)"}}
        header["counts"]["updates"] += 1
        return header, items[:items.index(last) + 1] + [fake] + items[items.index(last) + 1:]

    tamper(file, forged, add_update)
    refused(db_url, forged, "bảng updates")


def test_a_removed_row_is_refused(source, db_url, tmp_path):
    file, cut = written(source, tmp_path), tmp_path / "cut.jsonl.gz"

    def drop_one(header, items):
        victim = next(i for i in items if i["t"] == "user_events")
        header["counts"]["user_events"] -= 1
        return header, [i for i in items if i is not victim]

    tamper(file, cut, drop_one)
    refused(db_url, cut, "bảng user_events")


@pytest.mark.parametrize("where", [0.02, 0.3, 0.6, 0.95, -3])
def test_a_flipped_byte_gives_a_vietnamese_refusal_from_the_command_line(source, db_url, tmp_path, monkeypatch, capsys,
                                                                        where):
    file = written(source, tmp_path)
    data = bytearray(file.read_bytes())
    at = int(len(data) * where) if where > 0 else len(data) + where
    data[at] ^= 0x20
    file.write_bytes(bytes(data))
    refused(db_url, file)
    monkeypatch.setenv("TRACKING_DATABASE_URL", db_url)
    assert main(["restore", str(file)]) != 0
    err = capsys.readouterr().err
    assert "Lỗi hệ thống" not in err and "Error" not in err and "không khôi phục" in err


def test_a_backup_sealed_with_another_key_is_refused_naming_both_keys(source, db_url, tmp_path, monkeypatch):
    file = written(source, tmp_path)
    monkeypatch.setenv(KEY_ENV, "k" * 40)
    refused(db_url, file, "một khóa khác")


def test_without_the_key_nothing_is_restored_and_the_message_says_where_the_key_goes(source, db_url, tmp_path,
                                                                                     monkeypatch):
    file = written(source, tmp_path)
    monkeypatch.setenv(KEY_FILE_ENV, str(tmp_path / "khong-co" / "backup.key"))
    refused(db_url, file, "không có khóa niêm phong", str(tmp_path / "khong-co"))


def test_an_unsealed_older_backup_needs_the_person_to_accept_it(source, db_url, tmp_path):
    file, old = written(source, tmp_path), tmp_path / "v1.jsonl.gz"
    with gzip.open(file, "rt", encoding="utf-8") as src, gzip.open(old, "wt", encoding="utf-8") as out:
        header = json.loads(src.readline())
        out.write(json.dumps(header | {"format_version": 1}, ensure_ascii=False) + "\n")
        out.writelines(line for line in src if not line.startswith('{"seal"'))
    refused(db_url, old, "chưa có niêm phong", "--accept-unsealed")
    target = make_engine(db_url)
    restore_backup(target, old, accept_unsealed=True)
    assert table_counts(target)["updates"] == table_counts(make_engine(source))["updates"]
    target.dispose()


def test_the_first_backup_makes_a_key_file_readable_by_its_owner_and_says_so(source, tmp_path, monkeypatch, capsys):
    key_file = tmp_path / "moi" / "backup.key"
    monkeypatch.setenv(KEY_FILE_ENV, str(key_file))
    monkeypatch.setenv("TRACKING_DATABASE_URL", source)
    assert main(["backup", "--out", str(tmp_path / "b.jsonl.gz")]) == 0
    out = capsys.readouterr().out
    assert str(key_file) in out and "cất một bản sao" in out
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert main(["backup", "--out", str(tmp_path / "c.jsonl.gz")]) == 0
    assert "Đã tạo khóa" not in capsys.readouterr().out  # the same key afterwards
