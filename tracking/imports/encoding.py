"""How the bytes of a CSV become text: UTF-8 (any number of BOMs), UTF-16, or Windows-1258 — decided on the whole
file, never on one character, and refused when two readings are both plausible.

Excel on a Vietnamese Windows saves "CSV" in the ANSI code page, Windows-1258. Most such files are not valid
UTF-8 and are told apart at once; but a file whose only non-ASCII text is "QĐ–" (bytes D0 96) *is* valid UTF-8,
for the Cyrillic "Ж". Vietnamese office files hold Latin letters, Vietnamese letters and tone marks, and typographic
punctuation: a UTF-8 reading with anything else, when the Windows-1258 reading has nothing else, is ambiguous.
"""
from __future__ import annotations

import unicodedata

from tracking.errors import TrackingError

BOM = "\ufeff"


def plausible(ch: str) -> bool:
    """A character a Vietnamese office file holds: ASCII, Latin letters (Vietnamese ones included), tone marks,
    typographic punctuation and a few symbols."""
    code = ord(ch)
    return (code < 0x80 or 0xA0 <= code <= 0x24F or 0x2B0 <= code <= 0x2FF or 0x1E00 <= code <= 0x1EFF or 0x300 <= code <= 0x36F
            or 0x2000 <= code <= 0x206F or ch in "\u20ab\u20ac\u2116\u2122" or ch == BOM)


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
    odd = next((i for i, ch in enumerate(text) if not plausible(ch)), None)
    if odd is not None:
        try:
            other = content.decode("cp1258")
        except UnicodeDecodeError:
            other = None
        if other is not None and all(plausible(ch) for ch in other):
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
    odd = None if text is None else next((i for i, ch in enumerate(text) if not plausible(ch)), None)
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
