"""Figure builders as contracts: traces, values, colours, titles and source lines, from the real data and tiny frames."""
import re
import string

import pandas as pd
import pytest

from apecgpu import data, figures, fmt, model, palette, power, views
from apecgpu.exports import images
from apecgpu.i18n import TEXT, josa, t

DS = data.load_dataset_strict()
TABLES = DS.tables


def ctx(lang="ko", sectors=()):
    return views.Context(TABLES, DS.version, lang, tuple(sectors))


def by_id(lang="ko", sectors=()):
    return {v.view_id: v for v in views.build_views(TABLES, DS.version, lang, sectors)}


class TestSplitFigures:
    def test_bars_carry_every_allocation_with_its_sector_colour(self):
        c = ctx()
        fig = by_id()["split-org"].figure
        shown = {y: x for trace in fig.data for y, x in zip(trace.y, trace.x)}
        assert shown == dict(zip(c.allocations["recipient"], c.allocations["gpus"]))
        for trace in fig.data:
            sector = c.allocations.loc[c.allocations["sector_name"] == trace.name, "primary_sector"].iloc[0]
            assert trace.marker.color == palette.sector_colour(sector)

    def test_bar_labels_show_each_qualifier_and_flag_disputes(self):
        c = ctx("en")
        labels = {y: text for trace in by_id("en")["split-org"].figure.data for y, text in zip(trace.y, trace.text)}
        for r in c.allocations.itertuples():
            assert labels[r.recipient].startswith(fmt.figure(r.gpus, "gpu", r.qualifier, "en"))
            assert labels[r.recipient].endswith("※") == r.disputed

    def test_donut_and_sector_bars_add_up_to_the_allocations(self):
        c = ctx()
        v = by_id()
        assert sum(v["split-share"].figure.data[0].values) == c.allocations["gpus"].sum()
        assert sum(v["split-sector"].figure.data[0].y) == c.allocations["gpus"].sum()

    @pytest.mark.parametrize("lang", ["ko", "en"])
    def test_sums_of_allocations_carry_the_qualifier_their_terms_give(self, lang):
        # "반도체 100,000" added "50,000개 이상" to 50,000: the sum is at least 100,000, and the chart says so.
        c, v = ctx(lang), by_id(lang)
        by_sector = model.gpus_by_sector(c.allocations)
        for row, label in zip(by_sector.itertuples(), v["split-sector"].figure.data[0].text):
            terms = c.allocations.loc[c.allocations["primary_sector"] == row.primary_sector, "qualifier"]
            assert label == fmt.figure(row.gpus, None, model.sum_qualifier(terms), lang)
        bounded = by_sector.loc[by_sector["qualifier"] != "exactly", "primary_sector"]
        assert not bounded.empty  # the real data has a bounded sector, or this tests nothing
        # Filtered to that sector, the total is a sum no article states: qualified by its terms.
        c, v = ctx(lang, bounded[:1]), by_id(lang, bounded[:1])
        total = fmt.figure(c.allocations["gpus"].sum(), "gpu", model.sum_qualifier(c.allocations["qualifier"]), lang,
                           short=True)
        assert total in v["split-org"].title and v["split-share"].figure.layout.annotations[0].text == total

    @pytest.mark.parametrize("lang", ["ko", "en"])
    def test_the_overviews_split_takeaway_keeps_each_recipients_qualifier(self, lang):
        # It read "대한민국 정부·삼성전자·SK그룹·현대자동차그룹 각 5만 개": 최대 and 이상 fell away in the grouping.
        c = ctx(lang)
        takeaway = views.overview(c)["takeaways"][0]
        for r in c.allocations.itertuples():
            assert r.recipient in takeaway and fmt.figure(r.gpus, "gpu", r.qualifier, lang, short=True) in takeaway
        qualified = c.allocations[c.allocations["qualifier"] != "exactly"]
        assert not qualified.empty  # else this tests nothing
        for r in qualified.itertuples():  # named with its own figure, not in a group sharing one
            assert f"{r.recipient} {fmt.figure(r.gpus, 'gpu', r.qualifier, lang, short=True)}" in takeaway

    @pytest.mark.parametrize("lang", ["ko", "en"])
    def test_a_total_the_articles_state_is_shown_as_they_state_it(self, lang):
        # Unfiltered, the allocations add up to the deal's total, which the articles state without a qualifier
        # ("26만 개"): the chart says so, though the terms' own qualifiers would make the sum "about".
        c, v = ctx(lang), by_id(lang)
        stated = model.headline(TABLES["claims"], "gpu_total")
        assert stated["value"] == c.allocations["gpus"].sum()
        assert model.sum_qualifier(c.allocations["qualifier"]) != stated["qualifier"]  # else this tests nothing
        total = fmt.figure(stated["value"], "gpu", stated["qualifier"], lang, short=True)
        assert total in v["split-org"].title and v["split-share"].figure.layout.annotations[0].text == total

    def test_title_source_line_and_alt_are_in_the_figure(self):
        view = by_id("en")["split-org"]
        layout = view.figure.layout
        assert layout.title.text.replace("<br>", " ") == figures.esc(view.title)  # a long one in two lines
        assert "Newspim" in layout.title.subtitle.text and DS.version in layout.title.subtitle.text
        assert layout.meta["alt"] == view.alt
        assert layout.template.layout.paper_bgcolor is not None  # explicit template, not Streamlit's

    # On a 1024 px screen an English title ran up to 111 px past the chart's right edge (cut off mid-word), and the
    # power estimate's source line 28 px: titles break once, source lines at their separators, within the columns
    # a chart there holds (figures.TITLE_COLUMNS, SOURCE_COLUMNS; the browser test measures the pixels).
    @pytest.mark.parametrize("lang", ["ko", "en"])
    def test_every_charts_title_and_source_lines_fit_the_columns_a_small_screen_holds(self, lang):
        wrapped = 0
        for sectors in [(), ("semiconductors",), ("cloud", "public")]:
            for view in views.build_views(TABLES, DS.version, lang, sectors):
                if view.figure is None:
                    continue
                title = view.figure.layout.title
                lines = title.text.split("<br>")
                assert " ".join(lines) == figures.esc(view.title)
                assert len(lines) <= 2 and all(figures.columns(x) <= figures.TITLE_COLUMNS for x in lines), lines
                wrapped += len(lines) == 2
                for line in title.subtitle.text.split("<br>"):
                    assert figures.columns(line) <= figures.SOURCE_COLUMNS, line
        assert wrapped  # long titles exist in the real data, so the checks above bite

    def test_a_title_breaks_after_punctuation_and_never_inside_a_day(self):
        head = "Timeline: " + "x" * 30 + ", "
        text = head + "events on 30–31 Oct 2025 and a few more words"
        shown = figures.title_lines(text, width=60)
        first, second = shown.split("<br>")
        assert first == head.rstrip()  # after the comma nearest the middle that leaves both lines within 60
        narrow = figures.title_lines("a" * 20 + " 30 Oct 2025 " + "b" * 20, width=30)
        assert "30 Oct 2025" in narrow.replace("<br>", "|")  # the day stays whole on one line

    def test_filter_keeps_only_matching_recipients(self):
        fig = by_id("en", ["mobility"])["split-org"].figure
        expected = set(model.gpu_allocations(TABLES, ["mobility"], "en")["recipient"])
        assert {y for trace in fig.data for y in trace.y} == expected


