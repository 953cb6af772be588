"""Tracking pages in real Chromium: they draw in both languages, ?org= opens a profile, a click on the network
opens another, and a changed power assumption is carried in the link."""
from __future__ import annotations

import re

import pytest
from helpers import goto, query_of, read_plot, wait_for_app
from settle import wait_settled
from playwright.sync_api import expect

from apecgpu import data, fmt, model, power, tracker, views
from apecgpu import views_tracking as vt
from apecgpu.i18n import t
from apecgpu.schema import STAGES

TABLES = data.load_dataset_strict().tables
EXCEPTION = '[data-testid="stException"]'
CHART = '[data-testid="stPlotlyChart"]'
PAGES = {"commitments": ("trk.title", 2), "organisations": ("org.title", 1), "power": ("pw.title", 2)}


def trace_names(page, index: int) -> list[str]:
    return read_plot(page, "gd => gd._fullData.map(tr => tr.name)", index)


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("path", list(PAGES))
def test_page_draws_in_both_languages_without_error_or_foreign_request(page, app_server, path, lang):
    title, charts = PAGES[path]
    goto(page, app_server, path, {"lang": lang})
    expect(page.get_by_role("heading", name=t(title, lang))).to_be_visible()
    expect(page.locator(CHART)).to_have_count(charts)
    expect(page.locator(EXCEPTION)).to_have_count(0)
    assert page.foreign_requests == []


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_commitments_show_gpus_by_stage_and_the_gap(page, app_server, lang):
    goto(page, app_server, "commitments", {"lang": lang})
    wait_settled(page)  # the app reports idle before its first run has drawn every chart
    gap = tracker.gap_to_target(TABLES)
    # Committed = the sum of the allocations' headline values; nothing is delivered as of the articles.
    assert gap.committed == model.gpu_allocations(TABLES)["gpus"].sum() and gap.delivered == 0
    committed = fmt.figure(gap.committed, "gpu", "exactly", lang, short=True)
    expect(page.get_by_test_id("stMetricValue").filter(has_text=committed).first).to_be_visible()
    # Every stage is in the legend, in order, in the page's language.
    assert trace_names(page, 0) == [tracker.stage_label(s, lang) for s in STAGES]
    expect(page.get_by_role("heading", name=t("trk.status.title", lang))).to_be_visible()
    expect(page.locator(EXCEPTION)).to_have_count(0)


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_org_link_opens_that_profile(page, app_server, lang):
    goto(page, app_server, "organisations", {"lang": lang, "org": "samsung-electronics"})
    name = model.name_of(TABLES, "samsung-electronics", lang)
    expect(page.get_by_role("heading", name=name, exact=True)).to_be_visible()
    expect(page.get_by_role("combobox", name=t("org.pick", lang))).to_have_value(name)
    expect(page.get_by_role("heading", name=t("org.sec.memory", lang))).to_be_visible()
    # Samsung's memory supply, with its source, is in the profile.
    title = TABLES["commitments"].set_index("commitment_id").at["supply-samsung-memory", f"title_{lang}"]
    expect(page.get_by_text(title, exact=True).first).to_be_visible()
    assert query_of(page)["org"] == ["samsung-electronics"]
    expect(page.locator(EXCEPTION)).to_have_count(0)
    assert page.foreign_requests == []


def test_commitment_link_reopens_that_history_and_a_pick_goes_into_the_link(page, app_server):
    goto(page, app_server, "commitments", {"lang": "ko", "commitment": "mou-physical-ai"})
    choices = vt.commitment_choices(views.Context(TABLES, "", "ko", ()))
    picker = page.get_by_role("combobox", name=t("trk.history.pick", "ko"))
    expect(picker).to_have_value(choices["mou-physical-ai"])
    title = TABLES["commitments"].set_index("commitment_id").at["mou-physical-ai", "title_ko"]
    expect(page.get_by_text(title, exact=True).first).to_be_visible()
    picker.click()
    page.keyboard.type(choices["gpu-naver-cloud"])  # the list is long and drawn only where it scrolls: filter it
    page.get_by_role("option").filter(has_text=choices["gpu-naver-cloud"]).first.click()
    expect(page).to_have_url(re.compile(r"commitment=gpu-naver-cloud"))
    expect(page.locator(EXCEPTION)).to_have_count(0)
    assert page.foreign_requests == []


