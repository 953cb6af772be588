"""Partnership network: nodes, edges, sector filter and a deterministic layout, on tiny and real data."""
from __future__ import annotations

import datetime as dt
from itertools import combinations
from math import comb

import pandas as pd
import pytest

from apecgpu import network
from apecgpu.data import DEFAULT_DATA_DIR, load_dataset


@pytest.fixture(scope="module")
def real_tables():
    result = load_dataset(DEFAULT_DATA_DIR)
    assert not result.errors, [i.message() for i in result.errors]
    return result.dataset.tables


def tiny_tables() -> dict:
    """Four organisations; a 3-party MoU, a speech (no edges) and a commitment that repeats one MoU pair."""
    day = dt.date(2025, 10, 31)
    organisations = pd.DataFrame([
        {"org_id": "vendor", "name_ko": "공급사", "name_en": "Vendor", "kind": "company", "sector_ids": ("alpha", "beta")},
        {"org_id": "acme", "name_ko": "에이크미", "name_en": "Acme", "kind": "company", "sector_ids": ("alpha",)},
        {"org_id": "beta-co", "name_ko": "베타사", "name_en": "Beta Co", "kind": "company", "sector_ids": ("beta",)},
        {"org_id": "gov", "name_ko": "정부", "name_en": "Government", "kind": "government", "sector_ids": ("beta",)},
        {"org_id": "bystander", "name_ko": "구경꾼", "name_en": "Bystander", "kind": "company",
         "sector_ids": ("alpha",)},
    ])
    sectors = pd.DataFrame([{"sector_id": "alpha", "name_ko": "알파", "name_en": "Alpha", "sort_order": 1},
                            {"sector_id": "beta", "name_ko": "베타", "name_en": "Beta", "sort_order": 2}])
    event = {"date": day, "date_stated": "yes", "title_ko": "제목", "source_ids": ("s1",)}
    events = pd.DataFrame([
        {**event, "event_id": "ev-mou", "kind": "mou", "title_en": "MoU", "party_ids": ("acme", "beta-co", "vendor"),
         "sector_ids": ("alpha",), "commitment_ids": ("gpu-acme",)},
        {**event, "event_id": "ev-speech", "kind": "speech", "title_en": "Speech",
         "party_ids": ("vendor", "bystander"), "sector_ids": ("alpha",), "commitment_ids": ()},
    ])
    commitments = pd.DataFrame([
        # Acme–Vendor is already drawn by ev-mou, which lists this commitment; Acme–Gov is new.
        {"commitment_id": "gpu-acme", "kind": "gpu_allocation", "holder_id": "acme", "partner_ids": ("vendor", "gov"),
         "title_ko": "에이크미 GPU", "title_en": "Acme GPUs", "sector_ids": ("beta",), "source_ids": ("s2",),
         "announced_event_id": "ev-speech"},
    ])
    return {"organisations": organisations, "sectors": sectors, "events": events, "commitments": commitments}


class TestTiny:
    def test_nodes_and_edges(self):
        nodes, edges = network.build_network(tiny_tables(), lang="en")
        assert set(nodes["org_id"]) == {"vendor", "acme", "beta-co", "gov"}  # not the speech-only bystander
        pairs = {(e.org_a, e.org_b, e.agreement_id) for e in edges.itertuples()}
        assert pairs == {("acme", "beta-co", "ev-mou"), ("acme", "vendor", "ev-mou"), ("beta-co", "vendor", "ev-mou"),
                         ("acme", "gov", "gpu-acme"), ("gov", "vendor", "gpu-acme")}
        commitment_edge = edges[edges["agreement_id"] == "gpu-acme"].iloc[0]
        assert commitment_edge["basis"] == "commitment"
        assert commitment_edge["event_id"] == "ev-speech"
        assert commitment_edge["title"] == "Acme GPUs"
        assert commitment_edge["date"] == dt.date(2025, 10, 31)

    def test_degree_and_names(self):
        nodes, _ = network.build_network(tiny_tables(), lang="ko")
        node = nodes.set_index("org_id")
        assert node.at["acme", "degree"] == 3
        assert node.at["acme", "n_agreements"] == 2
        assert node.at["gov", "degree"] == 2
        assert node.at["acme", "name"] == "에이크미"
        assert node.at["vendor", "primary_sector"] == "alpha"
        assert node.at["vendor", "sector_name"] == "알파"

    def test_filter_keeps_edges_whose_agreement_meets_it(self):
        nodes, edges = network.build_network(tiny_tables(), sectors=("beta",))
        assert set(edges["agreement_id"]) == {"gpu-acme"}
        # The MoU (sector alpha) is filtered out, so the commitment now draws Acme–Vendor itself.
        assert {(e.org_a, e.org_b) for e in edges.itertuples()} == {("acme", "gov"), ("acme", "vendor"),
                                                                   ("gov", "vendor")}
        assert set(nodes["org_id"]) == {"acme", "gov", "vendor"}
        assert nodes.set_index("org_id").at["acme", "degree"] == 2


