"""Two small rules every page and file relies on: user text is shown as text, and never runs in a spreadsheet."""
import re

import pandas as pd
import pytest

from tracking.cells import FORMULA_PREFIXES, safe_cell
from tracking.tables import to_csv_bytes
from tracking.ui.plain import plain, unescape

HOSTILE = [
    "**đậm** _nghiêng_ ~~gạch~~ `mã`",
    "[liên kết](https://evil.example) <https://evil.example> https://evil.example www.evil.example",
    "![ảnh](https://evil.example/a.png) <img src=https://evil.example/a.png>",
    "# Tiêu đề\n- mục\n1. mục\n  2) mục\n> trích\n---\n===",
    ":red[đỏ] :material/warning: :smile: $x^2$ | a | b | &amp; a@b.vn \\*",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_plain_text_reads_the_same_and_leaves_no_mark_unescaped(text):
    shown = plain(text)
    assert unescape(shown) == text
    bare = re.sub(r"\\[!-/:-@\[-`{-~]", "", shown)
    assert not set(bare) & set("*_~`[]<>!#:$|&@=\\")
    for line in shown.splitlines():  # no list item or thematic break: a line-leading mark is escaped
        assert not re.match(r"\s*(-|\d+[.)])", line)


def test_plain_text_keeps_ordinary_messages_readable():
    message = "Mốc ORG-HUYEN: đang thực hiện ngày 01/09/2010, 50% (do thanhtra ghi)"
    assert plain(message).replace("\\:", ":") == message


@pytest.mark.parametrize("prefix", FORMULA_PREFIXES)
def test_a_cell_a_spreadsheet_would_run_is_kept_as_text(prefix):
    assert safe_cell(f"{prefix}HYPERLINK(\"https://evil.example\")") == f"'{prefix}HYPERLINK(\"https://evil.example\")"
    assert safe_cell(f"a{prefix}b") == f"a{prefix}b" and safe_cell(-3) == -3 and safe_cell(None) is None


def test_table_downloads_neutralise_formulas_in_every_text_column_and_header():
    frame = pd.DataFrame({"Căn cứ": ["=1+2", "@SUM(A1)", "Quyết định 45"], "Ghi chú": ["+x", "\tx", "-x"],
                          "=h": ["a", "b", "c"], "%": [1, -2, 3]})
    text = to_csv_bytes(frame).decode("utf-8-sig")
    assert text.splitlines() == ["Căn cứ,Ghi chú,'=h,%", "'=1+2,'+x,a,1", "'@SUM(A1),'\tx,b,-2", "Quyết định 45,'-x,c,3"]
