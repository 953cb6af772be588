"""Presentation mode: reading ?present, ?slide and ?view safely (pure functions), laying a slide out for the
screen the browser reports, and the whole app run with AppTest in presentation mode (one chart, counter, prev/next
rewrite the link, bad values fall back quietly)."""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from apecgpu import present
from apecgpu.i18n import TEXT, t

DASHBOARD = str(Path(__file__).resolve().parents[2] / "dashboard.py")
IDS = ["a", "b", "c", "d"]


class TestParseSlide:
    @pytest.mark.parametrize("values, expected", [
        ([], (0, True)),
        (["1"], (0, True)),
        (["3"], (2, True)),
        ([" 4 "], (3, True)),
        (["4", "2"], (3, True)),          # the first value counts, as for lang=
    ])
    def test_valid(self, values, expected):
        assert present.parse_slide(values, 4) == expected

    @pytest.mark.parametrize("raw", ["0", "5", "-1", "+2", "2.0", "abc", "", "<b>2</b>", "１",  # full-width digit
                                     "99999999999999999999999999999999", "1e3", "0x2", "2; DROP"])
    def test_invalid_falls_back_to_the_first_slide(self, raw):
        assert present.parse_slide([raw], 4) == (0, False)


class TestResolve:
    def test_view_wins_and_selects_its_slide(self):
        assert present.resolve_slide(["1"], ["c"], IDS) == (2, None)

    def test_unknown_view_is_reported(self):
        assert present.resolve_slide([], ["<img src=x>"], IDS) == (0, "present.bad_view")

    def test_bad_slide_is_reported(self):
        assert present.resolve_slide(["-3"], [], IDS) == (0, "present.bad_slide")

    def test_messages_have_no_place_for_the_value(self):
        # What was in the link is never repeated: it may be markup.
        for key in ("present.bad_slide", "present.bad_view"):
            for lang in ("ko", "en"):
                assert "{value" not in TEXT[key][lang]


class TestScreen:
    @pytest.mark.parametrize("value", [None, "1920x1080", [1920, 1080], {}, {"w": 1920}, {"w": "1920", "h": "1080"},
                                       {"w": 1920.5, "h": 1080}, {"w": True, "h": 1080}, {"w": -1, "h": 1080},
                                       {"w": 10 ** 12, "h": 1080}, {"w": 0, "h": 0}])
    def test_anything_but_a_plausible_size_is_no_size(self, value):
        assert present.parse_screen(value) is None  # it comes from the browser: checked like a link

    def test_a_reported_size_is_read(self):
        assert present.parse_screen({"w": 1024, "h": 768, "extra": "ignored"}) == (1024, 768)

    def test_type_grows_with_the_screen_within_its_limits(self):
        scales = [present.slide_scale(size)[1] for size in [(800, 600), (1024, 768), (1366, 768), (1920, 1080),
                                                             (3840, 2160)]]
        assert scales == sorted(scales)
        assert scales[0] == present.MIN_FONT_SCALE and scales[-1] == present.FONT_SCALE
        assert present.slide_scale((1920, 1080))[1] == present.FONT_SCALE  # the projector the type was chosen for

    def test_the_frame_is_the_screen_less_its_padding(self):
        assert present.slide_scale((1366, 768))[0] == 1366 - present.SIDE_PADDING_PX

    def test_an_unknown_screen_gets_the_smallest_layout(self):
        # Before the browser's first report (and if it never comes) nothing may run off a small screen.
        assert present.slide_scale(None) == present.slide_scale(present.SMALLEST_SCREEN)
        assert present.slide_scale(None)[1] < present.FONT_SCALE


@pytest.fixture(scope="module")
def slides():
    """Every slide's figure as presentation mode lays it out on a 1920x1080 projector (English: longest labels)."""
    from apecgpu.data import load_dataset_strict
    from apecgpu.exports import images
    from apecgpu.exports.bundle import build_bundle

    ds = load_dataset_strict()
    bundle = build_bundle(ds.tables, ds.version, "en")
    frame, scale = present.slide_scale((1920, 1080))
    return {v.view_id: images.slide_figure(v, bundle.meta, width=None, height=None, frame=frame, font_scale=scale)
            for v in bundle.views if v.figure is not None}


class TestMinSlideHeight:
    def test_every_slide_keeps_a_plot_area_below_its_titles(self, slides):
        for view_id, fig in slides.items():
            margins = fig.layout.margin.t + fig.layout.margin.b
            assert present.min_slide_height(fig) >= margins + present.MIN_PLOT_PX, view_id

    def test_a_slide_with_many_rows_needs_room_for_each(self, slides):
        fig = slides["timeline"]
        rows = len(fig.layout.yaxis.ticktext or ()) or len({y for tr in fig.data for y in tr.y})
        assert rows > 10
        assert present.min_slide_height(fig) >= fig.layout.margin.t + rows * fig.layout.font.size

    def test_a_long_legend_beside_the_plot_needs_room_for_each_entry(self, slides):
        fig = slides["org-network"]
        entries = len({tr.name for tr in fig.data if tr.showlegend is not False and tr.name})
        assert entries > 5
        assert present.min_slide_height(fig) >= fig.layout.margin.t + entries * fig.layout.font.size * 1.5