class TestLabelMargin:
    """The margin reserved for a column of axis labels (the browser test checks Plotly then adds none)."""

    def test_a_korean_syllable_takes_a_whole_em_and_a_latin_letter_less(self):
        korean, latin = figures.label_margin(["가나다라"]), figures.label_margin(["abcd"])
        assert korean - figures.TICK_GAP_PX == 4 * 13
        assert latin < korean

    def test_the_widest_line_of_a_wrapped_label_counts(self):
        assert figures.label_margin(["가나다<br>가"]) == figures.label_margin(["가나다"])
        assert figures.label_margin(["가", "가나다"]) == figures.label_margin(["가나다"])

    def test_it_grows_with_the_type(self):
        assert figures.label_margin(["가나다"], font_px=26) > figures.label_margin(["가나다"])

    def test_a_very_long_name_leaves_the_rest_to_plotly(self):
        assert figures.label_margin(["가" * 200]) == figures.MAX_LABEL_MARGIN_PX
        assert figures.label_margin([]) == figures.TICK_GAP_PX

    @pytest.mark.parametrize("lang", ["ko", "en"])
    def test_the_split_chart_reserves_its_names_and_a_legend_row_only_for_a_legend(self, lang):
        c = ctx(lang)
        fig = by_id(lang)["split-org"].figure
        names = [figures.two_lines(n, figures.RECIPIENT_NAME_COLUMNS) for n in figures.esc(c.allocations["recipient"])]
        assert fig.layout.margin.l == figures.label_margin(names)  # the names as shown, long ones in two lines
        assert fig.layout.legend.orientation == "h"  # a row above the plot for its sectors
        # A filter that leaves recipients of one sector (the real data has one, or this tests nothing): no legend,
        # so no row for it.
        single = [s for s in TABLES["sectors"]["sector_id"]
                  if ctx(lang, [s]).allocations["primary_sector"].nunique() == 1]
        assert single
        filtered = by_id(lang, single[:1])["split-org"].figure
        assert len(filtered.data) == 1 and filtered.layout.legend.orientation is None


