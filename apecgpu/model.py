"""Pure pandas computations on the validated tables: headline figures, disagreements, filters (no Streamlit, no I/O)."""
from __future__ import annotations

import weakref
from collections import Counter
from typing import Iterable, Optional

import pandas as pd

from . import fmt

# How strongly a qualifier commits: used only to break ties in the headline qualifier, deterministically.
QUALIFIER_ORDER = ("exactly", "about", "at_least", "over", "up_to")
KEY = ["topic", "commitment_id", "org_id"]


def _key_frame(claims: pd.DataFrame) -> pd.DataFrame:
    return claims.assign(commitment_id=claims["commitment_id"].fillna(""))


def claim_consensus(claims: pd.DataFrame) -> pd.DataFrame:
    """One row per figure (topic, commitment, org): the headline value backed by most sources, and how sources differ.

    The headline value is the one stated by the most distinct sources (ties: the larger value), the headline
    qualifier the one most often attached to that value. `differs_value`, `differs_qualifier` and `differs_parties`
    say whether any source states it otherwise; nothing is dropped, `claim_ids` lists every version.
    """
    # One pass over plain rows, grouped in order of first appearance (as groupby(sort=False) would): a pandas
    # groupby per figure cost about a millisecond per figure on every page run (bench/results.md, scale).
    groups: dict[tuple, list] = {}
    if not claims.empty:
        columns = [claims[c].tolist() for c in ("topic", "commitment_id", "org_id", "value", "unit", "qualifier",
                                                "party_ids", "source_id", "claim_id")]
        for topic, cid, org, value, unit, qual, parties, source, claim_id in zip(*columns):
            cid = "" if cid is None or (isinstance(cid, float) and pd.isna(cid)) else cid
            groups.setdefault((topic, cid, org), []).append((value, unit, qual, parties, source, claim_id))
    rows = []
    for (topic, cid, org), group in groups.items():
        numeric = [g for g in group if pd.notna(g[0])]
        value = qualifier = None
        if numeric:
            support: dict[float, set] = {}
            for g in numeric:
                support.setdefault(g[0], set()).add(g[4])
            value = float(max(support, key=lambda v: (len(support[v]), v)))
            quals = Counter(g[2] for g in numeric if g[0] == value and pd.notna(g[2]))
            if quals:
                qualifier = max(quals, key=lambda q: (quals[q], -QUALIFIER_ORDER.index(q)))
        party_sets = {tuple(sorted(g[3])) for g in group if g[3]}
        units = [g[1] for g in group if pd.notna(g[1])]
        sources = [g[4] for g in group]
        rows.append({
            "topic": topic, "commitment_id": cid or None, "org_id": org,
            "value": value, "unit": units[0] if units else None,
            "qualifier": qualifier,
            "source_ids": tuple(dict.fromkeys(sources)),
            "n_sources": len(set(sources)),
            "claim_ids": tuple(g[5] for g in group),
            "differs_value": len({g[0] for g in numeric}) > 1,
            "differs_qualifier": len({g[2] for g in numeric if pd.notna(g[2])}) > 1,
            "differs_parties": len(party_sets) > 1,
        })
    out = pd.DataFrame(rows, columns=KEY + ["value", "unit", "qualifier", "source_ids", "n_sources", "claim_ids",
                                           "differs_value", "differs_qualifier", "differs_parties"])
    out["disputed"] = out[["differs_value", "differs_qualifier", "differs_parties"]].any(axis=1)
    return out


def committed_gpus(claims: pd.DataFrame) -> dict[str, float]:
    """Headline GPU count per gpu_allocation commitment id."""
    if claims.empty:
        return {}
    cons = claim_consensus(claims[claims["topic"] == "gpu_allocation"])
    return {r.commitment_id: r.value for r in cons.itertuples() if r.commitment_id and r.value is not None}


def headline(claims: pd.DataFrame, topic: str, org_id: Optional[str] = None,
             commitment_id: Optional[str] = None) -> Optional[dict]:
    """The consensus row for one figure as a dict, or None if the data has no claim for it."""
    sub = claims[claims["topic"] == topic]
    if org_id is not None:
        sub = sub[sub["org_id"] == org_id]
    if commitment_id is not None:
        sub = sub[sub["commitment_id"] == commitment_id]
    if sub.empty:
        return None
    return claim_consensus(sub).iloc[0].to_dict()


