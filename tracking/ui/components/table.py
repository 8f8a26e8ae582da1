"""A sortable table with dates shown dd/mm/yyyy, and a CSV download of exactly that table."""
from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import streamlit as st

from tracking.charts.palette import STATUS_COLORS, TEXT_ON
from tracking.tables import status_of_word, to_csv_bytes
from tracking.ui.i18n import t


def _column_config(frame: pd.DataFrame) -> dict:
    config = {}
    for column in frame.columns:
        sample = frame[column].dropna()
        first = sample.iloc[0] if len(sample) else None
        if isinstance(first, datetime) or str(frame[column].dtype).startswith("datetime"):
            config[column] = st.column_config.DatetimeColumn(format="DD/MM/YYYY HH:mm")
        elif isinstance(first, date):
            config[column] = st.column_config.DateColumn(format="DD/MM/YYYY")
        elif str(column).endswith("(%)"):
            config[column] = st.column_config.NumberColumn(format="%.1f")
    return config


def _status_cell(value) -> str:
    status = status_of_word(value)
    return f"background-color: {STATUS_COLORS[status]}; color: {TEXT_ON[status]}" if status else ""


def show(frame: pd.DataFrame, key: str, file_name: str, *, height: int | str = "auto") -> None:
    """Cells naming a status are filled with the status colour (the words stay, for colour-blind readers)."""
    styled = frame.style.map(_status_cell) if len(frame) else frame
    st.dataframe(styled, hide_index=True, column_config=_column_config(frame), key=key, height=height,
                 placeholder="—")
    st.download_button(t("Tải bảng (CSV)", "Download table (CSV)"), to_csv_bytes(frame), file_name=file_name,
                       mime="text/csv", key=f"{key}_csv", icon=":material/download:", on_click="ignore")