class TestInstalledBase:
    def test_computed_bar_is_before_plus_allocations_and_hatched(self):
        fig = by_id()["base-compare"].figure
        bar = fig.data[0]
        base = model.installed_base(TABLES, ctx().allocations)
        assert list(bar.y) == [base["before"]["value"], base["after_stated"]["value"], base["after_computed"]]
        assert [s for s in bar.marker.pattern.shape] == ["", "", "/"]
        assert base["after_computed"] == base["before"]["value"] + ctx().allocations["gpus"].sum()

    def test_waterfall_steps_from_existing_base_to_computed_total(self):
        wf = by_id()["base-waterfall"].figure.data[0]
        assert list(wf.measure) == ["absolute"] + ["relative"] * len(ctx().allocations) + ["total"]
        assert sum(wf.y[:-1]) == model.installed_base(TABLES, ctx().allocations)["after_computed"]
        stated = model.headline(TABLES["claims"], "installed_base_after")["value"]
        assert any(shape.y0 == stated for shape in by_id()["base-waterfall"].figure.layout.shapes)

    @pytest.mark.parametrize("lang", ["ko", "en"])
    def test_the_starting_figure_keeps_the_articles_qualifier_on_both_charts(self, lang):
        # The comparison chart said "약 6만 5,000개", the waterfall beside it "6만 5,000", and the method text typed
        # its own "약" whatever the data said.
        before = model.installed_base(TABLES, ctx(lang).allocations)["before"]
        stated = fmt.figure(before["value"], None, before["qualifier"], lang, short=True)
        views_ = by_id(lang)
        assert views_["base-waterfall"].figure.data[0].text[0] == stated and stated in views_["base-waterfall"].title
        assert stated in views_["base-compare"].figure.data[0].text[0]
        assert stated in views_["base-compare"].talking_points[1]
        with_unit = fmt.figure(before["value"], "gpu", before["qualifier"], lang, short=True)
        assert with_unit in views_["base-compare"].title and with_unit in views.overview(ctx(lang))["takeaways"][1]

    @pytest.mark.parametrize("lang", ["ko", "en"])
    def test_each_step_keeps_its_recipients_qualifier(self, lang):
        # The steps read "+5만" for the government's "최대 5만" and Samsung's "5만 이상", in the chart and in the table's
        # "as stated" column, while the split chart beside them said "최대 5만" and "5만 이상".
        c, view = ctx(lang), by_id(lang)["base-waterfall"]
        steps = list(view.figure.data[0].text[1:-1])
        split = {r.recipient: fmt.figure(r.gpus, None, r.qualifier, lang, short=True) for r in c.allocations.itertuples()}
        assert steps == ["+" + split[r] for r in c.allocations["recipient"]]
        assert list(view.table[t("common.stated", lang)])[1:-1] == steps
        assert any(r.qualifier != "exactly" for r in c.allocations.itertuples())  # else this tests nothing

    @pytest.mark.parametrize("lang", ["ko", "en"])
    def test_computed_sums_carry_the_qualifier_their_terms_give(self, lang):
        # The computed total read "32만 5,000(계산)", exact-looking, though it adds "약 6만 5,000" to bounded figures.
        base = model.installed_base(TABLES, ctx(lang).allocations)
        stated_total = model.headline(TABLES["claims"], "gpu_total")  # the allocations' sum, as the articles state it
        assert base["added"] == stated_total["value"]
        terms = [base["before"]["qualifier"], stated_total["qualifier"]]
        assert base["after_computed_qualifier"] == model.sum_qualifier(terms) != "exactly"
        computed = fmt.figure(base["after_computed"], None, model.sum_qualifier(terms), lang, short=True)
        views_ = by_id(lang)
        waterfall = views_["base-waterfall"]
        assert waterfall.figure.data[0].text[-1] == computed and computed in waterfall.title
        assert computed in views_["base-compare"].figure.data[0].text[-1] and computed in views_["base-compare"].title
        with_unit = fmt.figure(base["after_computed"], "gpu", base["after_computed_qualifier"], lang, short=True)
        assert with_unit in views.overview(ctx(lang))["takeaways"][1]

    @staticmethod
    def steps(values, measures):
        return pd.DataFrame({"value": values, "measure": measures})

    def test_a_step_label_that_would_sit_on_the_stated_line_goes_inside_its_bar(self):
        # tops: 40, 70, 95 (just under the line at 100), 130 (straddles it); total 130
        steps = self.steps([40, 30, 25, 35, 0], ["absolute", "relative", "relative", "relative", "total"])
        assert figures.waterfall_text_positions(steps, stated=100, y_top=156) == [
            "outside", "outside", "inside", "outside", "outside"]

    def test_a_bar_too_short_for_its_label_keeps_it_above(self):
        steps = self.steps([90, 5, 0], ["absolute", "relative", "total"])  # top 95, but only 5 tall
        assert figures.waterfall_text_positions(steps, stated=100, y_top=120)[1] == "outside"

    def test_no_stated_figure_no_label_moves(self):
        steps = self.steps([40, 30, 0], ["absolute", "relative", "total"])
        assert set(figures.waterfall_text_positions(steps, stated=None, y_top=100)) == {"outside"}

    def test_on_the_real_data_no_label_above_a_bar_sits_on_the_stated_line(self):
        fig = by_id("en")["base-waterfall"].figure
        wf, stated = fig.data[0], fig.layout.shapes[0].y0
        band = figures.LABEL_BAND * fig.layout.yaxis.range[1]
        tops, running = [], 0
        for value, measure in zip(wf.y, wf.measure):
            running = value if measure == "absolute" else running if measure == "total" else running + value
            tops.append(running)
        under_line = [0 <= stated - top < band for top in tops]
        assert not any(u for u, where in zip(under_line, wf.textposition) if where == "outside")
        assert all(u for u, where in zip(under_line, wf.textposition) if where == "inside")


