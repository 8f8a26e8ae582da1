"""Country-wide tables: provinces ranked, compared by area and level, and the drill-down to districts and communes.

Every table is bounded: 63 provinces, a province's districts, one page of a district's communes.
"""
from __future__ import annotations

import math
from datetime import date

import pandas as pd
import streamlit as st

from tracking.charts.palette import STATUSES, status_label
from tracking.labels import level_label, provinces_on_two_levels
from tracking.ui import national_data
from tracking.ui.components import table, url_state
from tracking.ui.i18n import lang, t

COMMUNES_PER_PAGE = 25


def _short(name: str) -> str:
    return name.replace("Ủy ban nhân dân ", "").strip()


def _headers(frame: pd.DataFrame) -> pd.DataFrame:
    """Vietnamese (or English) column titles for the counts of a summary table."""
    names = {s: status_label(s, lang()) for s in STATUSES}
    names.update(total=t("Số mốc", "Milestones"), percent_done=t("% hoàn thành", "% done"),
                 on_time_rate=t("% đúng hạn (trong số đã đến hạn)", "% on time (of those due)"),
                 rank=t("Hạng", "Rank"), province=t("Tỉnh", "Province"), district_name=t("Huyện", "District"),
                 unit_name=t("Xã", "Commune"))
    return frame.drop(columns=[c for c in ("done", "plan_id", "province_code", "province_name", "district_code",
                                           "unit_code") if c in frame]).rename(columns=names)


def ranking(provinces: pd.DataFrame) -> None:
    frame = provinces.assign(province=provinces["province_name"].map(_short))
    frame = frame[["rank", "province", *[c for c in frame.columns if c not in ("rank", "province")]]]
    table.show(_headers(frame), "nat_rank", "xep_hang_tinh.csv", height=420)


def comparison(by: pd.DataFrame, dimension: str, key: str, file_name: str) -> None:
    """Provinces × areas (or levels): the share done in each cell."""
    wide = by.assign(province=by["province_name"].map(_short)).pivot_table(
        index="province", columns=dimension, values="percent_done", aggfunc="first")
    if dimension == "level":
        wide.columns = [level_label(c, lang(), provinces_on_two_levels(by)) for c in wide.columns]
    else:  # the areas' names, never their codes (organisation, facilities…), on screen and in the CSV
        names = national_data.area_names(lang())
        wide.columns = [names.get(c, c) for c in wide.columns]
    table.show(wide.reset_index().rename(columns={"province": t("Tỉnh", "Province")}), key, file_name, height=420)


def pick_province(provinces: pd.DataFrame) -> pd.Series | None:
    """A province to open (kept in the URL as ?province=01)."""
    options = list(provinces.sort_values("province_code")["province_code"])
    names = dict(zip(provinces["province_code"], provinces["province_name"].map(_short)))
    url_state.initial("nat_province", "province", options, multi=False)
    code = st.selectbox(t("Tỉnh", "Province"), options, format_func=names.get, key="nat_province",
                        index=None, placeholder=t("Chọn một tỉnh…", "Choose a province…"))
    url_state.remember("province", code)
    return None if code is None else provinces[provinces["province_code"] == code].iloc[0]


def open_dashboard(province: pd.Series, day: date) -> None:
    if st.button(t(f"Mở bảng điều khiển của {_short(province['province_name'])}",
                   f"Open the dashboard of {_short(province['province_name'])}"), icon=":material/dashboard:"):
        st.switch_page("pages/overview.py", query_params={"province": province["province_code"], "as_of": day.isoformat()})


def districts(day: date, plan_id: int, province_code: str) -> None:
    """The province's districts, each opening its communes; on today's two-level map, the communes directly."""
    frame = national_data.districts(day, plan_id)
    if frame.empty:
        st.caption(t("Tỉnh theo bản đồ hai cấp (từ 01/07/2025): các xã, phường trực thuộc thẳng tỉnh.",
                     "A province on the two-level map (since 1 July 2025): communes and wards directly under it."))
        communes(day, province_code)
        return
    table.show(_headers(frame), "nat_districts", "huyen.csv")
    options = list(frame["district_code"])
    names = dict(zip(frame["district_code"], frame["district_name"]))
    url_state.initial("nat_district", "district", options, multi=False)
    code = st.selectbox(t("Xem các xã của huyện", "Communes of the district"), options, format_func=names.get,
                        key="nat_district", index=None, placeholder=t("Chọn một huyện…", "Choose a district…"))
    url_state.remember("district", code)
    if code:
        communes(day, code)


def communes(day: date, district_code: str) -> None:
    """One page of the communes of a district (or of a province without districts), searchable by name."""
    search = st.text_input(t("Tìm xã theo tên", "Search communes by name"), key="nat_search")
    page = int(st.session_state.get("nat_page", 1))
    frame, total = national_data.communes(day, district_code, search, (page - 1) * COMMUNES_PER_PAGE, COMMUNES_PER_PAGE)
    pages = max(1, math.ceil(total / COMMUNES_PER_PAGE))
    table.show(_headers(frame), "nat_communes", f"xa_{district_code}.csv")
    st.number_input(t(f"Trang (trên {pages}; {total} xã)", f"Page (of {pages}; {total} communes)"), 1, pages,
                    key="nat_page")
