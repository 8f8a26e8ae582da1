"""Finding units in a sentence: named units from the unit list, and the genre's collective addressees.

Matching works on folded text (no accents, lower case, same length as the original), so 'Văn phòng UBND tỉnh',
'Văn phòng Ủy ban nhân dân tỉnh' and 'VĂN PHÒNG UBND TỈNH' all find one unit, and the span quotes the words the
document used. Known abbreviations (UBND, HĐND, ĐBQH, VP, PTNT, TP …) match their long forms both ways. A phrase
that starts like a unit name ('Sở …', 'Ban …', 'Văn phòng …') but matches no alias goes to RapidFuzz against
every alias: a close match is taken and flagged for review, a poor one is kept as written and flagged.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from tracking.domain.plan import Unit

from .text import fold

# Long form ↔ abbreviation, folded. Either side in a unit name matches either side in the text.
EQUIVALENTS = (
    ("uy ban nhan dan", "ubnd"),
    ("hoi dong nhan dan", "hdnd"),
    ("dai bieu quoc hoi", "dbqh"),
    ("mat tran to quoc", "mttq"),
    ("phat trien nong thon", "ptnt"),
    ("van phong", "vp"),
    ("thanh pho", "tp"),
    ("thi xa", "tx"),
    ("thi tran", "tt"),
    ("khu cong nghiep", "kcn"),
    ("ban quan ly", "bql"),
)
# Words that start a unit's name: a phrase starting with one is a unit mention even when the list lacks it.
HEAD_WORDS = ("so", "ban", "van phong", "vp", "thanh tra", "uy ban nhan dan", "ubnd", "bo", "cuc", "chi cuc",
              "trung tam", "cong an", "bo chi huy", "kho bac", "dai phat thanh", "bao", "hoi", "lien doan",
              "tinh doan", "mat tran", "ngan hang", "bao hiem", "vien", "truong", "phong", "toa an", "vien kiem sat",
              "huyen", "xa", "phuong", "thi tran", "thanh pho", "thi xa", "dac khu", "tong cuc", "thu tuong",
              "hiep hoi", "lien minh", "uy ban",
              # the provinces' press and broadcaster merged in 2025: 'Báo và Phát thanh, Truyền hình Quảng Trị'
              "bao va phat thanh, truyen hinh")
# One-word heads that are also common words: a unit only when a capitalised name follows ('Bộ Nội vụ', 'Sở Y tế').
AMBIGUOUS_HEADS = ("so", "ban", "bo", "cuc", "bao", "hoi", "vien", "truong", "phong", "xa", "phuong", "huyen",
                   "uy ban")
# Words that end a unit phrase: verbs and connectors that follow a subject or a list of coordinators.
STOP_WORDS = ("chu tri", "phoi hop", "to chuc", "xay dung", "trien khai", "thuc hien", "co", "trinh", "huong dan",
              "tham muu", "kiem tra", "bao cao", "ra soat", "chi dao", "ban hanh", "lap", "dam bao", "bao dam",
              "theo doi", "tong hop", "giup", "nham", "de", "tien hanh", "cu", "bo tri", "dau tu", "hoan thanh",
              "du tru", "quan ly", "chiu trach nhiem", "co trach nhiem", "can cu", "theo", "trong", "ve",
              "cung", "va cac", "khan truong", "tiep tuc", "dinh ky", "thuong xuyen", "duoc", "se", "can", "phai",
              "cap nhat", "nghien cuu", "de xuat", "rut kinh nghiem", "so ket", "tong ket", "truoc", "cham nhat",
              "dieu hoa", "cung cap", "tuyen truyen", "phan cong", "giao", "khac phuc", "tang cuong", "thanh lap",
              "tai tru so", "tai dia phuong", "tai don vi", "tai co quan",
              "mo", "chu dong", "day manh", "nang cao", "duy tri", "bien soan", "dang tai", "pho bien", "quan triet",
              "van dong", "giam sat", "kien toan", "phat song", "xu ly",
              # verbs of the commune and department plans: 'Công an xã tiếp nhận …', 'Văn phòng … số hóa hồ sơ'
              "tiep nhan", "so hoa", "nang cap", "van hanh", "ho tro", "ket noi", "hoan thien", "chinh ly",
              "thong ke", "cong khai", "lam", "dieu tra", "khao sat", "bao ve", "phong chong", "gui")
# A stop word that is the second half of a word in a name: 'Ban Tuyên giáo', 'Ban Tôn giáo' (not 'giao', to assign).
COMPOUNDS = frozenset({("tuyen", "giao"), ("ton", "giao")})
# Nouns that start with a stop word: 'Ủy ban An toàn giao thông tỉnh', 'Trung tâm Giáo dục nghề nghiệp - giáo dục …'.
STOP_NOUNS = frozenset({"giao thong", "giao duc", "giao dich"})
FUZZY_ACCEPT = 90   # a close spelling of a listed unit ('Sở Tài nguyên Môi trường'): taken, and flagged
FUZZY_NEAR = 80     # below this the phrase is kept as written only

_SEP = r"(?:\s*[,\-–&]\s*|\s+)"
def _starts_a_unit(folded: str, at: int) -> bool:
    """Whether a unit's head ('Sở', 'Thanh tra', 'Thủ tướng') starts at `at` — not merely its first word ('Thú y')."""
    return any(folded.startswith(h, at) and not folded[at + len(h):at + len(h) + 1].isalnum() for h in HEAD_WORDS)


