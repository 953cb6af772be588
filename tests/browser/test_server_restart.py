"""A page left open while its server restarts (an update, or a replica dying behind nginx) keeps its user's next choice.

The browser reconnects by itself to the server at the same address, in a new session whose first run carries the
page's controls. That run used to start them again from the link, which holds the view before the user's latest
choice: the choice was dropped, and the page went back to the link's view. Each test stops the server, starts it
again on the same port, makes one choice once the page is connected again, and checks it is kept (the filter, the
language control and the link).
"""
from __future__ import annotations

import contextlib
import re
from urllib.parse import urlsplit

import pytest
from helpers import goto, query_of, wait_for_app
from playwright.sync_api import expect

from apecgpu import data, power
from apecgpu import views_tracking as vt
from apecgpu.i18n import t
from apecgpu.views import page_url

DATASET = data.load_dataset_strict()
SECTOR_NAMES = DATASET.tables["sectors"].set_index("sector_id")
CONNECTION_STATUS = '[data-testid="stConnectionStatus"]'
TAGS = ".st-key-_sector_widget [data-tag] [title]"
LANG_NAMES = {"ko": "한국어", "en": "English"}


def _names(sectors: list[str], lang: str) -> list[str]:
    return [SECTOR_NAMES.at[s, f"name_{lang}"] for s in sectors]  # in the data's order, as the filter shows them


@contextlib.contextmanager
def restarted(browser, start_app, path: str, query: dict):
    """A page on `path`?`query` whose server was stopped and started again on the same port, connected again."""
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="ko-KR")
    page = context.new_page()
    try:
        with start_app() as url:
            port = urlsplit(url).port
            goto(page, url, page_url(path), query)
        expect(page.locator(CONNECTION_STATUS)).to_be_visible(timeout=30_000)  # the page noticed
        with start_app(port=port):
            expect(page.locator(CONNECTION_STATUS)).to_have_count(0, timeout=60_000)  # connected again
            yield page
    finally:
        context.close()


@pytest.fixture
def restarted_page(browser, start_app):
    """/gpu-split?lang=en&sector=public, its server restarted."""
    with restarted(browser, start_app, "gpu-split", {"lang": "en", "sector": "public"}) as page:
        expect(page.locator(TAGS)).to_have_text(_names(["public"], "en"))
        yield page


def test_a_sector_picked_after_a_restart_is_kept(restarted_page):
    page = restarted_page
    page.locator(".st-key-_sector_widget input").click()
    page.get_by_role("option", name=SECTOR_NAMES.at["cloud", "name_en"], exact=True).click()
    page.keyboard.press("Escape")
    # Must not happen: the pick dropped, the filter back to the link's sectors (the tag shows at the click, before
    # the server's run; the link changes only once the run has taken the pick).
    expect(page).to_have_url(re.compile(r"[?&]sector=public&sector=cloud(&|$)"), timeout=30_000)
    wait_for_app(page)
    expect(page.locator(TAGS)).to_have_text(_names(["public", "cloud"], "en"))
    assert query_of(page) == {"lang": ["en"], "sector": ["public", "cloud"]}


def test_a_language_switch_after_a_restart_keeps_the_filter(restarted_page):
    page = restarted_page
    page.locator(".st-key-_lang_widget").get_by_role("radio", name=LANG_NAMES["ko"]).click()
    expect(page).to_have_url(re.compile(r"[?&]lang=ko(&|$)"), timeout=30_000)
    wait_for_app(page)
    expect(page.locator(".st-key-_lang_widget").get_by_role("radio", name=LANG_NAMES["ko"])).to_be_checked()
    # Must not happen: the filter emptied (its choices came back as English names the new session did not know).
    expect(page.locator(TAGS)).to_have_text(_names(["public"], "ko"))
    assert query_of(page) == {"lang": ["ko"], "sector": ["public"]}


def test_an_organisation_picked_after_a_restart_is_kept(browser, start_app):
    orgs = DATASET.tables["organisations"].set_index("org_id")
    first = vt.default_org(DATASET.tables)
    other = next(o for o in vt.org_options(DATASET.tables, "en") if o != first)
    with restarted(browser, start_app, "organisations", {"lang": "en", "org": first}) as page:
        picker = page.get_by_role("combobox", name=t("org.pick", "en"))
        picker.click()
        page.get_by_role("option", name=orgs.at[other, "name_en"], exact=True).click()
        # Must not happen: the pick dropped, the profile back to the link's organisation.
        expect(page).to_have_url(re.compile(rf"[?&]org={other}(&|$)"), timeout=30_000)
        wait_for_app(page)
        expect(page.get_by_role("heading", name=orgs.at[other, "name_en"], level=2)).to_be_visible()


def test_a_commitment_picked_after_a_restart_is_kept(browser, start_app):
    with restarted(browser, start_app, "commitments", {"lang": "en"}) as page:
        picker = page.get_by_role("combobox", name=t("trk.history.pick", "en"))
        before = query_of(page).get("commitment")
        picker.scroll_into_view_if_needed()
        picker.click()
        options = page.get_by_role("option")
        expect(options.nth(1)).to_be_visible()
        options.nth(1).click()
        # Must not happen: the pick dropped, the history back to the link's commitment.
        expect(page).not_to_have_url(re.compile(rf"[?&]commitment={re.escape(before[0])}(&|$)"), timeout=30_000)
        wait_for_app(page)
        assert query_of(page).get("commitment") not in (None, before)


def test_an_assumption_changed_after_a_restart_is_kept(browser, start_app):
    assumptions = power.load_assumptions(data.DEFAULT_DATA_DIR / power.ASSUMPTIONS_FILE)
    kw = next(c for c in vt.power_controls(assumptions, "en") if c.assumption_id == "kw_per_gpu")
    stepped = power.assumption_params({**vt.default_power_values(assumptions),
                                       "kw_per_gpu": round(kw.default + kw.step, 6)})["kw"]
    with restarted(browser, start_app, "power", {"lang": "en"}) as page:
        slider = page.get_by_test_id("stSlider").filter(has_text=kw.label).get_by_role("slider")
        slider.focus()
        slider.press("ArrowRight")
        # Must not happen: the step dropped, the slider back to the link's value.
        expect(page).to_have_url(re.compile(r"[?&]kw=" + re.escape(stepped) + r"(&|$)"), timeout=30_000)