class TestTimelineAndClaims:
    def test_every_event_is_a_point_and_inferred_dates_are_hollow(self):
        fig = by_id()["timeline"].figure
        drawn = [trace for trace in fig.data if trace.showlegend is False]
        assert sum(len(trace.x) for trace in drawn) == len(TABLES["events"])
        symbols = [s for trace in drawn for s in trace.marker.symbol]
        assert symbols.count("circle-open") == int((TABLES["events"]["date_stated"] == "no").sum())

    @pytest.mark.parametrize("lang", ["ko", "en"])
    def test_recipients_names_wrap_onto_two_lines_only_when_long(self, lang):
        fig = by_id(lang)["split-org"].figure
        axis = fig.layout.yaxis
        assert list(axis.tickvals) == list(axis.categoryarray)  # a label for every bar
        for name, shown in zip(axis.tickvals, axis.ticktext):
            assert shown.replace("<br>", " ") == name
            assert ("<br>" in shown) == (figures.columns(name) > figures.RECIPIENT_NAME_COLUMNS and " " in name)

    def test_timeline_names_wrap_onto_two_lines_only_when_long(self):
        axis = by_id("en")["timeline"].figure.layout.yaxis
        assert list(axis.tickvals) == list(axis.categoryarray)[::-1]  # a label for every event row
        for name, shown in zip(axis.tickvals, axis.ticktext):
            assert shown.replace("<br>", " ") == name
            assert ("<br>" in shown) == (figures.columns(name) > figures.TIMELINE_NAME_COLUMNS and " " in name)

    def test_timeline_legend_shows_each_sector_filled_and_one_entry_for_inferred_dates(self):
        fig = by_id("en")["timeline"].figure
        entries = [trace for trace in fig.data if trace.showlegend is not False]
        assert all(v is None for trace in entries for v in trace.x)  # entries draw no point
        sectors = {trace.legendgroup for trace in fig.data if trace.showlegend is False}
        filled = {trace.legendgroup for trace in entries if trace.marker.symbol == "circle"}
        assert filled == sectors
        hollow = [trace.name for trace in entries if trace.marker.symbol == "circle-open"]
        assert hollow == [t("common.date_inferred", "en")]

    def test_claims_chart_shows_every_gpu_claim_and_marks_value_disputes(self):
        fig = by_id("en")["claims-by-source"].figure
        drawn = [trace for trace in fig.data if trace.showlegend is False]
        gpu_claims = TABLES["claims"][TABLES["claims"]["unit"] == "gpu"]
        assert sum(len(trace.x) for trace in drawn) == len(gpu_claims)
        hyundai = [c for trace in drawn for y, c in zip(trace.y, trace.marker.color) if "Hyundai" in y]
        assert hyundai and set(hyundai) == {palette.DISPUTED}

    @pytest.mark.parametrize("lang", ["ko", "en"])
    def test_claims_names_break_after_their_separator_alike_when_any_is_long(self, lang):
        axis = by_id(lang)["claims-by-source"].figure.layout.yaxis
        drawn = {y for trace in by_id(lang)["claims-by-source"].figure.data for y in (trace.y or ()) if y}
        assert set(axis.tickvals) == drawn  # a label for every row
        assert any(figures.columns(name) > figures.CLAIM_NAME_COLUMNS for name in axis.tickvals)
        for name, shown in zip(axis.tickvals, axis.ticktext):
            assert shown.replace("<br>", " ") == name
            if " · " in name:
                assert shown == name.replace(" · ", " ·<br>", 1)

    def test_claims_names_stay_on_one_line_when_all_fit(self):
        names = ["GPU · A", "Total"]
        assert figures.claim_name_lines(names, 20) == names
        assert figures.claim_name_lines(["A long figure name · Naver", "Short"], 20) == [
            "A long figure name ·<br>Naver", "Short"]

    def test_claims_legend_draws_qualifiers_plain_and_says_what_red_means(self):
        fig = by_id("en")["claims-by-source"].figure
        entries = [trace for trace in fig.data if trace.showlegend is not False]
        qualifiers = {trace.legendgroup for trace in fig.data if trace.showlegend is False}
        assert {e.legendgroup for e in entries if e.marker.color == palette.STATED} == qualifiers
        red = [e.name for e in entries if e.marker.color == palette.DISPUTED]
        assert red == [t("src.legend.value_differs", "en")]


class TestEscaping:
    def test_markup_in_data_is_escaped_for_plotly(self):
        assert figures.esc("<b>x</b> & y") == "&lt;b&gt;x&lt;/b&gt; &amp; y"
        assert figures.esc(pd.Series(["<i>"])) == ["&lt;i&gt;"]

    def test_bar_builder_escapes_recipient_names(self):
        alloc = pd.DataFrame({"recipient": ["<script>x</script>"], "gpus": [10.0], "qualifier": ["exactly"],
                              "primary_sector": ["cloud"], "sector_name": ["Cloud"], "models": ["m"],
                              "purpose": ["p"], "sources_text": ["s"], "disputed": [False]})
        fig = figures.make_split_bar_figure(alloc, lang="en", title="t", source_line="s", alt="a")
        assert list(fig.data[0].y) == ["&lt;script&gt;x&lt;/script&gt;"]