# after a comma, more of the same name when it ends '… và <Capital>' before any other punctuation
_SERIES_IN_NAME = re.compile(r"[A-ZĐÀ-Ỹ][^,;:.()]*?\svà\s[A-ZĐÀ-Ỹ]")
_COMMITTEES = re.compile(r"(?:hdnd|dan) va (?:ubnd|uy)$")
# The level a name ends with: 'Ủy ban MTTQ Việt Nam xã' is not the province's 'Ủy ban MTTQ Việt Nam tỉnh' misspelt.
_LEVEL = re.compile(r"(?<!\w)(?:tinh|huyen|phuong|xa(?! hoi))(?!\w)")


def _levels_differ(phrase: str, alias: str) -> bool:
    """'… xã' against '… tỉnh', or a commune's or district's body against a name with no level: another body."""
    a, b = set(_LEVEL.findall(phrase)), set(_LEVEL.findall(alias))
    return (a - {"tinh"}) != (b - {"tinh"}) or bool(a and b and a != b)


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str                 # as written
    code: str | None = None   # unit code when resolved
    levels: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    note: str | None = None   # why a reviewer should look (close match, collective without units…)

    @property
    def collective(self) -> bool:
        return bool(self.levels or self.groups)


# Collective addressees (folded text). Each maps to applies_to levels/groups; '(?:...)' keeps them one match.
_UB = r"(?:chu tich\s+)?(?:ubnd|uy ban nhan dan)"
COLLECTIVES: tuple[tuple[re.Pattern, tuple[str, ...], tuple[str, ...]], ...] = tuple(
    (re.compile(pattern), levels, groups) for pattern, levels, groups in (
        (rf"(?:thu truong\s+)?cac\s+so,?\s+(?:ban,?\s+)?nganh(?:,?\s+doan the)?(?:\s+(?:cap\s+)?tinh)?"
         rf"|(?:thu truong\s+)?cac\s+so,\s+ban(?:\s+(?:cap\s+)?tinh)?"
         rf"|(?:thu truong\s+)?cac\s+co quan chuyen mon(?:\s+(?:truc\s+)?thuoc\s+{_UB}\s+tinh)?"
         rf"|(?:thu truong\s+)?cac\s+co quan,\s+don vi\s+(?:truc\s+)?thuoc\s+{_UB}\s+tinh", (), ("sbn",)),
        (rf"(?:bo truong,?\s+thu truong\s+)?cac\s+bo,?\s+co quan ngang bo(?:,?\s+co quan thuoc chinh phu)?"
         rf"|cac\s+bo,\s+nganh(?:\s+trung uong)?", (), ("sbn",)),
        (rf"{_UB}\s+cac\s+tinh,?\s+thanh pho\s+truc thuoc\s+(?:trung uong|tw)", ("province",), ()),
        (rf"{_UB}\s+(?:cac\s+)?huyen,?\s+(?:thi xa,?\s+)?(?:thanh pho|tp)(?:\s+(?:truc\s+)?thuoc\s+tinh)?"
         rf"|{_UB}\s+cac\s+huyen|{_UB}\s+cap\s+huyen|(?<=,\s)cap\s+huyen"
         rf"|cac\s+huyen,\s+(?:thi xa,\s+)?thanh pho", ("district",), ()),
        (rf"{_UB}\s+(?:cac\s+)?xa,?\s+phuong(?:,?\s+(?:thi tran|dac khu))*|{_UB}\s+cac\s+xa|{_UB}\s+cap\s+xa"
         rf"|(?<=,\s)cap\s+xa|cac\s+xa,\s+phuong(?:,?\s+(?:thi tran|dac khu))*", ("commune",), ()),
    )
)
# Groups no unit list names one by one: kept as written and flagged, never spread over units by guess.
_GENERIC = re.compile(r"cac\s+(?:co quan,\s+don vi|co quan,\s+to chuc|co quan|don vi|to chuc)(?:\s+co)?\s+lien quan"
                      r"|cac\s+co quan,\s+don vi|cac\s+to chuc chinh tri\s*-\s*xa hoi(?:\s+(?:cap\s+)?(?:tinh|xa|phuong))?"
                      r"|cac\s+hoi,\s+doan the|cac\s+doan the(?:\s+chinh tri\s*-\s*xa hoi)?(?:\s+tinh)?"
                      r"|cac\s+to chuc thanh vien(?:\s+cua\s+mat tran(?:\s+to quoc)?)?")
