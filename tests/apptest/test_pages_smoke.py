"""AppTest smoke: every page runs in both languages, with and without a sector filter, with no exception."""
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from apecgpu.i18n import t

ENTRY = str(Path(__file__).resolve().parents[2] / "dashboard.py")
PAGES = ["app_pages/overview.py", "app_pages/gpu_split.py", "app_pages/installed_base.py", "app_pages/timeline.py",
         "app_pages/sources.py"]


def run_page(page: str, query: dict) -> AppTest:
    at = AppTest.from_file(ENTRY, default_timeout=60)
    at.query_params.update(query)
    at.run()
    if page != PAGES[0]:
        at.switch_page(page)
        at.run()
    return at


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("sectors", [[], ["mobility", "cloud"]])
def test_page_runs_without_exception(page, lang, sectors):
    at = run_page(page, {"lang": lang, **({"sector": sectors} if sectors else {})})
    assert not at.exception, [e.value for e in at.exception]
    # The page is drawn in the asked language: its sidebar shows the catalogue's filter label for that language.
    assert at.multiselect[0].label == t("ctl.sector", lang)
    assert list(at.multiselect[0].value) == sectors


def test_unknown_sector_and_language_fall_back_with_a_message():
    at = run_page(PAGES[1], {"lang": "xx", "sector": ["cloud", "<b>nope</b>"]})
    assert not at.exception
    assert at.multiselect[0].value == ["cloud"]
    infos = " ".join(i.value for i in at.info)
    assert "nope" in infos and "<b>" not in infos  # told, but never echoed as markup
    assert at.multiselect[0].label == t("ctl.sector", "ko")


def _shown(table) -> "pd.DataFrame":
    """The cells of an st.table as the browser shows them (a Styler's display values when there is one)."""
    import pyarrow as pa

    arrow = table.proto.arrow_data
    if arrow.HasField("styler") and arrow.styler.display_values:
        return pa.ipc.open_stream(arrow.styler.display_values).read_all().to_pandas()
    return table.value


def test_tables_show_quantities_with_thousands_separators_and_years_without():
    from apecgpu import fmt

    split = run_page(PAGES[1], {"lang": "ko"})
    gpus = [c for c in split.table[0].value.columns if c.startswith("GPU")][0]
    assert list(_shown(split.table[0])[gpus]) == [fmt.full(v) for v in split.table[0].value[gpus]]
    assert any("," in fmt.full(v) for v in split.table[0].value[gpus])
    power = run_page("app_pages/power.py", {"lang": "en"})
    years = [(tb, tb.value) for tb in power.table if t("pw.axis.year", "en") in tb.value.columns]
    assert years, "the power page shows a table by year"
    for tb, raw in years:
        assert list(_shown(tb)[t("pw.axis.year", "en")].astype(str)) == [str(y) for y in raw[t("pw.axis.year", "en")]]


def test_a_filter_that_leaves_a_page_empty_says_so_and_keeps_the_sidebar_kit():
    from apecgpu import data, model

    tables = data.load_dataset().dataset.tables
    empty = [s for s in tables["sectors"]["sector_id"] if model.gpu_allocations(tables, [s], "ko").empty]
    assert empty, "the data has a sector without GPU allocations (the empty case to test)"
    at = run_page(PAGES[1], {"lang": "ko", "sector": empty[0]})
    assert not at.exception
    assert t("common.no_data", "ko") in [i.value for i in at.info]
    assert not at.get("plotly_chart")
    kit = {b.key for b in at.get("download_button")}
    assert {"kit-pptx", "kit-xlsx", "kit-html"} <= kit
    version = data.load_dataset().dataset.version
    assert any(version in c.value for c in at.caption), "the footer (sources, data version) is still drawn"


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_overview_tiles_keep_the_qualifiers_of_the_figures_they_add(lang):
    # Filtered to a sector whose allocation is bounded, the tile read "5만 개" for the government's "최대 5만 개";
    # the installed base's delta read "6만 5,000" for the article's "약 6만 5,000".
    from apecgpu import data, fmt, model

    tables = data.load_dataset_strict().tables
    bounded = [s for s in tables["sectors"]["sector_id"]
               if set(model.gpu_allocations(tables, [s])["qualifier"]) - {"exactly"}]
    assert bounded  # else this tests nothing
    allocations = model.gpu_allocations(tables, bounded[:1], lang)
    at = run_page(PAGES[0], {"lang": lang, "sector": bounded[:1]})
    assert not at.exception
    tiles = {m.label: m for m in at.metric}
    selected = tiles[t("ov.kpi.total.filtered", lang)].value
    assert selected == fmt.figure(allocations["gpus"].sum(), "gpu", model.sum_qualifier(allocations["qualifier"]),
                                  lang, short=True)
    before = model.headline(tables["claims"], "installed_base_before")
    before_text = fmt.figure(before["value"], None, before["qualifier"], lang, short=True)
    assert before_text in tiles[t("ov.kpi.base", lang)].delta


def test_charts_the_link_takes_out_of_the_kit_stay_out_and_unknown_ones_are_named():
    from apecgpu import ui

    at = run_page(PAGES[1], {"lang": "en", "kit_off": ["split-share", "timeline", "<b>nope</b>", "split-share"]})
    assert not at.exception
    assert at.session_state[ui.KIT_EXCLUDED] == {"split-share", "timeline"}
    assert at.query_params["kit_off"] == ["split-share", "timeline"]  # sorted, once each, the unknown one dropped
    infos = " ".join(i.value for i in at.info)
    assert "nope" in infos and "<b>" not in infos
    # The kit counts what the link left in, before anyone opens its list.
    counts = [m for c in at.caption if (m := re.fullmatch(r"(\d+) of (\d+) charts selected", c.value))]
    assert [int(m[2]) - int(m[1]) for m in counts] == [2]


def test_taking_a_chart_out_of_the_kit_writes_it_into_the_link():
    from apecgpu import export_ui, ui

    at = run_page(PAGES[1], {"lang": "ko"})
    assert "kit_off" not in at.query_params
    at.session_state[export_ui.KIT_CHOOSER] = True  # the list is drawn while "charts to include" is open
    at.run()
    chooser = at.multiselect(key=export_ui.KIT_VIEWS)
    first = chooser.value[0]
    chooser.unselect(first).run()
    assert not at.exception
    assert at.session_state[ui.KIT_EXCLUDED] == {first}
    assert at.query_params["kit_off"] in ([first], first)  # AppTest gives one value as a string
    chooser = at.multiselect(key=export_ui.KIT_VIEWS)
    chooser.select(first).run()
    assert "kit_off" not in at.query_params
