"""A leader's day in a real browser (Chromium, as `make run` serves): the as-of date never slips, the tables fit at
1440 px, the phone's sidebar closes after a tap and its charts fit 390 px. Screenshots in artifacts/screenshots/."""
from __future__ import annotations

import pytest

from tests.app.test_browser import SCREENSHOTS, browser, fill_sign_in, server  # noqa: F401 (the same server and Chromium fixtures)

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1440, "height": 900}
TALL_DESKTOP = {"width": 1440, "height": 4000}  # tables are drawn when scrolled into view: every one in view at once
PHONE = {"width": 390, "height": 844}
TALL_PHONE = {"width": 390, "height": 4000}
# scrollWidth against clientWidth of every table's scroller (a units × tasks matrix keeps its label columns pinned)
MEASURE_TABLES = """() => Array.from(document.querySelectorAll('[data-testid="stDataFrame"]'))
  .map(frame => frame.querySelector('.dvn-scroller')).filter(s => s && s.offsetParent !== null)
  .map(s => [s.scrollWidth, s.clientWidth])"""
# Each chart: the right edge of its frame (a wide chart scrolls inside it on a phone), and how many of its labels and titles fall outside its drawing (cut off).
# A status bar chart drawn as HTML (figure.tkb): its labels, notes and legend against the figure's own box; the
# heatmap drawn as HTML (figure.tkg): its title, legend and the box its grid scrolls in.
MEASURE_CHARTS = """() => Array.from(document.querySelectorAll('[data-testid="stPlotlyChart"]')).map(frame => {
  const svg = frame.querySelector('.main-svg').getBoundingClientRect();
  const cut = Array.from(frame.querySelectorAll('.ytick text, .xtick text, .gtitle, .g-gtitle text'))
    .map(text => text.getBoundingClientRect())
    .filter(r => r.width > 0 && (r.left < svg.left - 1 || r.right > svg.right + 1)).length;
  return [frame.closest('[data-testid="stElementContainer"]').getBoundingClientRect().right, cut];
}).concat(Array.from(document.querySelectorAll('figure.tkb, figure.tkg')).map(figure => {
  const box = figure.getBoundingClientRect();
  const cut = Array.from(figure.querySelectorAll('.tkb-title, .tkb-label, .tkb-note, .tkb-key, .tkb-track, '
                                                  + '.tkg-title, .tkg-key, .tkg-scroll'))
    .map(text => text.getBoundingClientRect())
    .filter(r => r.width > 0 && (r.left < box.left - 1 || r.right > box.right + 1)).length;
  return [figure.closest('[data-testid="stElementContainer"]').getBoundingClientRect().right, cut];
}))"""


DRAWN_CHARTS = ".js-plotly-plot .main-svg, figure.tkb, figure.tkg"  # a Plotly chart drawn, or one drawn as HTML


def _settled(page, charts: int = 0) -> None:
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)
    page.wait_for_selector("h1", timeout=60_000)
    if charts:
        page.wait_for_function(f"() => document.querySelectorAll('{DRAWN_CHARTS}').length >= {charts}",
                               timeout=60_000)
    page.wait_for_timeout(1200)


def _signed_in(browser, server, username: str, query: str, viewport=DESKTOP):
    page = browser.new_page(viewport=viewport)
    page.goto(f"{server}/{query}")
    fill_sign_in(page, username)
    page.wait_for_selector('[data-testid="stSidebarNav"]', state="attached", timeout=60_000)  # hidden on a phone
    _settled(page, charts=1)
    return page


def _open(page, title: str) -> None:
    page.locator('[data-testid="stSidebarNavLink"]', has_text=title).first.click()
    _settled(page)


def _alerts(page) -> str:
    return "\n".join(page.locator('[data-testid="stAlert"]').all_inner_texts())


def test_f5_on_every_write_page_keeps_the_date_and_export_gets_it(server, browser):
    page = _signed_in(browser, server, "thanhtra", "?as_of=2010-11-15")
    for title, path in (("Nhật ký", "/audit"), ("Cập nhật", "/update"), ("Nhập từ Excel", "/import_excel")):
        _open(page, title)
        assert path in page.url and "as_of=2010-11-15" in page.url, title
        page.reload()
        _settled(page)
        assert "as_of=2010-11-15" in page.url, title
    page.screenshot(path=str(SCREENSHOTS / "day_import_after_f5.png"))
    _open(page, "Xuất báo cáo")
    assert page.locator('[data-testid="stSidebar"] [data-testid="stDateInput"] input').first.input_value() == "2010-11-15"
    _open(page, "Tổng quan")
    assert page.locator("h3").first.inner_text() == "Tình hình đến ngày 15/11/2010"
    page.close()