# 'địa phương' (localities): every local level the unit list has, and always a question for the reviewer.
_LOCALITIES = re.compile(r"(?:cac\s+)?dia phuong(?!\s+(?:khac|lien quan))")


def _alias_pattern(folded_name: str) -> str:
    words = re.findall(r"\w+", folded_name)
    parts: list[str] = []
    i = 0
    while i < len(words):
        for long, short in EQUIVALENTS:
            long_words = long.split()
            if words[i:i + len(long_words)] == long_words or words[i] == short:
                step = len(long_words) if words[i:i + len(long_words)] == long_words else 1
                parts.append(f"(?:{_SEP.join(long_words)}|{short})")
                i += step
                break
        else:
            parts.append("(?:va|&|,)?" if words[i] == "va" else re.escape(words[i]))
            i += 1
    pattern = ""
    for part in parts:
        pattern += (_SEP + part) if pattern else part
    return pattern.replace(_SEP + "(?:va|&|,)?" + _SEP, _SEP + "(?:(?:va|&)" + _SEP + ")?")


def _aliases(unit: Unit, province_count: int) -> list[str]:
    """Folded names a unit is written as: its name, its short name when it is words, and for a locality its
    name without the kind ('Châu Thành' is not enough, 'huyện Châu Thành' is)."""
    names = [unit.name]
    if unit.short_name and re.search(r"[a-zà-ỹ]\s|\s", unit.short_name) and len(unit.short_name) > 6:
        names.append(unit.short_name)
    out = []
    for name in names:
        folded = fold(name)
        out.append(folded)
        if unit.level == "province":
            stripped = re.sub(r"^(?:tinh|thanh pho)\s+.*$", "", folded)
            if province_count == 1:
                out += ["uy ban nhan dan tinh", "ubnd tinh"]
            if stripped:
                out.append(stripped)
    return sorted(set(out), key=lambda a: (-len(a), a))


