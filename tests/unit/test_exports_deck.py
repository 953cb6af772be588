"""Briefing kit, PowerPoint deck: built from the real data, opened again with python-pptx and checked slide by slide
(order, native chart types with embedded data, Korean text with an East Asian font, footer, speaker notes)."""
from __future__ import annotations

import dataclasses
import io

import pandas as pd
import pytest
from openpyxl import load_workbook
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.oxml.ns import qn
from pptx.util import Inches

from apecgpu.data import load_dataset
from apecgpu.exports import ExportError, deck, images
from apecgpu.exports.bundle import build_bundle
from apecgpu.exports.meta import without_repeats
from apecgpu.i18n import t

# What each chart type of a View becomes: a native chart type, or a picture.
EXPECTED = {
    "bar_h": XL_CHART_TYPE.BAR_CLUSTERED,
    "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "stacked_column": XL_CHART_TYPE.COLUMN_STACKED,
    "doughnut": XL_CHART_TYPE.DOUGHNUT,
    "waterfall": XL_CHART_TYPE.COLUMN_STACKED,   # stacked columns over an invisible base series
}
TINY_PNG = images.PNG_SIGNATURE + b"\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15" \
    b"\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7V\xbd\xfa\x00\x00\x00\x00IEND\xaeB`\x82"


def shown(bundle) -> list:
    """The views that get a slide: each chart once (the overview's repeats the split page's first)."""
    return without_repeats(bundle.views)


def fake_picture(view, meta, width_px, height_px):
    """A 1x1 PNG: the deck's layout and notes do not depend on the picture (real renders are tested once below)."""
    return TINY_PNG


def no_picture(view, meta, width_px, height_px):
    raise ExportError("no Chromium browser at /nowhere")


@pytest.fixture(scope="module")
def dataset():
    return load_dataset().dataset


@pytest.fixture(scope="module")
def ko(dataset):
    return build_bundle(dataset.tables, dataset.version, "ko", base_url="http://intranet.example:8501")


@pytest.fixture(scope="module")
def ko_deck(ko):
    data = deck.build_deck(ko.views, ko.meta, disagreements=ko.disagreements, source_table=ko.source_table,
                           picture=fake_picture)
    return Presentation(io.BytesIO(data))


@pytest.fixture(scope="module")
def en_cloud(dataset):
    return build_bundle(dataset.tables, dataset.version, "en", ("cloud",))


@pytest.fixture(scope="module")
def en_deck(en_cloud):
    data = deck.build_deck(en_cloud.views, en_cloud.meta, disagreements=en_cloud.disagreements,
                           source_table=en_cloud.source_table, picture=fake_picture)
    return Presentation(io.BytesIO(data))


def shape(slide, name):
    return next(s for s in slide.shapes if s.name == name)


def text_of(slide) -> str:
    return "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)


def charts(slide):
    return [s.chart for s in slide.shapes if s.has_chart]


class TestStructure:
    def test_16_9(self, ko_deck):
        assert (ko_deck.slide_width, ko_deck.slide_height) == (Inches(13.333), Inches(7.5))

    def test_title_then_one_slide_per_view_in_order_then_closing(self, ko, ko_deck):
        slides = list(ko_deck.slides)
        n_closing = deck.closing_slide_count(ko.disagreements, "ko")
        assert len(slides) == 1 + len(shown(ko)) + n_closing
        assert shape(slides[0], "Title").text_frame.text == t("app.title", "ko")
        for slide, view in zip(slides[1:], shown(ko)):
            assert shape(slide, "Title").text_frame.text == view.takeaway
        assert shape(slides[1 + len(shown(ko))], "Title").text_frame.text == t("deck.closing.title", "ko")

    def test_title_slide_has_date_version_and_filter(self, ko, en_deck, en_cloud):
        details = shape(list(en_deck.slides)[0], "Details").text_frame.text
        assert en_cloud.meta.version in details and en_cloud.meta.generated in details
        assert "Sector filter on: Cloud" in details
        assert t("deck.views", "en", n=len(shown(en_cloud))) in details

    def test_every_slide_has_a_source_footer_and_number(self, ko, ko_deck):
        slides = list(ko_deck.slides)
        for i, slide in enumerate(slides, start=1):
            assert shape(slide, "Slide number").text_frame.text == f"{i} / {len(slides)}"
        for slide, view in zip(slides[1:], shown(ko)):
            footer = shape(slide, "Source footer").text_frame.text
            assert view.source_line in footer and ko.meta.as_of in footer


