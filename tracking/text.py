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


# Vietnamese alphabetical order: ă, â after a; đ after d; ê after e; ô, ơ after o; ư after u; the Latin letters
# Vietnamese does not use keep their Latin place. A word's tone ranks after its letters, in dictionary order:
# ngang, huyền, hỏi, ngã, sắc, nặng.
_LETTERS = {letter: rank for rank, letter in enumerate(
    ["a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "ô", "ơ", "p", "q",
     "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z"])}
_SHAPES = frozenset("\u0306\u0302\u031b")  # breve, circumflex, horn: they make another letter (ă, â, ơ…)
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}  # huyền, hỏi, ngã, sắc, nặng


def vietnamese_key(value: str) -> tuple:
    """A sort key in Vietnamese dictionary order, word by word: "Đà Nẵng" after every "D…", "Hà Nội" before
    "Hải Phòng", "Hòa Bình" before "Hồ Chí Minh"; case aside, and a tone written on another vowel ("Hoà"/"Hòa")
    sorts the same; numbers by value ("Phường 9" before "Phường 10")."""
    return tuple(_word_key(word) for word in nfc(value).lower().split()), value


def _word_key(word: str) -> tuple:
    if word.isdecimal():  # numbers by value: "Phường 9" before "Phường 10"
        return ((1, int(word)),), 0
    letters: list[tuple[int, int, str]] = []  # (0 sign, 1 digit, 2 letter), its rank, the letter
    tone = 0
    for char in unicodedata.normalize("NFD", word):
        if char in _TONES:
            tone = _TONES[char]
        elif char in _SHAPES and letters and letters[-1][0] == 2:
            shaped = unicodedata.normalize("NFC", letters[-1][2] + char)
            if shaped in _LETTERS:
                letters[-1] = (2, _LETTERS[shaped], shaped)
        elif char in _LETTERS:
            letters.append((2, _LETTERS[char], char))
        else:
            letters.append((1 if char.isdigit() else 0, ord(char), char))
    return tuple((kind, rank) for kind, rank, _ in letters), tone
