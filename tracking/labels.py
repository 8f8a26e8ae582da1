"""Words shown to people, in Vietnamese first and English on request (no streamlit here: charts use them too)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

import pandas as pd

from tracking.domain.deadlines import READING_LABELS, UNDATED, phrase
from tracking.domain.periods import quarter_label

LEVEL_LABELS = {
    "province": ("Cấp tỉnh", "Province"),
    "department": ("Sở, ban, ngành tỉnh", "Provincial departments"),
    "district": ("Huyện, thành phố", "Districts"),
    "commune": ("Xã, phường, thị trấn", "Communes"),
}
LEVEL_ORDER = ("department", "district", "commune")


def pick(lang: str, vi: str, en: str) -> str:
    return en if lang == "en" else vi


# Since 1 July 2025 the commune level is "xã, phường, đặc khu" (no district, so no "thị trấn"); the country view may
# hold provinces on both maps at once.
COMMUNE_LEVEL_BY_MAP = {
    False: LEVEL_LABELS["commune"],
    True: ("Xã, phường, đặc khu", "Communes, wards, special zones"),
    None: ("Xã, phường, thị trấn, đặc khu", "Communes, wards, townships, special zones"),
}


PROVINCE_DISTRICTS = "huyện, thành phố"  # a province's district level as the plan names it (Sóc Trăng in 2010)


@dataclass(frozen=True)
class Seat:
    """Whose levels a board names: a province's departments ('sở, ban, ngành tỉnh') or a centrally-run city's
    ('thành phố'), and the kinds of its district-level units ('huyện, thành phố'; 'quận, huyện, thị xã' in Hà Nội).
    The default is the words of a province without its units at hand (the country view's)."""
    kind: str = "tỉnh"
    districts: str = PROVINCE_DISTRICTS

    @property
    def city(self) -> bool:
        return self.kind == "thành phố"

    def departments(self, lang: str = "vi") -> str:
        """'sở, ban, ngành thành phố' / 'city departments'."""
        return pick(lang, f"sở, ban, ngành {self.kind}", "city departments" if self.city else "provincial departments")

    def district_word(self) -> str:
        """The district level in a sentence: the plan's own 'huyện' where its districts are huyện and a provincial
        city; otherwise their kinds in full ('quận, huyện, thị xã' in Hà Nội: not all of them are huyện)."""
        return "huyện" if self.districts == PROVINCE_DISTRICTS else self.districts

    def district_office(self, lang: str = "vi") -> str:
        """A district's own People's Committee, apart from its communes: 'UBND huyện', or 'UBND cấp huyện' where
        the districts are not all huyện; 'district office'."""
        return pick(lang, "UBND huyện" if self.districts == PROVINCE_DISTRICTS else "UBND cấp huyện", "district office")

    def inspectorate(self, lang: str = "vi") -> str:
        """'Thanh tra tỉnh', a city's 'Thanh tra thành phố'; 'Provincial Inspectorate', 'City Inspectorate'."""
        return pick(lang, f"Thanh tra {self.kind}", "City Inspectorate" if self.city else "Provincial Inspectorate")


def seat_of(issuer: str | None, units: pd.DataFrame) -> Seat:
    """The Seat of a plan's issuer ('Ủy ban nhân dân thành phố Hà Nội') and its units (their district kinds)."""
    return Seat(province_words(issuer)[0], district_kinds(units))


def level_label(level: str, lang: str = "vi", two_level: bool | None = False, seat: Seat | None = None) -> str:
    """The level in words; `two_level`: the province is on today's map (True), the old one (False), or the rows
    mix provinces on both (None); `seat`: one province's or city's own words for its departments and districts."""
    vi, en = COMMUNE_LEVEL_BY_MAP[two_level] if level == "commune" else LEVEL_LABELS.get(level, (level, level))
    if seat is not None and level == "province":
        vi, en = f"cấp {seat.kind}", "city" if seat.city else "province"
    if seat is not None and level == "department":
        vi, en = seat.departments("vi"), seat.departments("en")
    if seat is not None and level == "district":
        vi = seat.districts
    return pick(lang, vi[:1].upper() + vi[1:], en[:1].upper() + en[1:])


def level_labels(lang: str = "vi", two_level: bool | None = False, seat: Seat | None = None) -> dict[str, str]:
    return {level: level_label(level, lang, two_level, seat) for level in LEVEL_LABELS}


def on_two_levels(rows: pd.DataFrame) -> bool:
    """Whether these rows are of a province on today's two-level map. `rows`: the unit list (a `level` column: no
    district level) or rows per unit (`unit_level`, `district_code`: its communes sit under no district)."""
    if rows.empty:
        return False
    if "level" in rows:
        return not (rows["level"] == "district").any()
    communes = rows["unit_level"] == "commune"
    return bool(communes.any()) and bool(rows.loc[communes, "district_code"].isna().all())


def provinces_on_two_levels(by_level: pd.DataFrame) -> bool | None:
    """Rows per province and level (tracking.views.national.provinces_by): whether the provinces with communes are on
    today's map (no district) — all of them (True), none (False), or some (None: the country view mixes both)."""
    levels = by_level.groupby("province_code")["level"].agg(set) if not by_level.empty else []
    with_communes = [found for found in levels if "commune" in found]
    today = sum("district" not in found for found in with_communes)
    if 0 < today < len(with_communes):
        return None
    return bool(with_communes) and today == len(with_communes)


def fmt_date(day) -> str:
    """dd/mm/yyyy, or an empty string for a missing date."""
    if day is None or (not isinstance(day, date) and pd.isna(day)):
        return ""
    return f"{pd.Timestamp(day):%d/%m/%Y}"


VIETNAM_TIME = ZoneInfo("Asia/Ho_Chi_Minh")


def fmt_moment(value) -> str:
    """When something was recorded, in Vietnam's time: 'HH:MM dd/mm/yyyy' (stored in UTC)."""
    if value is None or (not isinstance(value, datetime) and pd.isna(value)):
        return ""
    moment = pd.Timestamp(value).to_pydatetime()
    if moment.tzinfo is None:  # SQLite hands back the stored UTC time without its zone
        moment = moment.replace(tzinfo=timezone.utc)
    return f"{moment.astimezone(VIETNAM_TIME):%H:%M %d/%m/%Y}"


def shorten(text: str, limit: int = 48) -> str:
    """Cut a long title on a word boundary, with an ellipsis."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def days_phrase(days: int | None, done: bool, lang: str = "vi") -> str:
    """'còn 12 ngày' / 'quá hạn 30 ngày' / 'đã xong' for a deadline seen from the as-of date."""
    if done:
        return pick(lang, "đã hoàn thành", "completed")
    if days is None:
        return pick(lang, "không có hạn chung", "no plan-wide deadline")
    if days >= 0:
        return pick(lang, f"còn {days} ngày", f"{days} days left")
    return pick(lang, f"quá hạn {-days} ngày", f"{-days} days overdue")


def fmt_percent(value, lang: str = "vi", digits: int = 0) -> str:
    """'80,8%' in Vietnamese, '80.8%' in English; '—' when there is nothing to measure."""
    if value is None or pd.isna(value):
        return "—"
    text = f"{value:.{digits}f}%"
    return text if lang == "en" else text.replace(".", ",")


def district_short(name: str | None) -> str:
    """'Huyện Châu Thành' → 'Châu Thành', 'Thành phố Sóc Trăng' → 'TP Sóc Trăng'."""
    if not name or (not isinstance(name, str) and pd.isna(name)):
        return ""
    return name.removeprefix("Huyện ").replace("Thành phố ", "TP ")


def province_words(issuer: str | None) -> tuple[str, str]:
    """('tỉnh', 'Nghệ An') from the plan's issuer 'Ủy ban nhân dân tỉnh Nghệ An'; ('thành phố', 'Cần Thơ') for a city."""
    name = (issuer or "").removeprefix("Ủy ban nhân dân ").strip()
    for kind in ("thành phố", "tỉnh"):
        if name.lower().startswith(kind + " "):
            return kind, name[len(kind) + 1:]
    return "tỉnh", name


def inspectorate(issuer: str | None, lang: str = "vi") -> str:
    """The plan's inspectorate, named after its province's kind: 'Thanh tra tỉnh', or for a centrally-run city
    'Thanh tra thành phố' (English: 'Provincial Inspectorate', 'City Inspectorate')."""
    return Seat(province_words(issuer)[0]).inspectorate(lang)


def inspectorate_of(issuer: str | None, lang: str = "vi") -> str:
    """'Thanh tra thành phố Hà Nội', 'Hà Nội City Inspectorate': who the exports speak for."""
    place = province_words(issuer)[1]
    return pick(lang, f"{inspectorate(issuer)} {place}", f"{place} {inspectorate(issuer, lang)}")


def place_name(issuer: str | None, lang: str = "vi") -> str:
    """'Tỉnh Sóc Trăng', 'Thành phố Hà Nội'; in English 'Sóc Trăng province', 'Hà Nội city'."""
    kind, place = province_words(issuer)
    return pick(lang, f"{kind[:1].upper()}{kind[1:]} {place}", f"{place} {'city' if Seat(kind).city else 'province'}")


DISTRICT_KINDS = ("quận", "huyện", "thị xã", "thành phố")  # in the order the administration lists them


def district_kinds(units: pd.DataFrame) -> str:
    """The kinds of district-level unit a province has, as a document lists them: 'huyện, thành phố' (Sóc Trăng in
    2010), 'quận, huyện, thị xã' (Hà Nội); from the units' `listed_kind` (the unit list's: a level keeps its name
    whatever the as-of date, Sóc Trăng's after Vĩnh Châu became a thị xã in 12/2011 too) or `kind`, or a name's
    first words where it has none."""
    districts = units[units["level"] == "district"]
    column = next((c for c in ("listed_kind", "kind") if c in districts), None)
    kinds = districts[column] if column else [None] * len(districts)
    found = {str(kind).lower() if isinstance(kind, str) else
             next((k for k in DISTRICT_KINDS if str(name).lower().startswith(k + " ")), None)
             for kind, name in zip(kinds, districts["name"])}
    return ", ".join(k for k in DISTRICT_KINDS if k in found) or PROVINCE_DISTRICTS


def unit_label(name: str, level: str, parent_name: str | None = None, limit: int = 40) -> str:
    """How a unit is named on an axis: communes carry their district, since names like 'Phường 2' repeat."""
    label = shorten(name, limit)
    # A commune directly under the province (two-level map) needs no suffix: its province is the page's province.
    if level == "commune" and district_short(parent_name) and not str(parent_name).startswith("Ủy ban nhân dân"):
        label = f"{label} ({district_short(parent_name)})"
    return label


STATE_LABELS = {
    "not_started": ("Chưa bắt đầu", "Not started"),
    "in_progress": ("Đang thực hiện", "In progress"),
    "done": ("Hoàn thành", "Done"),
}
DEADLINE_SOURCE_LABELS = {"plan": ("Theo kế hoạch", "In the plan"), "inferred": ("Suy ra", "Inferred"),
                          "proposed": ("Lịch do hệ thống đề xuất", "Schedule proposed by the software"),
                          "set": ("Đặt sau", "Set later")}
DEADLINE_WORD_COLUMNS = ("deadline_as_written", "deadline_named", "deadline_qualifier")


def deadline_source_label(source, clause=None, lang: str = "vi", has_deadline: bool = True, qualifier=None) -> str:
    """Where a deadline comes from, in words an official checks against the text: "suy ra từ mục II.4"."""
    if qualifier in UNDATED:
        return pick(lang, "Nhiệm vụ thường xuyên (báo cáo theo kỳ)", "Ongoing duty (reported each period)") \
            if qualifier == "ongoing" else pick(lang, "Theo tiến độ việc liên quan", "Follows related work")
    if not has_deadline:
        return pick(lang, "Chưa có hạn", "No deadline")
    clause = None if _missing(clause) else clause
    if source == "plan":
        return pick(lang, f"Theo kế hoạch (mục {clause})", f"In the plan ({clause})") if clause else pick(
            lang, *DEADLINE_SOURCE_LABELS["plan"])
    if source == "inferred":
        return pick(lang, f"Suy ra từ mục {clause}", f"Inferred from {clause}") if clause else pick(
            lang, *DEADLINE_SOURCE_LABELS["inferred"])
    vi, en = DEADLINE_SOURCE_LABELS.get(source, (str(source), str(source)))
    return pick(lang, vi, en)


def deadline_sources(rows: pd.DataFrame, lang: str = "vi") -> list[str]:
    """deadline_source_label for each row of a frame with deadline, deadline_source (and deadline_clause)."""
    clauses = rows["deadline_clause"] if "deadline_clause" in rows else [None] * len(rows)
    qualifiers = rows["deadline_qualifier"] if "deadline_qualifier" in rows else [None] * len(rows)
    return [deadline_source_label(s, c, lang, has_deadline=pd.notna(d), qualifier=None if _missing(q) else q)
            for s, c, d, q in zip(rows["deadline_source"], clauses, rows["deadline"], qualifiers)]


def deadline_words(deadline, source=None, as_written=None, named=None, qualifier=None, lang: str = "vi") -> str:
    """The deadline as the plan words it ("trước ngày 30/10/2010"), never a computed date in the plan's name.

    When the last day on time differs from the named day (the literal reading, "trước tháng 06/2011"), that day
    follows, marked as the software's reckoning. A date set later or proposed by the software is shown as a date."""
    as_written, named, qualifier = (None if _missing(v) else v for v in (as_written, named, qualifier))
    if qualifier in UNDATED:
        words = as_written if lang != "en" and as_written else phrase(None, qualifier, lang)
        return pick(lang, f"{words} (không có hạn hoàn thành)", f"{words} (no completion date)")
    if _missing(deadline):
        return pick(lang, "Chưa có hạn", "No deadline")
    if source in ("plan", "inferred") and (as_written or qualifier):
        words = as_written if lang != "en" and as_written else phrase(named, qualifier, lang) or fmt_date(deadline)
        if named is not None and pd.Timestamp(named) != pd.Timestamp(deadline):
            words += pick(lang, f" (tính đến hết {fmt_date(deadline)})", f" (on time up to {fmt_date(deadline)})")
        return words
    return fmt_date(deadline)


def deadline_words_of(rows: pd.DataFrame, lang: str = "vi") -> list[str]:
    """deadline_words for each row of a frame with deadline, deadline_source and the words columns (when present)."""
    n = len(rows)
    column = lambda name: rows[name] if name in rows else [None] * n  # noqa: E731
    return [deadline_words(d, s, w, nd, q, lang) for d, s, w, nd, q in zip(
        rows["deadline"], column("deadline_source"), column("deadline_as_written"), column("deadline_named"),
        column("deadline_qualifier"))]


def reading_footnote(reading: str | None, lang: str = "vi") -> str:
    """The rule deadlines are graded by, for the footnote of every report and export."""
    vi, en = READING_LABELS.get(reading or "named_day_on_time", READING_LABELS["named_day_on_time"])
    return pick(lang, f"Cách tính đúng hạn: {vi}.", f"On-time rule: {en}.")


def state_label(state, lang: str = "vi") -> str:
    if state is None or (not isinstance(state, str) and pd.isna(state)):
        return pick(lang, "Chưa có cập nhật", "No update yet")
    vi, en = STATE_LABELS.get(state, (state, state))
    return pick(lang, vi, en)


DEMO_RECORDER = "du_lieu_minh_hoa"  # who "recorded" the seeded demo history
ROLE_TEXT = {
    "leader": ("Lãnh đạo (chỉ xem)", "Leader (read only)"),
    "inspector": ("Thanh tra (cập nhật các đơn vị trong phạm vi tài khoản)", "Inspectorate (records for the units in its scope)"),
    "unit_officer": ("Cán bộ đơn vị (cập nhật đơn vị mình)", "Unit officer (records for own unit)"),
    "admin": ("Quản trị (người dùng, thời hạn, cài đặt)", "Administrator (users, deadlines, settings)"),
}
SOURCE_LABELS = {
    "app": ("Ứng dụng", "App"), "cli": ("Dòng lệnh", "Command line"), "import": ("Nhập từ Excel", "Excel import"),
    "demo": ("Dữ liệu minh họa", "Demo data"),
}


def _missing(value) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value))


