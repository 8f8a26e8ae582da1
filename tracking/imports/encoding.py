"""How the bytes of a CSV become text: UTF-8 (any number of BOMs), UTF-16, or Windows-1258 — decided on the whole
file, never on one character, and refused when two readings are both plausible.

Excel on a Vietnamese Windows saves "CSV" in the ANSI code page, Windows-1258. Most such files are not valid
UTF-8 and are told apart at once; but a file whose only non-ASCII text is "QĐ–" (bytes D0 96) *is* valid UTF-8,
for the Cyrillic "Ж". A UTF-8 reading holding a letter such a file forms by chance (Greek, Cyrillic, IPA…), when
the Windows-1258 reading holds only what a Vietnamese office file holds, is ambiguous: refused, showing both.
"""
from __future__ import annotations

import re
import unicodedata

from tracking.errors import TrackingError

BOM = "\ufeff"


# What a Vietnamese office file holds: ASCII, Latin letters (Vietnamese ones included), spacing modifiers and tone
# marks, typographic punctuation, đồng/euro/numero/trade-mark signs, the BOM. Anything else makes a reading suspect.
_IMPLAUSIBLE = re.compile("[^\x00-\x7f\u00a0-\u024f\u02b0-\u036f\u1e00-\u1eff\u2000-\u206f\u20ab\u20ac\u2116\u2122\ufeff]")


# Two-byte UTF-8 letters a Windows-1258 file forms by chance: a capital (C0–DF) before a punctuation byte (80–BF)
# reads as IPA, Greek, Cyrillic, Hebrew, Arabic… ("Đ–" → "Ж"). Longer sequences almost never arise by chance, so
# a check mark or a Chinese name in a UTF-8 note stays readable.
_BY_CHANCE = re.compile("[\u0250-\u02af\u0370-\u07ff]")


def first_implausible(text: str) -> int | None:
    """Where the first character no Vietnamese office file holds is, if any."""
    found = _IMPLAUSIBLE.search(text)
    return found.start() if found else None


def decode(content: bytes, name: str) -> tuple[str, str, list[str]]:
    """Text, the encoding it was read in, and notes saying how (shown to the person with the result)."""
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return content.decode("utf-16").lstrip(BOM), "UTF-16", []
        except UnicodeDecodeError:
            raise TrackingError(f"{name} bắt đầu như UTF-16 nhưng nội dung hỏng — hãy lưu lại dạng CSV UTF-8") from None
    head = content[:400]
    # UTF-16 saved without its byte-order mark: mostly-ASCII text has a NUL in every other byte.
    for codec, nuls in (("utf-16-le", head[1::2]), ("utf-16-be", head[0::2])):
        if len(nuls) >= 4 and nuls.count(0) >= 0.8 * len(nuls):
            try:
                return content.decode(codec).lstrip(BOM), "UTF-16", []
            except UnicodeDecodeError:
                break
    try:
        text = content.decode("utf-8").lstrip(BOM)  # several BOMs: a file re-saved by tools that each add one
    except UnicodeDecodeError as exc:
        return _not_utf8(content, name, exc)
    chance = _BY_CHANCE.search(text)
    if chance is not None:
        odd = chance.start()
        try:
            other = content.decode("cp1258")
        except UnicodeDecodeError:
            other = None
        if other is not None and first_implausible(other) is None:
            raise TrackingError(
                f"{name}: không rõ mã hóa của tệp — đọc theo UTF-8 là '{_around(text, odd)}', theo Windows-1258 là "
                f"'{_around_same(other, text, odd)}'. Hãy lưu lại tệp dạng \"CSV UTF-8\" trong Excel rồi nhập lại")
    return text, "UTF-8", []


def _not_utf8(content: bytes, name: str, bad: UnicodeDecodeError) -> tuple[str, str, list[str]]:
    # Valid multi-byte UTF-8 elsewhere means a UTF-8 file with a damaged byte: reading it otherwise garbles every accent.
    lossy = content.decode("utf-8", errors="replace")
    if any(ord(ch) > 127 and ch not in ("\ufffd", BOM) for ch in lossy):
        line = content[:bad.start].count(b"\n") + 1
        raise TrackingError(f"{name}, dòng {line}: có byte không hợp lệ trong tệp UTF-8 (vị trí {bad.start}) — "
                            "tệp bị hỏng; hãy lưu lại dạng CSV UTF-8")
    try:
        text = content.decode("cp1258")
    except UnicodeDecodeError:
        text = None
    odd = None if text is None else first_implausible(text)
    if text is None or odd is not None:
        raise TrackingError(f"{name}: không đọc được mã hóa của tệp (nhận UTF-8, UTF-16 hoặc Windows-1258) — "
                            "hãy lưu lại dạng CSV UTF-8")
    text = unicodedata.normalize("NFC", text)
    first = next(i for i, ch in enumerate(text) if ord(ch) > 127)
    return text, "Windows-1258", [f"Tệp được đọc theo mã Windows-1258 (không phải UTF-8), ví dụ: '{_around(text, first)}'. "
                                  "Nếu chữ có dấu hiển thị sai, hãy lưu lại tệp dạng \"CSV UTF-8\"."]


def _around(text: str, i: int) -> str:
    start = max(0, text.rfind("\n", 0, i) + 1, i - 20)
    end = min(len(text), i + 20)
    newline = text.find("\n", i)
    return text[start:end if newline < 0 else min(end, newline)].strip()


def _around_same(other: str, text: str, i: int) -> str:
    """The other reading of the same stretch: located by the line number (byte offsets differ between readings)."""
    line = text.count("\n", 0, i)
    lines = other.split("\n")
    target = lines[line] if line < len(lines) else ""
    odd = next((j for j, ch in enumerate(target) if ord(ch) > 127), 0)
    return _around(unicodedata.normalize("NFC", target), odd)
