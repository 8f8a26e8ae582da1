"""Text from the database (notes, evidence, names, messages quoting them) shown as text, never as markup.

st.error, st.caption, st.success… read their body as Markdown: a note like `![x](https://…)` would fetch an
image from anywhere, `[bấm](…)` would be a link, `**…**` bold. Every ASCII punctuation mark may be escaped with
a backslash in CommonMark, and an escaped mark is shown as itself, so escaping the marks that open Markdown,
HTML, math or Streamlit's `:icon:` / `:color[…]` directives leaves the words exactly as typed. Dates (25/10/2010),
commas and quotes are left alone so messages read the same in tests and logs.
"""
from __future__ import annotations

import re

# Anywhere in a line: emphasis, code, links and images, HTML and entities, math, tables, directives, escapes.
_ANYWHERE = re.compile(r"([\\`*_{}\[\]<>#+|~$!&:=@])")
# At the start of a line (after indentation): list items "-", ordered lists "1." / "1)", thematic breaks.
_ORDERED = re.compile(r"^(\s*\d+)([.)])", re.MULTILINE)
_WWW = re.compile(r"(?i)\b(www)\.")  # GFM turns a bare www.… into a link


def plain(text) -> str:
    """`text` escaped so that Streamlit's Markdown shows it character for character."""
    if text is None:
        return ""
    escaped = _ANYWHERE.sub(r"\\\1", str(text))
    escaped = _ORDERED.sub(r"\1\\\2", escaped)
    escaped = re.sub(r"^(\s*)-", r"\1\\-", escaped, flags=re.MULTILINE)
    return _WWW.sub(r"\1\\.", escaped)


def unescape(markdown: str) -> str:
    """What a reader sees: backslash-escaped punctuation shown as itself (for tests)."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown)