def role_label(role, lang: str = "vi") -> str:
    if _missing(role):
        return ""
    vi, en = ROLE_TEXT.get(role, (role, role))
    return pick(lang, vi, en)


def source_label(source, lang: str = "vi") -> str:
    if _missing(source):
        return ""
    vi, en = SOURCE_LABELS.get(source, (source, source))
    return pick(lang, vi, en)


def person_label(username, lang: str = "vi") -> str:
    """Who recorded something: the login name, except the seeded demo history, which no person recorded."""
    if _missing(username):
        return ""
    return pick(lang, "Dữ liệu minh họa", "Demo data") if username == DEMO_RECORDER else str(username)


def period_label(period, lang: str = "vi") -> str:
    """'2010Q4' → 'Quý IV/2010' (English 'Q4/2010'); one-off milestones have no period."""
    if not isinstance(period, str) or not period:
        return ""
    return pick(lang, quarter_label(period), f"Q{period[-1]}/{period[:4]}")

ACTION_TEXT = {
    "update": ("Cập nhật tiến độ", "Progress update"), "quantity": ("Cập nhật số liệu", "Figures update"),
    "deadline": ("Đặt thời hạn", "Deadline set"), "user_added": ("Thêm người dùng", "User added"),
    "user_disabled": ("Khóa người dùng", "User disabled"),
    "user_password": ("Đổi mật khẩu", "Password changed"),
    "user_role": ("Đổi vai trò", "Role changed"),
    "user_province": ("Đổi phạm vi tỉnh", "Province changed"),
    "user_signed_in": ("Đăng nhập", "Signed in"), "user_signin_failed": ("Đăng nhập sai", "Failed sign-in"),
    "user_signin_locked": ("Tạm khóa đăng nhập", "Sign-in locked"),
    "user_signin_refused": ("Từ chối đăng nhập (đang tạm khóa)", "Sign-in refused (locked)"),
    "user_signin_checking": ("Kiểm tra mật khẩu chưa xong", "Password check not finished"),
    "user_signed_out": ("Đăng xuất", "Signed out"),
    "setting": ("Đổi cài đặt", "Setting changed"),
    "milestone_moved": ("Chuyển mốc sang đơn vị kế thừa", "Milestone moved to the successor"),
    "milestone_closed": ("Đóng mốc (không còn áp dụng)", "Milestone closed (no longer applicable)"),
    "plan_published": ("Công bố kế hoạch", "Plan published"), "plan_amended": ("Sửa đổi kế hoạch", "Plan amended"),
}


