"""Tracking views and figures: GPUs by stage, gap to target, network, organisation profiles, power estimate."""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from apecgpu import figures_tracking, fmt, network, palette, power, tracker, views
from apecgpu import views_tracking as vt
from apecgpu.data import DEFAULT_DATA_DIR, load_dataset
from apecgpu.i18n import TEXT, josa, t
from apecgpu.schema import STAGES, TABLES

# The total the articles state, read from claims.csv (never typed in): the real-data checks compare against it.
from apecgpu import data as _data, model as _model  # noqa: E402
STATED_TOTAL = _model.headline(_data.load_dataset_strict().tables["claims"], "gpu_total")["value"]

REPO = Path(__file__).resolve().parents[2]
LATER = dt.date(2030, 1, 1)


@pytest.fixture(scope="module")
def dataset():
    result = load_dataset(DEFAULT_DATA_DIR)
    assert not result.errors, [i.message() for i in result.errors]
    return result.dataset


@pytest.fixture(scope="module")
def assumptions():
    return power.load_assumptions(DEFAULT_DATA_DIR / power.ASSUMPTIONS_FILE)


def ctx_of(dataset, lang="en", sectors=()):
    return views.Context(dataset.tables, dataset.version, lang, tuple(sectors))


def by_id(view_list):
    return {v.view_id: v for v in view_list}


def with_milestones(tmp_path: Path, extra: str):
    """The real data plus extra milestone lines, in a copy, through the real loader."""
    for name in TABLES:
        shutil.copy(DEFAULT_DATA_DIR / name, tmp_path / name)
    path = tmp_path / "milestones.csv"
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + extra, encoding="utf-8")
    result = load_dataset(tmp_path, today=LATER)
    assert not result.errors, [i.message() for i in result.errors]
    return result.dataset


# Naver Cloud: 20,000 delivered, 5,000 of them running.
DELIVERY = ("gpu-naver-cloud,contracted,2026-01-15,,,s5,,\n"
            "gpu-naver-cloud,delivered,2026-03-01,,20000,s5,,\n"
            "gpu-naver-cloud,operational,2026-04-01,,5000,s5,,\n")


class TestRegistration:
    def test_tracking_pages_are_in_page_views_and_build(self, dataset):
        assert {"commitments", "organisations", "power"} <= set(views.PAGE_VIEWS)
        built = views.build_views(dataset.tables, dataset.version, "ko", pages=["commitments", "organisations",
                                                                                 "power"])
        assert [v.view_id for v in built] == ["trk-stage", "trk-gap", "org-network", "pw-recipient", "pw-year"]
        for v in built:
            assert v.title and v.alt and v.source_ids and v.source_line and not v.table.empty
            assert v.figure.layout.title.text.replace("<br>", " ") == v.title  # a long one in two lines
            assert v.figure.layout.meta["source_line"] == v.source_line

    def test_every_catalogue_key_used_exists_in_both_languages(self):
        keys = set()
        for path in [REPO / "apecgpu" / "views_tracking.py", REPO / "apecgpu" / "figures_tracking.py",
                     *(REPO / "app_pages" / f"{name}.py" for name in ("commitments", "organisations", "power"))]:
            keys |= set(re.findall(r'\bt\("([a-z_.]+)"', path.read_text(encoding="utf-8")))
        missing = sorted(k for k in keys if k not in TEXT or set(TEXT[k]) != {"ko", "en"})
        assert not missing
        for prefix, ids in (("stage", STAGES), ("ckind", ("gpu_allocation", "investment", "agreement", "programme",
                                                          "centre", "memory_supply"))):
            assert all(f"{prefix}.{i}" in TEXT for i in ids)


