"""Tables for officials: dates as dd/mm/yyyy, times as HH:MM dd/mm/yyyy, codes translated."""
from __future__ import annotations

from datetime import date, datetime

import pandas as pd

from tracking.labels import fmt_moment


def day(value) -> str:
    if value is None or (not isinstance(value, (date, datetime)) and pd.isna(value)):
        return ""
    if isinstance(value, datetime):
        return fmt_moment(value)
    return value.strftime("%d/%m/%Y")


def for_display(frame: pd.DataFrame, labels: dict[str, str], dates: tuple[str, ...] = ()) -> pd.DataFrame:
    """Keep and rename the labelled columns (in that order); dates the Vietnamese way; missing values blank."""
    shown = frame[[c for c in labels if c in frame.columns]].copy()
    for column in dates:
        if column in shown:
            shown[column] = shown[column].map(day)
    for column in shown.columns:
        if shown[column].dtype == object or pd.api.types.is_string_dtype(shown[column]):  # empty, not "None"
            shown[column] = shown[column].map(lambda v: "" if v is None or (not isinstance(v, str) and pd.isna(v)) else v)
    return shown.rename(columns=labels)
