"""Text from the database (notes, evidence, names, messages quoting them) shown as text, never as markup.

st.error, st.caption, st.success… read their body as Markdown: a note like `![x](https://…)` would fetch an
image from anywhere, `[bấm](…)` would be a link, `**…**` bold. Every ASCII punctuation mark may be escaped with
a backslash in CommonMark, and an escaped mark is shown as itself, so escaping the marks that open Markdown,
HTML, math or Streamlit's `:icon:` / `:color[…]` directives leaves the words exactly as typed. Dates (25/10/2010),
commas and quotes are left alone so messages read the same in tests and logs.

Escaping is not enough for addresses: Streamlit's GFM turns `https://…`, `www.…` and `name@host.tld` into links by
matching the *text* after escapes are resolved, so an escaped colon still makes a link. A WORD JOINER (U+2060, invisible,
and not a word character) after the scheme, after "www" and after "@" breaks those patterns while the reader sees
the same characters.
"""
from __future__ import annotations

import re

# Anywhere in a line: emphasis, code, links and images, HTML and entities, math, tables, directives, escapes.
_ANYWHERE = re.compile(r"([\\`*_{}\[\]<>#+|~$!&:=@])")
# At the start of a line (after indentation): list items "-", ordered lists "1." / "1)", thematic breaks.
_ORDERED = re.compile(r"^(\s*\d+)([.)])", re.MULTILINE)
WORD_JOINER = "\u2060"
# GFM's literal autolinks: a scheme before ":", "www" before ".", and the "@" of an e-mail address.
_LINKISH = re.compile(r"(?i)\b(https?|ftp|mailto|xmpp|www)(?=[:.])|(?<=[\w.+-])(@)(?=[\w-])")


def plain(text) -> str:
    """`text` escaped so that Streamlit's Markdown shows it character for character."""
    if text is None:
        return ""
    text = _LINKISH.sub(lambda m: m.group(0) + WORD_JOINER, str(text))
    escaped = _ANYWHERE.sub(r"\\\1", text)
    escaped = _ORDERED.sub(r"\1\\\2", escaped)
    return re.sub(r"^(\s*)-", r"\1\\-", escaped, flags=re.MULTILINE)


def unescape(markdown: str) -> str:
    """What a reader sees: backslash-escaped punctuation shown as itself (for tests)."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown).replace(WORD_JOINER, "")
