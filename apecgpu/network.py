"""Partnership network: who signed, launched or committed to what with whom, as node and edge tables plus a layout."""
from __future__ import annotations

from itertools import combinations
from typing import Iterable

import numpy as np
import pandas as pd

# Event kinds that bind parties to each other. Briefings, speeches, meetings, press releases and public
# appearances put organisations in one room but are not agreements, so they draw no edge.
AGREEMENT_EVENT_KINDS = ("mou", "agreement", "programme", "alliance", "partnership", "supply", "proposal")

NODE_COLUMNS = ["org_id", "name", "kind", "primary_sector", "sector_name", "sector_ids", "degree", "n_agreements"]
EDGE_COLUMNS = ["org_a", "org_b", "agreement_id", "basis", "event_id", "commitment_ids", "title", "kind",
                "sector_ids", "source_ids", "date"]

LAYOUT_ITERATIONS = 300
# The chart draws at most this many organisations, the most connected (the layout is quadratic in them).
MAX_DRAWN_NODES = 150


def _unique(ids: Iterable[str]) -> tuple:
    return tuple(dict.fromkeys(i for i in ids if i))


def _pairs(parties: tuple) -> list[tuple[str, str]]:
    # Sorted so that the same two organisations always make the same pair, whatever order they were listed in.
    return [tuple(sorted(p)) for p in combinations(parties, 2)]


def _agreements(tables: dict, lang: str) -> list[dict]:
    """Every agreement as a dict with its parties: qualifying events first, then commitments."""
    events = tables["events"]
    qualifying = events[events["kind"].isin(AGREEMENT_EVENT_KINDS)]
    event_dates = dict(zip(events["event_id"], events["date"]))
    event_date_stated = dict(zip(events["event_id"], events["date_stated"]))
    out = []
    for e in qualifying.itertuples():
        out.append({"agreement_id": e.event_id, "basis": "event", "event_id": e.event_id,
                    "commitment_ids": tuple(e.commitment_ids), "title": getattr(e, f"title_{lang}"),
                    "kind": e.kind, "sector_ids": tuple(e.sector_ids), "source_ids": tuple(e.source_ids),
                    "date": e.date, "date_stated": e.date_stated, "parties": _unique(e.party_ids)})
    for c in tables["commitments"].itertuples():
        out.append({"agreement_id": c.commitment_id, "basis": "commitment", "event_id": c.announced_event_id,
                    "commitment_ids": (c.commitment_id,), "title": getattr(c, f"title_{lang}"), "kind": c.kind,
                    "sector_ids": tuple(c.sector_ids), "source_ids": tuple(c.source_ids),
                    "date": event_dates.get(c.announced_event_id),
                    "date_stated": event_date_stated.get(c.announced_event_id, "yes"),
                    "parties": _unique((c.holder_id, *c.partner_ids))})
    return out


