"""Which province's plan the provincial dashboard shows: ?province=01 in the URL (none: the account's province, else
the default plan)."""
from __future__ import annotations

import streamlit as st

from tracking.ui import national_data
from tracking.ui.i18n import t
from tracking.ui.plain import plain

PARAM = "province"
_SESSION = "province_value"


def chosen_plan(own_province: str | None = None) -> int | None:
    """The plan id of the province in the URL (kept for the session, so moving between pages keeps it).

    An account of one province opens its own province's plan; it may still read another through the URL."""
    plans = national_data.plans()
    if PARAM in st.query_params:
        st.session_state[_SESSION] = st.query_params[PARAM]
    code = st.session_state.get(_SESSION) or own_province
    row = plans[plans["province_code"] == code] if code else plans.iloc[0:0]
    if row.empty and own_province and code != own_province:  # an unknown code: back to the account's own
        code, row = own_province, plans[plans["province_code"] == own_province]
    is_default = row.empty or row.index[0] == plans.index[0]
    if is_default and (own_province is None or row.empty or code == plans.iloc[0]["province_code"] == own_province):
        # the default plan, and nothing else to fall back to: no parameter needed
        st.session_state.pop(_SESSION, None)
        if PARAM in st.query_params:
            del st.query_params[PARAM]
        return None
    st.query_params[PARAM] = st.session_state[_SESSION] = code
    if is_default:  # chosen on purpose by an account of another province: kept in the URL, so it stays
        return None
    name = plain(row.iloc[0]["province_name"])  # text of the data files is shown as text too
    st.caption(t(f"Kế hoạch của {name} (dữ liệu sinh để thử ở quy mô cả nước)",
                 f"Plan of {name} (generated data for national-scale tests)"))
    return int(row.iloc[0]["plan_id"])


def code_of(plan_id: int | None) -> str:
    """The province code of a plan id from chosen_plan (None: the default plan's)."""
    plans = national_data.plans()
    if plan_id is None:
        return str(plans.iloc[0]["province_code"])
    return str(plans.loc[plans["plan_id"] == plan_id, "province_code"].iloc[0])
