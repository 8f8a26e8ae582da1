"""The country view's tables as a reader sees them and downloads them: Vietnamese (or English) column titles, never
codes; provinces named by their place ("Hà Nội", not "thành phố Hà Nội"), so sorting by name (here, or by the
reader's click) files Hà Nội under H and Đà Nẵng after every D, whatever the "Thành phố"/"Tỉnh" prefix."""
from __future__ import annotations

import pandas as pd

from tracking.charts.palette import STATUSES, status_label
from tracking.labels import Seat, level_label, pick, province_words, provinces_on_two_levels
from tracking.text import vietnamese_key

LEVEL_ORDER = ("province", "department", "district", "commune")
HIDDEN = ("done", "plan_id", "province_code", "province_name", "district_code", "unit_code")


def place(name: str) -> str:
    """'Hà Nội' from 'Ủy ban nhân dân thành phố Hà Nội', 'Sóc Trăng' from 'Ủy ban nhân dân tỉnh Sóc Trăng'."""
    return province_words(name)[1]


def province_header(lang: str) -> str:
    return pick(lang, "Tỉnh, thành phố", "Province or city")


def summary_headers(frame: pd.DataFrame, lang: str, seat: Seat = Seat()) -> pd.DataFrame:
    """The counts of a summary table under their titles, the codes that only link rows dropped; a province's
    districts under `seat`'s word for them ('Huyện'; Hà Nội's 'Quận, huyện, thị xã')."""
    district = seat.district_word()
    names = {s: status_label(s, lang) for s in STATUSES}
    names.update(total=pick(lang, "Số mốc", "Milestones"), percent_done=pick(lang, "% hoàn thành", "% done"),
                 on_time_rate=pick(lang, "% đúng hạn (trong số đã đến hạn)", "% on time (of those due)"),
                 rank=pick(lang, "Hạng", "Rank"), province=province_header(lang),
                 district_name=pick(lang, district[:1].upper() + district[1:], "District"), unit_name=pick(lang, "Xã", "Commune"))
    return frame.drop(columns=[c for c in HIDDEN if c in frame]).rename(columns=names)


def ranking_table(provinces: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Provinces in rank order, each named by its place, then its counts."""
    frame = provinces.assign(province=provinces["province_name"].map(place))
    frame = frame[["rank", "province", *[c for c in frame.columns if c not in ("rank", "province")]]]
    return summary_headers(frame, lang)


def comparison_table(by: pd.DataFrame, dimension: str, lang: str,
                     area_names: dict[str, str] | None = None) -> pd.DataFrame:
    """Provinces (in Vietnamese alphabetical order of their place) × areas or levels: the share done in each cell.

    Areas are titled by their names in the plan's order (`area_names`: code → name), levels province to commune."""
    wide = by.assign(province=by["province_name"].map(place)).pivot_table(
        index="province", columns=dimension, values="percent_done", aggfunc="first")
    if dimension == "level":
        order = [level for level in LEVEL_ORDER if level in wide.columns]
        titles = [level_label(level, lang, provinces_on_two_levels(by)) for level in order]
    else:
        names = area_names or {}
        order = [code for code in names if code in wide.columns] + sorted(c for c in wide.columns if c not in names)
        titles = [names.get(code, code) for code in order]
    wide = wide[order]
    wide.columns = titles
    wide = wide.reset_index().rename(columns={"province": province_header(lang)})
    rows = sorted(range(len(wide)), key=lambda i: vietnamese_key(wide.iloc[i, 0]))
    return wide.iloc[rows].reset_index(drop=True)


def by_place(provinces: pd.DataFrame) -> list[str]:
    """Province codes in Vietnamese alphabetical order of their place (for a picker)."""
    names = dict(zip(provinces["province_code"], provinces["province_name"].map(place)))
    return sorted(names, key=lambda code: vietnamese_key(names[code]))