def action_label(action, lang: str = "vi") -> str:
    if _missing(action):
        return ""
    vi, en = ACTION_TEXT.get(action, (action, action))
    return pick(lang, vi, en)


CLOSURE_ACTION_TEXT = {
    "moved": ("Chuyển sang đơn vị kế thừa", "Move to the successor"),
    "closed": ("Đóng, không còn áp dụng", "Close as no longer applicable"),
}
CHANGE_KIND_TEXT = {"merge": ("nhập vào", "merged into"), "split": ("chia thành", "split into")}


def closure_action_label(action: str, lang: str = "vi") -> str:
    vi, en = CLOSURE_ACTION_TEXT.get(action, (action, action))
    return pick(lang, vi, en)


def closure_choice(row: dict, lang: str = "vi") -> str:
    """'Xã Song Phụng — nhập vào Xã Long Đức từ 01/01/2011 (NQ …): 7 mốc chưa xong' for the form's picker."""
    vi, en = CHANGE_KIND_TEXT.get(row["kind"], (row["kind"], row["kind"]))
    successors = ", ".join(name for _, name in row["successors"])
    return pick(lang, f"{row['unit_name']} — {vi} {successors} từ {row['change_date']:%d/%m/%Y} ({row['act']}): "
                      f"{row['open']} mốc chưa xong",
                f"{row['unit_name']} — {en} {successors} on {row['change_date']:%d/%m/%Y} ({row['act']}): "
                f"{row['open']} open milestones")