class TestCharts:
    def test_native_where_the_type_allows_else_a_picture(self, ko, ko_deck):
        for slide, view in zip(list(ko_deck.slides)[1:], shown(ko)):
            found = charts(slide)
            if view.chart_type in EXPECTED and view.chart_data is not None:
                assert [c.chart_type for c in found] == [EXPECTED[view.chart_type]], view.view_id
            else:
                assert not found, view.view_id
                assert any(s.name == "Chart picture" for s in slide.shapes), view.view_id
        kinds = {v.chart_type for v in shown(ko)}
        assert {"bar_h", "column", "doughnut", "waterfall"} <= kinds  # the data still exercises each builder

    def test_native_charts_embed_their_data_for_edit_data(self, ko, ko_deck):
        view = next(v for v in shown(ko) if v.chart_type == "bar_h")
        slide = list(ko_deck.slides)[1 + shown(ko).index(view)]
        chart = charts(slide)[0]
        workbook = load_workbook(io.BytesIO(chart.part.chart_workbook.xlsx_part.blob))
        cells = [c.value for row in workbook.active.iter_rows() for c in row]
        for recipient, gpus in zip(view.chart_data.iloc[:, 0], view.chart_data.iloc[:, 1]):
            assert recipient in cells and gpus in cells
        # bars read top-down as in the app: PowerPoint plots the first category at the bottom
        assert list(chart.plots[0].categories) == list(view.chart_data.iloc[::-1, 0])

    def test_bar_labels_keep_the_qualifier(self, ko, ko_deck):
        view = next(v for v in shown(ko) if v.chart_type == "bar_h")
        chart = charts(list(ko_deck.slides)[1 + shown(ko).index(view)])[0]
        labels = [p.data_label.text_frame.text for p in chart.plots[0].series[0].points
                  if p.data_label.has_text_frame]
        assert any(label.startswith("최대 ") for label in labels)


    def test_stacked_segments_carry_the_apps_labels(self, ko, ko_deck):
        # The stage chart labels what is still on paper as the articles qualify it ('5만 이상'); the slide had none.
        view = next(v for v in shown(ko) if v.chart_type == "stacked_column")
        chart = charts(list(ko_deck.slides)[1 + shown(ko).index(view)])[0]
        on_slide = {(s.name, c): p.data_label.text_frame.text
                    for s in chart.plots[0].series for c, p in zip(chart.plots[0].categories, s.points)
                    if p.data_label.has_text_frame}
        in_app = {(tr.name, deck._plain(c)): text for tr in view.figure.data for c, text in zip(tr.x, tr.text)
                  if text}
        assert on_slide == in_app and any(" " in text for text in in_app.values())  # a qualified figure among them
    def test_waterfall_has_an_invisible_base_series(self, ko, ko_deck):
        view = next(v for v in shown(ko) if v.chart_type == "waterfall")
        chart = charts(list(ko_deck.slides)[1 + shown(ko).index(view)])[0]
        base, step = chart.plots[0].series
        assert base.format.fill.type == 5  # MSO_FILL.BACKGROUND: no fill
        values = list(view.chart_data.iloc[:, 1])
        assert list(base.values)[1] == values[0]           # the first addition starts on the existing base
        assert list(step.values)[-1] == sum(values[:-1])   # the total bar is the computed sum

    def test_doughnut_shows_percentages(self, ko, ko_deck):
        view = next(v for v in shown(ko) if v.chart_type == "doughnut")
        chart = charts(list(ko_deck.slides)[1 + shown(ko).index(view)])[0]
        assert chart.plots[0].data_labels.show_percentage


class TestText:
    def test_korean_text_and_an_east_asian_font_on_every_run(self, ko, ko_deck):
        assert shown(ko)[0].title in text_of(list(ko_deck.slides)[1])  # Korean text as the view has it
        for slide in ko_deck.slides:
            roots = [slide._element] + [c._chartSpace for c in charts(slide)]
            for root in roots:
                for rpr in root.iter(qn("a:rPr")):
                    ea = rpr.find(qn("a:ea"))
                    assert ea is not None and ea.get("typeface") == deck.EA_FONT
                    assert rpr.get("lang") == "ko-KR"

    def test_chart_text_has_a_default_east_asian_font(self, ko_deck):
        chart = charts(list(ko_deck.slides)[1])[0]
        default = chart._chartSpace.find(qn("c:txPr")).find(".//" + qn("a:defRPr"))
        assert default.find(qn("a:ea")).get("typeface") == deck.EA_FONT

    def test_theme_names_a_korean_font_for_new_text(self, ko_deck):
        from pptx.opc.constants import RELATIONSHIP_TYPE as RT
        theme = ko_deck.slide_master.part.part_related_by(RT.THEME).blob.decode("utf-8")
        assert 'script="Hang" typeface="맑은 고딕"' in theme

    def test_english_deck_is_english(self, en_deck, en_cloud):
        slides = list(en_deck.slides)
        assert shape(slides[0], "Title").text_frame.text == t("app.title", "en")
        assert shape(slides[-1], "Title").text_frame.text in (t("deck.closing.title", "en"),
                                                               t("deck.closing.more", "en"))
        for rpr in slides[1]._element.iter(qn("a:rPr")):
            assert rpr.get("lang") == "en-US"


