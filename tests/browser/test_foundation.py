"""Foundation pages in real Chromium: every page draws, key figures show, links reopen the same filtered view."""
from __future__ import annotations

import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from helpers import CHART_TEXT_PROBLEMS_JS, goto, read_plot, wait_for_app
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from apecgpu import data, figures, fmt, model, ui, views
from apecgpu.views import page_url
from apecgpu.i18n import t

TABLES = data.load_dataset_strict().tables
PAGES = ["overview", "gpu-split", "installed-base", "timeline", "sources"]
ALL_PAGES = PAGES + ["commitments", "organisations", "power"]
EXCEPTION = '[data-testid="stException"]'
CHART = '[data-testid="stPlotlyChart"]'


def chart_categories(page, index: int = 0) -> list[str]:
    """Category labels of every trace of the index-th Plotly chart, read from the live chart in the page."""
    return read_plot(page, "gd => gd._fullData.flatMap(trace => Array.from(trace.y || []))", index)


def settled_categories(page, expected: list[str], index: int = 0) -> list[str]:
    """chart_categories once they are `expected` or 10 s have passed: under load the first draw can still be
    replaced by the script's next message (a fresh page once read an empty chart)."""
    for _ in range(20):
        shown = sorted(chart_categories(page, index))
        if shown == sorted(expected):
            break
        page.wait_for_timeout(500)
    return shown


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
    assert settled_categories(page, expected) == sorted(expected)
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
    expected = list(model.gpu_allocations(TABLES, ["cloud", "public"], "en")["recipient"])
    assert settled_categories(fresh, expected) == sorted(expected)
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
    assert settled(page, TILE_OVERFLOW_JS) == []


# No two category labels of a chart's x axis are drawn over each other on a small laptop screen ("기존 보유량네이버
# 클라우드대한민국 정부"): Plotly tilts them when they do not fit level.
TICK_OVERLAP_JS = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).flatMap(plot => {
    // Each label's box (all its lines) in screen pixels, as drawn (Plotly may tilt it): its four corners through the
    // element's screen transform. Neighbouring labels share their tilt, so their boxes overlap exactly when their
    // projections overlap on both the text direction and its perpendicular.
    const boxes = Array.from(plot.querySelectorAll('.xtick text')).map(t => {
        const b = t.getBBox(), m = t.getScreenCTM();
        const at = (x, y) => [m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f];
        return {text: t.textContent, corners: [at(b.x, b.y), at(b.x + b.width, b.y), at(b.x, b.y + b.height),
                                               at(b.x + b.width, b.y + b.height)], axis: [m.a, m.b]};
    });
    const span = (corners, [ux, uy]) => { const d = corners.map(([x, y]) => x * ux + y * uy);
                                          return [Math.min(...d), Math.max(...d)]; };
    const hits = [];
    for (let i = 0; i + 1 < boxes.length; i++) {
        const a = boxes[i], b = boxes[i + 1], n = Math.hypot(...a.axis) || 1;
        const u = [a.axis[0] / n, a.axis[1] / n], v = [-u[1], u[0]];
        const apart = [u, v].some(dir => { const [p0, p1] = span(a.corners, dir), [q0, q1] = span(b.corners, dir);
                                           return p1 <= q0 + 1 || q1 <= p0 + 1; });
        if (!apart) hits.push(a.text + ' / ' + b.text);
    }
    return hits; })"""


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("path", ["installed-base", "commitments", "power"])
def test_chart_axis_labels_do_not_overlap_on_a_small_screen(page, app_server, path, lang):
    page.set_viewport_size({"width": 1024, "height": 3000})  # tall: every chart is in view, so every chart is drawn
    goto(page, app_server, page_url(path), {"lang": lang})
    expect(page.locator(".js-plotly-plot .xtick").first).to_be_attached()
    assert settled(page, TICK_OVERLAP_JS) == []


def settled(page, reader_js: str, timeout_ms: float = 10_000) -> list:
    """What `reader_js` finds once the layout has settled: charts are first drawn at a provisional width and
    redrawn when Streamlit has measured their column, so wait (up to timeout_ms) for an empty finding, then read."""
    try:
        page.wait_for_function(f"() => ({reader_js})().length === 0", timeout=timeout_ms)
    except PlaywrightTimeout:
        pass  # the assertion below shows what is still wrong
    return page.evaluate(reader_js)


# The figure beside each bar ("up to 50,000 GPUs ※") stays whole on a small screen: not cut off at the chart's edge and
# not under the legend.
BAR_TEXT_JS = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).flatMap(plot => {
    const chart = plot.querySelector('.main-svg').getBoundingClientRect();
    const legend = plot.querySelector('.legend');
    const box = legend ? legend.getBoundingClientRect() : null;
    const meets = (r, q) => r.left < q.right - 1 && q.left < r.right - 1 && r.top < q.bottom - 1 && q.top < r.bottom - 1;
    return Array.from(plot.querySelectorAll('text.bartext')).filter(t => {
        const r = t.getBoundingClientRect();
        return r.right > chart.right + 1 || r.left < chart.left - 1 || (box && meets(r, box));
    }).map(t => t.textContent); })"""


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("path", ["overview", "gpu-split"])
def test_bar_figures_stay_whole_on_a_small_screen(page, app_server, path, lang):
    page.set_viewport_size({"width": 1024, "height": 3000})
    goto(page, app_server, page_url(path), {"lang": lang})
    expect(page.locator(".js-plotly-plot text.bartext").first).to_be_attached()
    assert settled(page, BAR_TEXT_JS) == []