def closure_done(row: dict, action: str, lang: str = "vi") -> str:
    if action == "moved":
        successor = row["successors"][0][1] if row["successors"] else ""
        return pick(lang, f"Đã chuyển {row['open']} mốc chưa xong của {row['unit_name']} sang {successor}.",
                    f"{row['open']} open milestones of {row['unit_name']} moved to {successor}.")
    return pick(lang, f"Đã đóng {row['open']} mốc chưa xong của {row['unit_name']} (không còn áp dụng).",
                f"{row['open']} open milestones of {row['unit_name']} closed (no longer applicable).")


def distinct_labels(texts: list[str], limit: int = 48) -> list[str]:
    """Short labels that never merge: a text that shortens like another keeps its first words and then shows where
    it departs from the most similar one ('Hoàn thành việc bồi … tại Trụ sở tiếp công dân tỉnh'); identical texts
    stay identical."""
    labels = [shorten(t, limit) for t in texts]
    words = [str(t).split() for t in texts]
    groups: dict[str, list[int]] = {}
    for i, label in enumerate(labels):
        groups.setdefault(label, []).append(i)
    for members in groups.values():
        if len(members) < 2:
            continue
        for i in members:
            others = [words[j] for j in members if words[j] != words[i]]
            if not others:
                continue
            common = max(_common_words(words[i], other) for other in others)
            head = " ".join(words[i][:min(common, 3)])
            labels[i] = f"{head} … {shorten(' '.join(words[i][common:]), limit)}"
    return labels