class TestFormatting:
    @pytest.mark.parametrize("value,ko,en", [(260000, "26만", "260k"), (65000, "6만 5,000", "65k"),
                                             (325000, "32만 5,000", "325k"), (5000, "5,000", "5k")])
    def test_compact(self, value, ko, en):
        assert (fmt.compact(value, "ko"), fmt.compact(value, "en")) == (ko, en)

    def test_qualified_figures_read_naturally(self):
        assert fmt.figure(50000, "gpu", "up_to", "ko") == "최대 50,000개"
        assert fmt.figure(50000, "gpu", "at_least", "en") == "at least 50,000 GPUs"
        assert fmt.figure(3e9, "usd", "about", "en") == "about US$3 billion"
        assert fmt.figure(4e12, "krw", "about", "ko") == "약 4조 원"

    @pytest.mark.parametrize("first,last,ko,en", [
        ("2025-10-31", "2025-10-31", "10월 31일", "31 Oct 2025"),
        ("2025-10-30", "2025-10-31", "10월 30–31일", "30–31 Oct 2025"),
        ("2025-10-30", "2025-11-01", "10월 30일 ~ 11월 1일", "30 Oct – 1 Nov 2025"),
        ("2025-12-30", "2026-01-02", "2025년 12월 30일 ~ 2026년 1월 2일", "30 Dec 2025 – 2 Jan 2026")])
    def test_day_spans_are_as_short_as_stays_unambiguous(self, first, last, ko, en):
        a, b = pd.Timestamp(first).date(), pd.Timestamp(last).date()
        assert (fmt.day_span(a, b, "ko"), fmt.day_span(a, b, "en")) == (ko, en)

    def test_a_day_in_running_text_has_no_hyphen_a_line_could_break_at(self):
        d = pd.Timestamp("2025-11-01").date()
        assert (fmt.day(d, "ko"), fmt.day(d, "en"), fmt.day(pd.NaT, "ko")) == ("2025.11.01", "1 Nov 2025", "—")

    def test_citations_carry_the_publication_day_in_that_form(self):
        for lang in ("ko", "en"):
            labels = model.source_labels(TABLES, lang, "?", "?")
            for s in TABLES["sources"].itertuples():
                if not pd.isna(s.published_kst):
                    assert fmt.day(s.published_kst.date(), lang) in labels[s.source_id]
                    assert s.published_kst.date().isoformat() not in labels[s.source_id]

    def test_on_screen_an_english_day_has_no_space_a_line_could_break_at(self):
        from apecgpu import ui
        a, b = pd.Timestamp("2025-10-30").date(), pd.Timestamp("2025-11-01").date()
        for text in (fmt.day(b, "en"), fmt.day_span(a, a.replace(day=31), "en"), fmt.day_span(a, b, "en")):
            shown = ui.md(f"Newspim, {text} [s5]")
            days = [m.group(0) for m in re.finditer(r"\d{1,2}\W(?:Oct|Nov)(?:\W\d{4})?", shown)]
            assert days and not any(" " in day for day in days), shown
            assert shown.replace("\u00a0", " ").replace("\\", "") == f"Newspim, {text} [s5]"  # same text otherwise
        korean = fmt.day_span(a, a.replace(day=31), "ko")
        assert ui.md(korean) == korean  # a Korean span may break between month and day, as Korean text does
        # Files keep plain spaces (search, paste): the no-break spaces are the screen's alone.
        assert "\u00a0" not in model.source_labels(TABLES, "en", "?", "?")["s5"]

    def test_josa_follows_the_final_sound(self):
        assert [josa(w, "이/가") for w in ("SK그룹", "네이버클라우드", "반도체")] == ["SK그룹이", "네이버클라우드가", "반도체가"]

    def test_euro_ro_takes_ro_after_a_vowel_and_after_rieul(self):
        # The split chart's title read "삼성전자가 5만 개 이상로 최대" under a semiconductor filter.
        words = ("5만 개 이상", "6만 개", "미만일", "GPU 1", "GPU 3")
        assert [josa(w, "으로/로") for w in words] == ["5만 개 이상으로", "6만 개로", "미만일로", "GPU 1로", "GPU 3으로"]

    def test_josa_follows_the_word_before_a_parenthesis(self):
        # "한국전자통신연구원(ETRI)가" read the particle off "ETRI".
        assert josa("한국전자통신연구원(ETRI)", "이/가") == "한국전자통신연구원(ETRI)이"
        assert josa("과학기술정보통신부(과기정통부)", "이/가") == "과학기술정보통신부(과기정통부)가"
        assert josa("'30만 개 이상'", "과/와") == "'30만 개 이상'과"  # a closing quote too


class TestCatalogue:
    def test_every_key_has_both_languages_with_the_same_placeholders(self):
        # Korean takes '{x_ga}' (the word with its particle) where English takes '{x}': the same value either way.
        fields = lambda s: {f.removesuffix("_ga").removesuffix("_ro").removesuffix("_wa")
                            for _, f, _, _ in string.Formatter().parse(s) if f}
        for key, entry in TEXT.items():
            assert entry.get("ko") and entry.get("en"), key
            assert fields(entry["ko"]) == fields(entry["en"]), key

    def test_the_catalogue_types_no_figure_only_units_names_and_constants(self):
        # Dates, counts and examples come from data/ through {placeholders}: typed here they went stale unnoticed
        # (the timeline's title said the events ran to 1 Nov; events.csv ends on 31 Oct). What digits remain are
        # units and names, and the constants among them are the code's own.
        w, h = images.SLIDE_SIZE
        allowed = {"1",  # 1개당, 1년, slide 1
                   "1,000",  # kW -> MW, MWh -> GWh
                   fmt.full(power.HOURS_PER_YEAR),
                   "16:9", f"{w * images.PNG_SCALE}×{h * images.PNG_SCALE}",  # slide frame, PNG size
                   "2025",  # the summit's name, APEC 2025
                   "6000",  # a GPU's name, RTX PRO 6000
                   "8"}  # UTF-8; 8 characters of the data version
        digits = {(key, m.group().rstrip(".,")) for key, entry in TEXT.items() for text in entry.values()
                  for m in re.finditer(r"\d[\d,.:×]*", re.sub(r"\{[^}]*\}", "", text))}
        assert {(key, d) for key, d in digits if d not in allowed} == set()

    def test_the_catalogue_types_no_qualifier_the_data_should_give(self):
        # A qualifier belongs to the figure (claims.csv); typed before a placeholder it stays when the data changes.
        typed = re.compile(r"(약|최대|about|up to|at least|over) \{|\} ?(이상|초과)")
        assert {key for key, entry in TEXT.items() for text in entry.values() if typed.search(text)} == set()

    def test_the_catalogue_types_no_particle_that_depends_on_a_placeholders_last_sound(self):
        # "{top_n}로" read "5만 개 이상로" once a qualifier came last: such particles come with the value (josa()).
        typed = re.compile(r"\}['\"’”]*(이|가|을|를|은|는|와|과|으로|로)(?![가-힣])")
        assert {key for key, entry in TEXT.items() if typed.search(entry["ko"])} == set()

    def test_titles_take_their_period_from_the_events(self):
        first, last = model.event_period(TABLES)
        for lang in ("ko", "en"):
            assert fmt.day_span(first, last, lang) in views.period_title(TABLES, lang, "tl.title")
            subtitle = views.app_subtitle(TABLES, lang)
            assert fmt.day_span(first, last, lang) in subtitle and str(len(TABLES["sources"])) in subtitle
        no_events = {**TABLES, "events": TABLES["events"].iloc[0:0]}
        assert views.period_title(no_events, "ko", "tl.title") == t("tl.title.plain", "ko")

    def test_missing_key_shows_itself(self):
        assert t("no.such.key", "ko") == "no.such.key"


