"""Contract: the terms of use travel with the figures. Every file a reader can take away (CSV, XLSX, the workbook,
the deck, the offline report) and every page's footer say that the figures are the cited articles' reporting and
how to reuse them, beside the sources."""
from __future__ import annotations

import html
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pptx import Presentation
from streamlit.testing.v1 import AppTest

from apecgpu.data import load_dataset
from apecgpu.exports import deck, report, tables
from apecgpu.exports.bundle import build_bundle
from apecgpu.i18n import t

DASHBOARD = str(Path(__file__).resolve().parents[2] / "dashboard.py")
LANGS = ["ko", "en"]


@pytest.fixture(scope="module")
def dataset():
    return load_dataset().dataset


@pytest.fixture(scope="module", params=LANGS)
def bundle(request, dataset):
    return build_bundle(dataset.tables, dataset.version, request.param)


def terms(lang: str) -> str:
    return t("common.terms", lang)


def workbook_text(data: bytes) -> str:
    wb = load_workbook(io.BytesIO(data))
    return "\n".join(str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value)


def test_a_views_csv_carries_the_terms(bundle):
    text = tables.export_csv(bundle.views[0], bundle.meta).decode("utf-8-sig")
    assert terms(bundle.meta.lang) in text


def test_a_views_xlsx_and_the_workbook_carry_the_terms(bundle):
    lang = bundle.meta.lang
    assert terms(lang) in workbook_text(tables.export_xlsx(bundle.views[0], bundle.meta))
    assert terms(lang) in workbook_text(tables.export_workbook(bundle.views, bundle.meta))


def test_the_deck_carries_the_terms_beside_its_sources(bundle):
    prs = Presentation(io.BytesIO(deck.build_deck(bundle.views, bundle.meta, disagreements=bundle.disagreements,
                                                   source_table=bundle.source_table, picture=None)))
    slides = ["\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame) for slide in prs.slides]
    with_sources = [text for text in slides if text.startswith(t("deck.closing.title", bundle.meta.lang))]
    assert with_sources and terms(bundle.meta.lang) in with_sources[0]


def test_the_report_carries_the_terms(bundle):
    page = report.build_report(bundle.views, bundle.meta).decode("utf-8")
    assert html.escape(terms(bundle.meta.lang), quote=False) in page


@pytest.mark.parametrize("lang", LANGS)
def test_every_pages_footer_carries_the_terms(lang):
    at = AppTest.from_file(DASHBOARD, default_timeout=90)
    at.query_params["lang"] = lang
    at.run()
    assert not at.exception
    assert any(terms(lang) in c.value for c in at.caption)