def largest_investment(tables: dict, topic: str = "investment_usd") -> Optional[dict]:
    """The headline of the largest investment commitment in `topic`'s currency, with its commitment id; None if the
    data has none. The overview shows it without naming in code which commitment that is."""
    ids = set(tables["commitments"].loc[tables["commitments"]["kind"] == "investment", "commitment_id"])
    found = [h for cid in sorted(ids) if (h := headline(tables["claims"], topic, commitment_id=cid)) is not None]
    return max(found, key=lambda h: h["value"], default=None)


def inferred_announcement_days(tables: dict) -> dict:
    """commitment_id -> the day its announcing event was placed on when no article gives that date (events.csv
    date_stated = no), as the timeline draws it hollow: the tracker marks stages on that day, the loader checks
    milestones.csv against it."""
    events = tables["events"]
    undated = {e: d for e, d, stated in zip(events["event_id"], events["date"], events["date_stated"])
               if stated == "no" and d is not None and not pd.isna(d)}
    return {c: undated[e] for c, e in zip(tables["commitments"]["commitment_id"],
                                          tables["commitments"]["announced_event_id"]) if e in undated}


def _matches(ids: Iterable[str], sectors: frozenset) -> bool:
    return not sectors or bool(set(ids) & sectors)


def filter_by_sector(df: pd.DataFrame, sectors: Iterable[str], column: str = "sector_ids") -> pd.DataFrame:
    """Rows whose sector list meets the selection; an empty selection keeps everything."""
    wanted = frozenset(sectors)
    if not wanted or df.empty:
        return df
    return df[df[column].map(lambda ids: _matches(ids, wanted))]


# org_id -> name per organisations table and language. name_of is called hundreds of times per page run, and an
# index rebuilt on each call made pages slow on larger data (bench/results.md). Tables are never changed in place
# after loading, so a table is known by its identity; the weak reference tells a table from a later one that
# happens to get the same id().
_NAMES: dict[tuple[int, str], tuple[weakref.ref, dict]] = {}


def org_names(tables: dict, lang: str) -> dict[str, str]:
    """org_id -> display name in `lang` (the first row wins if an id repeats)."""
    orgs = tables["organisations"]
    key = (id(orgs), lang)
    hit = _NAMES.get(key)
    if hit is not None and hit[0]() is orgs:
        return hit[1]
    names: dict[str, str] = {}
    for org_id, name in zip(orgs["org_id"].tolist(), orgs[f"name_{lang}"].tolist()):
        names.setdefault(org_id, name)
    for stale in [k for k, (ref, _) in _NAMES.items() if ref() is None]:
        _NAMES.pop(stale, None)
    _NAMES[key] = (weakref.ref(orgs), names)
    return names


def name_of(tables: dict, org_id: str, lang: str) -> str:
    return org_names(tables, lang).get(org_id, org_id)


def gpu_allocations(tables: dict, sectors: Iterable[str] = (), lang: str = "ko") -> pd.DataFrame:
    """The GPU split: one row per allocation with headline GPUs, qualifier, models, purpose, sectors and sources."""
    com = tables["commitments"]
    com = filter_by_sector(com[com["kind"] == "gpu_allocation"], sectors)
    cons = claim_consensus(tables["claims"][tables["claims"]["topic"] == "gpu_allocation"])
    cons = cons.set_index("commitment_id") if not cons.empty else cons
    models = tables["gpu_models"].set_index("model_id")
    sector_names = tables["sectors"].set_index("sector_id")[f"name_{lang}"]
    rows = []
    for c in com.itertuples():
        if c.commitment_id not in getattr(cons, "index", ()):
            continue
        h = cons.loc[c.commitment_id]
        rows.append({
            "commitment_id": c.commitment_id, "holder_id": c.holder_id,
            "recipient": name_of(tables, c.holder_id, lang),
            "gpus": h["value"], "qualifier": h["qualifier"],
            "primary_sector": c.primary_sector, "sector_name": sector_names.get(c.primary_sector, c.primary_sector),
            "sector_ids": c.sector_ids,
            "models": ", ".join(models.at[m, f"name_{lang}"] for m in c.gpu_model_ids if m in models.index),
            "purpose": getattr(c, f"purpose_{lang}"),
            "source_ids": tuple(dict.fromkeys(h["source_ids"])),
            "disputed": bool(h["disputed"]), "differs_value": bool(h["differs_value"]),
        })
    out = pd.DataFrame(rows, columns=["commitment_id", "holder_id", "recipient", "gpus", "qualifier", "primary_sector",
                                      "sector_name", "sector_ids", "models", "purpose", "source_ids", "disputed",
                                      "differs_value"])
    return out.sort_values("gpus", ascending=False, kind="stable").reset_index(drop=True)


