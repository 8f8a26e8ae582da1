"""The workflow commands, driven as an operator would: users, template, import, and update's --by check."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tracking.db.engine import make_engine
from tracking.imports.sample import sample_rows, xlsx_bytes
from tracking.services.users import add_user, authenticate
from tracking.uow import UnitOfWork

ROOT = Path(__file__).resolve().parents[2]
SECRET = "mat-khau-rat-bi-mat"


@pytest.fixture
def cli(seeded_db_url):
    base = {**os.environ, "TRACKING_DATABASE_URL": seeded_db_url}

    def run(*args, stdin=None, env=None):
        return subprocess.run([sys.executable, "-m", "tracking", *args], cwd=ROOT, env={**base, **(env or {})}, input=stdin,
                              capture_output=True, text=True, timeout=120)

    # The accounts every test needs are added through the service (a console run costs a Python start, ≈1.5 s);
    # test_users_add_from_the_console_never_shows_the_password drives `users add` itself.
    with UnitOfWork(make_engine(seeded_db_url)) as uow:
        for name, role, unit in (("thanhtra", "inspector", None), ("canbo941", "unit_officer", "941")):
            add_user(uow, name, role, SECRET, by="console:test", unit_code=unit)
    run.url = seeded_db_url
    return run


def test_users_add_from_the_console_never_shows_the_password(cli):
    added = cli("users", "add", "canbo942", "--role", "unit_officer", "--unit", "942", "--password-stdin",
                stdin=SECRET + "\n")
    assert added.returncode == 0 and "canbo942" in added.stdout, added.stderr
    assert SECRET not in added.stdout + added.stderr
    with UnitOfWork(make_engine(cli.url)) as uow:
        assert authenticate(uow, "canbo942", SECRET).username == "canbo942"


def test_users_list_shows_accounts_without_any_password_or_hash(cli):
    listing = cli("users", "list", "--format", "json")
    users = {u["username"]: u for u in json.loads(listing.stdout)}
    assert users["canbo941"]["role"] == "unit_officer" and users["canbo941"]["unit_code"] == "941"
    assert "argon2" not in listing.stdout and SECRET not in listing.stdout and "password" not in listing.stdout


def test_a_disabled_user_can_no_longer_update(cli):
    assert cli("users", "disable", "canbo941").returncode == 0
    result = cli("update", "941", "ORG-HUYEN", "--state", "done", "--date", "2010-10-15", "--by", "canbo941")
    assert result.returncode == 2 and "đã bị khóa" in result.stderr


def test_a_new_password_replaces_the_old_one_and_is_logged_without_being_shown(cli):
    from tracking.views.audit import audit_log

    changed = cli("users", "passwd", "thanhtra", "--password-stdin", stdin="mat-khau-moi-2026\n")
    assert changed.returncode == 0 and "mat-khau-moi-2026" not in changed.stdout + changed.stderr
    engine = make_engine(cli.url)
    with UnitOfWork(engine) as uow:
        assert authenticate(uow, "thanhtra", SECRET) is None
        assert authenticate(uow, "thanhtra", "mat-khau-moi-2026").username == "thanhtra"
    assert "user_password" in set(audit_log(engine)["action"])
    assert cli("users", "passwd", "khong-co", "--password-stdin", stdin="mat-khau-moi-2026\n").returncode == 2


def test_a_role_change_from_the_console_applies_at_once_and_is_logged(cli):
    from tracking.views.audit import audit_log

    changed = cli("users", "role", "canbo941", "--role", "leader")
    assert changed.returncode == 0 and "phiên đăng nhập" in changed.stdout
    refused = cli("update", "941", "ORG-HUYEN", "--state", "done", "--date", "2010-10-15", "--by", "canbo941")
    assert refused.returncode != 0
    assert "user_role" in set(audit_log(make_engine(cli.url))["action"])
    assert cli("users", "role", "canbo941", "--role", "unit_officer").returncode == 2  # needs --unit


def test_a_unit_officer_cannot_update_another_unit_from_the_command_line(cli):
    refused = cli("update", "942", "ORG-HUYEN", "--state", "done", "--date", "2010-10-15", "--by", "canbo941")
    assert refused.returncode == 2 and "không được cập nhật đơn vị 942" in refused.stderr
    assert json.loads(cli("history", "942", "ORG-HUYEN", "--format", "json").stdout) == []
    assert cli("update", "941", "ORG-HUYEN", "--state", "done", "--date", "2010-10-15", "--by", "canbo941").returncode == 0


def test_import_refuses_a_bad_file_listing_each_row_then_applies_the_corrected_one_once(cli, tmp_path):
    rows = sample_rows(make_engine(cli.url), 60)
    bad = [dict(r) for r in rows]
    bad[3]["unit_code"] = "999"
    path = tmp_path / "nhap.xlsx"
    path.write_bytes(xlsx_bytes(bad))
    refused = cli("import", str(path), "--by", "thanhtra")
    assert refused.returncode == 2 and "dòng 5, cột unit_code: không có đơn vị mã '999'" in refused.stderr
    path.write_bytes(xlsx_bytes(rows))
    dry = cli("import", str(path), "--by", "thanhtra", "--dry-run")
    assert dry.returncode == 0 and "60 cập nhật mới" in dry.stdout
    assert "Đã nhập 60 cập nhật mới" in cli("import", str(path), "--by", "thanhtra").stdout
    assert "Đã nhập 0 cập nhật mới; bỏ qua 60" in cli("import", str(path), "--by", "thanhtra").stdout
    other = cli("import", str(path), "--by", "canbo941")
    assert other.returncode == 2 and "không được cập nhật đơn vị" in other.stderr


def test_template_for_one_unit(cli, tmp_path):
    out = tmp_path / "mau.xlsx"
    assert cli("template", "--out", str(out), "--unit", "941").returncode == 0
    units = {row[0] for row in load_workbook(out)["Cập nhật"].iter_rows(min_row=2, values_only=True)}
    assert units == {"941"}
    assert cli("template", "--out", str(out), "--unit", "000").returncode == 2


HEADER = "unit_code,requirement_code,period,state,date,percent,evidence,note\n"


def test_an_argument_that_is_not_utf8_gets_a_vietnamese_refusal(cli):
    refused = cli("update", "941", "ORG-HUYEN", "--state", "done", "--date", "2010-10-15", "--by", b"thanh\xfftra")
    assert refused.returncode == 2 and "không phải UTF-8" in refused.stderr and "\\xff" in refused.stderr
    assert "UnicodeEncodeError" not in refused.stderr and "Traceback" not in refused.stderr


def test_by_in_capitals_works_as_sign_in_does(cli, tmp_path):
    assert cli("update", "941", "ORG-HUYEN", "--state", "done", "--date", "2010-10-15", "--by", "THANHTRA").returncode == 0
    path = tmp_path / "f.csv"
    path.write_text(HEADER + "942,ORG-HUYEN,,hoàn thành,2010-10-15,,,\n", encoding="utf-8")
    done = cli("import", str(path), "--by", "ThanhTra")
    assert done.returncode == 0 and "Đã nhập 1 cập nhật mới" in done.stdout


def test_import_names_a_folder_as_a_folder(cli, tmp_path):
    refused = cli("import", str(tmp_path), "--by", "thanhtra")
    assert refused.returncode == 2 and "là một thư mục" in refused.stderr and "không tìm thấy" not in refused.stderr


def test_a_header_only_file_is_not_reported_as_a_success(cli, tmp_path):
    path = tmp_path / "f.csv"
    path.write_text(HEADER, encoding="utf-8")
    refused = cli("import", str(path), "--by", "thanhtra")
    assert refused.returncode == 2 and "không có dòng dữ liệu" in refused.stderr and "Đã nhập" not in refused.stdout


def test_a_csv_with_cr_only_endings_imports_from_the_command_line(cli, tmp_path):
    path = tmp_path / "mac.csv"
    path.write_bytes((HEADER + "941,ORG-HUYEN,,done,2010-10-15,,,\n").replace("\n", "\r").encode())
    done = cli("import", str(path), "--by", "thanhtra")
    assert done.returncode == 0 and "Đã nhập 1 cập nhật mới" in done.stdout, done.stderr


def test_a_file_over_the_size_limit_is_refused_before_reading(cli, tmp_path):
    path = tmp_path / "lon.csv"
    path.write_bytes(HEADER.encode() + b"x" * (2 * 1024 * 1024))
    refused = cli("import", str(path), "--by", "thanhtra", env={"TRACKING_IMPORT_MAX_MB": "1"})
    assert refused.returncode == 2 and "vượt giới hạn 1 MB" in refused.stderr


def test_a_workbook_that_is_not_a_zip_gets_no_english_exception_name(cli, tmp_path):
    path = tmp_path / "gia.xlsx"
    path.write_bytes(b"day khong phai excel")
    refused = cli("import", str(path), "--by", "thanhtra")
    assert refused.returncode == 2 and "không phải tệp Excel .xlsx" in refused.stderr
    assert "BadZipFile" not in refused.stderr and "KeyError" not in refused.stderr


LATE_NOTE = "sau ngày cuối của kỳ theo dõi (31/01/2012)"


def test_update_after_the_tracking_window_is_saved_with_a_vietnamese_warning(cli):
    late = cli("update", "941", "ORG-HUYEN", "--state", "in_progress", "--date", "2012-06-01", "--by", "thanhtra")
    assert late.returncode == 0 and "Đã ghi nhận cập nhật" in late.stdout, late.stderr
    assert f"ngày sự việc 01/06/2012 {LATE_NOTE}" in late.stdout and "bảng điều khiển" in late.stdout
    inside = cli("update", "941", "ORG-HUYEN", "--state", "done", "--date", "2012-01-31", "--by", "thanhtra")
    assert inside.returncode == 0 and "kỳ theo dõi" not in inside.stdout


def test_import_summary_warns_about_rows_after_the_tracking_window(cli, tmp_path):
    path = tmp_path / "muon.csv"
    path.write_text(HEADER + "941,ORG-HUYEN,,done,2010-10-15,,,\n942,ORG-HUYEN,,done,2012-03-01,,,\n"
                    "943,ORG-HUYEN,,done,2012-05-02,,,\n", encoding="utf-8")
    for dry in (["--dry-run"], []):
        done = cli("import", str(path), "--by", "thanhtra", *dry)
        assert done.returncode == 0, done.stderr
        assert f"2 dòng có ngày sự việc {LATE_NOTE}, muộn nhất 02/05/2012" in done.stdout
    again = cli("import", str(path), "--by", "thanhtra")  # nothing new is saved: nothing to warn about
    assert "Đã nhập 0 cập nhật mới" in again.stdout and "kỳ theo dõi" not in again.stdout