class UnitIndex:
    """The unit list, ready for finding mentions; empty when the drafter was given no list."""

    def __init__(self, units: list[Unit]):
        self.units = {u.code: u for u in units}
        provinces = [u for u in units if u.level == "province"]
        self.province = provinces[0] if len(provinces) == 1 else None
        self.levels = {u.level for u in units}
        self.groups = {u.group for u in units if u.group}
        # (a word the text must contain, the alias pattern, the unit): a pattern is compiled and run only on text
        # holding its word, so a province's 500 units cost little per sentence.
        self._patterns: list[tuple[str, str, str]] = []
        self._compiled: dict[str, re.Pattern] = {}
        self._alias_code: dict[str, str] = {}
        self._seen: dict[tuple, list[Mention]] = {}
        for unit in units:
            prefix = rf"(?:{_UB}\s+)?" if unit.level in ("district", "commune") else ""
            for alias in _aliases(unit, len(provinces)):
                self._alias_code.setdefault(alias, unit.code)
                self._patterns.append((_key_word(alias), rf"(?<!\w){prefix}{_alias_pattern(alias)}(?!\w)", unit.code))

    def mentions(self, text: str, start: int = 0, end: int | None = None) -> list[Mention]:
        """Every unit mention in text[start:end], left to right, longest first where two overlap."""
        key = (text, start, end)
        if key not in self._seen:  # the same sentence is read for its subject, its parts, its coordinators
            self._seen[key] = self._mentions(text, start, end)
        return list(self._seen[key])

    def _mentions(self, text: str, start: int, end: int | None) -> list[Mention]:
        folded = fold(text)
        end = len(text) if end is None else end
        found: list[Mention] = []
        for pattern, levels, groups in COLLECTIVES:
            for m in pattern.finditer(folded, start, end):
                found.append(Mention(m.start(), m.end(), text[m.start():m.end()], levels=levels, groups=groups))
        for m in _GENERIC.finditer(folded, start, end):
            found.append(Mention(m.start(), m.end(), text[m.start():m.end()],
                                 note=f"'{text[m.start():m.end()]}' không nêu đơn vị cụ thể — chọn đơn vị"))
        for m in _LOCALITIES.finditer(folded, start, end):
            local = tuple(level for level in ("district", "commune") if level in self.levels) or ("district", "commune")
            found.append(Mention(m.start(), m.end(), text[m.start():m.end()], levels=local,
                                 note="'địa phương' không nói rõ cấp nào — kiểm tra cấp áp dụng"))
        for key, source, code in self._patterns:
            if key not in folded:
                continue
            if source not in self._compiled:
                self._compiled[source] = re.compile(source)
            for m in self._compiled[source].finditer(folded, start, end):
                if _proper(text, folded, m.start()):
                    found.append(Mention(m.start(), m.end(), text[m.start():m.end()], code=code))
        found = self._ambiguous(found)
        found += self._unlisted(text, folded, start, end, found)
        return _non_overlapping(found)

    def _ambiguous(self, found: list[Mention]) -> list[Mention]:
        """One name, several units ('Phường 1' of two towns): no unit is picked; the reviewer is told which."""
        codes: dict[tuple[int, int], list[str]] = {}
        for m in found:
            if m.code:
                codes.setdefault((m.start, m.end), [])
                if m.code not in codes[(m.start, m.end)]:
                    codes[(m.start, m.end)].append(m.code)
        out = []
        for m in found:
            same = codes.get((m.start, m.end), [])
            if m.code and len(same) > 1:
                if m.code != same[0]:
                    continue
                names = ", ".join(f"{self.units[c].name} ({c})" for c in same)
                m = Mention(m.start, m.end, m.text, note=f"'{m.text}' khớp nhiều đơn vị: {names} — chọn đơn vị")
            out.append(m)
        return out

    def _unlisted(self, text: str, folded: str, start: int, end: int, known: list[Mention]) -> list[Mention]:
        """Phrases that start with a unit head word and are capitalised but match no alias exactly."""
        covered = [(m.start, m.end) for m in known]
        head = "|".join(sorted((re.escape(h) for h in HEAD_WORDS), key=len, reverse=True))
        out: list[Mention] = []
        for m in re.finditer(rf"(?<!\w)cac\s+(?:{head})(?:\s*,\s*(?:{head}))+(?:\s+(?:truc\s+)?thuoc\s+(?:so|tinh)\b)?",
                             folded[:end]):
            # 'Các Chi cục, Trung tâm thuộc Sở': kinds of bodies, not one body's name — kept whole, as written
            if m.start() >= start and not any(a <= m.start() < b for a, b in covered):
                out.append(Mention(m.start(), m.end(), text[m.start():m.end()],
                                   note=f"'{text[m.start():m.end()]}' không có trong danh sách đơn vị"))
                covered.append((m.start(), m.end()))
        for m in re.finditer(rf"(?<!\w)(?:{head})(?!\w)", folded[:end]):
            s = m.start()
            if s < start or not text[s].isupper() or any(a <= s < b for a, b in covered):
                continue
            words = list(re.finditer(r"[\w&]+", folded[s:end]))
            head = len(m.group().split())  # the head's own words: 'Ủy ban', 'Báo và Phát thanh, Truyền hình'
            if m.group() in AMBIGUOUS_HEADS and not (len(words) > head and text[s + words[head].start()].isupper()):
                continue  # 'Bố trí', 'Ban hành', 'Bộ phận một cửa', 'Ủy ban nhân dân': a word, not a unit's name
            stop = len(words)
            for i in range(head, len(words)):
                between = folded[s + words[i - 1].end():s + words[i].start()]
                tail = " ".join(w.group() for w in words[i:i + 3])
                lowercase = text[s + words[i].start()].islower()  # 'Tài' in a name, 'tại' the preposition
                compound = ((words[i - 1].group(), words[i].group()) in COMPOUNDS
                            or " ".join(w.group() for w in words[i:i + 2]) in STOP_NOUNS)
                if re.search(r"[;:.()]", between) or (lowercase and not compound and any(
                        tail == w or tail.startswith(w + " ") for w in STOP_WORDS)):
                    stop = i
                    break
                if words[i].group() == "va" and _COMMITTEES.match(" ".join(w.group() for w in words[i - 1:i + 2])):
                    continue  # 'Văn phòng HĐND và UBND xã': the office of both councils is one body
                if "," in between and _SERIES_IN_NAME.match(text, s + words[i].start()) \
                        and not _starts_a_unit(folded, s + words[i].start()):
                    continue  # 'Chi cục Trồng trọt, Chăn nuôi và Thú y': a name that lists its fields
                if re.search(r",", between) or (words[i].group() == "va" and i + 1 < len(words)):
                    at = s + (words[i + 1] if words[i].group() == "va" else words[i]).start()
                    if _starts_a_unit(folded, at) or words[i].group() != "va":
                        stop = i
                        break
            stop = min(stop, 14)
            if stop < 2 and words and words[0].group() not in ("bo",):
                continue
            phrase_end = s + words[stop - 1].end() if words else m.end()
            inner = next((k for k in known if k.code and s < k.start < phrase_end), None)
            if inner is not None:  # 'Ban Thường trực Ủy ban MTTQ tỉnh', 'Văn phòng Sở Y tế': a body of a listed unit
                end_at = max(phrase_end, inner.end)
                written = text[s:end_at]
                out.append(Mention(s, end_at, written, code=inner.code,
                                   note=f"'{written}' được hiểu là '{self.units[inner.code].name}' — kiểm tra"))
            else:
                out.append(self._fuzzy(text, s, phrase_end, words[:stop], folded))
            covered.append((s, phrase_end))
        return out

    def _fuzzy(self, text: str, s: int, e: int, words, folded: str) -> Mention:
        best: tuple[float, int, str] = (0.0, 0, "")
        if self._alias_code:
            # only names of the same kind: 'Phòng Văn hóa - Xã hội' is no misspelt 'Phường Tân Hòa'
            head = words[0].group() if words else ""
            same_kind = [a for a in self._alias_code if a.split()[0] == head]
            for n in range(len(words), 0, -1):
                phrase = " ".join(w.group() for w in words[:n])
                hit = process.extractOne(phrase, same_kind, scorer=fuzz.ratio) if same_kind else None
                if hit and hit[1] > best[0]:
                    best = (hit[1], n, hit[0])
        written = text[s:e]
        if best[0] >= FUZZY_ACCEPT and not _levels_differ(" ".join(w.group() for w in words), best[2]):
            n_end = s + words[best[1] - 1].end()
            unit = self.units[self._alias_code[best[2]]]
            return Mention(s, n_end, text[s:n_end], code=unit.code,
                           note=f"'{text[s:n_end]}' được hiểu là '{unit.name}' (gần đúng) — kiểm tra")
        if best[0] >= FUZZY_NEAR:
            unit = self.units[self._alias_code[best[2]]]
            return Mention(s, e, written, note=f"'{written}' không có trong danh sách đơn vị (gần nhất: '{unit.name}')")
        return Mention(s, e, written, note=f"'{written}' không có trong danh sách đơn vị")