def build_network(tables: dict, sectors: Iterable[str] = (), lang: str = "ko") -> tuple[pd.DataFrame, pd.DataFrame]:
    """Nodes (organisations party to an agreement or commitment) and edges (one per pair of co-parties per agreement).

    An agreement is an event of a kind in AGREEMENT_EVENT_KINDS, or a commitment (holder and partners). A
    commitment adds only the pairs that no qualifying event listing it already drew (`basis` says which).
    With a sector filter, an edge is kept if its agreement's sectors meet the filter and a node if it has a
    kept edge; without one, every party is a node, even one with no co-party.
    """
    if lang not in ("ko", "en"):
        raise ValueError(f"lang must be 'ko' or 'en', not {lang!r}")
    wanted = frozenset(sectors)
    agreements = _agreements(tables, lang)
    kept = [a for a in agreements if not wanted or set(a["sector_ids"]) & wanted]
    # Pairs already drawn by a kept event that lists the commitment: drawing them again from the commitment
    # would double every MoU (the event and the commitment describe the same signing). Only kept events
    # count, so a filter that hides the event still shows the link through the commitment.
    covered: dict[str, set] = {}
    for a in kept:
        if a["basis"] == "event":
            for cid in a["commitment_ids"]:
                covered.setdefault(cid, set()).update(_pairs(a["parties"]))
    edges = []
    for a in kept:
        skip = covered.get(a["agreement_id"], set()) if a["basis"] == "commitment" else set()
        for org_a, org_b in _pairs(a["parties"]):
            if (org_a, org_b) in skip:
                continue
            edges.append({"org_a": org_a, "org_b": org_b,
                          **{k: a[k] for k in EDGE_COLUMNS if k not in ("org_a", "org_b")}})
    edge_df = pd.DataFrame(edges, columns=EDGE_COLUMNS)

    if wanted:
        members = _unique([*edge_df["org_a"], *edge_df["org_b"]])
    else:
        members = _unique(p for a in agreements for p in a["parties"])
    neighbours: dict[str, set] = {m: set() for m in members}
    involved: dict[str, set] = {m: set() for m in members}
    for e in edge_df.itertuples():
        neighbours[e.org_a].add(e.org_b)
        neighbours[e.org_b].add(e.org_a)
        involved[e.org_a].add(e.agreement_id)
        involved[e.org_b].add(e.agreement_id)

    orgs = tables["organisations"].set_index("org_id")
    sector_names = tables["sectors"].set_index("sector_id")[f"name_{lang}"]
    nodes = []
    for org_id in members:
        known = org_id in orgs.index
        sector_ids = tuple(orgs.at[org_id, "sector_ids"]) if known else ()
        primary = sector_ids[0] if sector_ids else None
        nodes.append({"org_id": org_id, "name": orgs.at[org_id, f"name_{lang}"] if known else org_id,
                      "kind": orgs.at[org_id, "kind"] if known else None, "primary_sector": primary,
                      "sector_name": sector_names.get(primary, primary) if primary else None,
                      "sector_ids": sector_ids, "degree": len(neighbours[org_id]),
                      "n_agreements": len(involved[org_id])})
    node_df = pd.DataFrame(nodes, columns=NODE_COLUMNS)
    node_df = node_df.sort_values(["degree", "org_id"], ascending=[False, True], kind="stable").reset_index(drop=True)
    return node_df, edge_df


ORG_AGREEMENT_COLUMNS = ["agreement_id", "basis", "kind", "title", "date", "date_stated", "partner_ids", "event_id",
                         "commitment_ids", "sector_ids", "source_ids"]


def org_agreements(tables: dict, org_id: str, sectors: Iterable[str] = (), lang: str = "ko") -> pd.DataFrame:
    """Every agreement one organisation is party to, with its co-parties: the links of its node, one row each.

    The same agreements as build_network: qualifying events, then commitments that no listed event (with this
    organisation among its parties) already covers, so a signing is listed once. Date order, then file order.
    """
    if lang not in ("ko", "en"):
        raise ValueError(f"lang must be 'ko' or 'en', not {lang!r}")
    wanted = frozenset(sectors)
    mine = [a for a in _agreements(tables, lang)
            if org_id in a["parties"] and (not wanted or set(a["sector_ids"]) & wanted)]
    # Co-parties already linked to this organisation through a listed event naming the commitment; as in
    # build_network, a commitment is listed only if it links someone those events do not.
    covered: dict[str, set] = {}
    for a in mine:
        if a["basis"] == "event":
            for cid in a["commitment_ids"]:
                covered.setdefault(cid, set()).update(a["parties"])
    rows = [{**{k: a[k] for k in ORG_AGREEMENT_COLUMNS if k != "partner_ids"},
             "partner_ids": tuple(p for p in a["parties"] if p != org_id)}
            for a in mine
            if a["basis"] == "event" or not set(a["parties"]) <= covered.get(a["agreement_id"], set())]
    out = pd.DataFrame(rows, columns=ORG_AGREEMENT_COLUMNS)
    when = pd.to_datetime(out["date"], errors="coerce")
    return out.iloc[when.argsort(kind="stable")].reset_index(drop=True)


