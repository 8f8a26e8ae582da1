"""Toàn quốc: provinces ranked and compared; a province opens its dashboard, a district its communes."""
import streamlit as st

from tracking.ui import auth, national_data
from tracking.ui.components import as_of, kpis, national
from tracking.ui.i18n import t
from tracking.views.national import provinces, provinces_by, status_totals

auth.require_actor(__file__)
st.title(t("Toàn quốc: các tỉnh thực hiện kế hoạch", "Nationwide: the provinces' plans"))
day = as_of.show()
counts = national_data.counts(day)
ranked = provinces(counts)

st.subheader(t(f"{len(ranked)} tỉnh — tình hình đến ngày {day:%d/%m/%Y}", f"{len(ranked)} provinces — as of {day:%d/%m/%Y}"))
kpis.show(status_totals(counts))

st.subheader(t("Xếp hạng các tỉnh", "Provinces ranked"))
national.ranking(ranked)

by_area, by_level = st.tabs([t("Theo lĩnh vực (% hoàn thành)", "By area (% done)"), t("Theo cấp (% hoàn thành)", "By level (% done)")])
with by_area:
    national.comparison(provinces_by(counts, "area"), "area", "nat_area", "tinh_theo_linh_vuc.csv")
with by_level:
    national.comparison(provinces_by(counts, "level"), "level", "nat_level", "tinh_theo_cap.csv")

st.subheader(t("Xem chi tiết một tỉnh", "One province in detail"))
chosen = national.pick_province(ranked)
if chosen is not None:
    national.open_dashboard(chosen, day)
    national.districts(day, int(chosen["plan_id"]), chosen["province_code"])
