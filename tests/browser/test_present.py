"""Presentation mode in a real browser at projector size (1920x1080): no sidebar or header, one large chart,
next/previous by button and keyboard rewrite the link, a reload reopens the same slide, bad links fall back."""
from __future__ import annotations

import re

from helpers import goto, wait_for_app
from playwright.sync_api import expect

from apecgpu.i18n import t

PROJECTOR = {"width": 1920, "height": 1080}
CHART = '[data-testid="stPlotlyChart"]'
COUNTER = ".st-key-present-counter"


def test_presentation_mode_on_a_projector(app_server, page):
    page.set_viewport_size(PROJECTOR)
    goto(page, app_server, "", {"present": "1", "slide": "2", "lang": "en"})

    # Must not happen: app chrome, the sidebar, the page's own content.
    expect(page.locator('[data-testid="stSidebar"]')).to_be_hidden()
    expect(page.locator('header[data-testid="stHeader"]')).to_be_hidden()
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    expect(page.locator(COUNTER)).to_have_text(re.compile(r"^2 / \d+$"))
    expect(page.locator(CHART)).to_have_count(1)

    box = page.locator(CHART).bounding_box()
    assert box["width"] > 1700 and box["y"] + box["height"] <= PROJECTOR["height"] + 1
    title = page.locator(f"{CHART} .gtitle").first
    assert float(title.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 30  # legible from afar

    page.get_by_role("button", name=t("present.next", "en")).click()
    expect(page).to_have_url(re.compile(r"[?&]slide=3\b"))
    expect(page.locator(COUNTER)).to_have_text(re.compile(r"^3 / "))
    page.keyboard.press("ArrowLeft")
    expect(page).to_have_url(re.compile(r"[?&]slide=2\b"))
    expect(page.locator(COUNTER)).to_have_text(re.compile(r"^2 / "))

    page.reload()  # the link reopens the same slide
    wait_for_app(page)
    expect(page.locator(COUNTER)).to_have_text(re.compile(r"^2 / "))
    assert page.foreign_requests == []


def test_bad_slide_falls_back_without_echoing_it_and_exit_returns(app_server, page):
    page.set_viewport_size(PROJECTOR)
    goto(page, app_server, "gpu-split", {"present": "1", "slide": "<b>99999999999</b>", "lang": "ko"})
    expect(page.locator('[data-testid="stAlert"]')).to_contain_text(t("present.bad_slide", "ko", n=0)[:20])
    expect(page.locator('[data-testid="stAlert"]')).not_to_contain_text("99999")
    assert page.locator("b", has_text="99999").count() == 0
    expect(page.locator(COUNTER)).to_have_text(re.compile(r"^1 / "))
    expect(page).to_have_url(re.compile(r"[?&]slide=1\b"))

    page.get_by_role("button", name=t("present.exit", "ko")).click()
    expect(page.locator('[data-testid="stSidebar"]')).to_be_visible()
    expect(page).not_to_have_url(re.compile(r"present="))
    expect(page.get_by_role("heading", name=t("split.title", "ko"))).to_be_visible()
    assert page.foreign_requests == []


def test_present_button_under_a_chart_opens_that_chart(app_server, page):
    goto(page, app_server, "gpu-split", {"lang": "en"})
    page.locator(".st-key-present-split-share").get_by_role("button").click()
    expect(page.locator(COUNTER)).to_be_visible()
    expect(page.locator('[data-testid="stSidebar"]')).to_be_hidden()
    expect(page.locator(f"{CHART} .gtitle").first).to_contain_text("Share of the total")
    expect(page).to_have_url(re.compile(r"[?&]slide=\d+"))
    assert page.foreign_requests == []


# A small screen (a laptop or an old projector, 1024 px): every slide's title and source lines stay inside the
# chart (titles ran up to 547 px off it, laid out for a 1600 px frame) and the power estimate's stamp stays clear of
# the source lines. The semiconductor filter gives the longest titles ("at least 100k GPUs").
SLIDE_TEXT_PROBLEMS_JS = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).flatMap(plot => {
    const chart = plot.querySelector('.main-svg').getBoundingClientRect();
    const lines = Array.from(plot.querySelectorAll('.gtitle tspan.line, .gtitle-subtitle tspan.line, .gtitle, .gtitle-subtitle'));
    const outside = lines.filter(el => { const r = el.getBoundingClientRect();
        return r.width && (r.right > chart.right + 1 || r.left < chart.left - 1 || r.top < chart.top - 6); })
        .map(el => 'outside: ' + el.textContent.slice(0, 60));
    const sub = plot.querySelector('.gtitle-subtitle');
    const s = sub ? sub.getBoundingClientRect() : null;
    const meets = (a, b) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
    const covered = s ? Array.from(plot.querySelectorAll('g.annotation')).filter(a => meets(a.getBoundingClientRect(), s))
        .map(a => 'over the source lines: ' + a.textContent.slice(0, 40)) : [];
    return outside.concat(covered); })"""


def test_every_slide_fits_a_small_screen(app_server, page):
    page.set_viewport_size({"width": 1024, "height": 768})
    for lang in ("ko", "en"):
        goto(page, app_server, "", {"present": "1", "slide": "1", "lang": lang, "sector": "semiconductors"})
        total = int(re.search(r"/ (\d+)", page.locator(COUNTER).inner_text()).group(1))
        for n in range(1, total + 1):
            if n > 1:
                page.get_by_role("button", name=t("present.next", lang)).click()
            expect(page.locator(COUNTER)).to_have_text(re.compile(rf"^{n} / "))
            expect(page.locator(f"{CHART} .main-svg").first).to_be_visible()
            page.wait_for_timeout(300)  # the chart is redrawn once its width is known
            assert page.evaluate(SLIDE_TEXT_PROBLEMS_JS) == [], (lang, n)