class TestStage:
    def test_figure_has_one_trace_per_stage_in_stage_colours(self, dataset):
        view = by_id(vt.tracker_views(ctx_of(dataset)))["trk-stage"]
        fig = view.figure
        assert [tr.name for tr in fig.data] == [tracker.stage_label(s, "en") for s in STAGES]
        assert [tr.marker.color for tr in fig.data] == [palette.STAGE_COLOURS[s] for s in STAGES]
        assert fig.layout.barmode == "stack"
        announced = fig.data[0]
        assert sum(announced.y) == STATED_TOTAL and all(sum(tr.y) == 0 for tr in fig.data[1:])
        assert view.title == t("trk.stage.title.one", "en", total=vt.gpu_count(STATED_TOTAL, "en"),
                               stage=tracker.stage_label("announced", "en"), delivered=vt.gpu_count(0, "en"))
        assert view.chart_type == "stacked_column"
        assert list(view.chart_data.columns[1:]) == [tracker.stage_label(s, "en") for s in STAGES]

    def test_stage_colours_are_distinct_and_darken(self):
        colours = [palette.STAGE_COLOURS[s] for s in STAGES]
        assert len(set(colours)) == len(STAGES)
        lum = [sum(int(c[i:i + 2], 16) for i in (1, 3, 5)) for c in colours]
        assert lum == sorted(lum, reverse=True)  # further along reads darker

    def test_titles_and_bars_follow_recorded_deliveries(self, tmp_path):
        data = with_milestones(tmp_path, DELIVERY)
        ctx = views.Context(data.tables, data.version, "en", ())
        stage, gap = vt.tracker_views(ctx)
        naver = ctx.allocations["recipient"].tolist().index("Naver Cloud")
        y = {tr.name: tr.y[naver] for tr in stage.figure.data}
        assert y == {"Announced": 0, "MoU signed": 0, "Contracted": 40_000, "Delivered": 15_000,
                     "Operational": 5_000}
        assert stage.title == "GPUs by stage: 20k GPUs of 260k GPUs delivered (7.7%)"
        assert gap.title == "Target 260k GPUs: 240k GPUs still to deliver (7.7% delivered)"
        assert list(gap.figure.data[0].y) == [STATED_TOTAL, 20_000, 5_000, 240_000]
        kpis = {k.label: k.value for k in vt.tracker_kpis(ctx)}
        assert kpis["GPUs delivered"] == "20k GPUs" and kpis["Still to deliver"] == "240k GPUs"
        history = vt.history_table(ctx, "gpu-naver-cloud")
        assert list(history["Stage"]) == ["Announced", "Contracted", "Delivered", "Operational"]
        assert list(history["Quantity (GPUs)"]) == ["—", "—", "20,000", "5,000"]
        assert history["Sources"].str.endswith("[s5]").all()