class TestTemplate:
    """The charts carry a slim copy of plotly_white (the browser processes the whole template on every redraw)."""

    def test_every_trace_type_in_use_keeps_plotly_whites_defaults(self):
        import plotly.io as pio

        used = {trace.type for v in by_id().values() if v.figure is not None for trace in v.figure.data}
        base, slim = pio.templates["plotly_white"].data.to_plotly_json(), figures.TEMPLATE.data.to_plotly_json()
        assert used
        assert {k: base.get(k) for k in used} == {k: slim.get(k) for k in used}

    def test_layout_keeps_plotly_whites_values(self):
        import plotly.io as pio

        base = pio.templates["plotly_white"].layout.to_plotly_json()
        slim = figures.TEMPLATE.layout.to_plotly_json()
        assert slim and {k: base[k] for k in slim} == slim


class TestLogTicks:
    def test_one_two_five_steps_around_the_values(self):
        assert figures.log_ticks([5_000, 50_000, 300_000]) == [5_000, 10_000, 20_000, 50_000, 100_000, 200_000,
                                                               500_000]

    def test_nothing_to_mark(self):
        assert figures.log_ticks([]) == [] and figures.log_ticks([0, float("nan")]) == []

    def test_claims_chart_labels_only_those_steps(self):
        view = by_id()["claims-by-source"]
        values = [x for tr in view.figure.data if tr.showlegend is False for x in tr.x]
        assert list(view.figure.layout.xaxis.tickvals) == figures.log_ticks(values)


def test_source_lines_wrap_by_display_width_so_korean_breaks_sooner():
    """A Hangul character is as wide as two Latin letters: counted as one, a Korean source line ran off the chart."""
    from apecgpu import figures as f

    korean = "; ".join(["매체 미상, 날짜 미상 [s2]"] * 4)
    latin = "; ".join(["x" * len("매체 미상, 날짜 미상 [s2]")] * 4)
    assert len(korean) == len(latin) < 100  # as many characters, fewer than the width ...
    assert len(f.wrap(latin)) == 1 and len(f.wrap(korean)) == 2  # ... but the Korean line is too wide for one
    assert all(f.columns(line) <= 100 for line in f.wrap(korean))
    assert f.columns("가a") == 3


class TestExamplesChosenByTheData:
    """The overview's and sources page's example of a disagreement, and the power method's worked example."""

    @staticmethod
    def claims(rows):
        return pd.DataFrame([{"topic": "gpu_allocation", "commitment_id": c, "org_id": o, "value": v, "unit": "gpu",
                              "qualifier": "exactly", "party_ids": (), "source_id": s, "claim_id": f"{c}-{s}-{v}"}
                             for c, o, v, s in rows])

    def test_the_widest_apart_figure_is_the_example(self):
        claims = self.claims([("near", "org-a", 50, "s1"), ("near", "org-a", 60, "s2"),
                              ("far", "org-b", 100, "s1"), ("far", "org-b", 10, "s2"), ("far", "org-b", 100, "s3")])
        found = model.widest_disagreement(claims)
        assert (found["commitment_id"], found["low"], found["high"]) == ("far", 10, 100)
        assert (found["low_sources"], found["high_sources"]) == ({"s2"}, {"s1", "s3"})

    def test_no_example_when_no_value_differs(self):
        assert model.widest_disagreement(self.claims([("a", "org-a", 50, "s1"), ("a", "org-a", 50, "s2")])) is None

    @pytest.mark.parametrize("lang", ["ko", "en"])
    def test_the_pages_name_the_example_the_data_gives(self, lang):
        found = model.widest_disagreement(TABLES["claims"])
        subject = model.name_of(TABLES, found["org_id"], lang)
        takeaways = " ".join(views.overview(ctx(lang))["takeaways"])
        claims_title = by_id(lang)["claims-by-source"].title
        for text in (takeaways, claims_title):
            assert subject in text and fmt.full(found["low"]) in text and fmt.full(found["high"]) in text

    @pytest.mark.parametrize("lang", ["ko", "en"])
    def test_hollow_markers_are_explained_with_the_days_they_sit_on(self, lang):
        inferred = TABLES["events"].query("date_stated == 'no'")["date"]
        note = views.hollow_note(ctx(lang))
        assert all(fmt.day_span(d, d, lang) in note for d in inferred)
        stated_only = views.Context({**TABLES, "events": TABLES["events"].query("date_stated == 'yes'")}, DS.version,
                                    lang, ())
        assert views.hollow_note(stated_only) is None

    @pytest.mark.parametrize("lang", ["ko", "en"])
    def test_the_power_example_follows_the_assumptions_on_screen(self, lang):
        from apecgpu import views_tracking as vt
        values = vt.default_power_values(power.load_data_assumptions())
        c = ctx(lang)
        largest = c.allocations.sort_values("gpus").iloc[-1]
        for kw in (values["kw_per_gpu"], values["kw_per_gpu"] * 2):
            changed = {**values, "kw_per_gpu": kw}
            est, _ = vt.power_frames(c, changed)
            row = est[est["recipient"] == largest["recipient"]].iloc[0]
            text = vt.power_example(c, changed)
            assert all(part in text for part in (largest["recipient"], fmt.full(largest["gpus"]), fmt.full(kw),
                                                  fmt.full(row["it_mw"]), fmt.full(row["gwh_per_year"])))

    def test_the_overview_shows_the_largest_investment_under_its_own_title(self):
        claims = pd.DataFrame([{"topic": "investment_usd", "commitment_id": c, "org_id": "org", "value": v,
                                "unit": "usd", "qualifier": "about", "party_ids": (), "source_id": "s1",
                                "claim_id": f"{c}-{v}"} for c, v in (("inv-small", 1e9), ("inv-big", 5e9),
                                                                     ("not-an-investment", 9e9))])
        commitments = pd.DataFrame({"commitment_id": ["inv-small", "inv-big", "not-an-investment"],
                                    "kind": ["investment", "investment", "programme"]})
        found = model.largest_investment({"claims": claims, "commitments": commitments})
        assert (found["commitment_id"], found["value"]) == ("inv-big", 5e9)
        assert model.largest_investment({"claims": claims.iloc[0:0], "commitments": commitments}) is None
        for lang in ("ko", "en"):
            shown = views.overview(ctx(lang))["investment"]
            titles = TABLES["commitments"].set_index("commitment_id")[f"title_{lang}"]
            assert shown["title"] == titles[shown["commitment_id"]]


