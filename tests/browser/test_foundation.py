"""Foundation pages in real Chromium: every page draws, key figures show, links reopen the same filtered view."""
from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from helpers import goto, read_plot, wait_for_app
from playwright.sync_api import expect

from apecgpu import data, fmt, model
from apecgpu.views import page_url
from apecgpu.i18n import t

TABLES = data.load_dataset_strict().tables
PAGES = ["overview", "gpu-split", "installed-base", "timeline", "sources"]
EXCEPTION = '[data-testid="stException"]'
CHART = '[data-testid="stPlotlyChart"]'


def chart_categories(page, index: int = 0) -> list[str]:
    """Category labels of every trace of the index-th Plotly chart, read from the live chart in the page."""
    return read_plot(page, "gd => gd._fullData.flatMap(trace => Array.from(trace.y || []))", index)


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("path", PAGES)
def test_every_page_draws_its_charts_without_error_or_foreign_request(page, app_server, path, lang):
    goto(page, app_server, page_url(path), {"lang": lang})
    expect(page.locator(CHART).first).to_be_visible()
    expect(page.locator(EXCEPTION)).to_have_count(0)
    expect(page.get_by_text(t("footer.version", lang, version=data.data_version(data.DEFAULT_DATA_DIR)),
                            exact=False).first).to_be_visible()
    assert page.foreign_requests == []


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_overview_shows_the_headline_figures_from_the_data(page, app_server, lang):
    goto(page, app_server, page_url("overview"), {"lang": lang})
    total = model.headline(TABLES["claims"], "gpu_total")
    after = model.headline(TABLES["claims"], "installed_base_after")
    for text in (fmt.figure(total["value"], "gpu", total["qualifier"], lang, short=True),
                 fmt.figure(after["value"], "gpu", after["qualifier"], lang, short=True)):
        expect(page.get_by_test_id("stMetricValue").filter(has_text=text).first).to_be_visible()
    expect(page.locator(EXCEPTION)).to_have_count(0)


def test_sector_link_filters_the_split_chart(page, app_server):
    goto(page, app_server, "gpu-split", {"lang": "en", "sector": "mobility"})
    expected = list(model.gpu_allocations(TABLES, ["mobility"], "en")["recipient"])
    everyone = list(model.gpu_allocations(TABLES, [], "en")["recipient"])
    assert 0 < len(expected) < len(everyone)
    expect(page.locator(CHART).first).to_be_visible()
    assert sorted(chart_categories(page, 0)) == sorted(expected)
    # The filter widget shows the sector from the link, by its English name, not its id.
    sector_name = TABLES["sectors"].set_index("sector_id").at["mobility", "name_en"]
    sector_filter = page.get_by_test_id("stMultiSelect").filter(has=page.get_by_text(t("ctl.sector", "en"), exact=True))
    expect(sector_filter.get_by_text(sector_name, exact=True)).to_be_visible()
    expect(page.locator(EXCEPTION)).to_have_count(0)


def test_language_and_filter_survive_a_page_switch(page, app_server):
    goto(page, app_server, page_url("overview"), {"lang": "ko", "sector": ["cloud", "public"]})
    page.get_by_role("radiogroup", name=t("ctl.language", "ko")).get_by_role("radio", name="English").click()
    wait_for_app(page)
    expect(page).to_have_url(re.compile(r"lang=en"))
    page.get_by_test_id("stSidebarNav").get_by_text(t("nav.gpu_split", "en")).click()
    wait_for_app(page)
    expect(page).to_have_url(re.compile(r"/gpu-split\?"))
    query = parse_qs(urlsplit(page.url).query)
    assert query["lang"] == ["en"] and sorted(query["sector"]) == ["cloud", "public"]
    expect(page.get_by_role("heading", name=t("split.title", "en"))).to_be_visible()
    # Reopening the copied link in a fresh page reproduces the same view.
    link = page.url
    fresh = page.context.new_page()
    fresh.goto(link)
    wait_for_app(fresh)
    expect(fresh.get_by_role("heading", name=t("split.title", "en"))).to_be_visible()
    assert sorted(chart_categories(fresh, 0)) == sorted(model.gpu_allocations(TABLES, ["cloud", "public"], "en")["recipient"])
    expect(fresh.locator(EXCEPTION)).to_have_count(0)
    fresh.close()


# Every KPI tile's label and value stay inside their own tile on a small laptop screen: Streamlit draws them on one
# line (nowrap) and either cuts the label with "…" or lets the value run into the next tile ("30만 개 이상약 30억 달러").
TILE_OVERFLOW_JS = """() => Array.from(document.querySelectorAll('[data-testid="stMetric"]')).flatMap(tile => {
    const box = tile.getBoundingClientRect();
    return Array.from(tile.querySelectorAll('[data-testid="stMetricLabel"] p, [data-testid="stMetricValue"] p'))
        .filter(p => p.getBoundingClientRect().right > box.right + 1 || p.scrollWidth > p.clientWidth + 1)
        .map(p => p.textContent); })"""


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("path", ["overview", "commitments", "power"])
def test_kpi_tiles_wrap_inside_their_tile_on_a_small_screen(page, app_server, path, lang):
    page.set_viewport_size({"width": 1024, "height": 900})
    goto(page, app_server, page_url(path), {"lang": lang})
    expect(page.get_by_test_id("stMetricValue").first).to_be_visible()
    assert page.evaluate(TILE_OVERFLOW_JS) == []