class TestGap:
    def test_target_stated_remaining_computed(self, dataset):
        view = by_id(vt.tracker_views(ctx_of(dataset, "ko")))["trk-gap"]
        bar = view.figure.data[0]
        assert list(bar.marker.color) == [palette.STATED, palette.STAGE_COLOURS["delivered"],
                                          palette.STAGE_COLOURS["operational"], palette.COMPUTED]
        assert list(bar.marker.pattern.shape) == ["", "", "", "/"]
        assert bar.text[0] == "26만 개" and bar.text[-1].endswith("(계산)")
        # The articles qualify the total differently: the view says so, listing every version.
        assert any("최대 26만 개" in p and "약 26만 개" in p for p in view.talking_points)

    def test_target_caption_names_the_qualifier_only_when_there_is_one(self, dataset, monkeypatch):
        ctx = ctx_of(dataset, "en")
        caption = vt.tracker_kpis(ctx)[-1].caption
        qualifier = vt.tracker.gap_to_target(ctx.tables, ctx.sectors).target_qualifier
        assert ("qualifier:" in caption) == (qualifier != "exactly")
        real = vt.tracker.gap_to_target
        monkeypatch.setattr(vt.tracker, "gap_to_target",
                            lambda *a, **k: dataclasses.replace(real(*a, **k), target_qualifier="up_to"))
        assert "(qualifier: up to)" in vt.tracker_kpis(ctx_of(dataset, "en"))[-1].caption

    def test_filtered_target_is_allocations_shown(self, dataset):
        ctx = ctx_of(dataset, "en", ["mobility"])
        view = by_id(vt.tracker_views(ctx))["trk-gap"]
        assert view.figure.data[0].x[0] == t("trk.gap.target.filtered", "en")
        assert view.figure.data[0].y[0] == 50_000  # Hyundai only
        assert t("trk.gap.filtered_note", "en") in view.talking_points

    def test_status_table_lists_every_commitment(self, dataset):
        table = vt.status_table(ctx_of(dataset, "en"))
        assert len(table) == len(dataset.tables["commitments"])
        assert set(table["Stage"]) == {"Announced", "MoU signed"}
        assert (table["Stage sources"] != "—").all()

    def test_stage_dates_no_article_gives_are_marked_as_on_the_timeline(self, dataset):
        # The Naver Cloud MoU read "MoU signed 2025.10.31" here while the timeline and its organisation page marked
        # that day as inferred: a stage reached at an event whose date is inferred carries the same marker.
        ctx = ctx_of(dataset, "en")
        marker = f"({t('common.date_inferred', 'en')})"
        events = dataset.tables["events"].set_index("event_id")
        inferred = {c.commitment_id for c in dataset.tables["commitments"].itertuples()
                    if events.at[c.announced_event_id, "date_stated"] == "no"}
        status = tracker.commitment_status(dataset.tables, (), "en")
        marked = {cid for cid, d in zip(status["commitment_id"], vt.status_table(ctx)["Stage reached on"])
                  if d.endswith(marker)}
        assert inferred and marked == inferred
        history = vt.history_table(ctx, "mou-naver-cloud")["Date"]
        assert len(history) and all(d.endswith(marker) for d in history)

    def test_a_later_stage_on_the_inferred_day_keeps_its_own_date(self, dataset):
        later = dataset.tables["milestones"].iloc[:1].assign(commitment_id="mou-naver-cloud", stage="delivered",
                                                              quantity=1.0)
        later["date"] = dataset.tables["milestones"].query("commitment_id == 'mou-naver-cloud'")["date"].iloc[0]
        tables = {**dataset.tables, "milestones": pd.concat([dataset.tables["milestones"], later])}
        history = tracker.commitment_history(tables, "mou-naver-cloud", "en")
        assert list(history.set_index("stage")["date_stated"][["mou_signed", "delivered"]]) == ["no", "yes"]