# Words of the text under `root` drawn across two lines. Runs between the places a line may break (ui.BREAKS) longer
# than `longToken` may break anywhere and are skipped; words are what lies between punctuation inside a run.
SPLIT_WORDS_JS = """(root, longToken) => {
    const found = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        // On two lines when one piece of node.data[start, start + word.length) lies wholly below another (not
        // merely a little higher or lower).
        const check = (start, word) => {
            const range = document.createRange();
            range.setStart(node, start);
            range.setEnd(node, start + word.length);
            const rects = Array.from(range.getClientRects());
            if (rects.some(a => rects.some(b => b.top >= a.bottom - 1))) found.push('split: ' + word);
        };
        const runs = /[^\\s·…\\/,\\-–]+/g, words = /[^.()\\[\\]]+/g;
        for (let run = runs.exec(node.data); run; run = runs.exec(node.data)) {
            if (run[0].length > longToken) continue;
            for (let m = words.exec(run[0]); m; m = words.exec(run[0])) check(run.index + m.index, m[0]);
        }
        // A date is one word too: an ISO date that opens a date column's cell (fmt.DAY_TEXT) and every day as fmt.day
        // writes it, 2025.10.31 or 31 Oct 2025, in running text (a line broke citations after the hyphen of
        // 2025-11-01, and English ones as '31 / Oct 2025'). An ISO date inside text from the data (a note quoting an
        // article) may still break at its hyphens.
        const dates = /^\\s*\\d{4}-\\d{2}-\\d{2}|\\d{4}\\.\\d{2}\\.\\d{2}|\\b\\d{1,2}[ \\u00a0][A-Z][a-z]{2}[ \\u00a0]\\d{4}/g;
        for (let d = dates.exec(node.data); d; d = dates.exec(node.data)) check(d.index, d[0]);
    }
    return found; }"""

