"""A centrally-run city's pages (Hà Nội, ?province=01) name its own levels and bodies as its exports do: 'Sở, ban,
ngành thành phố' / 'City departments', 'Quận, huyện, thị xã', 'UBND cấp huyện', 'Thanh tra thành phố', 'UBND thành
phố' — never the province's words; Sóc Trăng's pages (the demo) keep theirs."""
from __future__ import annotations

import pytest

from tests.app.test_province_pages import open_page, provinces_of, two_provinces_db_url  # noqa: F401 (fixtures)
from tests.app.test_two_level_pages import _words

AS_OF = "2011-06-30"
PAGES = ("overview", "compliance", "unit", "reports", "export")
# A province's words for its levels and bodies (the plan's own text, copied for Hà Nội, says 'Sở, Ban ngành tỉnh'
# and 'UBND các huyện, thành phố': not these).
PROVINCE_WORDS = {"vi": ("Sở, ban, ngành tỉnh", "Huyện, thành phố", "UBND huyện", "Báo cáo quý gửi Thanh tra tỉnh",
                         "Báo cáo Word gửi UBND tỉnh"),
                  "en": ("Provincial departments",)}
CITY_LEVELS = {"vi": ("Sở, ban, ngành thành phố", "Quận, huyện, thị xã"), "en": ("City departments",)}


def _page(page: str, username: str, language: str, province: str | None = None, as_of: str = AS_OF):
    query = {"as_of": as_of, **({"province": province} if province else {}), **({"lang": "en"} if language == "en" else {})}
    at = open_page(f"pages/{page}.py", username, query)
    assert not at.exception, at.exception
    return at


def _seen(at) -> str:
    """_words and what the pickers offer (a unit's level follows its name there)."""
    return "\n".join([_words(at), *(str(option) for kind in ("selectbox", "multiselect") for box in getattr(at, kind)
                                    for option in box.options or ())])


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_a_citys_page_names_its_levels_in_the_citys_words(provinces_of, page, language):
    seen = _seen(_page(page, "lanhdao01", language, "01"))
    found = [w for w in PROVINCE_WORDS[language] if w in seen]
    assert not found, (found, seen[max(0, seen.find(found[0]) - 200):seen.find(found[0]) + 60])
    if page != "export":  # the export page names no level
        assert any(w in seen for w in CITY_LEVELS[language])


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_the_demos_pages_keep_the_provinces_words(provinces_of, page, language):
    seen = _seen(_page(page, "lanhdao", language))
    if language == "vi":
        wanted = {"export": ("Báo cáo Word gửi UBND tỉnh",), "reports": ("Báo cáo quý gửi Thanh tra tỉnh",)}.get(
            page, ("Sở, ban, ngành tỉnh", "Huyện, thành phố"))
    else:
        wanted = ("Word report to the UBND",) if page == "export" else ("Provincial departments",)
    assert all(w in seen for w in wanted), wanted
    assert not [w for w in CITY_LEVELS[language] if w in seen]


def test_the_compliance_page_filters_and_ranks_a_citys_levels_in_its_words(provinces_of):
    at = _page("compliance", "lanhdao01", "vi", "01")
    assert set(at.multiselect(key="cmp_level").options) == {"Sở, ban, ngành thành phố", "Quận, huyện, thị xã",
                                                            "Xã, phường, thị trấn"}
    assert at.multiselect(key="cmp_district").label == "Quận, huyện, thị xã"
    assert any("Quận, huyện, thị xã tính cả các xã trực thuộc." in c.value for c in at.caption)
    columns = {str(c) for frame in at.dataframe for c in frame.value.columns}
    assert "Riêng UBND cấp huyện: đúng hạn (%)" in columns  # its districts are not all huyện
    assert "· riêng UBND cấp huyện" in _words(at)  # the ranking chart's note beside a district's share


@pytest.mark.parametrize("day", [AS_OF, "2012-01-31"])  # the demo's default date: Vĩnh Châu is a thị xã by then
def test_the_demos_compliance_page_keeps_its_filters_and_notes(provinces_of, day):
    at = _page("compliance", "lanhdao", "vi", as_of=day)
    assert set(at.multiselect(key="cmp_level").options) == {"Sở, ban, ngành tỉnh", "Huyện, thành phố",
                                                            "Xã, phường, thị trấn"}
    assert at.multiselect(key="cmp_district").label == "Huyện, thành phố"
    assert any("Huyện tính cả các xã trực thuộc." in c.value for c in at.caption)
    assert "Riêng UBND huyện: đúng hạn (%)" in {str(c) for frame in at.dataframe for c in frame.value.columns}
    words = _words(at)
    assert "· riêng UBND huyện" in words and "· riêng UBND cấp huyện" not in words  # the ranking chart's notes
    assert "Xếp hạng huyện, thành phố theo tỷ lệ đúng hạn" in words and "thị xã, thành phố" not in words


@pytest.mark.parametrize("province, inspectorate, districts", [
    ("01", "Thanh tra thành phố", "quận, huyện, thị xã"), (None, "Thanh tra tỉnh", "huyện, thành phố")])
def test_the_reports_page_names_the_inspectorate_and_the_districts_of_its_province(provinces_of, province, inspectorate,
                                                                                     districts):
    at = _page("reports", "lanhdao01" if province else "lanhdao", "vi", province)
    assert at.title[0].value == f"Báo cáo quý gửi {inspectorate}"
    assert f"{inspectorate} nhận báo cáo" in at.caption[-1].value or any(
        f"{inspectorate} nhận báo cáo" in c.value for c in at.caption)
    assert f"Theo {districts}" in [s.value for s in at.subheader]
    assert districts[:1].upper() + districts[1:] in at.dataframe[-1].value.columns


def test_the_national_page_opens_a_citys_districts_by_their_kinds(provinces_of):
    at = _page("national", "lanhdao01", "vi", "01")
    assert at.selectbox(key="nat_district").label == "Xem các xã của quận, huyện, thị xã"
    assert "Quận, huyện, thị xã" in {str(c) for frame in at.dataframe for c in frame.value.columns}
    demo = _page("national", "lanhdao", "vi").selectbox(key="nat_province").set_value("94").run()
    assert demo.selectbox(key="nat_district").label == "Xem các xã của huyện"