class TestCountsAndFilters:
    """Text that reads right for every filter: one of a thing, one recipient, no allocation at all."""

    SECTORS = list(TABLES["sectors"]["sector_id"])

    @staticmethod
    def texts(lang, sectors):
        c = ctx(lang, sectors)
        shown = list(views.overview(c)["takeaways"])
        for v in views.build_views(TABLES, DS.version, lang, sectors):
            shown += [v.title, v.alt, *v.talking_points]
        return shown

    def test_count_words_agree_with_the_count(self):
        assert (t("deck.views", "en", n=1), t("deck.views", "en", n=3)) == ("1 chart", "3 charts")
        assert t("kit.views.count", "en", n=2, total="1,000") == "2 of 1,000 charts selected"
        # A Plotly hover placeholder is no number: the general form.
        assert t("org.net.hover.links", "en", partners="%{customdata[0]}", agreements=1).endswith("1 agreement")

    def test_english_never_puts_a_plural_after_one(self):
        # "1 events and agreements", "1 agreements", "of which 1 were" under one-sector filters.
        one_then_plural = re.compile(r"(?<![\d.,])1 (?!of\b)([a-z]+s|were|are)\b")
        found = {(sectors, m.group()) for sectors in [()] + [(s,) for s in self.SECTORS]
                 for text in self.texts("en", sectors) for m in one_then_plural.finditer(text)}
        assert found == set()

    def test_the_catalogue_types_no_plural_after_a_count(self):
        counted = re.compile(r"\{(n|m|k|total|agreements|partners|pairs|low_n|high_n)\} ([a-z]+s)\b")
        assert {key for key, entry in TEXT.items() if counted.search(entry["en"])} == set()

    @pytest.mark.parametrize("lang", ["ko", "en"])
    def test_no_agreement_is_said_in_words_not_as_zero(self, lang):
        # "그중 MoU·협약이 0건입니다" / "0 of them MoUs or agreements" under a filter whose events hold none.
        checked = 0
        for sector in self.SECTORS:
            info = views.overview(ctx(lang, (sector,)))
            ev = info["events"]
            if ev.empty or ev["kind"].isin(["mou", "agreement"]).any():
                continue
            said = dict(lang=lang, n=len(ev), period=fmt.day_span(*views._days(ev), lang))
            assert t("ov.take.events", **said, agreements=0) not in info["takeaways"]
            assert t("ov.take.events.none", **said) in info["takeaways"]
            checked += 1
        assert checked  # the real data has such a filter, or this tests nothing

    @pytest.mark.parametrize("lang", ["ko", "en"])
    def test_one_recipient_reads_as_the_only_one(self, lang):
        # "대한민국 정부가 최대 5만 개로 가장 많고, 이어서 —입니다" and "…최대 5만 개로 최대, 합계 최대 5만 개".
        alone = [s for s in self.SECTORS if len(ctx(lang, (s,)).allocations) == 1]
        assert alone  # else this tests nothing
        for sector in alone:
            c = ctx(lang, (sector,))
            only = c.allocations.iloc[0]
            figure = fmt.figure(only.gpus, "gpu", only.qualifier, lang, short=True)
            takeaway, title = views.overview(c)["takeaways"][0], by_id(lang, (sector,))["split-org"].title
            assert "—" not in takeaway and only.recipient in takeaway and figure in takeaway
            assert title.count(figure) == 1 and only.recipient in title

    @pytest.mark.parametrize("lang", ["ko", "en"])
    def test_a_filtered_computed_base_is_not_called_koreas(self, lang):
        # Under a filter the computed value adds that filter's allocations only; the takeaway said Korea's AI GPUs
        # "become" it (약 11만 5,000개 for the public sector), and with no allocation, the starting figure itself.
        for sector in self.SECTORS:
            c = ctx(lang, (sector,))
            base = model.installed_base(TABLES, c.allocations)
            text = views.overview(c)["takeaways"][1]
            computed = fmt.figure(base["after_computed"], "gpu", base["after_computed_qualifier"], lang, short=True)
            as_if_unfiltered = t("ov.take.base", lang, computed=computed, computed_ga=josa(computed, "이/가"),
                                 before=fmt.figure(base["before"]["value"], "gpu", base["before"]["qualifier"], lang,
                                                   short=True),
                                 after=fmt.figure(base["after_stated"]["value"], "gpu",
                                                  base["after_stated"]["qualifier"], lang, short=True))
            assert text != as_if_unfiltered
            assert (computed in text) == (not c.allocations.empty)

    @pytest.mark.parametrize("lang", ["ko", "en"])
    def test_filtered_shares_are_not_called_shares_of_the_total(self, lang):
        unfiltered = by_id(lang)["split-share"].title
        prefix = unfiltered.split(":")[0]
        for sector in self.SECTORS:
            if not ctx(lang, (sector,)).allocations.empty:
                assert not by_id(lang, (sector,))["split-share"].title.startswith(prefix)