@pytest.mark.parametrize("param, said", [
    ("2009-01-01", "ngày 01/01/2009 nằm ngoài thời gian theo dõi của kế hoạch"),
    ("2011-02-30", "“2011-02-30” không phải là một ngày có thật"),
    ("abc", "“abc” không phải là một ngày có thật"),
])
def test_a_link_with_a_date_that_cannot_be_shown_says_so(server, browser, param, said):
    page = _signed_in(browser, server, "lanhdao", f"?as_of={param}")
    shown = page.locator("h3").first.inner_text().removeprefix("Tình hình đến ngày ")
    assert said in _alerts(page) and f"đang hiển thị tình hình đến ngày {shown}" in _alerts(page)
    page.close()


def test_a_typed_date_applies_on_enter_and_one_outside_the_plan_is_explained(server, browser):
    page = _signed_in(browser, server, "lanhdao", "?as_of=2011-06-30")
    for typed, heading, said in (("15032011", "15/03/2011", None),
                                 ("01052013", "15/03/2011", "Ngày 01/05/2013 nằm ngoài thời gian theo dõi")):
        page.locator('[data-testid="stSidebar"] [data-type="day"]').first.click()
        page.keyboard.type(typed, delay=40)
        page.keyboard.press("Enter")
        page.wait_for_timeout(1500)
        _settled(page, charts=1)
        assert page.locator("h3").first.inner_text() == f"Tình hình đến ngày {heading}"
        if said:
            assert said in _alerts(page)
    page.locator('[data-testid="stSidebar"] [data-testid="stDateInputField"] button').first.click()
    page.wait_for_timeout(600)
    page.screenshot(path=str(SCREENSHOTS / "day_calendar_vi.png"))
    calendar = page.inner_text("body")
    assert "Tháng 3" in calendar and "T2" in calendar and "CN" in calendar  # Vietnamese, weeks from Monday
    page.close()


PAGES_1440 = ("Tổng quan", "Toàn quốc", "Tuân thủ", "Đơn vị", "Tiến độ", "Báo cáo quý", "Nhật ký", "Thời hạn",
              "Quản trị người dùng", "Xuất báo cáo")


def test_every_table_fits_its_frame_at_1440_px(server, browser):
    page = _signed_in(browser, server, "quantri", "?as_of=2011-06-30", viewport=TALL_DESKTOP)
    for title in PAGES_1440:
        _open(page, title)
        page.wait_for_timeout(1500)
        page.screenshot(path=str(SCREENSHOTS / f"day_1440_{page.url.split('/')[-1].split('?')[0] or 'overview'}.png"))
        widths = page.evaluate(MEASURE_TABLES)
        if title == "Tuân thủ":  # units × every requirement: its code and name stay pinned while it scrolls
            widths = widths[1:]
        assert widths or title == "Xuất báo cáo", title
        assert all(scroll <= client + 2 for scroll, client in widths), (title, widths)
    page.close()


def test_on_a_phone_the_sidebar_closes_after_a_tap_and_the_charts_fit(server, browser):
    page = _signed_in(browser, server, "lanhdao", "?as_of=2011-06-30", viewport=PHONE)
    def sidebar_on_screen() -> bool:  # a closed sidebar slides off to the left
        return page.evaluate("() => document.querySelector('[data-testid=\"stSidebar\"]')"
                             ".getBoundingClientRect().right > 10")

    for title in ("Tuân thủ", "Tiến độ", "Tổng quan"):
        if not sidebar_on_screen():
            page.locator('[data-testid="stExpandSidebarButton"]').click()
            page.wait_for_timeout(800)
        assert sidebar_on_screen()
        _open(page, title)
        page.wait_for_timeout(800)
        assert not sidebar_on_screen(), title
        h1 = page.locator("h1").first.bounding_box()
        assert h1["x"] >= 0 and h1["x"] + h1["width"] <= PHONE["width"] + 1, title
        page.set_viewport_size(TALL_PHONE)  # every chart drawn and in the picture
        page.wait_for_timeout(1500)
        page.screenshot(path=str(SCREENSHOTS / f"day_390_{page.url.split('/')[-1].split('?')[0] or 'overview'}.png"))
        charts = page.evaluate(MEASURE_CHARTS)
        assert charts and all(right <= PHONE["width"] + 1 and cut == 0 for right, cut in charts), (title, charts)
        page.set_viewport_size(PHONE)
        page.wait_for_timeout(800)
    page.close()


def test_the_chart_toolbar_speaks_vietnamese_and_saves_a_dated_named_picture(server, browser):
    page = _signed_in(browser, server, "lanhdao", "?as_of=2011-03-31")
    _open(page, "Tiến độ")  # the overview's charts are HTML: the timeline's are Plotly's
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
    chart = page.locator(".js-plotly-plot").first
    chart.hover()
    page.wait_for_timeout(500)
    titles = chart.locator(".modebar-btn").evaluate_all("buttons => buttons.map(b => b.getAttribute('data-title'))")
    assert "Tải biểu đồ (ảnh PNG)" in titles and not {"Box Select", "Lasso Select"} & set(titles)
    assert (chart.evaluate("plot => plot._context.toImageButtonOptions.filename")
            == "thoi-han-va-thuc-te-hoan-thanh-theo-yeu-cau-2011-03-31")
    assert "Tình hình đến ngày 31/03/2011 · Dữ liệu minh họa" in chart.inner_text()  # drawn in the picture itself
    page.close()


