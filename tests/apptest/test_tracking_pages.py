"""AppTest for the tracking pages: commitments, organisations (?org=) and the power estimate (kw, pue, util, ramp)."""
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from apecgpu import fmt, power, tracker, ui
from apecgpu.data import load_dataset_strict
from apecgpu.i18n import t

ENTRY = str(Path(__file__).resolve().parents[2] / "dashboard.py")
COMMITMENTS, ORGANISATIONS, POWER = "app_pages/commitments.py", "app_pages/organisations.py", "app_pages/power.py"
ORG_WIDGET = "_org_widget"


def run_page(page: str, query: dict) -> AppTest:
    at = AppTest.from_file(ENTRY, default_timeout=60)
    at.query_params.update(query)
    at.run()
    at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def param(at: AppTest, key: str) -> list:
    """A query parameter's values as a list (AppTest keeps what the test set as a string, what the app set as a list)."""
    value = at.query_params.get(key)
    return [value] if isinstance(value, str) else list(value or [])


def texts(elements) -> str:
    return " ".join(str(e.value) for e in elements)


@pytest.mark.parametrize("page", [COMMITMENTS, ORGANISATIONS, POWER])
@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("sectors", [[], ["mobility", "cloud"]])
def test_page_runs_in_both_languages_with_and_without_filter(page, lang, sectors):
    at = run_page(page, {"lang": lang, **({"sector": sectors} if sectors else {})})
    assert at.multiselect[0].label == t("ctl.sector", lang)
    assert list(at.multiselect[0].value) == sectors
    title = {COMMITMENTS: "trk.title", ORGANISATIONS: "org.title", POWER: "pw.title"}[page]
    assert at.title[0].value == t(title, lang)


class TestCommitments:
    @pytest.mark.parametrize("lang", ["ko", "en"])
    def test_kpis_status_and_history(self, lang):
        at = run_page(COMMITMENTS, {"lang": lang})
        labels = [m.label for m in at.metric]
        assert labels == [t("trk.kpi.committed", lang), t("trk.kpi.delivered", lang), t("trk.kpi.operational", lang),
                          t("trk.kpi.remaining", lang)]
        committed = tracker.gap_to_target(load_dataset_strict().tables).committed
        assert at.metric[0].value == fmt.figure(committed, "gpu", "exactly", lang, short=True)
        assert t("trk.status.title", lang) in texts(at.subheader)
        picker = at.selectbox(key="trk_commitment")
        picker.set_value("mou-physical-ai").run()
        assert not at.exception
        # The history of the MoU has two dated, sourced rows: announced, then signed.
        # Table cells reach st.table Markdown-escaped (ui.show_table); read them back as shown.
        history = at.table[-1].value.map(lambda v: re.sub(r"\\(.)", r"\1", v) if isinstance(v, str) else v)
        assert list(history.iloc[:, 0]) == [t("stage.announced", lang), t("stage.mou_signed", lang)]
        assert history.iloc[:, 3].str.endswith("[s3]").all()


    # The history shown is part of the view: a link reopens it (?commitment=<id>), as ?org= reopens a profile.
    @pytest.mark.parametrize("lang", ["ko", "en"])
    def test_link_opens_that_commitments_history(self, lang):
        at = run_page(COMMITMENTS, {"lang": lang, "commitment": "mou-physical-ai"})
        assert at.selectbox(key="trk_commitment").value == "mou-physical-ai"
        title = load_dataset_strict().tables["commitments"].set_index("commitment_id").at["mou-physical-ai",
                                                                                        f"title_{lang}"]
        assert ui.md(title) in texts(at.markdown)
        assert param(at, "commitment") == ["mou-physical-ai"]
        assert t("trk.history.unknown", lang).split("'")[0] not in texts(at.info)  # a good link is not commented on

    @pytest.mark.parametrize("raw", ["no-such-commitment", "<script>alert(1)</script>", "x" * 500, "MOU-PHYSICAL-AI"])
    def test_unknown_or_hostile_commitment_falls_back_with_a_message(self, raw):
        at = run_page(COMMITMENTS, {"lang": "en", "commitment": raw})
        assert at.selectbox(key="trk_commitment").index == 0  # the first commitment
        info = texts(at.info)
        assert "is not among the commitments" in info
        assert "<script>" not in info and raw[:300] not in info  # told, never echoed as markup, never at length
        assert param(at, "commitment") == [at.selectbox(key="trk_commitment").value]

    def test_picking_writes_the_id_into_the_link_and_a_filter_change_keeps_a_valid_one(self):
        at = run_page(COMMITMENTS, {"lang": "ko"})
        at.selectbox(key="trk_commitment").set_value("gpu-samsung").run()
        assert param(at, "commitment") == ["gpu-samsung"]  # the id, not the Korean title
        at.multiselect(key=ui.SECTOR_WIDGET).set_value(["mobility"]).run()  # Samsung's is not under mobility
        assert not at.exception
        picker = at.selectbox(key="trk_commitment")
        assert picker.index is not None and param(at, "commitment") == [picker.value] != ["gpu-samsung"]


