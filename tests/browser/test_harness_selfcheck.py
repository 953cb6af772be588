"""Self-check of the browser harness on bench/bare_app.py, independent of the real dashboard."""

from helpers import goto
from playwright.sync_api import expect


def test_bare_app_renders_plotly_chart_offline(start_app, page):
    with start_app(script="bench/bare_app.py") as base:
        goto(page, base)

        expect(page.get_by_role("heading", name="bare")).to_be_visible()
        expect(page.locator('[data-testid="stPlotlyChart"]')).to_be_visible()
        # Must not happen: an exception box, or any request leaving the machine.
        expect(page.locator('[data-testid="stException"]')).to_have_count(0)
        assert page.foreign_requests == []
