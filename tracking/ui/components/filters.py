"""Filters of the compliance page: level, district, area and status, kept in the URL."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from tracking.charts.palette import STATUSES, status_label
from tracking.labels import LEVEL_ORDER, Seat, level_label, on_two_levels
from tracking.tables import district_header, district_options
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


def show(units: pd.DataFrame, areas: pd.DataFrame, key: str = "cmp", seat: Seat | None = None) -> Filters:
    """`seat`: the province's or city's own words for its levels (tracking.labels.Seat)."""
    districts = district_options(units)  # none on today's two-level map: no district filter then
    cols = iter(st.columns(4 if districts else 3))
    name = "name_en" if lang() == "en" else "name"
    present = [lv for lv in LEVEL_ORDER if (units["level"] == lv).any()]
    return Filters(
        levels=_multiselect(next(cols), t("Cấp", "Level"), {lv: level_label(lv, lang(), on_two_levels(units), seat)
                                                          for lv in present},
                            f"{key}_level", "level", [lv for lv in DEFAULT_LEVELS if lv in present]),
        districts=_multiselect(next(cols), district_header(lang(), seat or Seat()), districts,
                               f"{key}_district", "district") if districts else [],
        areas=_multiselect(next(cols), t("Lĩnh vực", "Area"), dict(zip(areas["code"], areas[name])),
                           f"{key}_area", "area"),
        statuses=_multiselect(next(cols), t("Tình trạng", "Status"), {s: status_label(s, lang()) for s in STATUSES},
                              f"{key}_status", "status"),
    )