def sum_qualifier(qualifiers: Iterable[Optional[str]]) -> str:
    """How a sum of qualified figures is qualified: exact only if every term is; only lower bounds ('at least',
    'over') give a lower bound and only upper bounds an upper one; a mix of both, or any 'about', gives 'about'
    (약 6만 5,000 + 26만 is about 32만 5,000, not exactly)."""
    kinds = {q if isinstance(q, str) and q else "exactly" for q in qualifiers} - {"exactly"}  # NaN: none given
    if not kinds:
        return "exactly"
    if kinds in ({"over"}, {"at_least"}, {"up_to"}):
        return next(iter(kinds))
    if kinds == {"at_least", "over"}:
        return "at_least"
    return "about"


def allocations_total(tables: dict, allocations: pd.DataFrame) -> tuple[float, str]:
    """The allocations' sum and its qualifier: the articles' own where they state that very total (the deal's
    total, `gpu_total`), else what its terms give (`sum_qualifier`)."""
    total = float(allocations["gpus"].sum()) if not allocations.empty else 0.0
    stated = headline(tables["claims"], "gpu_total")
    if stated is not None and stated["value"] == total:
        return total, stated["qualifier"]
    return total, sum_qualifier(allocations["qualifier"] if not allocations.empty else [])


def gpus_by_sector(allocations: pd.DataFrame) -> pd.DataFrame:
    """GPUs summed by each allocation's primary sector (so the parts add up to the whole), each sum qualified by
    its terms (`sum_qualifier`)."""
    if allocations.empty:
        return pd.DataFrame(columns=["primary_sector", "sector_name", "gpus", "qualifier"])
    return (allocations.groupby(["primary_sector", "sector_name"], as_index=False)
            .agg(gpus=("gpus", "sum"), qualifier=("qualifier", sum_qualifier))
            .sort_values("gpus", ascending=False, kind="stable").reset_index(drop=True))


def installed_base(tables: dict, allocations: pd.DataFrame) -> dict:
    """Before, after as stated, and after as computed (before + the allocations shown), each sum with the qualifier
    its terms give it."""
    claims = tables["claims"]
    before = headline(claims, "installed_base_before")
    after = headline(claims, "installed_base_after")
    total = headline(claims, "gpu_total")
    added, added_qualifier = allocations_total(tables, allocations)
    return {
        "before": before, "after_stated": after, "total_stated": total,
        "added": added, "added_qualifier": added_qualifier,
        "after_computed": (before["value"] + added) if before else None,
        "after_computed_qualifier": sum_qualifier([before["qualifier"], added_qualifier]) if before else None,
    }


def widest_disagreement(claims: pd.DataFrame, unit: str = "gpu") -> Optional[dict]:
    """The figure whose articles' values lie furthest apart (largest high ÷ low), with the sources of each value:
    the example a reader is shown of how the articles differ, chosen by the data rather than named in the text."""
    cons = claim_consensus(claims)
    cons = cons[cons["differs_value"] & (cons["unit"] == unit)]
    if cons.empty:
        return None
    by_id = {r["claim_id"]: r for r in claims.to_dict("records")}
    best = None
    for d in cons.itertuples():
        sources: dict = {}
        for claim_id in d.claim_ids:
            value = by_id[claim_id]["value"]
            if value is not None and not pd.isna(value):
                sources.setdefault(float(value), set()).add(by_id[claim_id]["source_id"])
        low, high = min(sources), max(sources)
        if low > 0 and (best is None or high / low > best["high"] / best["low"]):
            best = {"org_id": d.org_id, "commitment_id": d.commitment_id, "topic": d.topic, "low": low, "high": high,
                    "low_sources": sources[low], "high_sources": sources[high]}
    return best