def qualifying(tables) -> pd.DataFrame:
    events = tables["events"]
    return events[events["kind"].isin(network.AGREEMENT_EVENT_KINDS)]


class TestRealData:
    def test_every_party_of_every_qualifying_event_is_a_node(self, real_tables):
        nodes, _ = network.build_network(real_tables)
        ids = set(nodes["org_id"])
        for e in qualifying(real_tables).itertuples():
            assert set(e.party_ids) <= ids, e.event_id
        for c in real_tables["commitments"].itertuples():
            assert {c.holder_id, *c.partner_ids} <= ids, c.commitment_id
        assert nodes["org_id"].is_unique

    def test_event_edges_are_all_pairs_of_co_parties(self, real_tables):
        _, edges = network.build_network(real_tables)
        event_edges = edges[edges["basis"] == "event"]
        events = qualifying(real_tables)
        assert len(event_edges) == sum(comb(len(set(p)), 2) for p in events["party_ids"])
        for e in events.itertuples():
            got = {(r.org_a, r.org_b) for r in event_edges[event_edges["agreement_id"] == e.event_id].itertuples()}
            assert got == {tuple(sorted(p)) for p in combinations(set(e.party_ids), 2)}, e.event_id

    def test_commitment_edges_add_only_pairs_not_drawn_by_their_events(self, real_tables):
        _, edges = network.build_network(real_tables)
        events = qualifying(real_tables)
        expected = 0
        for c in real_tables["commitments"].itertuples():
            drawn = {tuple(sorted(p)) for e in events.itertuples() if c.commitment_id in e.commitment_ids
                     for p in combinations(set(e.party_ids), 2)}
            own = {tuple(sorted(p)) for p in combinations({c.holder_id, *c.partner_ids}, 2)}
            expected += len(own - drawn)
        assert (edges["basis"] == "commitment").sum() == expected
        # The GPU allocation announced only in a speech still links Samsung and NVIDIA.
        samsung = edges[edges["agreement_id"] == "gpu-samsung"]
        assert {(r.org_a, r.org_b) for r in samsung.itertuples()} == {("nvidia", "samsung-electronics")}

    def test_non_agreement_events_draw_no_edges(self, real_tables):
        _, edges = network.build_network(real_tables)
        events = real_tables["events"]
        talk = set(events.loc[~events["kind"].isin(network.AGREEMENT_EVENT_KINDS), "event_id"])
        assert talk and not talk & set(edges.loc[edges["basis"] == "event", "agreement_id"])

    def test_degree_counts_distinct_neighbours(self, real_tables):
        nodes, edges = network.build_network(real_tables)
        for n in nodes.itertuples():
            linked = set(edges.loc[edges["org_a"] == n.org_id, "org_b"]) | set(
                edges.loc[edges["org_b"] == n.org_id, "org_a"])
            assert n.degree == len(linked), n.org_id

    def test_edges_carry_their_sources(self, real_tables):
        _, edges = network.build_network(real_tables, lang="en")
        ai_ran = edges[edges["agreement_id"] == "ev-ai-ran"].iloc[0]
        assert ai_ran["kind"] == "agreement"
        assert ai_ran["source_ids"] == ("s3", "s5")
        assert ai_ran["title"] == "AI-RAN joint research and trial agreement signed"
        assert all(len(s) > 0 for s in edges["source_ids"])

    @pytest.mark.parametrize("sector", ["telecom", "startups", "mobility", "research"])
    def test_sector_filter(self, real_tables, sector):
        nodes, edges = network.build_network(real_tables, sectors=[sector])
        assert not edges.empty
        assert all(sector in ids for ids in edges["sector_ids"])
        assert set(nodes["org_id"]) == set(edges["org_a"]) | set(edges["org_b"])
        _, all_edges = network.build_network(real_tables)
        in_sector = all_edges["sector_ids"].map(lambda ids: sector in ids)
        assert (edges["basis"] == "event").sum() == ((all_edges["basis"] == "event") & in_sector).sum()
        # Commitment edges: their own pairs, less those drawn by a kept event that lists the commitment.
        events = qualifying(real_tables)
        events = events[events["sector_ids"].map(lambda ids: sector in ids)]
        commitments = real_tables["commitments"]
        expected = 0
        for c in commitments[commitments["sector_ids"].map(lambda ids: sector in ids)].itertuples():
            drawn = {tuple(sorted(p)) for e in events.itertuples() if c.commitment_id in e.commitment_ids
                     for p in combinations(set(e.party_ids), 2)}
            expected += len({tuple(sorted(p)) for p in combinations({c.holder_id, *c.partner_ids}, 2)} - drawn)
        assert (edges["basis"] == "commitment").sum() == expected

    def test_filter_matching_nothing_gives_empty_tables(self, real_tables):
        nodes, edges = network.build_network(real_tables, sectors=["no-such-sector"])
        assert nodes.empty and edges.empty
        assert list(nodes.columns) == network.NODE_COLUMNS and list(edges.columns) == network.EDGE_COLUMNS

    def test_pair_weights(self, real_tables):
        _, edges = network.build_network(real_tables)
        weights = network.pair_weights(edges).set_index(["org_a", "org_b"])
        assert weights["n_agreements"].sum() == len(edges.drop_duplicates(["org_a", "org_b", "agreement_id"]))
        assert weights.at[("msit", "nvidia"), "n_agreements"] >= 2


