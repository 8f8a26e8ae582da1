"""A sortable table with dates shown dd/mm/yyyy, and a CSV download of exactly that table."""
from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import streamlit as st

from tracking.tables import styled, to_csv_bytes
from tracking.ui.i18n import lang, t


def _column_config(frame: pd.DataFrame) -> dict:
    config = {}
    for column in frame.columns:
        sample = frame[column].dropna()
        first = sample.iloc[0] if len(sample) else None
        if isinstance(first, datetime) or str(frame[column].dtype).startswith("datetime"):
            config[column] = st.column_config.DatetimeColumn(format="DD/MM/YYYY HH:mm")
        elif isinstance(first, date):
            config[column] = st.column_config.DateColumn(format="DD/MM/YYYY")
        elif isinstance(first, str) and sample.astype(str).str.len().max() > 60:
            config[column] = st.column_config.TextColumn(width="large")  # long titles must not push the rest away
    return config


def show(frame: pd.DataFrame, key: str, file_name: str, *, height: int | str = "auto") -> None:
    """Status cells in their colours and decimals written the reader's way (tracking.tables.styled)."""
    st.dataframe(styled(frame, lang()), hide_index=True, column_config=_column_config(frame), key=key, height=height,
                 placeholder="—")
    # The file is made when the button is pressed, not on every view of the page (most views never download).
    st.download_button(t("Tải bảng (CSV)", "Download table (CSV)"), lambda: to_csv_bytes(frame), file_name=file_name,
                       mime="text/csv", key=f"{key}_csv", icon=":material/download:", on_click="ignore")