class TestNetwork:
    def test_nodes_are_organisations_with_org_id_customdata(self, dataset):
        view = by_id(network_views := vt.network_views(ctx_of(dataset, "en")))["org-network"]
        nodes, edges = network.build_network(dataset.tables, (), "en")
        node_traces = [tr for tr in view.figure.data if tr.mode == "markers+text"]
        ids = [c for tr in node_traces for c in tr.customdata]
        assert sorted(ids) == sorted(nodes["org_id"])
        sector = dict(zip(nodes["org_id"], nodes["primary_sector"]))
        for tr in node_traces:
            assert {palette.sector_colour(sector[c]) for c in tr.customdata} == {tr.marker.color}
        assert network_views[0].chart_type == "none"

    def test_hover_names_organisation_and_agreements(self, dataset):
        view = vt.network_views(ctx_of(dataset, "en"))[0]
        hover = {c: h for tr in view.figure.data if tr.mode == "markers+text"
                 for c, h in zip(tr.customdata, tr.hovertext)}
        assert hover["nvidia"].startswith("<b>NVIDIA</b>")
        assert "AI-RAN joint research and trial agreement signed" in hover["sk-telecom"]

    def test_one_line_segment_per_linked_pair_and_lines_take_no_clicks(self, dataset):
        view = vt.network_views(ctx_of(dataset, "en"))[0]
        _, edges = network.build_network(dataset.tables, (), "en")
        lines = [tr for tr in view.figure.data if tr.mode == "lines"]
        assert all(tr.hoverinfo == "skip" and tr.showlegend is False for tr in lines)
        segments = sum(len(tr.x) // 3 for tr in lines)
        assert segments == len(network.pair_weights(edges)) == len(view.table)

    def test_title_from_data_and_sector_filter(self, dataset):
        view = vt.network_views(ctx_of(dataset, "ko"))[0]
        nodes, edges = network.build_network(dataset.tables, (), "ko")
        top = nodes.iloc[0]
        assert view.title == t("org.net.title", "ko", n=len(nodes), m=edges["agreement_id"].nunique(),
                               top=top["name"], top_ga=josa(top["name"], "이/가"), k=int(top["degree"]))
        assert top["org_id"] == "nvidia"  # the hub of this story
        filtered = vt.network_views(ctx_of(dataset, "en", ["telecom"]))[0]
        nodes, _ = network.build_network(dataset.tables, ("telecom",), "en")
        assert f"{len(nodes)} organisations" in filtered.title

    @pytest.mark.parametrize("lang", ["ko", "en"])
    def test_a_shared_lead_is_not_given_to_one_organisation(self, dataset, lang):
        # Under the telecom filter all eight organisations have seven partners; the title named the first in sort
        # order "the most linked".
        tied = []
        for sector in dataset.tables["sectors"]["sector_id"]:
            nodes, _ = network.build_network(dataset.tables, (sector,), lang)
            if nodes.empty:
                continue
            ties = int((nodes["degree"] == nodes["degree"].max()).sum())
            title = vt.network_views(ctx_of(dataset, lang, [sector]))[0].title
            top = nodes.iloc[0]
            alone = t("org.net.title", lang, n=len(nodes), m=0, top=top["name"], top_ga=josa(top["name"], "이/가"),
                      k=int(top["degree"]))
            says_alone = alone.split("—")[-1].split(";")[-1]  # the part naming the leader
            assert (says_alone in title) == (ties == 1), (sector, title)
            if ties > 1:  # every leader named, or how many there are
                tied.append(sector)
                leaders = nodes.loc[nodes["degree"] == nodes["degree"].max(), "name"]
                lead_part = title.split("—")[-1].split(";")[-1]
                assert all(name in lead_part for name in leaders) or str(ties) in lead_part
        assert tied  # the real data has a filter with a shared lead, or this tests nothing

    def test_a_large_network_draws_only_the_most_linked_and_says_so(self, dataset, monkeypatch):
        monkeypatch.setattr(network, "MAX_DRAWN_NODES", 5)
        view = vt.network_views(ctx_of(dataset, "en"))[0]
        nodes, edges = network.build_network(dataset.tables, (), "en")
        drawn = {c for tr in view.figure.data if tr.mode == "markers+text" for c in tr.customdata}
        assert drawn == set(nodes["org_id"].head(5))
        assert len(view.table) == len(network.pair_weights(edges))  # the table keeps every pair
        pairs = network.pair_weights(edges)
        among = pairs[pairs["org_a"].isin(drawn) & pairs["org_b"].isin(drawn)]
        assert sum(len(tr.x) // 3 for tr in view.figure.data if tr.mode == "lines") == len(among)
        assert f"{len(nodes)} organisations" in view.title
        assert view.title.endswith(t("org.net.title.drawn", "en", k=5))

    def test_short_labels(self):
        assert vt.short_name("Electronics and Telecommunications Research Institute (ETRI)") == "ETRI"
        assert vt.short_name("한국과학기술정보연구원(KISTI)") == "KISTI"
        assert vt.short_name("대통령(이재명)") == "대통령(이재명)"
        assert vt.short_name("NVIDIA") == "NVIDIA"


class TestProfile:
    def test_partner_in_an_allocation_sees_it(self, dataset):
        profile = vt.org_profile(ctx_of(dataset, "en"), "sk-telecom")
        sections = {s.key: s.table for s in profile.sections}
        gpus = sections["gpus"]
        assert list(gpus["Commitment"]) == ["SK Group AI factory and manufacturing AI cloud"]
        assert gpus["Role"].iloc[0] == "Partner" and "RTX PRO" in gpus["GPU models"].iloc[0]
        assert dict(profile.facts)["Part of"] == "SK Group"

    def test_agreements_match_the_node(self, dataset):
        ctx = ctx_of(dataset, "en")
        nodes, _ = network.build_network(dataset.tables, (), "en")
        profile = vt.org_profile(ctx, "nvidia")
        agreements = {s.key: s.table for s in profile.sections}["agreements"]
        assert len(agreements) == nodes.set_index("org_id").at["nvidia", "n_agreements"]
        assert (agreements["Sources"] != "—").all()

    def test_agreement_dates_no_article_gives_are_marked_as_on_the_timeline(self, dataset):
        ctx = ctx_of(dataset, "en")
        listed = network.org_agreements(dataset.tables, "nvidia", (), "en")
        dates = {s.key: s.table for s in vt.org_profile(ctx, "nvidia").sections}["agreements"]["Date"]
        marker = f"({t('common.date_inferred', 'en')})"
        assert [d.endswith(marker) for d in dates] == list(listed["date_stated"] == "no")
        assert (listed["date_stated"] == "no").any()  # NVIDIA's MoU with Naver Cloud: s2 gives no date

    def test_investment_shows_every_article_version(self, dataset):
        profile = vt.org_profile(ctx_of(dataset, "en"), "hyundai-motor-group")
        inv = {s.key: s.table for s in profile.sections}["investments"]
        claims = dataset.tables["claims"]
        expected = claims[claims["commitment_id"].eq("inv-hyundai-physical-ai")
                          & claims["topic"].isin(["investment_usd", "investment_krw"])]
        assert len(inv) == len(expected)
        assert set(inv["as stated"]) == {"about US$3 billion", "US$3 billion", "about ₩4 trillion"}
        assert inv["Sources"].str.contains(r"\[s\d\]").all()

    def test_memory_and_programmes(self, dataset):
        samsung = {s.key: s.table for s in vt.org_profile(ctx_of(dataset, "ko"), "samsung-electronics").sections}
        assert len(samsung["memory"]) == 1 and samsung["memory"]["역할"].iloc[0] == "주관·수령"
        kisti = {s.key: s.table for s in vt.org_profile(ctx_of(dataset, "en"), "kisti").sections}
        assert "KISTI AI and quantum computing centre (CoE)" in set(kisti["programmes"]["Commitment"])
        assert kisti["gpus"].empty

    def test_resolve_org_refuses_unknown_and_hostile_values(self, dataset):
        tables = dataset.tables
        assert vt.resolve_org(tables, "naver-cloud") == "naver-cloud"
        for bad in (None, "", "NVIDIA", "<script>", "nvidia " * 30, "../etc", 5):
            assert vt.resolve_org(tables, bad) is None
        assert vt.default_org(tables) == "nvidia"
        assert vt.org_profile(ctx_of(dataset), "no-such-org") is None

    def test_options_cover_every_organisation(self, dataset):
        options = vt.org_options(dataset.tables, "ko")
        assert set(options) == set(dataset.tables["organisations"]["org_id"])
        assert options["nvidia"] == "엔비디아"


class TestPower:
    def test_views_use_defaults_and_are_marked_as_estimates(self, dataset, assumptions):
        rec, year = vt.power_views(ctx_of(dataset, "en"), assumptions=assumptions)
        for view in (rec, year):
            assert view.title.startswith("[Estimate] ")
            assert view.figure.layout.plot_bgcolor == palette.ESTIMATE_BACKGROUND
            assert any(a.text == t("pw.figure_mark", "en") for a in view.figure.layout.annotations)
            assert [tr.marker.color for tr in view.figure.data] == [palette.ESTIMATE_COLOURS["it_mw"],
                                                                   palette.ESTIMATE_COLOURS["meter_mw"]]
            assert "1.7 kW per GPU, PUE 1.3, average load 80.0%" in view.source_line
        # 260,000 × 1.7 kW = 442 MW; × 1.3 = 574.6 MW; × 0.8 × 8,760 h = 4,026.6 GWh.
        assert rec.title == "[Estimate] Power for 260k GPUs: 442 MW IT load, 575 MW at the meter, 4,027 GWh a year"
        total = rec.table.iloc[-1]
        assert (total["Recipient"], total["IT load (MW)"], total["At the meter (MW)"], total["Per year (GWh)"]) \
            == ("Total", "442", "575", "4,027")

    def test_bars_match_a_hand_calculation(self, dataset):
        values = {"kw_per_gpu": 2.0, "pue": 1.5, "utilisation": 0.5, "hours_per_year": 8760,
                  "ramp": {2026: 0.5, 2027: 1.0}}
        rec, year = vt.power_views(ctx_of(dataset, "en"), values)
        it, meter = rec.figure.data
        naver = list(it.x).index("Naver Cloud")
        assert it.y[naver] == pytest.approx(60_000 * 2.0 / 1000)  # 120 MW
        assert meter.y[naver] == pytest.approx(120 * 1.5)  # 180 MW
        assert list(year.figure.data[1].y) == pytest.approx([260 * 2 * 1.5 / 2, 260 * 2 * 1.5])  # 390, 780 MW
        assert year.title == "[Estimate] By end-2027 (100.0% installed): 780 MW at the meter, 3,416 GWh a year"
        assert list(year.chart_data.iloc[:, 0]) == ["2026", "2027"]

    def test_other_assumptions_give_other_view_ids_and_say_so(self, dataset, assumptions):
        # Downloads are cached by view id: a changed estimate must not reuse the defaults' picture.
        defaults = vt.default_power_values(assumptions)
        chosen = {**defaults, "pue": 1.5}
        plain = [v.view_id for v in vt.power_views(ctx_of(dataset), defaults, assumptions)]
        other = vt.power_views(ctx_of(dataset, "en"), chosen, assumptions)
        assert plain == ["pw-recipient", "pw-year"]
        assert [v.view_id[:-9] for v in other] == plain and other[0].view_id != plain[0]
        assert "PUE 1.5" in other[0].source_line
        assert "roll-out 2026: 30.0%, 2027: 70.0%, 2028: 100.0%" in other[1].source_line

    def test_sector_filter_changes_the_gpus_counted(self, dataset, assumptions):
        rec, _ = vt.power_views(ctx_of(dataset, "en", ["mobility"]), assumptions=assumptions)
        assert list(rec.table["Recipient"]) == ["Hyundai Motor Group", "Total"]
        # 50,000 × 1.7 × 1.3 / 1000 = 110.5 MW: shown whole from 100 up, the half rounded up as by hand.
        assert rec.table["At the meter (MW)"].iloc[-1] == "111"
        assert rec.table["IT load (MW)"].iloc[-1] == "85"

    @pytest.mark.parametrize("lang", ["ko", "en"])
    def test_the_gpu_counts_it_starts_from_keep_their_qualifiers(self, dataset, assumptions, lang):
        # The government's "up to 50,000" alone was titled "power for 50k GPUs"; Samsung's "at least" + SK's
        # exact 50,000 "for 100k GPUs". The estimate's title and table say the figures as the articles qualify them.
        qualified = 0
        for sector in dataset.tables["sectors"]["sector_id"]:
            ctx = ctx_of(dataset, lang, [sector])
            if ctx.allocations.empty:
                continue
            rec, _ = vt.power_views(ctx, assumptions=assumptions)
            stated = dict(zip(rec.table[t("common.recipient", lang)], rec.table[t("common.stated", lang)]))
            sourced = vt.power_sourced_table(ctx)
            for who, text in zip(sourced[t("common.recipient", lang)], sourced[t("common.gpus", lang)]):
                assert stated[who] == text.removesuffix(" ※")
            total, qualifier = _model.allocations_total(dataset.tables, ctx.allocations)
            assert vt.gpu_count(total, lang, qualifier) in rec.title
            assert stated[t("pw.total", lang)] == fmt.figure(total, "gpu", qualifier, lang)
            qualified += qualifier != "exactly"
        assert qualified  # the real data has filters whose total is not exact, so the check above bites

    def test_controls_carry_default_and_source(self, assumptions):
        controls = {c.assumption_id: c for c in vt.power_controls(assumptions, "en")}
        assert set(controls) == {"kw_per_gpu", "pue", "utilisation"}  # hours per year is fixed
        kw = controls["kw_per_gpu"]
        assert (kw.param, kw.default, kw.min, kw.max, kw.step) == ("kw", 1.7, 0.5, 3.0, 0.05)
        assert "GB200 NVL72" in kw.source and kw.default_text == "Default 1.7 kW"
        assert vt.fixed_assumptions(assumptions, "en")[0][1] == "8,760 h"

    def test_ramp_table_round_trip_and_errors(self):
        frame = vt.ramp_frame(power.DEFAULT_RAMP, "en")
        assert vt.ramp_from_frame(frame, "en") == power.DEFAULT_RAMP
        blank = pd.concat([frame, pd.DataFrame({"Year": [None], "Installed by year end (%)": [None]})])
        assert vt.ramp_from_frame(blank, "en") == power.DEFAULT_RAMP  # an empty new row is ignored
        bad = [({"Year": [2026, 2027], "Installed by year end (%)": [80, 50]}, "lower"),
               ({"Year": [2026, 2026], "Installed by year end (%)": [10, 50]}, "twice"),
               ({"Year": [2026], "Installed by year end (%)": [None]}, "both"),
               ({"Year": [2026], "Installed by year end (%)": [150]}, "from 0 to 1")]
        for data, why in bad:
            with pytest.raises(power.RampError, match=why):
                vt.ramp_from_frame(pd.DataFrame(data), "en")

    def test_values_key_is_hashable_and_distinguishes_ramps(self, assumptions):
        a = vt.default_power_values(assumptions)
        b = {**a, "ramp": {2026: 1.0}}
        assert hash(vt.values_key(a)) is not None and vt.values_key(a) != vt.values_key(b)


class TestFigureBuilders:
    """The builders on tiny hand-made frames: no data files involved."""

    def test_stage_figure_keeps_empty_stages_in_legend(self):
        frame = pd.DataFrame({"recipient": ["A"] * 5, "stage": list(STAGES),
                              "stage_label": [s.upper() for s in STAGES], "gpus": [10, 0, 0, 5, 0]})
        fig = figures_tracking.make_stage_figure(frame, lang="en", title="T", source_line="S", alt="alt")
        assert [tr.name for tr in fig.data] == [s.upper() for s in STAGES]
        assert [tr.text[0] for tr in fig.data] == ["10", "", "", "5", ""]
        assert fig.layout.title.text == "T" and fig.layout.meta["alt"] == "alt"

    def test_stage_labels_keep_the_qualifier_of_what_is_still_on_paper(self):
        # "5만" inside Samsung's column, whose allocation is "5만 개 이상"; a delivered count is exact.
        frame = pd.DataFrame({"recipient": ["A"] * 5, "stage": list(STAGES), "stage_label": list(STAGES),
                              "gpus": [40, 0, 0, 10, 0],
                              "qualifier": ["at_least" if s in tracker.PAPER_STAGES else "exactly" for s in STAGES]})
        fig = figures_tracking.make_stage_figure(frame, lang="en", title="T", source_line="S", alt="alt")
        assert [tr.text[0] for tr in fig.data] == [fmt.figure(40, None, "at_least", "en", short=True), "", "",
                                                   fmt.figure(10, None, "exactly", "en", short=True), ""]

    def test_stage_figure_puts_two_allocations_of_one_holder_in_one_column(self):
        frame = pd.DataFrame({"recipient": ["A"] * 5 + ["A"] * 5 + ["B"] * 5, "stage": list(STAGES) * 3,
                              "stage_label": [s.upper() for s in STAGES] * 3,
                              "gpus": [10, 0, 0, 0, 0] + [0, 0, 0, 5, 0] + [7, 0, 0, 0, 0]})
        fig = figures_tracking.make_stage_figure(frame, lang="en", title="T", source_line="S", alt="alt")
        assert all(list(tr.x) == ["A", "B"] for tr in fig.data)
        totals = {x: sum(tr.y[i] for tr in fig.data) for i, x in enumerate(fig.data[0].x)}
        assert totals == frame.groupby("recipient")["gpus"].sum().to_dict()

    def test_network_figure_on_two_nodes(self):
        nodes = pd.DataFrame({"org_id": ["a", "b"], "label": ["A", "B"], "hover": ["ha", "hb"], "x": [-1, 1],
                              "y": [0, 0], "size": [12, 12], "primary_sector": ["cloud", "public"],
                              "sector_name": ["Cloud", "Public"], "sector_rank": [2, 1]})
        edges = pd.DataFrame({"x0": [-1], "y0": [0], "x1": [1], "y1": [0], "width": [1.0]})
        fig = figures_tracking.make_network_figure(nodes, edges, lang="en", title="T", source_line="S", alt="x")
        assert [tr.name for tr in fig.data[1:]] == ["Public", "Cloud"]  # legend in sector order
        assert list(fig.data[1].customdata) == ["b"]
        assert fig.data[0].x == (-1, 1, None)


def test_page_tables_are_computed_once_per_context_and_id(dataset):
    """Pages call these on every rerun: the shared context keeps each result, keyed by its id argument."""
    ctx = ctx_of(dataset)
    assert vt.status_table(ctx) is vt.status_table(ctx)
    assert vt.tracker_kpis(ctx) is vt.tracker_kpis(ctx)
    first, second = list(vt.commitment_choices(ctx))[:2]
    assert vt.history_table(ctx, first) is vt.history_table(ctx, first)
    assert vt.commitment_detail(ctx, first) != vt.commitment_detail(ctx, second)
    # A fresh context (an export, another filter) computes afresh, with equal content.
    fresh = ctx_of(dataset)
    assert vt.status_table(fresh) is not vt.status_table(ctx)
    pd.testing.assert_frame_equal(vt.status_table(fresh), vt.status_table(ctx))


def test_the_power_estimate_is_made_once_per_context_and_assumptions(dataset, monkeypatch):
    """The power page's KPI tiles and worked example ask for the same estimate on every rerun."""
    ctx = ctx_of(dataset)
    values = vt.default_power_values(power.load_data_assumptions())
    assert vt.power_frames(ctx, values) is vt.power_frames(ctx, dict(values))
    other = {**values, "kw_per_gpu": values["kw_per_gpu"] * 2}
    assert vt.power_frames(ctx, other)[0]["it_mw"].iloc[-1] == 2 * vt.power_frames(ctx, values)[0]["it_mw"].iloc[-1]
    monkeypatch.setattr(vt, "POWER_FRAMES_KEPT", 3)
    for kw in (1.1, 1.2, 1.3, 1.4):
        vt.power_frames(ctx, {**values, "kw_per_gpu": kw})
    assert len(ctx.__dict__["_power_frames"]) <= 3


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_tracker_sums_keep_the_allocations_qualifiers(dataset, lang):
    # Filtered to the semiconductors the tracker said "약정 GPU 10만 개" and "목표 10만 개" while the split page, on the
    # same filter, says "10만 개 이상" (Samsung's 50,000 is "at least").
    for sector in dataset.tables["sectors"]["sector_id"]:
        allocations = _model.gpu_allocations(dataset.tables, (sector,), lang)
        if allocations.empty:
            continue
        qualifier = _model.sum_qualifier(allocations["qualifier"])
        expected = vt.gpu_count(allocations["gpus"].sum(), lang, qualifier)
        c = ctx_of(dataset, lang, [sector])
        committed, _, _, remaining = vt.tracker_kpis(c)
        assert committed.value == expected and remaining.value == expected  # nothing delivered yet
        assert expected in vt.tracker_views(c)[0].title
