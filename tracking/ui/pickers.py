"""Shared pickers: the units a user may write, all units, users."""
from __future__ import annotations

import streamlit as st

from tracking.services.permissions import COUNCIL, Actor, writable_unit_codes
from tracking.ui import data, national_data, workflow_data
from tracking.ui.components import url_state
from tracking.ui.i18n import t
from tracking.uow import UnitOfWork


def writable_unit(actor: Actor, key: str) -> str | None:
    """A unit this user may write (the service checks again on save). A national account chooses the province
    first, and the list holds that province's units only (not the country's 12,000)."""
    with UnitOfWork(data.engine()) as uow:
        codes = writable_unit_codes(uow.session, actor)
    with_tasks = workflow_data.units_with_milestones()
    codes = [code for code in codes if code in with_tasks]
    if not codes:
        st.info(t("Tài khoản này không được cập nhật tiến độ.", "This account may not record progress."))
        return None
    provinces = _provinces()
    where = ""
    if actor.province_code is None and len(provinces) > 1:
        province = _province(f"{key}_province", provinces)
        names = workflow_data.unit_names(province)
        codes = [code for code in codes if code in names]
        where = f" ({provinces[province]})"
        if not codes:
            st.info(t("Tỉnh này chưa có đơn vị nào có việc để cập nhật.", "No unit of this province has a task."))
            return None
    else:
        names = workflow_data.unit_names(actor.province_code)
    asked = st.query_params.get("unit")
    if key not in st.session_state and asked and asked not in codes:  # a link to a unit this account may not write
        own = actor.unit_code if actor.unit_code in codes else codes[0]
        st.info(t(f"Đường dẫn mở đơn vị {asked} — {names.get(asked, 'không có trong danh sách')}, nhưng tài khoản này "
                  f"chỉ được cập nhật {len(codes)} đơn vị trong phạm vi của mình; đang mở {own} — {names.get(own, own)}.",
                  f"The link names unit {asked} — {names.get(asked, 'not in the list')}, but this account may only "
                  f"record progress for the {len(codes)} units in its scope; showing {own} — {names.get(own, own)}."),
                icon=":material/info:")
    url_state.initial(key, "unit", codes, multi=False, default=actor.unit_code if actor.unit_code in codes else codes[0])
    if st.session_state.get(key) not in codes:  # the province changed under a unit of another one
        st.session_state[key] = codes[0]
    chosen = st.selectbox(t("Đơn vị", "Unit"), codes, format_func=lambda c: f"{c} — {names.get(c, c)}{where}", key=key)
    url_state.remember("unit", chosen, key)
    return chosen


def _provinces() -> dict[str, str]:
    """Province code → 'Thành phố Hà Nội', of every plan; option labels are plain text, not Markdown."""
    plans = national_data.plans()
    return {str(c): _place(n) if isinstance(n, str) and n else str(c)
            for c, n in zip(plans["province_code"], plans["province_name"]) if c}


def _province(key: str, provinces: dict[str, str]) -> str:
    """One province (no 'all'): the URL's, else this session's, else the default plan's."""
    url_state.initial(key, "province", list(provinces), multi=False, default=next(iter(provinces)))
    chosen = st.selectbox(t("Tỉnh", "Province"), list(provinces), key=key, format_func=provinces.get)
    url_state.remember("province", chosen, key)
    return chosen


def province_and_unit(key: str, param: str | None = "unit", label: str | None = None,
                      none_label: str | None = None) -> tuple[str | None, str | None]:
    """A province, then one of its units, kept in the URL unless `param` is None; None means all. A database of one
    province lists its units at once; a national one asks for the province first, so no picker lists 12,000 units."""
    provinces = _provinces()
    province = None
    if len(provinces) > 1:
        if param:
            url_state.initial(f"{key}_province", "province", list(provinces), multi=False)
        province = st.selectbox(t("Tỉnh", "Province"), [None, *provinces], key=f"{key}_province",
                                format_func=lambda c: t("Tất cả các tỉnh", "All provinces") if c is None
                                else provinces[c])
        if param:
            url_state.remember("province", province, f"{key}_province")
        if province is None:
            st.caption(t("Chọn tỉnh để lọc theo một đơn vị của tỉnh đó.", "Choose a province to filter by one of its units."))
            return None, None
    names = workflow_data.unit_names(province)
    where = f" ({provinces[province]})" if province else ""
    if param:
        url_state.initial(key, param, list(names), multi=False)
    chosen = st.selectbox(label or t("Đơn vị", "Unit"), [None, *names], key=key,
                          format_func=lambda c: (none_label or t("Tất cả", "All")) if c is None
                          else f"{c} — {names[c]}{where}")
    if param:
        url_state.remember(param, chosen, key)
    return province, chosen


def _place(council: str) -> str:
    """'Ủy ban nhân dân thành phố Hà Nội' → 'Thành phố Hà Nội'."""
    name = council.removeprefix(COUNCIL)
    return name[:1].upper() + name[1:]