class TestLayout:
    def test_same_input_same_output(self, real_tables):
        nodes, edges = network.build_network(real_tables)
        first = network.layout_positions(nodes, edges)
        assert network.layout_positions(nodes, edges) == first
        shuffled = network.layout_positions(nodes.sample(frac=1, random_state=3), edges.sample(frac=1, random_state=4))
        assert shuffled == first

    def test_every_node_placed_inside_the_unit_square(self, real_tables):
        nodes, edges = network.build_network(real_tables)
        positions = network.layout_positions(nodes, edges)
        assert set(positions) == set(nodes["org_id"])
        assert all(-1 <= x <= 1 and -1 <= y <= 1 for x, y in positions.values())
        assert len(set(positions.values())) == len(positions)  # no two organisations on the same spot

    def test_seed_changes_layout(self, real_tables):
        nodes, edges = network.build_network(real_tables)
        assert network.layout_positions(nodes, edges, seed=1) != network.layout_positions(nodes, edges, seed=2)

    def test_small_cases(self):
        nodes, edges = network.build_network(tiny_tables(), sectors=["no-such-sector"])
        assert network.layout_positions(nodes, edges) == {}
        one = pd.DataFrame({"org_id": ["solo"], "primary_sector": ["alpha"]})
        assert network.layout_positions(one, edges) == {"solo": (0.0, 0.0)}


class TestOrgAgreements:
    """The profile's 'agreements and with whom': the same links as the organisation's node in the network."""

    def test_tiny_lists_each_signing_once_with_co_parties(self):
        acme = network.org_agreements(tiny_tables(), "acme", lang="en").set_index("agreement_id")
        # The MoU lists gpu-acme, but gpu-acme also links Acme to Gov, whom the MoU does not: both are listed.
        assert list(acme.index) == ["ev-mou", "gpu-acme"]
        assert acme.at["ev-mou", "partner_ids"] == ("beta-co", "vendor")
        assert acme.at["gpu-acme", "partner_ids"] == ("vendor", "gov")
        beta = network.org_agreements(tiny_tables(), "beta-co", lang="en")
        assert list(beta["agreement_id"]) == ["ev-mou"]
        assert network.org_agreements(tiny_tables(), "bystander").empty  # a speech is not an agreement

    def test_tiny_commitment_covered_by_its_event_is_not_repeated(self):
        tables = tiny_tables()
        tables["commitments"].at[0, "partner_ids"] = ("vendor",)  # now the MoU covers every co-party
        assert list(network.org_agreements(tables, "acme")["agreement_id"]) == ["ev-mou"]

    def test_tiny_sector_filter(self):
        acme = network.org_agreements(tiny_tables(), "acme", sectors=("beta",))
        assert list(acme["agreement_id"]) == ["gpu-acme"]

    def test_real_counts_match_the_network(self, real_tables):
        nodes, edges = network.build_network(real_tables, lang="en")
        for node in nodes.itertuples():
            listed = network.org_agreements(real_tables, node.org_id, lang="en")
            assert len(listed) == node.n_agreements, node.org_id
            partners = {p for ids in listed["partner_ids"] for p in ids}
            assert partners == set(edges.loc[edges["org_a"] == node.org_id, "org_b"]) \
                | set(edges.loc[edges["org_b"] == node.org_id, "org_a"]), node.org_id

    def test_real_unknown_org_and_bad_lang(self, real_tables):
        assert network.org_agreements(real_tables, "no-such-org").empty
        with pytest.raises(ValueError, match="lang"):
            network.org_agreements(real_tables, "nvidia", lang="fr")
