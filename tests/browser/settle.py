"""Open a page and wait until the app has really finished drawing it (used by the hostile-input, live-edit,
accessibility and offline tests).

helpers.wait_for_app waits for stApp's data-test-script-state to be "notRunning", but the page also starts out in that
state, before the first script run has begun; right after page.goto() it can return with half a page drawn (seen
here: 2 of 77 buttons). This waits for the same state *and* for elements that have stopped changing.
"""
from __future__ import annotations

from collections.abc import Mapping

from helpers import SETTLE_MS, goto
from playwright.sync_api import Page

SETTLED_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  const idle = app && app.getAttribute('data-test-script-state') === 'notRunning';
  const n = document.querySelectorAll('[data-testid="stElementContainer"]').length;
  const prev = window.__settleCount;
  window.__settleCount = n;
  if (!idle || n === 0 || n !== prev) { window.__settleStable = 0; return false; }
  window.__settleStable = (window.__settleStable || 0) + 1;
  return window.__settleStable >= 3;
}"""


def wait_settled(page: Page, timeout_ms: float = 60_000) -> None:
    """Wait until the script is idle and the number of drawn elements has held still for three polls (~0.75 s)."""
    page.evaluate("() => { window.__settleCount = -1; window.__settleStable = 0; }")
    page.wait_for_function(SETTLED_JS, polling=250, timeout=timeout_ms)


def open_page(page: Page, base: str, path: str = "", query: Mapping[str, str | list[str]] | None = None) -> None:
    """helpers.goto, then wait_settled."""
    goto(page, base, path, query)
    wait_settled(page)


def reload_page(page: Page) -> None:
    page.reload()
    page.wait_for_timeout(SETTLE_MS)
    wait_settled(page)