def _common_words(a: list[str], b: list[str]) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def wrap(text: str, width: int = 36, joiner: str = "<br>") -> str:
    """Break a long name into lines on word boundaries instead of cutting it (chart labels use <br>)."""
    lines: list[str] = []
    for word in str(text).split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return joiner.join(lines)


def stamp_text(as_of, is_demo: bool, lang: str = "vi") -> str:
    """What every exported picture says about itself: the as-of date and, for demo data, that it is demo data."""
    text = pick(lang, f"Tình hình đến ngày {fmt_date(as_of)}", f"As of {fmt_date(as_of)}")
    if is_demo:
        text += pick(lang, " · Dữ liệu minh họa", " · Demo data (dữ liệu minh họa)")
    return text


def behind_note(cut, lang: str = "vi") -> str:
    """Under 'Các đơn vị chậm nhất': how many are shown of how many, and the tie the list cut, said plainly."""
    if not cut.with_overdue or cut.shown == cut.with_overdue:
        return ""
    text = pick(lang, f"{cut.shown} trong {cut.with_overdue} đơn vị có mốc quá hạn",
                f"{cut.shown} of the {cut.with_overdue} units with overdue milestones")
    if cut.tied_left_out:
        text += pick(lang, f"; {cut.tied_left_out} đơn vị khác cũng có {cut.tie_overdue} mốc quá hạn, không hiện ở đây "
                           "(cùng số mốc quá hạn: xếp theo % hoàn thành thấp hơn, rồi thứ tự danh sách)",
                     f"; {cut.tied_left_out} more units also have {cut.tie_overdue} overdue and are not shown "
                     "(ties go by lower % complete, then list order)")
    return text