def _app(**query) -> AppTest:
    at = AppTest.from_file(DASHBOARD, default_timeout=90)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


@pytest.fixture(scope="module")
def presenting():
    return _app(present="1", slide="2", lang="ko")


class TestApp:
    def test_one_chart_with_counter_and_no_page_content(self, presenting):
        assert not presenting.exception
        assert len(presenting.get("plotly_chart")) == 1
        counters = [m.value for m in presenting.markdown if " / " in m.value]
        assert counters and counters[0].startswith("2 / ")
        # the page itself (its title) is not drawn in presentation mode
        assert not [h for h in presenting.title]

    def test_next_and_previous_rewrite_the_slide_in_the_link(self, presenting):
        presenting.button(key="present-next").click().run()
        assert presenting.query_params["slide"] == "3"
        assert [m.value for m in presenting.markdown if " / " in m.value][0].startswith("3 / ")
        presenting.button(key="present-prev").click().run()
        assert presenting.query_params["slide"] == "2"

    def test_bad_slide_shows_a_message_without_the_value_and_the_first_slide(self):
        at = _app(present="1", slide="<script>x</script>", lang="en")
        assert not at.exception
        messages = [i.value for i in at.info]
        assert any(m.startswith(t("present.bad_slide", "en", n=0).split("(")[0]) for m in messages)
        assert not any("script" in m for m in messages)
        assert [m.value for m in at.markdown if " / " in m.value][0].startswith("1 / ")

    def test_the_bad_link_notice_stays_until_the_presenter_moves(self):
        # The browser's screen report reruns the script with the corrected link: the notice must not vanish then.
        at = _app(present="1", slide="0", lang="en")
        assert at.info and at.query_params["slide"] == "1"
        at.run()
        assert at.info
        at.button(key="present-next").click().run()
        assert not at.info

    def test_view_parameter_opens_that_view(self):
        at = _app(present="1", view="split-share", lang="en")
        assert not at.exception
        chart = at.get("plotly_chart")[0]
        assert "Share of the total" in chart.proto.spec

    def test_a_repeated_view_opens_the_slide_that_shows_its_chart(self):
        # The split page's first chart is the overview's too; it has one slide, which its "present" button opens.
        from apecgpu import data, views

        ds = data.load_dataset_strict()
        ctx = views.Context(ds.tables, ds.version, "en", ())
        repeating = next(v for v in views.build_views(ds.tables, ds.version, "en", ctx=ctx) if v.repeats)
        at = _app(present="1", view=repeating.repeats, lang="en")
        assert not at.exception and not at.info  # no "no such view" message
        counters = [m.value for m in at.markdown if " / " in m.value]
        opened = _app(present="1", view=repeating.view_id, lang="en")
        assert counters == [m.value for m in opened.markdown if " / " in m.value]
        assert len(at.get("plotly_chart")) == 1

    def test_exit_leaves_presentation_mode(self):
        at = _app(present="1", lang="ko")
        at.button(key="present-exit").click().run()
        assert "present" not in at.query_params
        assert not at.exception
        assert len(at.title) >= 1  # the page is back

    def test_leftovers_are_hidden_while_entering_and_right_after_leaving_only(self):
        # Streamlit keeps a run's elements until they are replaced: entering, the page behind the slide (until the
        # presenter moves), and leaving, the slide around the page, are hidden; never during a slide change.
        def hides(at):
            return present.HIDE_LEFTOVERS in [h.proto.body for h in at.get("html")]

        at = AppTest.from_file(DASHBOARD, default_timeout=90)
        at.query_params["lang"] = "ko"
        at.session_state[present.SCREEN_MEMORY] = (1920, 1080)  # the browser has reported its size before
        at.run()
        assert not hides(at)
        at.button(key="kit-present").click().run()
        assert hides(at) and at.query_params["present"] == "1"
        at.run()  # e.g. the browser's size report
        assert hides(at)
        at.button(key="present-next").click().run()
        assert not hides(at)
        at.button(key="present-exit").click().run()
        assert hides(at) and len(at.title) >= 1
        at.run()
        assert not hides(at)

    def test_without_present_the_app_is_the_normal_page(self):
        at = _app(lang="ko", present="0")
        assert not at.exception and len(at.title) >= 1
        assert not [m.value for m in at.markdown if m.value.startswith("1 / ")]
