"""Issue 22 on the import page: the person is told which sheet and which encoding were read, and a bomb or a value
nobody typed gets a Vietnamese refusal, nothing written."""
from streamlit.testing.v1 import AppTest

from tests.accounts import add_account
from tests.app.conftest import _seeded
from tests.db_dump import dump
from tests.import_files import empty_rows_xlsx, windows_1258
from tests.integration.test_import_hostile_values import hidden_first_workbook
from tracking.db.engine import URL_ENV, make_engine
from tracking.imports.columns import COLUMNS


def _import_page(content: bytes, name: str) -> None:
    from tracking.services.permissions import Actor
    from tracking.ui.importer import run_import
    run_import(Actor("thanhtra", "inspector"), content, name, dry_run=False)


def run(content: bytes, name: str) -> AppTest:
    return AppTest.from_function(_import_page, kwargs={"content": content, "name": name}, default_timeout=60).run()


def test_the_page_says_which_sheet_and_encoding_it_read_and_refuses_bombs(tmp_path, monkeypatch):
    url = _seeded(tmp_path / "tracking.sqlite3", demo=False)
    engine = make_engine(url)
    add_account(engine, "thanhtra", role="inspector")
    monkeypatch.setenv(URL_ENV, url)

    at = run(hidden_first_workbook(), "an.xlsx")
    assert not at.exception and not at.error and any("Đã nhập" in s.value for s in at.success)
    assert any("bỏ qua 1 trang ẩn" in i.value for i in at.info), [i.value for i in at.info]

    text = ",".join(COLUMNS) + "\n942,ORG-HUYEN,,in_progress,05/10/2010,40,,Đã bố trí cán bộ\n"
    at = run(windows_1258(text), "vn.csv")
    assert not at.exception and any("Windows-1258" in i.value for i in at.info)

    before = dump(engine)
    for content, name, said in ((empty_rows_xlsx(3_000_000), "bom.xlsx", "kể cả dòng trống"),
                                (windows_1258(text.replace("Đã bố trí cán bộ", "45/QĐ–UBND")), "qd.csv", "không rõ mã hóa")):
        at = run(content, name)
        assert not at.exception and at.error and said in at.error[0].value, [e.value for e in at.error]
    assert dump(engine) == before
    engine.dispose()
