"""Briefing kit, images: the slide figure carries title, sources, version, as-of and filter; real PNG/SVG exports
through kaleido and the local Chromium are 16:9 at 2x; a missing browser is a clear ExportError."""
from __future__ import annotations

import dataclasses
import re
import xml.etree.ElementTree as ET

import plotly.graph_objects as go
import pytest

from apecgpu import figures
from apecgpu.data import load_dataset
from apecgpu.exports import ExportError, images
from apecgpu.exports.bundle import build_bundle


@pytest.fixture(scope="module")
def dataset():
    return load_dataset().dataset


@pytest.fixture(scope="module")
def ko(dataset):
    return build_bundle(dataset.tables, dataset.version, "ko", pages=["gpu-split", "sources"])


@pytest.fixture(scope="module")
def en(dataset):
    return build_bundle(dataset.tables, dataset.version, "en", pages=["gpu-split", "sources"])


@pytest.fixture(scope="module")
def en_public(dataset):
    return build_bundle(dataset.tables, dataset.version, "en", ("public",), pages=["gpu-split"])


def _plain(text: str) -> str:
    return re.sub(r"<br>", " ", text)


class TestSlideFigure:
    def test_title_sources_version_asof_and_filter_are_in_the_image(self, ko):
        view = ko.views[0]
        fig = images.slide_figure(view, ko.meta)
        assert fig.layout.title.text == view.title
        subtitle = _plain(fig.layout.title.subtitle.text)
        assert ko.meta.version in subtitle and ko.meta.as_of in subtitle and ko.meta.filter_text in subtitle
        for sid in view.source_ids:
            assert f"[{sid}]" in subtitle
        assert (fig.layout.width, fig.layout.height) == images.SLIDE_SIZE

    def test_filter_is_named_when_on(self, en_public):
        fig = images.slide_figure(en_public.views[0], en_public.meta)
        assert "Public sector" in _plain(fig.layout.title.subtitle.text)

    def test_explicit_template_and_the_cached_view_is_not_changed(self, ko):
        view = ko.views[0]
        before = view.figure.to_json()
        fig = images.slide_figure(view, ko.meta)
        # `import streamlit` swaps the default template for one only a browser resolves: ours is explicit.
        assert fig.layout.template.to_plotly_json() == go.layout.Template(figures.TEMPLATE).to_plotly_json()
        assert view.figure.to_json() == before

    def test_type_is_larger_than_on_the_page(self, ko):
        view = ko.views[0]
        fig = images.slide_figure(view, ko.meta)
        assert fig.layout.font.size > view.figure.layout.font.size
        assert fig.layout.title.font.size > view.figure.layout.title.font.size

    def test_without_annotations_for_pictures_on_slides(self, ko):
        fig = images.slide_figure(ko.views[0], ko.meta, annotate=False)
        assert not fig.layout.title.text and not fig.layout.title.subtitle.text

    @pytest.mark.parametrize("annotate", [True, False])
    def test_a_legend_row_above_the_plot_gets_its_room(self, ko, annotate):
        """The split chart's legend sits in a row above the bars: the top margin makes room for it."""
        view = next(v for v in ko.views if v.view_id == "split-org")
        assert view.figure.layout.legend.orientation == "h"
        level = dataclasses.replace(view)
        level.figure = go.Figure(view.figure).update_layout(legend_orientation="v")
        above = images.slide_figure(view, ko.meta, annotate=annotate).layout.margin.t
        beside = images.slide_figure(level, ko.meta, annotate=annotate).layout.margin.t
        assert above - beside == round(figures.LEGEND_ROW_PX * images.FONT_SCALE)

    def test_names_wrapped_for_a_narrow_screen_are_one_line_in_the_wide_frame(self, dataset):
        bundle = build_bundle(dataset.tables, dataset.version, "en", pages=["timeline"])
        view = next(v for v in bundle.views if v.view_id == "timeline")
        assert any("<br>" in text for text in view.figure.layout.yaxis.ticktext)  # wrapped on the page
        slide = images.slide_figure(view, bundle.meta)
        assert [text.replace("<br>", " ") for text in view.figure.layout.yaxis.ticktext] == list(
            slide.layout.yaxis.ticktext)
        assert view.figure.layout.yaxis.ticktext != slide.layout.yaxis.ticktext  # the cached view is not changed

    @pytest.mark.parametrize("view_id", ["claims-by-source", "split-org"])
    def test_figure_names_wrapped_for_a_narrow_screen_are_one_line_in_the_wide_frame(self, en, view_id):
        view = next(v for v in en.views if v.view_id == view_id)
        assert any("<br>" in text for text in view.figure.layout.yaxis.ticktext)  # wrapped on the page
        slide = images.slide_figure(view, en.meta)
        assert list(slide.layout.yaxis.ticktext) == list(slide.layout.yaxis.tickvals)

    def test_a_legend_under_the_plot_goes_beside_it_in_the_wide_frame(self, ko):
        view = next(v for v in ko.views if v.view_id == "claims-by-source")
        assert view.figure.layout.legend.yref == figures.LEGEND_BELOW["yref"]  # under the plot on the page
        legend = images.slide_figure(view, ko.meta).layout.legend
        assert legend.orientation == "v" and legend.x > 1 and legend.yref == "paper"

    def test_a_view_without_a_chart_is_an_export_error(self, ko):
        with pytest.raises(ExportError):
            images.slide_figure(dataclasses.replace(ko.views[0], figure=None), ko.meta)


class TestRenderedFiles:
    """Real renders: kaleido drives /usr/bin/chromium (the same browser the app server uses)."""

    def test_png_is_16_9_at_twice_the_size(self, ko):
        data = images.export_png(ko.views[0], ko.meta)
        assert data.startswith(images.PNG_SIGNATURE)
        assert images.png_size(data) == (3200, 1800)

    def test_svg_holds_the_korean_title_and_source_as_text(self, ko):
        view = next(v for v in ko.views if v.view_id == "split-share")
        data = images.export_svg(view, ko.meta)
        root = ET.fromstring(data)
        assert root.get("width") == "1600" and root.get("height") == "900"
        text = "".join(root.itertext())
        assert view.title in text
        assert ko.meta.version in text
        assert "네이버클라우드" in text
        # Korean glyphs come from a CJK font: the family list names one first.
        assert "Noto Sans CJK KR" in data.decode("utf-8")

    def test_scatter_view_renders_too(self, ko):
        view = next(v for v in ko.views if v.chart_type == "scatter")
        assert images.png_size(images.export_png(view, ko.meta, width=800, height=450, scale=1)) == (800, 450)


class TestNoBrowser:
    def test_missing_browser_is_a_plain_export_error(self, ko, monkeypatch):
        monkeypatch.setenv(images.CHROMIUM_ENV, "/nonexistent/chromium")
        assert "/nonexistent/chromium" in images.renderer_problem()
        renderer = images._Renderer()
        with pytest.raises(ExportError, match="no Chromium browser at /nonexistent/chromium"):
            renderer.render(images.slide_figure(ko.views[0], ko.meta), "png", 1600, 900, 2)

    def test_png_reader_rejects_other_files(self):
        with pytest.raises(ValueError):
            images.png_size(b"<svg/>")