def pair_weights(edges: pd.DataFrame) -> pd.DataFrame:
    """One row per linked pair of organisations with how many agreements link them and which."""
    if edges.empty:
        return pd.DataFrame(columns=["org_a", "org_b", "n_agreements", "agreement_ids"])
    grouped = edges.groupby(["org_a", "org_b"], sort=True)["agreement_id"]
    return grouped.agg(n_agreements="nunique", agreement_ids=lambda s: tuple(dict.fromkeys(s))).reset_index()


def layout_positions(nodes: pd.DataFrame, edges: pd.DataFrame, seed: int = 0) -> dict[str, tuple[float, float]]:
    """Deterministic force-directed positions in [-1, 1]² keyed by org_id (same input and seed, same output).

    Each axis is scaled to fill [-1, 1] on its own, after distances from the centre are square-rooted.
    """
    ids = sorted(nodes["org_id"]) if not nodes.empty else []
    n = len(ids)
    if n == 0:
        return {}
    if n == 1:
        return {ids[0]: (0.0, 0.0)}
    index = {org_id: i for i, org_id in enumerate(ids)}

    # Start on a circle ordered by sector, so organisations of one sector begin side by side; a small seeded
    # jitter breaks the symmetry a perfect circle would otherwise keep.
    sector = dict(zip(nodes["org_id"], nodes["primary_sector"])) if "primary_sector" in nodes else {}
    order = sorted(ids, key=lambda i: (str(sector.get(i) or ""), i))
    angle = np.empty(n)
    for k, org_id in enumerate(order):
        angle[index[org_id]] = 2 * np.pi * k / n
    rng = np.random.default_rng(seed)
    pos = np.column_stack([np.cos(angle), np.sin(angle)]) + rng.normal(scale=0.01, size=(n, 2))

    weight = np.zeros((n, n))
    for e in edges.itertuples():
        if e.org_a in index and e.org_b in index and e.org_a != e.org_b:
            i, j = index[e.org_a], index[e.org_b]
            weight[i, j] += 1
            weight[j, i] += 1
    # Several agreements pull a pair closer, but only logarithmically, or the NVIDIA hub would swallow everyone.
    pull = np.where(weight > 0, 1 + np.log(np.maximum(weight, 1)), 0.0)

    # Fruchterman–Reingold with a fixed number of steps and a linear cooling schedule: no convergence test,
    # so the output cannot depend on floating-point luck near a threshold.
    k = 1.0 / np.sqrt(n)
    gravity = 0.1  # keeps isolated organisations and separate clusters on the canvas
    for step in range(LAYOUT_ITERATIONS):
        temperature = 0.1 * (1 - step / LAYOUT_ITERATIONS) + 1e-3
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.sqrt((delta ** 2).sum(axis=-1))
        np.fill_diagonal(dist, 1.0)
        dist = np.maximum(dist, 1e-3)
        force = (k * k / dist ** 2 - pull * dist / k)  # repulsion minus attraction, per unit of delta
        np.fill_diagonal(force, 0.0)
        disp = (delta * force[:, :, None]).sum(axis=1) - gravity * pos
        length = np.maximum(np.sqrt((disp ** 2).sum(axis=1)), 1e-9)
        pos = pos + disp / length[:, None] * np.minimum(length, temperature)[:, None]

    pos = pos - pos.mean(axis=0)
    # A hub linked to nearly everyone (NVIDIA) packs the core tight while organisations with one link drift far
    # out; scaling each distance from the centre by its square root spreads the core so its labels can be read.
    radius = np.sqrt((pos ** 2).sum(axis=1))
    pos = pos * (np.sqrt(radius) / np.maximum(radius, 1e-12))[:, None]
    # Each axis fills [-1, 1] on its own: charts are wider than tall, and the picture should use the width.
    pos = pos / np.maximum(np.abs(pos).max(axis=0), 1e-12)
    # Rounded so that the last bits of floating-point arithmetic never show up as a "different" layout.
    return {org_id: (round(float(pos[i, 0]), 6), round(float(pos[i, 1]), 6)) for org_id, i in index.items()}
