"""Filters of the compliance page: level, district, area and status, kept in the URL."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from tracking.charts.palette import STATUSES, status_label
from tracking.labels import LEVEL_ORDER, level_label
from tracking.tables import district_options
from tracking.ui.components import url_state
from tracking.ui.i18n import lang, t

DEFAULT_LEVELS = ("department", "district")  # 109 communes make a very tall heatmap: added on request


@dataclass(frozen=True)
class Filters:
    levels: list[str]
    districts: list[str]
    areas: list[str]
    statuses: list[str]


def _multiselect(column, label: str, options: dict[str, str], key: str, param: str, default=()) -> list[str]:
    url_state.initial(key, param, list(options), multi=True, default=default)
    chosen = column.multiselect(label, list(options), format_func=options.get, key=key,
                                placeholder=t("Tất cả", "All"), select_all=False)  # its "Select all" is English
    url_state.remember(param, chosen, key)
    return chosen


def show(units: pd.DataFrame, areas: pd.DataFrame, key: str = "cmp") -> Filters:
    cols = st.columns(4)
    name = "name_en" if lang() == "en" else "name"
    return Filters(
        levels=_multiselect(cols[0], t("Cấp", "Level"), {lv: level_label(lv, lang()) for lv in LEVEL_ORDER},
                            f"{key}_level", "level", DEFAULT_LEVELS),
        districts=_multiselect(cols[1], t("Huyện, thành phố", "District"), district_options(units),
                               f"{key}_district", "district"),
        areas=_multiselect(cols[2], t("Lĩnh vực", "Area"), dict(zip(areas["code"], areas[name])),
                           f"{key}_area", "area"),
        statuses=_multiselect(cols[3], t("Tình trạng", "Status"), {s: status_label(s, lang()) for s in STATUSES},
                              f"{key}_status", "status"),
    )