# The installed-base waterfall's dashed "stated" line strikes through none of the step figures (SK's "+50k" sat on it
# at 1024 px); the figure under the line moves inside its bar.
LINE_TEXT_JS = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).flatMap(plot => {
    const lines = Array.from(plot.querySelectorAll('.shapelayer path')).map(p => p.getBoundingClientRect());
    return Array.from(plot.querySelectorAll('text.bartext')).filter(t => {
        const r = t.getBoundingClientRect();
        return lines.some(l => l.left < r.right && r.left < l.right && l.top <= r.bottom && r.top <= l.bottom);
    }).map(t => t.textContent); })"""


@pytest.mark.parametrize("width", [1024, 1440])
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_stated_line_strikes_no_figure_on_the_waterfall(page, app_server, lang, width):
    page.set_viewport_size({"width": width, "height": 2000})
    goto(page, app_server, page_url("installed-base"), {"lang": lang})
    expect(page.locator(".js-plotly-plot .shapelayer path").first).to_be_attached()
    assert page.locator(".js-plotly-plot text.bartext").count() > 0
    assert settled(page, LINE_TEXT_JS) == []


# The timeline's legend: every sector a filled dot (Plotly drew a sector whose first event has an inferred date as a
# hollow one, as if hollow were a kind of sector), and one hollow entry that says what hollow means. On the page the
# legend is HTML under the chart (ui.legend_html).
LEGEND_MARKS_JS = """() => Array.from(document.querySelectorAll('.chart-legend li')).map(entry =>
    [entry.lastElementChild.textContent, entry.querySelector('.chart-legend-mark').textContent])"""


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_timeline_legend_draws_sectors_filled_and_explains_hollow(page, app_server, lang):
    goto(page, app_server, page_url("timeline"), {"lang": lang})
    expect(page.locator(".chart-legend li").first).to_be_attached()
    entries = dict(page.evaluate(LEGEND_MARKS_JS))
    hollow = [name for name, mark in entries.items() if mark == ui.LEGEND_MARKS["circle-open"]]
    assert hollow == [t("common.date_inferred", lang)]
    assert {mark for name, mark in entries.items() if name not in hollow} == {ui.LEGEND_MARKS["circle"]}
    lead_sectors = {ids[0] for ids in data.load_dataset_strict().tables["events"]["sector_ids"]}
    assert len(entries) - 1 == len(lead_sectors)


# Each chart on the page, with the title and source line over it that its exported picture carries (they are HTML
# on the page, so that they wrap: ui.chart_head_html), and the legend under it where the picture has one there.
CHART_TEXTS_JS = """() => Array.from(document.querySelectorAll('[data-testid="stElementContainer"]:has([data-testid="stPlotlyChart"])'))
    .map(chart => { const head = chart.previousElementSibling, below = chart.nextElementSibling;
        const text = (el, sel) => el && el.querySelector(sel) ? el.querySelector(sel).textContent : null;
        return [chart.className.match(/st-key-chart-([\\w-]+)/)[1], text(head, '.chart-title'), text(head, '.chart-source'),
                Array.from(below ? below.querySelectorAll('.chart-legend li') : []).map(li => li.lastElementChild.textContent)]; })"""


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("path", ALL_PAGES)
def test_each_chart_shows_its_title_source_and_legend_as_its_picture_does(page, app_server, path, lang):
    goto(page, app_server, page_url(path), {"lang": lang})
    expect(page.locator(CHART).first).to_be_visible()
    built = {v.view_id: v for v in views.build_views(TABLES, data.data_version(data.DEFAULT_DATA_DIR), lang)}
    shown = page.evaluate(CHART_TEXTS_JS)
    assert shown, "no chart on the page"
    for view_id, title, source, legend in shown:
        view = built[view_id]
        assert (title, source) == (fmt.keep_days_whole(view.title), fmt.keep_days_whole(view.source_line)), view_id
        assert legend == [html.unescape(e.name) for e in figures.legend_below_entries(view.figure)], view_id


# Charts read whole on a small laptop screen and a large one (CHART_TEXT_PROBLEMS_JS): an English title ran up to
# 111 px past the chart's right edge (cut off mid-word), the power estimate's source line 28 px, and at 1600 px the
# network's legend put its last column past the chart's edge. And in a window half a 1600 px screen wide (800 px,
# the sidebar open): titles were cut on six pages, and the timeline's legend, wrapped one entry a row at the plot's
# width, pushed its rows into each other (titles, source lines and such legends are HTML on the page since).
# And on a phone (412 px, the sidebar folded away): the timeline's day labels, held level, were drawn over each
# other (they stand upright there now); the power estimate's legend, beside the plot, left it 129 px, where the
# upright recipients' names and years ran into each other (it is HTML under the plot now); the sources chart's and
# the split chart's English names took 240 and 160 px, leaving the values' labels a plot too narrow to hold them
# (the names take two lines now). The power estimate's stamp, its frame cut at the chart's top, was so on every
# screen.
@pytest.mark.parametrize("width", [412, 800, 1024, 1600])
@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("path", ALL_PAGES)
def test_chart_text_stays_whole_and_apart(page, app_server, path, lang, width):
    page.set_viewport_size({"width": width, "height": 900})
    for query in ({"lang": lang}, {"lang": lang, "sector": "semiconductors"}):  # the filter's titles run longer
        goto(page, app_server, page_url(path), query)
        expect(page.locator(".js-plotly-plot .main-svg").first).to_be_visible()
        assert settled(page, CHART_TEXT_PROBLEMS_JS) == [], query


# Plotly lays a chart out a second time, in the same draw, when its labels need more margin than the figure gives
# (automargin). The split chart's names change with the filter, so that came with every filter change, at about twice
# the bare chart's time (bench/bench_charts.py); its margins are now estimated from its names (figures.label_margin).
AUTOMARGIN_ADDED_JS = """(key) => { const fl = document.querySelector(`.st-key-${key} .js-plotly-plot`)._fullLayout;
    return ['l', 'r', 't', 'b'].filter((s) => Math.round(fl._size[s]) > Math.round(fl.margin[s])); }"""


@pytest.mark.parametrize("width", [1024, 1600])
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_split_chart_is_laid_out_once_whatever_the_filter(page, app_server, lang, width):
    page.set_viewport_size({"width": width, "height": 900})
    for query in ({"lang": lang}, {"lang": lang, "sector": "semiconductors"}, {"lang": lang, "sector": "public"}):
        goto(page, app_server, page_url("gpu-split"), query)
        expect(page.locator(".st-key-chart-split-org .main-svg").first).to_be_visible()
        assert page.evaluate(AUTOMARGIN_ADDED_JS, "chart-split-org") == [], query


# Printing a page (Ctrl+P) for a briefing pack. A chart keeps the width it was drawn at on screen, so the page caps
# that width (ui.CONTENT_MAX_PX, even on a large monitor) and print scales the page so that width fits A4 portrait.
# Print lays a page out at the paper's printable width (Chromium's default margins, about 1 cm a side), in CSS px:
PAPER_PX = {"A4 portrait": ui.A4_PRINT_PX, "A4 landscape": 1047}
CHART_WIDTHS_JS = """() => Array.from(document.querySelectorAll('.js-plotly-plot .main-svg:first-of-type'))
    .map(svg => svg.getBoundingClientRect().width)"""


def print_zoom(page) -> float:
    return float(page.get_by_test_id("stMain").evaluate("el => getComputedStyle(el).zoom"))


@pytest.mark.parametrize("paper", PAPER_PX)
@pytest.mark.parametrize("path", ["gpu-split", "timeline", "organisations"])
def test_no_chart_is_drawn_wider_than_a_printed_page_holds(page, app_server, path, paper):
    page.set_viewport_size({"width": 1920, "height": 1080})
    goto(page, app_server, page_url(path))
    expect(page.locator(".js-plotly-plot .main-svg").first).to_be_visible()
    page.wait_for_timeout(500)  # charts are redrawn once their column is measured
    widths = page.evaluate(CHART_WIDTHS_JS)  # printing does not redraw them
    assert widths and max(widths) <= ui.CONTENT_MAX_PX
    page.emulate_media(media="print")
    page.set_viewport_size({"width": PAPER_PX[paper], "height": 1000})
    assert max(widths) * print_zoom(page) <= PAPER_PX[paper] + 1


def test_paper_as_wide_as_the_content_prints_it_at_full_size(page, app_server):
    goto(page, app_server, page_url("gpu-split"))
    expect(page.locator(".js-plotly-plot .main-svg").first).to_be_visible()
    page.emulate_media(media="print")
    page.set_viewport_size({"width": PAPER_PX["A4 landscape"], "height": 740})
    # Must not happen: a page scaled down for paper that holds it (text at 8.5 pt, a third of the sheet blank).
    assert print_zoom(page) == 1


CHART_HEIGHTS_JS = """() => Array.from(document.querySelectorAll('[data-testid="stPlotlyChart"]'))
    .map(el => el.getBoundingClientRect().height)"""


@pytest.mark.parametrize("path", ["timeline", "organisations", "sources", "gpu-split"])
def test_each_chart_fits_an_a4_landscape_sheet_with_its_heading(page, app_server, path):
    goto(page, app_server, page_url(path))
    expect(page.locator(".js-plotly-plot .main-svg").first).to_be_visible()
    page.emulate_media(media="print")
    page.set_viewport_size({"width": PAPER_PX["A4 landscape"], "height": 740})
    heights = page.evaluate(CHART_HEIGHTS_JS)
    # Must not happen: a chart cut across two sheets (the timeline, 978 px tall), or pushed with its heading to the
    # next sheet, leaving a blank one.
    assert heights and max(heights) <= ui.LANDSCAPE_CHART_PX + 1


def test_a_heading_over_closed_sections_only_is_not_printed(page, app_server):
    goto(page, app_server, page_url("timeline"))
    heading = page.get_by_role("heading", name=t("tl.detail", "ko"))
    expect(heading).to_be_visible()
    page.emulate_media(media="print")
    # Must not happen: "사건 상세" printed over nothing (its events are closed expanders, which do not print).
    expect(heading).to_be_hidden()
    page.emulate_media(media="screen")
    page.get_by_test_id("stExpander").last.locator("summary").click()
    page.emulate_media(media="print")
    expect(heading).to_be_visible()  # an open one prints, under its heading


def test_a_printed_page_shows_its_content_without_the_screen_controls(page, app_server):
    goto(page, app_server, page_url("gpu-split"))
    expect(page.get_by_test_id("stDownloadButton").first).to_be_visible()
    page.emulate_media(media="print")
    expect(page.get_by_test_id("stSidebar")).to_be_hidden()
    expect(page.get_by_test_id("stHeader")).to_be_hidden()
    controls = page.get_by_test_id("stMain").locator('[data-testid="stDownloadButton"], [data-testid="stButton"]').all()
    assert controls and not any(control.is_visible() for control in controls)
    expect(page.locator(".js-plotly-plot").first).to_be_visible()
    expect(page.locator('[data-testid="stTable"]:visible').first).to_be_visible()  # the allocations table


# What printing may split across pages: Streamlit kept a bordered block whole (the power page's assumptions block
# jumped to page 2 and left half of page 1 blank), a table's scroll box printed as one piece (a long table began
# on a new page), and a table drawn inline-table cannot be split (one taller than the sheet left a blank sheet before
# it). Each returns what would still be kept whole.
UNBREAKABLE_IN_PRINT_JS = """() => [
    ...Array.from(document.querySelectorAll('[data-testid="stMain"] [data-testid="stVerticalBlock"]'))
        .filter(el => getComputedStyle(el).breakInside !== 'auto').map(() => 'block kept whole'),
    ...Array.from(document.querySelectorAll('[data-testid="stTable"], [data-testid="stTable"] div'))
        .filter(el => getComputedStyle(el).overflowY !== 'visible').map(() => 'table scroll box'),
    ...Array.from(document.querySelectorAll('[data-testid="stTable"] table'))
        .filter(el => getComputedStyle(el).display !== 'table').map(() => 'table drawn inline')]"""


def test_printing_lets_blocks_and_tables_run_across_pages(page, app_server):
    goto(page, app_server, page_url("power"))
    expect(page.get_by_test_id("stTable").first).to_be_visible()
    assert page.evaluate(UNBREAKABLE_IN_PRINT_JS) != []  # on screen they scroll and hold together
    page.emulate_media(media="print")
    assert page.evaluate(UNBREAKABLE_IN_PRINT_JS) == []


# A chart's title and source line print as one piece, with the chart: the power page's first estimate, too tall
# for the rest of its sheet, took its source line to the next sheet and left the title alone at the bottom.
CHART_HEADS_SPLIT_IN_PRINT_JS = """() => Array.from(document.querySelectorAll(
        '[data-testid="stElementContainer"]:has(.chart-head)')).flatMap(el => { const style = getComputedStyle(el);
    return [style.breakInside !== 'avoid' ? 'may break inside: ' + el.textContent.slice(0, 40) : null,
            style.breakAfter !== 'avoid' ? 'may break from its chart: ' + el.textContent.slice(0, 40) : null]
        .filter(Boolean); })"""


def test_a_chart_s_title_and_source_line_print_together_with_it(page, app_server):
    goto(page, app_server, page_url("power"))
    expect(page.locator(".chart-head").first).to_be_visible()
    page.emulate_media(media="print")
    assert page.evaluate(CHART_HEADS_SPLIT_IN_PRINT_JS) == []


# Tables on a small laptop screen: each fits its column (no sideways scroll hiding the last columns), and no word is
# split across lines, Korean included ("매체" was drawn one syllable per line). A line may still break at
# punctuation ("·", "…", ".", "-", "/", brackets); a run of more than ui.LONG_TOKEN characters without a space (a file
# name) may break anywhere.
TABLE_FIT_JS = """(longToken) => Array.from(document.querySelectorAll('[data-testid="stTable"]')).flatMap(el => {
    const table = el.querySelector('table');
    if (!table || !table.getClientRects().length) return [];  // in a closed expander: not drawn
    const found = [];
    if (table.getBoundingClientRect().width > el.getBoundingClientRect().width + 1)
        found.push('wider than its column: ' + table.querySelector('th').textContent);
    return found.concat((""" + SPLIT_WORDS_JS + """)(table, longToken)); })"""

# Headings, paragraphs and captions of the page's body (not its tables, checked above).
TEXT_SPLIT_JS = """(longToken) => Array.from(document.querySelectorAll(
        '[data-testid="stMain"] :is([data-testid="stMarkdownContainer"], [data-testid="stCaptionContainer"])'))
    .filter(el => el.getClientRects().length && !el.closest('[data-testid="stTable"]'))
    .flatMap(el => (""" + SPLIT_WORDS_JS + """)(el, longToken))"""


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("path", ["gpu-split", "sources", "commitments", "organisations", "power"])
def test_tables_fit_and_keep_words_whole_on_a_small_screen(page, app_server, path, lang):
    page.set_viewport_size({"width": 1024, "height": 900})
    goto(page, app_server, page_url(path), {"lang": lang})
    expect(page.get_by_test_id("stTable").first).to_be_attached()
    reader = f"() => ({TABLE_FIT_JS})({ui.LONG_TOKEN})"
    assert settled(page, reader) == []


# On a phone a table wider than the screen scrolls sideways instead of squeezing its columns: the split page's GPU
# model and use columns were 40 px wide, a syllable or two a line. Every cell is at least ui.TABLE_CELL_MIN_EM wide,
# and a cell of sentences (more than ui.PROSE_CHARS characters, not a date) ui.PROSE_CELL_MIN_EM.
TABLE_SQUEEZE_JS = """([minEm, proseEm, proseChars]) => Array.from(document.querySelectorAll(
        '[data-testid="stMain"] [data-testid="stTable"] table')).filter(t => t.getClientRects().length)
    .flatMap(t => Array.from(t.querySelectorAll('th, td')).flatMap(cell => {
        const text = cell.textContent.trim(), em = parseFloat(getComputedStyle(cell).fontSize);
        const want = cell.tagName === 'TD' && text.length > proseChars && !/^[0-9]/.test(text) ? proseEm : minEm;
        const width = cell.getBoundingClientRect().width;
        return width + 1 < want * em ? [`${text.slice(0, 30)}: ${Math.round(width)} px, under ${want} em`] : [];
    }))"""


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("path", ["gpu-split", "sources", "commitments", "organisations", "power"])
def test_tables_scroll_sideways_rather_than_squeeze_their_columns_on_a_phone(page, app_server, path, lang):
    page.set_viewport_size({"width": 412, "height": 900})
    goto(page, app_server, page_url(path), {"lang": lang})
    expect(page.get_by_test_id("stTable").first).to_be_attached()
    limits = [ui.TABLE_CELL_MIN_EM, ui.PROSE_CELL_MIN_EM, ui.PROSE_CHARS]
    assert settled(page, f"() => ({TABLE_SQUEEZE_JS})({limits})") == []


# Korean headings and text keep their words whole on a small screen too: the power page's title was drawn
# "…GPU가 쓸 전 / 기".
@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("path", ALL_PAGES)
def test_headings_and_text_keep_words_whole_on_a_small_screen(page, app_server, path, lang):
    page.set_viewport_size({"width": 1024, "height": 900})
    goto(page, app_server, page_url(path), {"lang": lang})
    expect(page.locator('[data-testid="stMain"] h1')).to_be_visible()
    assert settled(page, f"() => ({TEXT_SPLIT_JS})({ui.LONG_TOKEN})") == []
