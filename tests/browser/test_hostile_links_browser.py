"""The nastiest links in real Chromium: no exception box, no alert dialog, no element injected from the link, the
link's text shown as typed where it is echoed, and the page still usable. The 500-link sweep is AppTest's
(tests/apptest/test_hostile_links.py); this checks what only a browser can: what the Markdown actually became."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from settle import open_page
from playwright.sync_api import expect

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, for the shared hostile_inputs module
import hostile_inputs as H  # noqa: E402

PATHS = [path for _, path in H.app_pages()]
EXCEPTION = '[data-testid="stException"]'
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"

# (page, query, text that must be shown as typed somewhere on the page or None)
LINKS = [
    ("overview", {"lang": SCRIPT, "sector": [IMG, "cloud"]}, "<script>alert(1)"),
    ("gpu-split", {"lang": "en", "sector": ["**ZLbold**"] * 3 + ["[ZLlink](javascript:alert(1))", "cloud"]},
     "**ZLbold**"),
    ("organisations", {"lang": "en", "org": '"><svg onload=alert(1)>'}, '"><svg onload=alert(1)>'),
    ("organisations", {"lang": "ko", "org": IMG, "sector": "<b>ZLb</b>"}, IMG[:20]),
    ("power", {"lang": "en", "kw": SCRIPT, "pue": ":rocket:", "util": "1e308",
               "ramp": "[ZLlink](javascript:alert(1))"}, None),
    ("timeline", {"sector": "# ZLhead", "lang": ":red[ZLred]", "foo": "<b>ZLb</b>"}, "# ZLhead"),
    ("commitments", {"lang": "$ZLx^2$", "sector": "A" * 10_000}, "$ZLx^2$"),
    ("sources", {"lang": ["en", "xx"], "sector": ["`ZLcode`"] * 40 + ["~~ZLstrike~~"]}, "`ZLcode`"),
    ("installed-base", {"lang": "&lt;b&gt;ZLent&lt;/b&gt;", "sector": "' onmouseover='alert(1)"}, "&lt;b&gt;"),
    ("overview", {"present": "1", "slide": IMG, "lang": "en"}, None),
    ("overview", {"present": "1", "view": SCRIPT, "slide": "-1", "sector": ":material/home:"}, None),
]


@pytest.mark.parametrize("path,query,shown", LINKS, ids=[f"{i:02d}-{p}" for i, (p, _, _) in enumerate(LINKS)])
def test_hostile_link_in_chromium(page, app_server, path, query, shown):
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_page(page, app_server, H.page_link(path if path in PATHS else PATHS[0]), query)
    # Must happen: the app drew its page (a heading or a slide) and, where the link is echoed, shows it as typed.
    expect(page.locator('[data-testid="stMain"]')).to_be_visible()
    expect(page.locator("h1, h2, [data-testid='stPlotlyChart']").first).to_be_visible()
    if shown is not None:
        expect(page.get_by_text(shown, exact=False).first).to_be_visible()
    # Must not happen: an exception box, a dialog, markup or a live element made from the link, a foreign request.
    expect(page.locator(EXCEPTION)).to_have_count(0)
    injected = page.evaluate(H.DOM_MARKUP_JS, "ZL")
    assert injected == [], injected
    assert page.evaluate("() => document.querySelector('img[src=x]')") is None
    if ":rocket:" in str(query):
        assert "🚀" not in page.locator("body").inner_text(), "':rocket:' from the link was drawn as an emoji"
    page.wait_for_timeout(300)  # an onerror handler fires after the image fails to load
    assert dialogs == [], f"alert dialog fired: {dialogs}"
    assert page.foreign_requests == []