def schedule_sentence(schedule, ends_on, lang: str = "vi") -> str:
    """The reporting schedule in force, said as the project's choice (section IV only says "định kỳ hàng quý")."""
    if schedule is None:
        return ""
    days = ", ".join(f"{code} {n}" for code, n in schedule.due_days.items())
    end = fmt_date(ends_on) if not _missing(ends_on) else "—"
    state = pick(lang, "Lịch do hệ thống đề xuất, chưa ai xác nhận: quản trị viên xác nhận (lưu) hoặc đổi lịch ở trang "
                       "Thời hạn. ", "Schedule proposed by the software, not yet confirmed: an administrator confirms "
                                     "(saves) or changes it on the Deadlines page. ") if schedule.proposed else ""
    return state + pick(
        lang,
        f"Lịch báo cáo là lựa chọn của dự án, không phải của Kế hoạch (mục IV chỉ ghi “định kỳ hàng quý”): "
        f"từ {period_label(schedule.first, 'vi')} đến {period_label(schedule.last, 'vi')}; hạn nộp tính bằng số ngày "
        f"sau khi hết quý ({days}; hạn rơi vào ngày nghỉ được lùi sang ngày làm việc kế tiếp); theo dõi đến {end}. "
        f"Quản trị viên đổi lịch này ở trang Thời hạn.",
        f"The reporting schedule is the project's choice, not the plan's (section IV only says “every quarter”): "
        f"{period_label(schedule.first, 'en')} to {period_label(schedule.last, 'en')}; reports due a number of days "
        f"after the quarter ends ({days}; a due date on a day off moves to the next working day); tracked until {end}. "
        f"An administrator changes it on the Deadlines page.",
    )


