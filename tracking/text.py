"""Text as it enters the system: one form (NFC) for Vietnamese, one rule for user names, no NUL bytes.

Vietnamese typed on some keyboards arrives decomposed (NFD: "a" + U+0300 instead of "à"); it looks identical but
compares unequal, so "hoàn thành" would be refused as a state. Everything that enters — import cells, command-line
arguments, form fields, user names — passes through here once, and the rest of the code compares plain strings.
"""
from __future__ import annotations

import unicodedata

from tracking.errors import InvalidInput


def nfc(value: str) -> str:
    """The composed (NFC) form: what Vietnamese keyboards in Unicode mode produce and what we store."""
    return unicodedata.normalize("NFC", value)


def entered(value, field: str):
    """A value typed or read from a file: strings come back in NFC; NUL and undecodable bytes are refused.

    NUL cannot be stored by PostgreSQL (and SQLite would keep it silently), lone surrogates are bytes that were
    not valid UTF-8 — both are refused naming the field rather than failing deep inside the database driver.
    """
    if not isinstance(value, str):
        return value
    if "\x00" in value:
        raise InvalidInput(field, "có ký tự NUL (mã 0) — tệp hoặc nội dung bị hỏng; hãy gõ lại nội dung này")
    if has_surrogates(value):
        raise InvalidInput(field, "có byte không phải UTF-8 hợp lệ; hãy gõ lại nội dung này")
    return nfc(value)


def user_name(value: str | None) -> str:
    """The one rule for comparing and storing user names: NFC, surrounding blanks dropped, lower case."""
    return nfc(value or "").strip().lower()


def has_surrogates(value: str) -> bool:
    """True for strings carrying bytes that were not UTF-8 (Python keeps them as lone surrogates)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False