class TestOrganisations:
    @pytest.mark.parametrize("lang, org, name", [("ko", "samsung-electronics", "삼성전자"),
                                                 ("en", "samsung-electronics", "Samsung Electronics"),
                                                 ("en", "kisti", None)])
    def test_link_opens_that_profile_in_that_language(self, lang, org, name):
        at = run_page(ORGANISATIONS, {"lang": lang, "org": org})
        assert at.selectbox(key=ORG_WIDGET).value == org
        if name:
            assert at.header[0].value == name
        assert param(at, "org") == [org]
        assert not at.info  # a good link is not commented on
        assert t("org.sec.gpus", lang) in texts(at.subheader)

    @pytest.mark.parametrize("raw", ["no-such-org", "<script>alert(1)</script>", "x" * 500, "NVIDIA", "nvidia\n"])
    def test_unknown_or_hostile_org_falls_back_with_a_message(self, raw):
        at = run_page(ORGANISATIONS, {"lang": "en", "org": raw})
        assert at.selectbox(key=ORG_WIDGET).value == "nvidia"
        assert at.header[0].value == "NVIDIA"
        info = texts(at.info)
        assert "was not found" in info
        assert "<script>" not in info and len(info) < 200  # told, never echoed as markup, never at length
        assert param(at, "org") == ["nvidia"]

    def test_picking_writes_the_id_into_the_link(self):
        at = run_page(ORGANISATIONS, {"lang": "ko"})
        at.selectbox(key=ORG_WIDGET).set_value("naver-cloud").run()
        assert not at.exception
        assert at.header[0].value == "네이버클라우드"
        assert param(at, "org") == ["naver-cloud"]  # the id, not the Korean name


def expected_kpis(lang: str, **changed) -> list[str]:
    """The power page's metric values for the default assumptions with `changed` ones, computed the app's way."""
    from apecgpu import views, views_tracking as vt
    from apecgpu.data import DEFAULT_DATA_DIR, data_version

    dataset = load_dataset_strict()
    values = {**vt.default_power_values(power.load_data_assumptions()), **changed}
    ctx = views.Context(dataset.tables, data_version(DEFAULT_DATA_DIR), lang, ())
    return [k.value for k in vt.power_kpis(ctx, values)]


class TestPower:
    @pytest.mark.parametrize("lang", ["ko", "en"])
    def test_estimate_is_labelled_and_boxed_apart(self, lang):
        at = run_page(POWER, {"lang": lang})
        assert at.warning[0].value == t("pw.banner", lang)
        assert [m.label for m in at.metric][:1] == [t("pw.kpi.it", lang)]
        assert at.metric[0].value == expected_kpis(lang)[0]
        # Defaults go into the link, so a shared link reproduces the estimate even if the defaults change later.
        defaults = power.assumption_params({**power.assumption_defaults(power.load_data_assumptions()),
                                            "ramp": power.DEFAULT_RAMP})
        assert param(at, "kw") == [defaults["kw"]] and param(at, "ramp") == [defaults["ramp"]]

    def test_link_values_are_used(self):
        at = run_page(POWER, {"lang": "en", "kw": "2", "pue": "1.5", "util": "0.5", "ramp": "2026:0.5,2027:1"})
        assert not at.info
        assert (at.slider(key="_pw_kw").value, at.slider(key="_pw_pue").value, at.slider(key="_pw_util").value) \
            == (2.0, 1.5, 0.5)
        assert [m.value for m in at.metric] == expected_kpis(
            "en", kw_per_gpu=2.0, pue=1.5, utilisation=0.5, ramp={2026: 0.5, 2027: 1.0})

    @pytest.mark.parametrize("query, shown", [
        ({"kw": "abc"}, "not a number"),
        ({"pue": "5"}, "outside the allowed range"),
        ({"kw": "1e309"}, "not a number"),
        ({"util": "<b>0.5</b>"}, "not a number"),
        ({"kw": "1" * 100}, "too long"),
        ({"ramp": "2026:0.9,2027:0.5"}, "cannot be used"),
        ({"ramp": "<script>"}, "cannot be used"),
    ])
    def test_bad_link_values_fall_back_with_a_message(self, query, shown):
        at = run_page(POWER, {"lang": "en", **query})
        info = texts(at.info)
        assert shown in info and "<b>" not in info and "<script>" not in info
        defaults = power.assumption_params({**power.assumption_defaults(
            power.load_data_assumptions()), "ramp": power.DEFAULT_RAMP})
        for key, value in defaults.items():
            assert param(at, key) == [value]

    def test_moving_a_slider_updates_the_link_and_the_estimate(self):
        at = run_page(POWER, {"lang": "en"})
        at.slider(key="_pw_pue").set_value(1.5).run()
        assert not at.exception
        assert param(at, "pue") == ["1.5"]
        assert at.metric[1].value == expected_kpis("en", pue=1.5)[1]
        assert expected_kpis("en", pue=1.5)[1] != expected_kpis("en")[1]

    def test_reset_restores_the_defaults(self):
        at = run_page(POWER, {"lang": "en", "kw": "2.5"})
        at.button(key="_pw_reset").click().run()
        assert not at.exception
        assert at.slider(key="_pw_kw").value == 1.7 and param(at, "kw") == ["1.7"]


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_a_broken_assumptions_file_is_a_clear_panel_naming_row_and_column(lang, tmp_path, monkeypatch):
    import csv
    import shutil

    from apecgpu import data
    from apecgpu.data import DataError

    copy = tmp_path / "data"
    shutil.copytree(data.DEFAULT_DATA_DIR, copy)
    path = copy / power.ASSUMPTIONS_FILE
    rows = list(csv.reader(path.read_text(encoding="utf-8").splitlines()))
    rows[1][rows[0].index("value")] = "high"  # a word where a number belongs
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out, lineterminator="\n").writerows(rows)
    with pytest.raises(DataError) as raised:
        power.load_assumptions(path)
    expected = [i.message() for i in raised.value.issues]
    assert any("row 2" in m and "'value'" in m for m in expected)

    monkeypatch.setenv(data.DATA_DIR_ENV, str(copy))
    at = run_page(POWER, {"lang": lang})
    assert at.error[0].value == t("pw.assumptions_error", lang)
    assert at.code[0].value.splitlines() == expected
    assert at.title[0].value == t("pw.title", lang)  # the page and its footer are still drawn
    assert t("footer.licence", lang) in texts(at.caption)