# A locality's kind is written in lower case inside a sentence ('UBND đặc khu Phú Quốc, đặc khu Kiên Hải'); its
# name after the kind is what is capitalised.
_LOCAL_KIND = re.compile(r"(?:xa|phuong|dac khu|thi tran|huyen|thi xa|thanh pho|quan)\s+(?=\w)")


def _proper(text: str, folded: str, at: int) -> bool:
    """Whether a match at `at` is a name: it starts with a capital ('công tác thanh tra' is not a unit), or it is a
    locality whose kind is written in lower case and whose own name is capitalised ('xã Tri Tôn')."""
    if text[at].isupper():
        return True
    kind = _LOCAL_KIND.match(folded, at)
    return bool(kind) and text[kind.end()].isupper()


_ABBREVIABLE = frozenset(w for long, short in EQUIVALENTS for w in (*long.split(), short)) | {"va"}


def _key_word(alias: str) -> str:
    """The longest word of an alias that every spelling of it contains ('tinh' in 'văn phòng UBND tỉnh')."""
    words = [w for w in re.findall(r"\w+", alias) if w not in _ABBREVIABLE]
    return max(words, key=len) if words else ""


def _non_overlapping(found: list[Mention]) -> list[Mention]:
    chosen: list[Mention] = []
    for m in sorted(found, key=lambda m: (m.start, -(m.end - m.start), m.code is None)):
        if all(m.start >= c.end or m.end <= c.start for c in chosen):
            chosen.append(m)
    return sorted(chosen, key=lambda m: m.start)