def disagreements(tables: dict, lang: str = "ko") -> pd.DataFrame:
    """Every version of every disputed figure: one row per claim, grouped by figure."""
    claims = tables["claims"]
    cons = claim_consensus(claims)
    disputed = cons[cons["disputed"]]
    topics = tables["topics"].set_index("topic_id")
    commitments = tables["commitments"].set_index("commitment_id")
    # Each claim looked up once by id (first row wins), not by a scan of every claim per claim.
    by_id: dict = {}
    for record in claims.to_dict("records"):
        by_id.setdefault(record["claim_id"], record)
    rows = []
    for d in disputed.itertuples():
        subject = (commitments.at[d.commitment_id, f"title_{lang}"] if d.commitment_id in commitments.index
                   else name_of(tables, d.org_id, lang))
        for claim_id in d.claim_ids:
            c = by_id[claim_id]
            rows.append({
                "figure": f"{topics.at[d.topic, f'label_{lang}']} · {subject}",
                "topic": d.topic, "commitment_id": d.commitment_id, "claim_id": claim_id,
                "source_id": c["source_id"], "value": c["value"], "unit": c["unit"], "qualifier": c["qualifier"],
                "party_ids": c["party_ids"], "quote_ko": c["quote_ko"], "note": c.get(f"note_{lang}"),
                "headline_value": d.value, "headline_qualifier": d.qualifier,
                "differs_value": d.differs_value, "differs_qualifier": d.differs_qualifier,
                "differs_parties": d.differs_parties,
            })
    return pd.DataFrame(rows, columns=["figure", "topic", "commitment_id", "claim_id", "source_id", "value", "unit",
                                       "qualifier", "party_ids", "quote_ko", "note", "headline_value",
                                       "headline_qualifier", "differs_value", "differs_qualifier", "differs_parties"])


def events(tables: dict, sectors: Iterable[str] = ()) -> pd.DataFrame:
    """Events in date order, filtered by sector."""
    ev = filter_by_sector(tables["events"], sectors)
    order = {"am": 0, None: 1, "pm": 2}
    return ev.assign(_pod=ev["part_of_day"].map(lambda p: order.get(p, 1))).sort_values(
        ["date", "_pod", "_line"]).drop(columns="_pod").reset_index(drop=True)


def source_labels(tables: dict, lang: str, unknown_outlet: str, unknown_date: str) -> dict[str, str]:
    """Short citation per source id: '뉴스핌, 2025.10.31 [s5]' / 'Newspim, 31 Oct 2025 [s5]' (fmt.day); outlet or
    date the article lacks is said so."""
    labels = {}
    for s in tables["sources"].itertuples():
        who = getattr(s, f"outlet_{lang}") or s.outlet_ko
        if not who:
            byline = getattr(s, f"byline_{lang}") or s.byline_ko
            who = f"{unknown_outlet} ({byline})" if byline else unknown_outlet
        when = fmt.day(s.published_kst.date(), lang) if s.published_kst is not None and not pd.isna(s.published_kst) \
            else unknown_date
        labels[s.source_id] = f"{who}, {when} [{s.source_id}]"
    return labels


def event_period(tables: dict) -> Optional[tuple]:
    """First and last day of the events (all sectors), or None when there are none."""
    dates = pd.to_datetime(tables["events"]["date"], errors="coerce").dropna()
    return (dates.min().date(), dates.max().date()) if not dates.empty else None


def cite(source_ids: Iterable[str], labels: dict[str, str]) -> str:
    """Citation text for several sources, in source-id order so the same set always reads the same."""
    return "; ".join(labels.get(s, s) for s in sorted(set(source_ids)))