def test_the_overview_draws_its_bars_as_html_and_loads_no_plotly(server, browser):
    """The landing page: no plotly.js (Streamlit's PlotlyChart chunk, 4.7 MB) is fetched, the bars say their
    numbers and the hover says the rest, in Vietnamese."""
    page = browser.new_page(viewport=DESKTOP)
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(f"{server}/?as_of=2011-03-31")
    fill_sign_in(page, "lanhdao")
    page.wait_for_selector('[data-testid="stSidebarNav"]', timeout=60_000)
    _settled(page, charts=3)
    assert not [url for url in fetched if "PlotlyChart" in url or "plotly" in url.lower()]
    assert page.locator(".js-plotly-plot").count() == 0
    titles = page.locator("figure.tkb .tkb-title").all_inner_texts()
    assert titles == ["Tiến độ theo lĩnh vực", "Tiến độ theo cấp", "Các đơn vị chậm nhất (nhiều mốc quá hạn nhất)"]
    first = page.locator("figure.tkb").first
    assert "Tình hình đến ngày 31/03/2011 · Dữ liệu minh họa" in first.inner_text()
    hover = first.locator(".tkb-seg").first.get_attribute("title")
    assert " — Hoàn thành đúng hạn: " in hover
    legend = first.locator(".tkb-key").all_inner_texts()
    assert legend == ["Hoàn thành đúng hạn", "Hoàn thành trễ hạn", "Quá hạn", "Chưa đến hạn", "Chưa có hạn"]
    page.screenshot(path=str(SCREENSHOTS / "overview_html_bars_1440.png"))
    page.close()


# The heatmap drawn as HTML: its box against the page, its grid against the box, the first unit's name before and
# after the box is scrolled sideways (pinned), each column's name (vertical, within its column).
MEASURE_GRID = """() => {
  const box = document.querySelector('figure.tkg .tkg-scroll');
  const name = () => box.querySelector('.tkg-row').getBoundingClientRect().left;
  const before = name();
  box.scrollLeft = 200;
  const after = name();
  box.scrollLeft = 0;
  const columns = Array.from(box.querySelectorAll('.tkg-col'));
  return {right: box.getBoundingClientRect().right, page: document.documentElement.scrollWidth, inner: innerWidth,
          scrolls: box.scrollWidth > box.clientWidth, pinned: before === after,
          vertical: columns.every(c => getComputedStyle(c.firstElementChild).writingMode === 'vertical-rl'),
          within: columns.every(c => c.firstElementChild.getBoundingClientRect().width
                                     <= c.getBoundingClientRect().width + 0.5),
          columns: columns.length};
}"""


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1440", "390"])
def test_the_compliance_page_draws_its_heatmap_as_html_and_loads_no_plotly(server, browser, viewport):
    """The heatmap was the compliance page's last Plotly chart: the page now fetches no plotly.js; each cell says its
    unit, requirement and status on hover; a plan's 30-odd columns scroll inside the grid's box, never the page."""
    page = browser.new_page(viewport=viewport)
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(f"{server}/compliance?as_of=2011-03-31")
    fill_sign_in(page, "lanhdao")
    page.wait_for_selector('[data-testid="stSidebarNav"]', state="attached", timeout=60_000)
    _settled(page, charts=3)  # the heatmap and the two rankings
    assert not [url for url in fetched if "PlotlyChart" in url or "plotly" in url.lower()]
    assert page.locator(".js-plotly-plot").count() == 0
    grid = page.locator("figure.tkg")
    assert grid.locator(".tkg-title").inner_text() == "Tuân thủ theo đơn vị và yêu cầu"
    assert "Tình hình đến ngày 31/03/2011 · Dữ liệu minh họa" in grid.inner_text()
    unit, column, status = grid.locator(".tkg-c[title]").first.get_attribute("title").split("\n")
    assert unit == grid.locator(".tkg-row").first.inner_text().replace("\n", " ")
    assert ": " in status and status.split(": ")[1].split(" — ")[0] in {
        "Hoàn thành đúng hạn", "Hoàn thành trễ hạn", "Quá hạn", "Chưa đến hạn", "Chưa có hạn"}
    assert [key.replace("\n", "") for key in grid.locator(".tkg-key").all_inner_texts()] == [
        "✓Hoàn thành đúng hạn", "◐Hoàn thành trễ hạn", "✗Quá hạn", "○Chưa đến hạn", "–Chưa có hạn"]
    shape = page.evaluate(MEASURE_GRID)
    assert shape["right"] <= viewport["width"] + 1 and shape["page"] <= shape["inner"], shape
    assert shape["vertical"] and shape["within"] and shape["columns"] >= 20, shape
    assert shape["pinned"] and (shape["scrolls"] or viewport is DESKTOP), shape
    grid.scroll_into_view_if_needed()
    page.wait_for_timeout(500)  # the scrolled-to part painted
    page.screenshot(path=str(SCREENSHOTS / f"compliance_html_grid_{viewport['width']}.png"))
    page.close()
