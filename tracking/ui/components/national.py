"""Country-wide tables: provinces ranked, compared by area and level, and the drill-down to districts and communes.

Every table is bounded: 63 provinces, a province's districts, one page of a district's communes.
"""
from __future__ import annotations

import math
from datetime import date

import pandas as pd
import streamlit as st

from tracking import national_tables
from tracking.labels import Seat
from tracking.ui import data, national_data
from tracking.ui.components import table, url_state
from tracking.ui.i18n import lang, t

COMMUNES_PER_PAGE = 25


def _short(name: str) -> str:
    return name.replace("Ủy ban nhân dân ", "").strip()


def _headers(frame: pd.DataFrame, seat: Seat = Seat()) -> pd.DataFrame:
    return national_tables.summary_headers(frame, lang(), seat)


def ranking(provinces: pd.DataFrame) -> None:
    table.show(national_tables.ranking_table(provinces, lang()), "nat_rank", "xep_hang_tinh.csv", height=420)


def comparison(by: pd.DataFrame, dimension: str, key: str, file_name: str) -> None:
    """Provinces × areas (or levels): the share done in each cell, titled in words on screen and in the CSV."""
    names = national_data.area_names(lang()) if dimension == "area" else None
    table.show(national_tables.comparison_table(by, dimension, lang(), names), key, file_name, height=420)


def pick_province(provinces: pd.DataFrame) -> pd.Series | None:
    """A province to open (kept in the URL as ?province=01), listed in Vietnamese alphabetical order of its place."""
    options = national_tables.by_place(provinces)
    names = dict(zip(provinces["province_code"], provinces["province_name"].map(national_tables.place)))
    url_state.initial("nat_province", "province", options, multi=False)
    code = st.selectbox(t("Tỉnh, thành phố", "Province or city"), options, format_func=names.get, key="nat_province",
                        index=None, placeholder=t("Chọn một tỉnh, thành phố…", "Choose a province or city…"))
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
    seat = data.seat(plan_id)  # a city's districts are not all huyện (Hà Nội: 'quận, huyện, thị xã')
    table.show(_headers(frame, seat), "nat_districts", "huyen.csv")
    options = list(frame["district_code"])
    names = dict(zip(frame["district_code"], frame["district_name"]))
    url_state.initial("nat_district", "district", options, multi=False)
    code = st.selectbox(t(f"Xem các xã của {seat.district_word()}", "Communes of the district"), options,
                        format_func=names.get, key="nat_district", index=None,
                        placeholder=t(f"Chọn một {seat.district_word()}…", "Choose a district…"))
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
