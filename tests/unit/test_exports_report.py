"""Briefing kit, offline report: one HTML file with plotly.js inside that references no external address, and
carries every chart, the sources, the data version and the filter."""
from __future__ import annotations

import dataclasses
import re
from html.parser import HTMLParser

import pytest

from apecgpu.data import load_dataset
from apecgpu.exports.bundle import build_bundle
from apecgpu.exports.meta import without_repeats
from apecgpu.exports.report import build_report
from apecgpu.i18n import t

# Attributes through which a page loads or links something.
URL_ATTRIBUTES = {"src", "href", "action", "formaction", "poster", "data", "srcset", "xlink:href", "background",
                  "manifest", "ping", "cite"}


class Refs(HTMLParser):
    """Collects every URL-bearing attribute and all CSS, outside <script> (plotly.js's own strings are inert)."""

    def __init__(self):
        super().__init__()
        self.refs: list[tuple[str, str, str]] = []
        self.css: list[str] = []
        self.tags: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for name, value in attrs:
            if name in URL_ATTRIBUTES and value is not None:
                self.refs.append((tag, name, value))
            if name == "style" and value:
                self.css.append(value)
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.css.append(data)


@pytest.fixture(scope="module")
def dataset():
    return load_dataset().dataset


@pytest.fixture(scope="module")
def ko(dataset):
    return build_bundle(dataset.tables, dataset.version, "ko")


@pytest.fixture(scope="module")
def ko_html(ko):
    return build_report(ko.views, ko.meta, source_table=ko.source_table, disagreements=ko.disagreements).decode()


@pytest.fixture(scope="module")
def en_html(dataset):
    b = build_bundle(dataset.tables, dataset.version, "en", ("public",))
    return build_report(b.views, b.meta, source_table=b.source_table, disagreements=b.disagreements).decode()


class TestOffline:
    def test_no_attribute_points_outside_the_file(self, ko_html):
        parser = Refs()
        parser.feed(ko_html)
        assert parser.refs, "expected the contents links"
        outside = [r for r in parser.refs if not r[2].startswith("#")]
        assert outside == []

    def test_no_script_or_stylesheet_is_loaded_from_anywhere(self, ko_html):
        parser = Refs()
        parser.feed(ko_html)
        assert "link" not in parser.tags and "iframe" not in parser.tags and "img" not in parser.tags
        assert not re.search(r"<script[^>]*\bsrc=", ko_html)

    def test_css_imports_nothing(self, ko_html):
        parser = Refs()
        parser.feed(ko_html)
        css = "\n".join(parser.css)
        assert "@import" not in css and "url(" not in css and "@font-face" not in css

    def test_plotly_js_is_inside_once(self, ko_html):
        assert ko_html.count("plotly.js v") == 1
        assert "cdn.plot.ly/plotly" not in ko_html.split("</head>")[1]


class TestContent:
    def test_every_view_has_a_section_and_an_interactive_chart(self, ko, ko_html):
        shown = without_repeats(ko.views)  # each chart once: the overview's repeats the split page's first
        assert len(shown) == len(ko.views) - 1
        for view in shown:
            assert f'id="v-{view.view_id}"' in ko_html
            if view.figure is not None:
                assert f'id="chart-{view.view_id}"' in ko_html
        assert ko_html.count("Plotly.newPlot(") == sum(v.figure is not None for v in shown)

    def test_version_asof_filter_sources_and_disagreements(self, ko, ko_html):
        assert f'<meta name="data-version" content="{ko.meta.version}">' in ko_html
        assert ko.meta.as_of in ko_html and t("ctl.filter_none", "ko") in ko_html
        for _sid, label in ko.meta.sources:
            assert label in ko_html
        assert t("src.disagreements", "ko") in ko_html

    def test_korean_page_in_korean(self, ko_html):
        assert '<html lang="ko">' in ko_html and '<meta charset="utf-8">' in ko_html
        assert "배분처별 GPU" in ko_html

    def test_link_to_the_dashboard_is_text_not_a_hyperlink(self, ko, ko_html):
        link = ko.meta.view_link(ko.views[0])
        assert f"<code>{link}</code>" in ko_html and f'href="{link}"' not in ko_html

    def test_english_report_names_the_filter(self, en_html):
        assert '<html lang="en">' in en_html
        assert 'class="filter-on">Public sector<' in en_html

    def test_text_from_the_data_is_escaped(self, ko):
        # Titles, quotes and table cells come from data files: markup in them must stay text.
        evil = "<script>alert(1)</script>"
        view = dataclasses.replace(ko.views[1], title=evil, table=ko.views[1].table.assign(x=evil))
        html = build_report([view], ko.meta).decode()
        assert evil not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