class TestNotes:
    def test_notes_have_two_or_three_points_and_the_view_link(self, ko, ko_deck):
        for slide, view in zip(list(ko_deck.slides)[1:], shown(ko)):
            notes = slide.notes_slide.notes_text_frame.text
            bullets = [line for line in notes.splitlines() if line.startswith("• ")]
            assert 2 <= len(bullets) <= 3, view.view_id
            assert f"http://intranet.example:8501/{view.page}?lang=ko" in notes
            assert f"present=1&view={view.view_id}" in notes

    def test_filtered_link_carries_the_sector(self, en_deck, en_cloud):
        notes = list(en_deck.slides)[1].notes_slide.notes_text_frame.text
        assert f"/{shown(en_cloud)[0].page}?lang=en&sector=cloud" in notes


class TestClosing:
    def test_sources_and_disagreements(self, ko, ko_deck):
        closing = list(ko_deck.slides)[1 + len(shown(ko)):]
        sources = shape(closing[0], "Sources").text_frame.text
        for _sid, label in ko.meta.sources:
            assert label in sources
        rows = sum(len(shape(s, "Disagreements").table.rows) - 1 for s in closing)
        assert rows == ko.disagreements[t("common.figure", "ko")].nunique()
        first = shape(closing[0], "Disagreements").table
        assert first.cell(0, 0).text == t("common.figure", "ko")
        assert "[s" in first.cell(1, 2).text

    def test_a_long_disagreement_list_continues_on_more_slides(self, ko):
        many = pd.concat([ko.disagreements.assign(**{t("common.figure", "ko"): ko.disagreements[t(
            "common.figure", "ko")] + f" #{k}"}) for k in range(4)], ignore_index=True)
        prs = Presentation(io.BytesIO(deck.build_deck(ko.views[:1], ko.meta, disagreements=many,
                                                      picture=fake_picture)))
        n = deck.closing_slide_count(many, "ko")
        assert n > 1 and len(prs.slides) == 2 + n
        assert shape(list(prs.slides)[-1], "Title").text_frame.text == t("deck.closing.more", "ko")


class TestFallbacks:
    def test_without_a_renderer_picture_slides_carry_the_table(self, ko):
        view = next(v for v in shown(ko) if v.chart_type == "timeline")
        prs = Presentation(io.BytesIO(deck.build_deck([view], ko.meta, picture=no_picture)))
        slide = list(prs.slides)[1]
        assert shape(slide, "Data table").has_table
        assert "/nowhere" in shape(slide, "Caption").text_frame.text

    def test_unusable_chart_data_falls_back_to_a_picture(self, ko):
        view = next(v for v in shown(ko) if v.view_id == "split-sector")
        broken = dataclasses.replace(view, chart_data=view.chart_data.assign(**{
            view.chart_data.columns[1]: ["n/a"] * len(view.chart_data)}))
        prs = Presentation(io.BytesIO(deck.build_deck([broken], ko.meta, picture=fake_picture)))
        slide = list(prs.slides)[1]
        assert not charts(slide) and shape(slide, "Chart picture")


class TestRealPictures:
    def test_picture_slides_get_a_high_resolution_render(self, ko):
        view = next(v for v in shown(ko) if v.chart_type == "timeline")
        prs = Presentation(io.BytesIO(deck.build_deck([view], ko.meta)))
        picture = shape(list(prs.slides)[1], "Chart picture")
        width, height = images.png_size(picture.image.blob)
        assert width >= 3000 and abs(width / height - picture.width / picture.height) < 0.02


def test_no_two_slides_show_the_same_chart(ko, ko_deck):
    # All views chosen (the kit's default): the overview's chart and the split page's first were two identical
    # slides. The overview's stays (its notes carry the takeaways); the repeated one is left out.
    titles = [text_of(slide).split("\n")[0] for slide in list(ko_deck.slides)[1:1 + len(shown(ko))]]
    assert len(titles) == len(set(titles))
    repeated = {v.repeats for v in ko.views if v.repeats}
    assert repeated and not repeated & {v.view_id for v in shown(ko)}
