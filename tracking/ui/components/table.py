"""A sortable table with dates shown dd/mm/yyyy, and a CSV download of exactly that table."""
from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import streamlit as st

from tracking import table_widths
from tracking.tables import Decimals, Labels, cell_formats, to_csv_bytes
from tracking.ui.i18n import lang, t


def _column_config(frame: pd.DataFrame, frame_px: int) -> dict:
    """Dates the Vietnamese way; status words as coloured labels and decimals the reader's way
    (tracking.tables.cell_formats); widths that keep the decision columns in the frame (tracking.table_widths)."""
    formats = cell_formats(frame, lang())
    fitted = table_widths.fit(frame, frame_px, labelled=[c for c, f in formats.items() if isinstance(f, Labels)])
    config = {}
    for column in frame.columns:
        sample = frame[column].dropna()
        first = sample.iloc[0] if len(sample) else None
        settings = {"width": fitted.widths.get(column), "pinned": True if column in fitted.pinned else None}
        shown = formats.get(column)
        if isinstance(shown, Labels):  # read-only in st.dataframe: a label per cell, coloured by its word
            config[column] = st.column_config.MultiselectColumn(options=shown.words, color=shown.colors, **settings)
        elif isinstance(shown, Decimals):
            config[column] = st.column_config.NumberColumn(format=shown.format, step=shown.step, **settings)
        elif isinstance(first, datetime) or str(frame[column].dtype).startswith("datetime"):
            config[column] = st.column_config.DatetimeColumn(format="DD/MM/YYYY HH:mm", **settings)
        elif isinstance(first, date):
            config[column] = st.column_config.DateColumn(format="DD/MM/YYYY", **settings)
        elif fitted.widths or fitted.pinned:
            config[column] = st.column_config.Column(**settings)
    return config


def show(frame: pd.DataFrame, key: str, file_name: str, *, height: int | str = "auto",
         frame_px: int | None = table_widths.FRAME_PX, details: tuple[str, ...] = ()) -> None:
    """Status cells as labels in their colours and decimals written the reader's way, both as column settings the
    browser applies (no pandas Styler: the server sends the plain frame); `frame_px`: the width the table must fit
    at 1440 px (half of it inside st.columns(2)); `details`: columns too many to fit beside the decision columns,
    shown with all the others in an expander below (and always in the CSV)."""
    frame_px = frame_px or table_widths.FRAME_PX  # None: the page's full width (a half column was not needed)
    shown = frame.drop(columns=[c for c in details if c in frame.columns])
    st.dataframe(shown, hide_index=True, column_config=_column_config(shown, frame_px), key=key, height=height,
                 placeholder="—")
    if len(shown.columns) < len(frame.columns):
        with st.expander(t("Xem đủ các cột: ", "All the columns: ") + ", ".join(c for c in details if c in frame)):
            st.dataframe(frame, hide_index=True, column_config=_column_config(frame, frame_px), key=f"{key}_all",
                         height=height, placeholder="—")
    # The file is made when the button is pressed, not on every view of the page (most views never download).
    st.download_button(t("Tải bảng (CSV)", "Download table (CSV)"), lambda: to_csv_bytes(frame), file_name=file_name,
                       mime="text/csv", key=f"{key}_csv", icon=":material/download:", on_click="ignore")