def test_unknown_org_link_falls_back_with_a_message(page, app_server):
    goto(page, app_server, "organisations", {"lang": "en", "org": "<img src=x onerror=alert(1)>"})
    expect(page.get_by_role("heading", name="NVIDIA", exact=True)).to_be_visible()
    expect(page.get_by_test_id("stAlert").filter(has_text="was not found")).to_be_visible()
    expect(page.locator("img[src='x']")).to_have_count(0)  # shown as text, never as markup
    assert query_of(page)["org"] == ["nvidia"]


def test_clicking_an_organisation_in_the_network_opens_its_profile(page, app_server):
    goto(page, app_server, "organisations", {"lang": "en"})
    # The network sits below the profile; Streamlit draws a chart once it is scrolled into view.
    page.locator(CHART).first.scroll_into_view_if_needed()
    plot = page.locator(".js-plotly-plot").first
    expect(plot).to_be_visible()
    plot.scroll_into_view_if_needed()
    # Where Plotly drew Naver Cloud's dot, in page pixels, from the live chart's own axes (_fullData holds the
    # decoded arrays; data may still hold them base64-encoded).
    x, y = read_plot(page, """gd => {
        const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
        for (const tr of gd._fullData) {
            const ids = Array.from(tr.customdata || []);
            const i = ids.indexOf('naver-cloud');
            if (i >= 0) {
                const box = gd.getBoundingClientRect();
                return [box.left + xa._offset + xa.l2p(tr.x[i]), box.top + ya._offset + ya.l2p(tr.y[i])];
            }
        }
        return null; }""")
    page.mouse.move(x, y)
    page.mouse.click(x, y)
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Naver Cloud", exact=True)).to_be_visible(timeout=15_000)
    expect(page).to_have_url(re.compile(r"org=naver-cloud"))
    expect(page.locator(EXCEPTION)).to_have_count(0)


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_power_estimate_is_marked_and_a_changed_assumption_goes_into_the_link(page, app_server, lang):
    # Expected tiles and link from the data and assumptions.csv, computed the app's way (never typed in).
    assumptions = power.load_assumptions(data.DEFAULT_DATA_DIR / power.ASSUMPTIONS_FILE)
    defaults = vt.default_power_values(assumptions)
    kw = next(c for c in vt.power_controls(assumptions, lang) if c.assumption_id == "kw_per_gpu")
    ctx = views.Context(TABLES, data.data_version(data.DEFAULT_DATA_DIR), lang, ())
    stepped = {**defaults, "kw_per_gpu": round(kw.default + kw.step, 6)}
    it_default, it_stepped = (vt.power_kpis(ctx, v)[0].value for v in (defaults, stepped))
    assert it_default != it_stepped
    goto(page, app_server, "power", {"lang": lang})
    expect(page.get_by_test_id("stAlert").filter(has_text=t("pw.banner", lang)[:20])).to_be_visible()
    expect(page.get_by_test_id("stMetricValue").filter(has_text=it_default)).to_be_visible()
    assert query_of(page)["kw"] == [power.assumption_params(defaults)["kw"]]
    # One step right on the kW-per-GPU slider (found by its label, not by its place on the page).
    slider = page.get_by_test_id("stSlider").filter(has_text=kw.label).get_by_role("slider")
    slider.focus()
    slider.press("ArrowRight")
    wait_for_app(page)
    expect(page).to_have_url(re.compile(r"kw=" + re.escape(power.assumption_params(stepped)["kw"]) + r"(&|$)"))
    expect(page.get_by_test_id("stMetricValue").filter(has_text=it_stepped)).to_be_visible()
    # A colleague opening the link sees the same estimate.
    fresh = page.context.new_page()
    fresh.goto(page.url)
    wait_for_app(fresh)
    expect(fresh.get_by_test_id("stMetricValue").filter(has_text=it_stepped)).to_be_visible()
    expect(page.locator(EXCEPTION)).to_have_count(0)
    assert page.foreign_requests == []
