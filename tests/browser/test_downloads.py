"""Briefing kit in a real browser: click every kind of download on one page, open each file and check it; open the
offline report from disk with the network switched off; nothing may go to another host."""
from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from helpers import download as _download
from helpers import goto
from openpyxl import load_workbook
from playwright.sync_api import expect
from pptx import Presentation

from apecgpu.exports.images import png_size
from apecgpu.i18n import t

VIEW = "split-org"
QUERY = {"lang": "ko", "sector": "cloud"}   # a filter, so the "all data" buttons are there too


def _no_errors(page) -> None:
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    expect(page.locator('[data-testid="stDownloadButtonError"]')).to_have_count(0)
    assert page.foreign_requests == []


@pytest.fixture
def gpu_split(app_server, page):
    goto(page, app_server, "gpu-split", QUERY)
    return page


def test_chart_row_downloads_png_svg_csv_xlsx_filtered_and_all(gpu_split, tmp_path):
    page = gpu_split
    row = page.locator(f".st-key-dl-{VIEW}")
    files = {label: _download(page, row.get_by_role("button", name=label, exact=True), tmp_path)
             for label in ("PNG", "SVG", "CSV", "XLSX", t("export.csv.all", "ko"), t("export.xlsx.all", "ko"))}

    png = files["PNG"].read_bytes()
    assert files["PNG"].name.endswith("-cloud.png") and png_size(png) == (3200, 1800)

    svg = ET.fromstring(files["SVG"].read_bytes())
    assert "배분처별 GPU" in "".join(svg.itertext())

    raw = files["CSV"].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    block = dict(r for r in rows[: rows.index([])])
    assert re.fullmatch(r"[0-9a-f]{8}(-stale)?", block[t("meta.version", "ko")])
    assert block[t("meta.filter", "ko")] == "클라우드"
    assert block[t("meta.link", "ko")].endswith("/gpu-split?lang=ko&sector=cloud")
    filtered_rows = len(rows) - rows.index([]) - 2

    all_rows = list(csv.reader(io.StringIO(files[t("export.csv.all", "ko")].read_bytes().decode("utf-8-sig"))))
    assert dict(r for r in all_rows[: all_rows.index([])])[t("meta.scope", "ko")] == t("meta.scope.all", "ko")
    assert len(all_rows) - all_rows.index([]) - 2 > filtered_rows

    for label in ("XLSX", t("export.xlsx.all", "ko")):
        wb = load_workbook(files[label])
        assert wb.sheetnames == [VIEW, t("meta.sources", "ko")]
        assert wb[VIEW]["A1"].value == t("meta.title", "ko")
    _no_errors(page)


def test_sidebar_kit_downloads_deck_workbook_and_report(gpu_split, tmp_path):
    page = gpu_split
    kit = page.locator(".st-key-briefing-kit")
    deck_path = _download(page, kit.get_by_role("button", name=t("kit.deck", "ko")), tmp_path)
    book_path = _download(page, kit.get_by_role("button", name=t("kit.workbook", "ko")), tmp_path)
    report_path = _download(page, kit.get_by_role("button", name=t("kit.report", "ko")), tmp_path)

    prs = Presentation(deck_path)
    slides = list(prs.slides)
    assert "분야 필터 적용 중: 클라우드" in "\n".join(s.text_frame.text for s in slides[0].shapes if s.has_text_frame)
    assert sum(1 for s in slides for shape in s.shapes if shape.has_chart) >= 5
    notes = slides[1].notes_slide.notes_text_frame.text
    assert "?lang=ko&sector=cloud" in notes

    wb = load_workbook(book_path)
    assert wb.sheetnames[0] == t("report.about", "ko")
    assert wb.sheetnames[-2:] == [t("meta.sources", "ko"), t("src.disagreements", "ko")]
    # One sheet per chart: the split page's first chart is the overview's too, so its sheet is the overview's.
    assert "overview-split" in wb.sheetnames and VIEW not in wb.sheetnames and "split-share" in wb.sheetnames
    view_slides = [s for s in slides if "present=1&view=" in s.notes_slide.notes_text_frame.text]
    assert len(wb.sheetnames) == 1 + len(view_slides) + 2   # About, one per chart, Sources, Disagreements

    html = report_path.read_text(encoding="utf-8")
    assert '<html lang="ko">' in html and "클라우드" in html
    _no_errors(page)


