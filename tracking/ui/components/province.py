"""Which plan the provincial pages show: ?province=01 in the URL (none: the account's province, else the default
plan), and, when that province has several plans at once, ?plan=CODE from the plan picker (none: its first plan)."""
from __future__ import annotations

import streamlit as st

from tracking.ui import national_data
from tracking.ui.i18n import t
from tracking.ui.plain import plain

PARAM = "province"
PLAN_PARAM = "plan"
_SESSION = "province_value"


def chosen_plan(own_province: str | None = None) -> int | None:
    """The plan id the URL names (None: the default plan), with a picker when the province has several plans."""
    plans = national_data.plans()
    named = plans[plans["plan_code"] == st.query_params.get(PLAN_PARAM)] if PLAN_PARAM in st.query_params else None
    if named is not None and not named.empty:  # the plan named in the URL brings its province
        st.session_state[_SESSION] = named.iloc[0]["province_code"]
        if PARAM in st.query_params and st.query_params[PARAM] != st.session_state[_SESSION]:
            del st.query_params[PARAM]
    base = province_plan(own_province)
    code = code_of(base)
    same = plans[plans["province_code"] == code]
    if len(same) < 2:
        if PLAN_PARAM in st.query_params:
            del st.query_params[PLAN_PARAM]
        return base
    options = list(same["plan_code"])
    current = named.iloc[0]["plan_code"] if named is not None and not named.empty and \
        named.iloc[0]["plan_code"] in options else options[0]
    titles = dict(zip(same["plan_code"], same["title"]))
    picked = st.selectbox(t("Kế hoạch", "Plan"), options, index=options.index(current),
                          format_func=lambda c: f"{c} — {titles[c]}")
    if picked == options[0]:  # the province's first plan: the URL needs no plan parameter
        if PLAN_PARAM in st.query_params:
            del st.query_params[PLAN_PARAM]
        return base
    st.query_params[PLAN_PARAM] = picked
    return int(same.loc[same["plan_code"] == picked, "plan_id"].iloc[0])


def province_plan(own_province: str | None = None) -> int | None:
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
