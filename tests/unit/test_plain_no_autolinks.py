"""plain() leaves nothing GFM would turn into a link: the literal-autolink patterns of mdast-util-gfm-autolink-literal
(which Streamlit's Markdown uses) are applied to the text as the renderer sees it, after escapes are resolved."""
import re

import pytest

from tracking.ui.plain import WORD_JOINER, plain, unescape

# mdast-util-gfm-autolink-literal: protocol/www links, then e-mail addresses (JavaScript \w is ASCII only).
GFM_URL = re.compile(r"(https?://|www(?=\.))([-.\w]+)([^ \t\r\n]*)", re.IGNORECASE | re.ASCII)
GFM_EMAIL = re.compile(r"(?<![-\w+.])([-.\w+]+)@([-\w]+(?:\.[-\w]+)+)", re.ASCII)


def rendered_text(markdown: str) -> str:
    """The text node the renderer transforms: backslash escapes resolved, the word joiner kept."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown)


@pytest.mark.parametrize("text", [
    "https://evil.example/x", "HTTP://EVIL.EXAMPLE", "xem www.evil.example nhé", "thư ke@evil.example",
    "Ghi chú: http://a.b/c?d=e, www.f.g và h.i+j@k.l", "mailto:ke@evil.example",
])
def test_no_address_survives_as_an_autolink(text):
    shown = rendered_text(plain(text))
    assert not GFM_URL.search(shown) and not GFM_EMAIL.search(shown), shown
    assert unescape(plain(text)) == text  # the reader sees what was typed


def test_ordinary_text_gets_no_invisible_characters():
    for text in ("Đã bố trí đủ cán bộ: 2 người", "Công văn 12/TTr ngày 25/10/2010", "Tỷ lệ 50%"):
        assert WORD_JOINER not in plain(text)