# Every chart the page draws, in both languages: the page's copy leaves title, source line and a legend under the
# plot to the page's HTML (figures.for_page), and keeps the plot as tall as it was.
PAGE_CHARTS = [(lang, view_id) for lang in ("ko", "en") for view_id, view in by_id(lang).items()
               if view.figure is not None]


def plot_height(fig):
    return fig.layout.height - fig.layout.margin.t - fig.layout.margin.b


class TestPageCopy:
    @pytest.mark.parametrize("lang,view_id", PAGE_CHARTS)
    def test_the_page_copy_leaves_title_and_source_to_the_page_and_keeps_the_plot(self, lang, view_id):
        view = by_id(lang)[view_id]
        page = views.page_figure(view)
        assert not page.layout.title.text and not page.layout.title.subtitle.text
        assert plot_height(page) == plot_height(view.figure)
        assert list(page.data) == list(view.figure.data)
        # The exported picture keeps them: the page's copy is a copy.
        assert view.figure.layout.title.text and view.figure.layout.title.subtitle.text
        assert view.figure.layout.meta["title"] == view.title

    @pytest.mark.parametrize("lang,view_id", PAGE_CHARTS)
    def test_only_a_legend_under_the_plot_leaves_the_picture(self, lang, view_id):
        view = by_id(lang)[view_id]
        below = figures.legend_below_entries(view.figure)
        assert bool(below) == (view.figure.layout.legend.yref == figures.LEGEND_BELOW["yref"])
        kept = views.page_figure(view).layout.showlegend
        assert kept is False if below else kept == view.figure.layout.showlegend

    def test_the_legend_under_the_timeline_lists_its_entries_in_order(self):
        fig = by_id("en")["timeline"].figure
        entries = figures.legend_below_entries(fig)
        shown = [trace for trace in fig.data if trace.showlegend is not False]
        assert [e.name for e in entries] == [trace.name for trace in shown]
        assert [e.colour for e in entries] == [trace.marker.color for trace in shown]
        assert [e.name for e in entries if e.symbol == "circle-open"] == [t("common.date_inferred", "en")]

    def test_the_network_legend_takes_each_sector_colour_from_its_dots(self):
        fig = by_id("ko")["org-network"].figure
        entries = figures.legend_below_entries(fig)
        dots = [trace for trace in fig.data if trace.showlegend is not False and trace.name]
        assert [(e.name, e.colour, e.symbol) for e in entries] == [(d.name, d.marker.color, "circle") for d in dots]

    @pytest.mark.parametrize("lang", ["ko", "en"])
    @pytest.mark.parametrize("view_id", ["pw-recipient", "pw-year"])
    def test_the_power_legend_tells_the_series_apart_by_their_hatching(self, lang, view_id):
        # Beside the plot it took a phone's chart half its width, until the recipients' names ran into each other.
        fig = by_id(lang)[view_id].figure
        entries = figures.legend_below_entries(fig)
        bars = [trace for trace in fig.data if trace.type == "bar"]
        # Marked as a square of the same hatching, drawn in the hatching's colour.
        assert [(e.name, e.colour, e.pattern) for e in entries] == [
            (b.name, b.marker.pattern.fgcolor, b.marker.pattern.shape) for b in bars]
        assert len({e.pattern for e in entries}) == len(entries) and all(e.pattern for e in entries)

    @pytest.mark.parametrize("lang,view_id", PAGE_CHARTS)
    def test_a_framed_note_over_the_plot_has_room_on_the_page(self, lang, view_id):
        page = views.page_figure(by_id(lang)[view_id])
        for note in page.layout.annotations:
            if note.yref != "paper" or (note.y or 0) <= 1:
                continue
            type_px = note.font.size or page.layout.font.size
            frame = type_px * 1.4 + 2 * ((note.borderpad or 1) + (note.borderwidth or 1))
            assert page.layout.margin.t >= frame + (note.y - 1) * plot_height(page), (view_id, note.text)

    def test_the_page_copy_is_made_once_per_view(self):
        view = by_id("ko")["timeline"]
        assert views.page_figure(view) is views.page_figure(view)


class TestBarLabelHeadroom:
    @pytest.mark.parametrize("lang", ["ko", "en"])
    @pytest.mark.parametrize("sectors", [(), ("semiconductors",), ("public",)])
    def test_each_bar_label_fits_beside_its_bar_on_a_narrow_plot(self, lang, sectors):
        fig = by_id(lang, sectors)["split-org"].figure
        end = fig.layout.xaxis.range[1]
        assert end >= 1.5 * max(x for trace in fig.data for x in trace.x)
        room = figures.NARROW_PLOT_PX + fig.layout.margin.r
        for trace in fig.data:
            for value, label in zip(trace.x, trace.text):
                em = figures.text_em(label, figures.BAR_LABEL_NARROW_EM)
                assert value / end * figures.NARROW_PLOT_PX + em * 13 <= room + 1e-6, label


def test_the_page_legend_is_made_once_per_view_and_dropped_with_its_figure():
    view = by_id("ko")["timeline"]
    legend = views.page_legend(view)
    assert legend == figures.legend_below_entries(view.figure) and views.page_legend(view) is legend
    view.figure = figures.for_page(view.figure)  # a figure without a legend under the plot
    assert views.page_legend(view) == []
