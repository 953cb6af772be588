"""Offline: every page in both languages, presentation mode, and every download button of every page (plus the
briefing kit) make the browser talk to the app's own host:port only. Every request and websocket is recorded
(not only the harness's foreign list) and its host and port compared with the app server's."""
from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect
from helpers import download
from settle import open_page

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, for the shared hostile_inputs module
import hostile_inputs as H  # noqa: E402

from apecgpu import data  # noqa: E402
from apecgpu.i18n import LANGS  # noqa: E402

PAGES = [path for _, path in H.app_pages()]
DOWNLOAD = '[data-testid="stDownloadButton"]'
LOCAL_SCHEMES = {"data", "blob", "about"}
# A filter on, so the "all data" buttons that only exist with a filter are clicked too.
SECTOR_IDS = list(data.load_dataset().dataset.tables["sectors"]["sector_id"])
FILTER = {"sector": "cloud"} if "cloud" in SECTOR_IDS else {}


@pytest.fixture
def recorded(page, app_server):
    """The page, with every request and websocket URL it makes recorded in page.all_requests."""
    page.all_requests = []  # type: ignore[attr-defined]
    page.on("request", lambda req: page.all_requests.append(req.url))
    page.on("websocket", lambda ws: page.all_requests.append(ws.url))
    return page


def _elsewhere(urls: list[str], base: str) -> list[str]:
    own = urlsplit(base)
    return sorted({u for u in urls if urlsplit(u).scheme not in LOCAL_SCHEMES
                   and (urlsplit(u).hostname, urlsplit(u).port) != (own.hostname, own.port)})


def test_every_page_in_both_languages_and_presentation_mode(recorded, app_server):
    page = recorded
    for path in PAGES:
        for lang in LANGS:
            open_page(page, app_server, H.page_link(path), {"lang": lang})
            expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    for lang in LANGS:
        open_page(page, app_server, "", {"lang": lang, "present": "1", "slide": "2"})
        expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    assert page.all_requests, "no request recorded: the recorder is not working"
    assert any(u.startswith(("ws://", "wss://")) for u in page.all_requests), "the app's websocket was not seen"
    assert _elsewhere(page.all_requests, app_server) == []
    assert page.foreign_requests == []


def _download_all(page, scope, folder: Path) -> list[str]:
    """Click every download button inside `scope`; returns the saved file names. Each download must succeed."""
    names = []
    for holder in scope.locator(DOWNLOAD).all():
        # Streamlit draws each button twice (one copy measures the label); the first is the one to click.
        button = holder.locator("button").first
        if button.is_disabled():
            pytest.fail(f"download button {button.inner_text()!r} is disabled")
        names.append(download(page, button, folder).name)
    return names


def test_every_download_button_requests_only_the_app(recorded, app_server, tmp_path):
    page = recorded
    saved: dict[str, list[str]] = {}
    for i, path in enumerate(PAGES):
        open_page(page, app_server, H.page_link(path), {"lang": LANGS[i % len(LANGS)], **FILTER})
        saved[path] = _download_all(page, page.locator('[data-testid="stMain"]'), tmp_path)
        if i == 0:
            kit = page.locator(".st-key-briefing-kit")
            saved["briefing kit"] = _download_all(page, kit, tmp_path) if kit.count() else []
        expect(page.locator('[data-testid="stException"]')).to_have_count(0)
        expect(page.locator('[data-testid="stDownloadButtonError"]')).to_have_count(0)
    assert any(saved.values()), "no download button on any page"
    assert _elsewhere(page.all_requests, app_server) == [], saved
    assert page.foreign_requests == []
