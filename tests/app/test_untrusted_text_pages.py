"""Text people typed (names, notes) is shown as text on the pages: no link, image, bold or HTML comes of it."""
import re
from datetime import date

from streamlit.testing.v1 import AppTest

from tests.app.conftest import ROOT, _seeded
from tracking.db.engine import URL_ENV, make_engine
from tracking.services.updates import UpdateCommand, record_update
from tracking.services.users import add_user
from tracking.ui.auth import SESSION_KEY
from tracking.ui.plain import plain, unescape
from tracking.uow import UnitOfWork
from tracking.views.workflow import unit_milestones

HOSTILE = "**Trưởng phòng** [bấm vào đây](https://evil.example/x) ![ảnh](https://evil.example/a.png) <img src=x>"


def shows_as_text(markdown: str, text: str) -> bool:
    """The markdown body holds `text` escaped: what the reader sees is `text`, and no mark is left unescaped."""
    unescaped_marks = set(re.sub(r"\\[!-/:-@\[-`{-~]", "", markdown)) & set("*_[]<>!`:")
    return plain(text) in markdown and text in unescape(markdown) and not unescaped_marks


def test_a_display_name_and_a_note_in_a_conflict_message_are_shown_as_text(tmp_path, monkeypatch):
    url = _seeded(tmp_path / "t.sqlite3", demo=False)
    monkeypatch.setenv(URL_ENV, url)
    engine = make_engine(url)
    with UnitOfWork(engine) as uow:
        add_user(uow, "tt", "inspector", "mat-khau-thu", by="test", display_name=HOSTILE)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state[SESSION_KEY] = "tt"  # signed in: app.py draws the sidebar's account box
    at.run()
    assert not at.exception
    assert any(shows_as_text(c.value, HOSTILE) for c in at.sidebar.caption), [c.value for c in at.sidebar.caption]

    at.switch_page("pages/update.py").run()
    at.selectbox(key="upd_unit").set_value("941").run()
    frame = unit_milestones(engine, "941")
    at.selectbox(key="upd_milestone").set_value(
        int(frame[frame["requirement_code"] == "ORG-HUYEN"]["milestone_id"].iloc[0])).run()
    with UnitOfWork(engine) as uow:  # someone else saves while the form is open, with a hostile note
        record_update(uow, UpdateCommand("941", "ORG-HUYEN", "in_progress", "2010-09-01", "tt", note=HOSTILE))
    at.selectbox(key="upd_state").set_value("done")
    at.date_input(key="upd_date").set_value(date(2010, 10, 1))
    at.button(key="upd_submit").click().run()
    assert at.error and "vừa có cập nhật mới" in at.error[0].value
    assert shows_as_text(at.error[0].value, HOSTILE), at.error[0].value
    engine.dispose()