def after_window_note(fact_dates, ends_on, lang: str = "vi") -> str:
    """Facts dated after the tracking window are saved, but the dashboards stop at the window's end: say so.

    "" when none is late. One date (a form, `update`) names it; several (an import) are counted."""
    if _missing(ends_on):
        return ""
    late = [d for d in fact_dates if not _missing(d) and d > ends_on]
    if not late:
        return ""
    end = fmt_date(ends_on)
    if len(fact_dates) == 1:
        return pick(lang, f"Lưu ý: ngày sự việc {fmt_date(late[0])} sau ngày cuối của kỳ theo dõi ({end}); "
                          "các bảng điều khiển dừng ở ngày đó nên không hiện cập nhật này (nhật ký và lịch sử vẫn có).",
                    f"Note: the fact date {fmt_date(late[0])} is after the end of the tracking window ({end}); the "
                    "dashboards stop there, so they will not show this update (the audit log and the history do).")
    return pick(lang, f"Lưu ý: {len(late)} dòng có ngày sự việc sau ngày cuối của kỳ theo dõi ({end}), muộn nhất "
                      f"{fmt_date(max(late))}; các bảng điều khiển dừng ở ngày đó nên không hiện các cập nhật này "
                      "(chúng vẫn được ghi; nhật ký và lịch sử vẫn có).",
                f"Note: {len(late)} rows have a fact date after the end of the tracking window ({end}), the latest "
                f"{fmt_date(max(late))}; the dashboards stop there, so they will not show these updates (they are "
                "still saved; the audit log and the history have them).")


UNVERIFIED = ("chưa kiểm chứng", "unverified")


def verified_label(label: str, verified, lang: str = "vi") -> str:
    """A unit whose 2010 name or existence no source settles carries the mark wherever it is listed (data/README.md)."""
    if _missing(verified) or bool(verified):
        return label
    return f"{label} ({pick(lang, *UNVERIFIED)})"
