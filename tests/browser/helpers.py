"""Helpers for browser tests: navigate to a page of the running app and wait until its script is idle."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

from playwright.sync_api import Locator, Page, expect

# Streamlit sets this attribute on the app root; "notRunning" means the script run finished
# and the page shows its final elements (see streamlit/frontend ScriptRunState.NOT_RUNNING).
APP_ROOT = '[data-testid="stApp"]'
SCRIPT_IDLE = "notRunning"

# Extra settle time after the script finishes: charts and iframes render a little later.
SETTLE_MS = 500
# The first picture starts the server's Chromium (kaleido); a deck renders several.
DOWNLOAD_TIMEOUT_MS = 120_000


def wait_for_app(page: Page, timeout_ms: float = 30_000) -> None:
    """Wait until the Streamlit script run has finished (stApp is notRunning), then settle 500 ms."""
    expect(page.locator(APP_ROOT)).to_have_attribute(
        "data-test-script-state", SCRIPT_IDLE, timeout=timeout_ms
    )
    page.wait_for_timeout(SETTLE_MS)


def goto(
    page: Page,
    base: str,
    path: str = "",
    query: Mapping[str, str | list[str]] | None = None,
) -> None:
    """Open base + "/" + path (+ "?" + query, lists repeat the key) and wait for the app to be idle.

    `path` is a Streamlit page's URL path ("" for the main page, e.g. "sources" for pages/sources.py).
    """
    url = base.rstrip("/") + "/" + path.lstrip("/")
    if query:
        url += "?" + urlencode(query, doseq=True)
    page.goto(url)
    wait_for_app(page)


def query_of(page: Page) -> dict:
    """The page's URL query, each key's values as a list."""
    return parse_qs(urlsplit(page.url).query)


PLOT = ".js-plotly-plot"


def read_plot(page: Page, reader_js: str, index: int = 0, timeout_ms: float = 30_000):
    """Evaluate `reader_js` (a JS function of the Plotly graph div) on the index-th chart once Plotly has drawn it.

    A chart's div is visible a moment before Plotly has filled `_fullData` (CI once read an empty chart there),
    so this waits for drawn traces rather than for visibility.
    """
    expect(page.locator(PLOT).nth(index)).to_be_visible(timeout=timeout_ms)
    page.wait_for_function(
        """(i) => { const gd = document.querySelectorAll('.js-plotly-plot')[i];
                    return !!gd && !!gd._fullLayout && Array.isArray(gd._fullData) && gd._fullData.length > 0; }""",
        arg=index, timeout=timeout_ms)
    return page.evaluate(
        f"(i) => ({reader_js})(document.querySelectorAll('.js-plotly-plot')[i])", index)


def download(page: Page, button: Locator, folder: Path) -> Path:
    """Click a download button, check the download succeeded, save it in `folder` under its own name."""
    with page.expect_download(timeout=DOWNLOAD_TIMEOUT_MS) as info:
        button.click()
    done = info.value
    assert done.failure() is None, f"{done.suggested_filename}: {done.failure()}"
    path = folder / done.suggested_filename
    done.save_as(path)
    return path


# What a reader must never see in a chart, on a page or a slide: a title or source line outside the chart (a text's
# box reaches about a fifth of its type's size above its letters, hence the allowance), a stamp over the source lines, any text cut at the
# chart's edge (a legend's last column ran past it), level tick labels over each other, or a plot area squeezed to
# a sliver by its labels and legend. Returns one line per problem.
CHART_TEXT_PROBLEMS_JS = r"""() => Array.from(document.querySelectorAll('.js-plotly-plot')).flatMap(plot => {
    const chart = plot.querySelector('.main-svg').getBoundingClientRect();
    const lines = Array.from(plot.querySelectorAll('.gtitle tspan.line, .gtitle-subtitle tspan.line, .gtitle, .gtitle-subtitle'));
    const outside = lines.filter(el => { const r = el.getBoundingClientRect();
        return r.width && (r.right > chart.right + 1 || r.left < chart.left - 1
            || r.top < chart.top - Math.max(6, 0.2 * parseFloat(getComputedStyle(el).fontSize))); })
        .map(el => 'outside: ' + el.textContent.slice(0, 60));
    const sub = plot.querySelector('.gtitle-subtitle');
    const s = sub ? sub.getBoundingClientRect() : null;
    const meets = (a, b) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
    const covered = s ? Array.from(plot.querySelectorAll('g.annotation')).filter(a => meets(a.getBoundingClientRect(), s))
        .map(a => 'over the source lines: ' + a.textContent.slice(0, 40)) : [];
    const cut = Array.from(plot.querySelectorAll('text')).filter(el => { const r = el.getBoundingClientRect();
        return r.width && el.textContent.trim() && (r.left < chart.left - 2 || r.right > chart.right + 2); })
        .map(el => 'cut at the edge: ' + el.textContent.slice(0, 40));
    // A note over the plot (the power estimate's stamp) drawn in a frame: the frame whole, the top edge included.
    const clipped = Array.from(plot.querySelectorAll('g.annotation')).filter(a => { const r = a.getBoundingClientRect();
        return r.width && (r.top < chart.top - 0.5 || r.bottom > chart.bottom + 0.5); })
        .map(a => 'note cut at the edge: ' + a.textContent.slice(0, 40));
    const crowded = Array.from(plot.querySelectorAll('.xaxislayer-above, .yaxislayer-above')).flatMap(axis => {
        // Labels at a slant (Plotly's 30°) have boxes that overlap while their text does not: only level and
        // upright ones (Plotly stands them up when level ones would collide) are compared.
        const angle = el => { const m = /rotate\((-?[\d.]+)/.exec(el.getAttribute('transform') || '');
            return m ? Math.abs(parseFloat(m[1])) % 180 : 0; };
        const ticks = Array.from(axis.querySelectorAll('text')).filter(el => el.getBoundingClientRect().width
            && [0, 90].includes(angle(el)));
        // A text's box is about 1.4 times its type's height (more for Hangul): rows whose boxes share a few pixels
        // still read apart; glyphs meet once the boxes share a quarter of their height. Upright, a label's lines
        // stand side by side: two labels clash once they share a quarter of one line's width.
        const lines = el => Math.max(1, el.querySelectorAll('tspan.line').length);
        const clash = (a, b) => { const ra = a.getBoundingClientRect(), rb = b.getBoundingClientRect();
            return meets(ra, rb) && (angle(a) === 90
                ? Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left)
                    > 0.25 * Math.min(ra.width / lines(a), rb.width / lines(b))
                : Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top) > 0.25 * Math.min(ra.height, rb.height)); };
        return ticks.slice(1).filter((el, i) => angle(el) === angle(ticks[i]) && clash(el, ticks[i]))
            .map(el => 'tick labels overlap: ' + el.textContent.slice(0, 30)); });
    const area = plot.querySelector('.cartesianlayer .nsewdrag');
    const r = area ? area.getBoundingClientRect() : null;
    const cramped = r && (r.width < chart.width * 0.3 || r.height < 150)
        ? ['plot area ' + Math.round(r.width) + ' x ' + Math.round(r.height) + ' px'] : [];
    return outside.concat(covered, cut, clipped, crowded, cramped); })"""