def test_kit_lists_charts_when_opened_and_a_chart_taken_out_stays_out_of_the_deck(gpu_split, tmp_path):
    page = gpu_split
    kit = page.locator(".st-key-briefing-kit")
    expect(kit.get_by_text(t("kit.views.all", "ko"), exact=True)).to_be_visible()
    kit.locator("summary").click()  # "charts to include": the list is drawn only while it is open
    tags = kit.locator(".st-key-_kit_views [data-tag]")
    expect(tags.first).to_be_visible()
    total = tags.count()
    # The list holds what the deck holds: each chart once (the overview's is the split page's first).
    every = Presentation(_download(page, kit.get_by_role("button", name=t("kit.deck", "ko")), tmp_path))
    assert len([s for s in every.slides if "present=1&view=" in s.notes_slide.notes_text_frame.text]) == total
    tags.first.get_by_role("button").click()  # take the first chart out
    expect(tags).to_have_count(total - 1)
    kit.locator("summary").click()  # closed again: what was taken out is still counted
    expect(kit.get_by_text(t("kit.views.count", "ko", n=total - 1, total=total), exact=True)).to_be_visible()
    deck = Presentation(_download(page, kit.get_by_role("button", name=t("kit.deck", "ko")), tmp_path))
    view_slides = [s for s in deck.slides if "present=1&view=" in s.notes_slide.notes_text_frame.text]
    assert len(view_slides) == total - 1
    _no_errors(page)


def test_a_chart_taken_out_of_the_kit_stays_out_after_a_reload(gpu_split, tmp_path):
    # It lived in the session only: a reload, or a server restarted overnight, put every chart back in the deck.
    page = gpu_split
    kit = page.locator(".st-key-briefing-kit")
    kit.locator("summary").click()
    tags = kit.locator(".st-key-_kit_views [data-tag]")
    expect(tags.first).to_be_visible()
    total = tags.count()
    tags.first.get_by_role("button").click()
    expect(tags).to_have_count(total - 1)
    expect(page).to_have_url(re.compile(r"[?&]kit_off="))
    page.reload()
    kit = page.locator(".st-key-briefing-kit")
    expect(kit.get_by_text(t("kit.views.count", "ko", n=total - 1, total=total), exact=True)).to_be_visible()
    deck = Presentation(_download(page, kit.get_by_role("button", name=t("kit.deck", "ko")), tmp_path))
    assert len([s for s in deck.slides if "present=1&view=" in s.notes_slide.notes_text_frame.text]) == total - 1
    _no_errors(page)


class _Refs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.outside = []

    def handle_starttag(self, tag, attrs):
        self.outside += [v for k, v in attrs if k in ("src", "href") and v and not v.startswith("#")]


def test_offline_report_opens_from_disk_without_a_network(gpu_split, browser, tmp_path):
    page = gpu_split
    path = _download(page, page.locator(".st-key-briefing-kit").get_by_role(
        "button", name=t("kit.report", "ko")), tmp_path)
    parser = _Refs()
    parser.feed(path.read_text(encoding="utf-8"))
    assert parser.outside == []

    context = browser.new_context(offline=True, viewport={"width": 1280, "height": 900})
    try:
        reader = context.new_page()
        requests, errors = [], []
        reader.on("request", lambda r: requests.append(r.url))
        reader.on("pageerror", lambda e: errors.append(str(e)))
        reader.goto(path.as_uri())
        charts = reader.locator(".js-plotly-plot")
        expect(charts.first).to_be_visible(timeout=30_000)
        assert charts.count() == reader.locator("section.view .chart").count() >= 5
        expect(reader.locator("h1")).to_have_text(t("app.title", "ko"))
        assert [u for u in requests if not u.startswith("file:")] == []
        assert errors == []
    finally:
        context.close()
