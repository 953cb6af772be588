"""Views and tables of the tracking pages: commitments by stage, the partnership network and organisation
profiles, and the power estimate. Pure (no Streamlit); pages and exports consume the same objects."""
from __future__ import annotations

import hashlib
import math
import re
from decimal import ROUND_HALF_UP, Decimal
from dataclasses import dataclass, field
from typing import Mapping, Optional

import pandas as pd

from . import figures_tracking, fmt, model, network, power, tracker, views
from .data import DataError
from .figures import esc
from .i18n import josa, kind_label, t
from .schema import STAGES
from .views import Context, View, lazy, per_context

ORG_PARAM = "org"
COMMITMENT_PARAM = "commitment"  # the commitments page's history picker, in the link
DEFAULT_ORG = "nvidia"
# Commitment kinds shown in each profile section (GPU allocations and agreements have their own sections).
PROFILE_KINDS = {"investments": ("investment",), "memory": ("memory_supply",), "programmes": ("programme", "centre")}
_ACRONYM = re.compile(r"^(.*\S)\s*\(([A-Z][A-Z0-9&-]{1,7})\)$")


# --- shared helpers -----------------------------------------------------------------------------------------

def _cite(ctx: Context, ids) -> str:
    return model.cite(ids, ctx.labels) if ids else "—"


def _unique(ids) -> tuple:
    return tuple(dict.fromkeys(i for i in ids if i))


def gpu_count(x, lang: str, qualifier: Optional[str] = None) -> str:
    """A GPU count in headline form: '26만 개' / '260k GPUs' ('최대 5만 개' with a qualifier)."""
    return fmt.figure(x, "gpu", qualifier or "exactly", lang, short=True)


def commitment_kind_label(kind: str, lang: str) -> str:
    return t(f"ckind.{kind}", lang)


def org_kind_label(kind: Optional[str], lang: str) -> str:
    return t(f"orgkind.{kind}", lang) if kind else "—"


def short_name(name: str) -> str:
    """A node label: the acronym when the name ends in one ('… Institute (ETRI)' -> 'ETRI'), else the name."""
    match = _ACRONYM.match(name or "")
    return match.group(2) if match else name


def _names(ctx: Context, org_ids) -> str:
    sep = ", "
    return sep.join(model.name_of(ctx.tables, o, ctx.lang) for o in org_ids) or "—"


# --- commitments tracker ------------------------------------------------------------------------------------

def _recipient_order(ctx: Context) -> list[str]:
    return list(ctx.allocations["commitment_id"])


@per_context
def status_of(ctx: Context) -> pd.DataFrame:
    """tracker.commitment_status for the context, made once per filter (the tracker's views, tables and the
    organisations page each need it; it was computed three times for a new filter)."""
    return tracker.commitment_status(ctx.tables, ctx.sectors, ctx.lang)


@per_context
def gap_of(ctx: Context) -> tracker.TargetGap:
    """tracker.gap_to_target for the context, made once per filter (the tracker's views and its KPI tiles)."""
    return tracker.gap_to_target(ctx.tables, ctx.sectors, status=status_of(ctx), allocations=ctx.allocations)


def stage_frame(ctx: Context) -> pd.DataFrame:
    """GPUs of each allocation at each stage (every stage listed), recipients in allocation order. `qualifier`:
    delivered and operational counts are exact; what is still on paper (committed less delivered) keeps the
    allocation's qualifier ('5만 개 이상' for Samsung, as its row in the status table says)."""
    parts = tracker.gpu_stage_breakdown(ctx.tables, ctx.sectors, ctx.lang, status=status_of(ctx))
    rows = []
    for a in ctx.allocations.itertuples():
        mine = parts[parts["commitment_id"] == a.commitment_id]
        for stage in STAGES:
            rows.append({"commitment_id": a.commitment_id, "recipient": views._wrap_label(esc(a.recipient)),
                         "recipient_plain": a.recipient, "stage": stage,
                         "stage_label": tracker.stage_label(stage, ctx.lang),
                         "gpus": float(mine.loc[mine["stage"] == stage, "gpus"].sum()),
                         "qualifier": a.qualifier if stage in tracker.PAPER_STAGES else "exactly"})
    return pd.DataFrame(rows, columns=["commitment_id", "recipient", "recipient_plain", "stage", "stage_label",
                                       "gpus", "qualifier"])


def _milestone_sources(ctx: Context, commitment_ids) -> tuple:
    ms = ctx.tables["milestones"]
    return _unique(ms.loc[ms["commitment_id"].isin(list(commitment_ids)), "source_id"])


def total_versions(ctx: Context) -> str:
    """Every distinct way the articles state the headline GPU total: '26만 개 초과, 최대 26만 개, …'."""
    claims = ctx.tables["claims"]
    total = claims[(claims["topic"] == "gpu_total") & claims["value"].notna()]
    return ", ".join(dict.fromkeys(fmt.figure(r.value, "gpu", r.qualifier, ctx.lang, short=True)
                                   for r in total.itertuples())) or "—"


def _target_text(gap: tracker.TargetGap, lang: str) -> str:
    return gpu_count(gap.target, lang, gap.target_qualifier)


def tracker_views(ctx: Context) -> list[View]:
    lang, a = ctx.lang, ctx.allocations
    if a.empty:
        return []
    gap = gap_of(ctx)
    frame = stage_frame(ctx)
    by_stage = frame.groupby("stage", sort=False)["gpus"].sum()
    held = by_stage[by_stage > 0]
    total = float(frame["gpus"].sum())
    total_text = gpu_count(total, lang, gap.committed_qualifier if total == gap.committed else None)
    alloc_sources = views._all_sources(a)
    sources = tuple(sorted(set(alloc_sources) | set(_milestone_sources(ctx, a["commitment_id"]))))
    if len(held) == 1:
        stage_title = t("trk.stage.title.one", lang, total=total_text,
                        stage=tracker.stage_label(held.index[0], lang), delivered=gpu_count(gap.delivered, lang))
    else:
        stage_title = t("trk.stage.title", lang, total=total_text,
                        delivered=gpu_count(gap.delivered, lang), share=fmt.signed_share(gap.delivered, total, lang))
    wide = (frame.pivot_table(index="commitment_id", columns="stage", values="gpus", aggfunc="sum", sort=False)
            .reindex(columns=list(STAGES), fill_value=0.0).reindex(list(a["commitment_id"])).fillna(0.0))
    stage_names = [tracker.stage_label(s, lang) for s in STAGES]
    table = pd.DataFrame({t("common.recipient", lang): list(a["recipient"])})
    for stage, name in zip(STAGES, stage_names):
        table[name] = wide[stage].astype(int).to_numpy()
    table[t("trk.col.committed", lang)] = [fmt.figure(r.gpus, "gpu", r.qualifier, lang) for r in a.itertuples()]
    table[t("common.sources", lang)] = list(a["sources_text"])
    alt = "; ".join(
        f"{r.recipient}: " + ", ".join(f"{name} {fmt.full(wide.at[r.commitment_id, s])}"
                                        for s, name in zip(STAGES, stage_names) if wide.at[r.commitment_id, s] > 0)
        for r in a.itertuples())
    chart_data = pd.DataFrame({t("common.recipient", lang): list(a["recipient"]),
                               **{name: wide[s].to_numpy() for s, name in zip(STAGES, stage_names)}})
    stage_view = View(
        "trk-stage", "commitments", stage_title,
        lazy(figures_tracking.make_stage_figure, frame, lang=lang, title=stage_title,
             source_line=ctx.source_line(sources), alt=alt),
        table, alt, sources, ctx.source_line(sources), stage_title,
        talking_points=[stage_title, alt, t("trk.note.as_of", lang)],
        chart_type="stacked_column", chart_data=chart_data,
    )

    target_label = (t("trk.gap.target", lang) if gap.target_basis == "gpu_total"
                    else t("trk.gap.target.filtered", lang))
    target_text = _target_text(gap, lang)
    bars = pd.DataFrame({
        "label": [target_label, t("trk.gap.delivered", lang), t("trk.gap.operational", lang),
                  t("trk.gap.remaining", lang)],
        "value": [gap.target, gap.delivered, gap.operational, gap.remaining],
        "text": [target_text, gpu_count(gap.delivered, lang), gpu_count(gap.operational, lang),
                 gpu_count(gap.remaining, lang, gap.remaining_qualifier) + f" ({t('common.computed', lang)})"],
        "kind": ["stated" if gap.target_basis == "gpu_total" else "computed", "delivered", "operational",
                 "computed"],
    })
    gap_sources = tuple(sorted(set(gap.target_source_ids) | set(_milestone_sources(ctx, a["commitment_id"]))))
    gap_title = t("trk.gap.title", lang, remaining=gpu_count(gap.remaining, lang, gap.remaining_qualifier),
                  target=target_text,
                  share=fmt.signed_share(gap.delivered, gap.target, lang))
    gap_alt = "; ".join(f"{l}: {x}" for l, x in zip(bars["label"], bars["text"]))
    gap_table = pd.DataFrame({t("common.figure", lang): bars["label"],
                              t("common.gpus", lang): bars["value"].astype(int),
                              t("common.stated", lang): bars["text"]})
    points = [gap_title]
    if gap.target_disputed:
        points.append(t("trk.gap.disputed", lang, versions=total_versions(ctx)))
    if gap.target_basis != "gpu_total":
        points.append(t("trk.gap.filtered_note", lang))
    gap_view = View(
        "trk-gap", "commitments", gap_title,
        lazy(figures_tracking.make_gap_figure, bars, lang=lang, title=gap_title,
             source_line=ctx.source_line(gap_sources), alt=gap_alt),
        gap_table, gap_alt, gap_sources, ctx.source_line(gap_sources), gap_title, talking_points=points,
        chart_type="column",
        chart_data=pd.DataFrame({t("common.figure", lang): bars["label"], t("common.gpus", lang): bars["value"]}),
    )
    return [stage_view, gap_view]


def _day(d, lang: str, stated: str = "yes") -> str:
    """A date as the app writes days (fmt.day), "—" when there is none, marked when no article gives it (as on the
    timeline)."""
    if d is None or pd.isna(d):
        return "—"
    return fmt.day(d, lang) + (f" ({t('common.date_inferred', lang)})" if stated == "no" else "")


@dataclass
class Kpi:
    label: str
    value: str
    help: Optional[str] = None
    caption: Optional[str] = None


@per_context
def tracker_kpis(ctx: Context) -> list[Kpi]:
    """Committed, delivered, operational and the gap to the target, as text for metric tiles."""
    lang = ctx.lang
    gap = gap_of(ctx)
    target_text = _target_text(gap, lang)
    if gap.target_basis == "gpu_total":
        target_help = t("trk.kpi.target.help", lang, sources=_cite(ctx, gap.target_source_ids))
        if gap.target_disputed:
            target_help += " " + t("trk.gap.disputed", lang, versions=total_versions(ctx))
        # "(qualifier: no qualifier)" said nothing: the qualifier is named only when there is one.
        target_caption = (t("trk.kpi.target.caption.plain", lang, target=target_text)
                          if gap.target_qualifier == "exactly" else
                          t("trk.kpi.target.caption", lang, target=target_text,
                            qualifier=fmt.qualifier_name(gap.target_qualifier, lang))) \
            + (" ※" if gap.target_disputed else "")
    else:
        target_help = t("trk.gap.filtered_note", lang)
        target_caption = t("trk.kpi.target.caption.filtered", lang, target=target_text)
    return [
        Kpi(t("trk.kpi.committed", lang), gpu_count(gap.committed, lang, gap.committed_qualifier),
            t("trk.kpi.committed.help", lang)),
        Kpi(t("trk.kpi.delivered", lang), gpu_count(gap.delivered, lang), t("trk.kpi.delivered.help", lang)),
        Kpi(t("trk.kpi.operational", lang), gpu_count(gap.operational, lang), t("trk.kpi.delivered.help", lang)),
        Kpi(t("trk.kpi.remaining", lang), gpu_count(gap.remaining, lang, gap.remaining_qualifier), target_help,
            target_caption),
    ]


@per_context
def status_table(ctx: Context) -> pd.DataFrame:
    """Every commitment meeting the filter: kind, holder, furthest stage and its date, GPUs, stage sources."""
    lang = ctx.lang
    s = status_of(ctx)
    alloc = ctx.allocations.set_index("commitment_id")

    def gpus(r):
        if r.commitment_id in alloc.index:
            h = alloc.loc[r.commitment_id]
            return fmt.figure(h["gpus"], "gpu", h["qualifier"], lang) + (" ※" if h["disputed"] else "")
        return "—"

    def done(x):
        return fmt.full(x, lang) if x is not None and not pd.isna(x) else "—"

    return pd.DataFrame({
        t("trk.col.commitment", lang): s["title"],
        t("common.kind", lang): [commitment_kind_label(k, lang) for k in s["kind"]],
        t("trk.col.holder", lang): s["holder"],
        t("trk.col.stage", lang): s["stage_label"],
        t("trk.col.stage_date", lang): [_day(d, lang, stated) for d, stated in zip(s["stage_date"],
                                                                                   s["stage_date_stated"])],
        t("trk.col.committed", lang): [gpus(r) for r in s.itertuples()],
        t("trk.col.delivered_operational", lang): [f"{done(d)} / {done(o)}" if not pd.isna(d) else "—"
                                                   for d, o in zip(s["delivered_gpus"], s["operational_gpus"])],
        t("trk.col.stage_sources", lang): [_cite(ctx, ids) for ids in s["source_ids"]],
    })


@per_context
def commitment_choices(ctx: Context) -> dict[str, str]:
    """commitment_id -> display title for the history picker (filter applied, file order)."""
    s = status_of(ctx)
    return {r.commitment_id: f"{r.title} · {r.holder}" for r in s.itertuples()}


def resolve_commitment(choices: Mapping[str, str], raw: Optional[str]) -> Optional[str]:
    """The commitment id if `raw` names one of the choices (the filter's) exactly, else None (never raises on
    hostile input)."""
    return raw if isinstance(raw, str) and len(raw) <= 200 and raw in choices else None


@per_context
def history_table(ctx: Context, commitment_id: str) -> pd.DataFrame:
    """The dated, sourced milestones of one commitment, in stage order."""
    lang = ctx.lang
    h = tracker.commitment_history(ctx.tables, commitment_id, lang)
    return pd.DataFrame({
        t("trk.col.stage", lang): h["stage_label"],
        t("common.date", lang): [_day(d, lang, stated) for d, stated in zip(h["date"], h["date_stated"])],
        t("trk.col.quantity", lang): [fmt.full(q, lang) if not pd.isna(q) else "—" for q in h["quantity"]],
        t("common.sources", lang): [ctx.labels.get(s, s) for s in h["source_id"]],
        t("common.note", lang): ["" if n is None or pd.isna(n) else n for n in h["note"]],
    })


@per_context
def commitment_detail(ctx: Context, commitment_id: str) -> dict:
    """Title, holder, partners, purpose and the articles reporting one commitment, as display text."""
    lang = ctx.lang
    com = ctx.tables["commitments"].set_index("commitment_id")
    if commitment_id not in com.index:
        return {}
    c = com.loc[commitment_id]
    return {"title": c[f"title_{lang}"], "kind": commitment_kind_label(c["kind"], lang),
            "holder": model.name_of(ctx.tables, c["holder_id"], lang), "partners": _names(ctx, c["partner_ids"]),
            "purpose": c[f"purpose_{lang}"], "sources": _cite(ctx, c["source_ids"])}


# --- partnership network ------------------------------------------------------------------------------------

def network_frames(ctx: Context) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, int]:
    """Nodes drawn (at most network.MAX_DRAWN_NODES, the most connected) with position, label, size and hover
    text; pair edges among them with coordinates; the raw edge list of the whole network; its number of nodes."""
    lang = ctx.lang
    nodes, edges = network.build_network(ctx.tables, ctx.sectors, lang)
    total = len(nodes)
    if nodes.empty:
        return nodes, pd.DataFrame(columns=["org_a", "org_b", "x0", "y0", "x1", "y1", "width"]), edges, total
    # nodes come most connected first; the layout is quadratic in the nodes drawn, and a picture of more than a
    # few hundred dots cannot be read anyway (the table under the chart keeps every pair).
    nodes = nodes.head(network.MAX_DRAWN_NODES)
    drawn = set(nodes["org_id"])
    pos = network.layout_positions(nodes, edges[edges["org_a"].isin(drawn) & edges["org_b"].isin(drawn)])
    rank = dict(zip(ctx.tables["sectors"]["sector_id"], ctx.tables["sectors"]["sort_order"]))
    titles: dict[str, list] = {o: [] for o in nodes["org_id"]}
    for e in edges.itertuples():
        for o in (e.org_a, e.org_b):
            if o in titles and e.title not in titles[o]:  # every agreement of a drawn organisation
                titles[o].append(e.title)

    def hover(r):
        # Plotly renders a subset of HTML in hovers: data text is escaped, only the <b> and <br> are markup.
        lines = [f"<b>{esc(r.name)}</b>", f"{esc(r.sector_name or '—')} · {org_kind_label(r.kind, lang)}",
                 t("org.net.hover.links", lang, partners=r.degree, agreements=r.n_agreements)]
        shown = titles[r.org_id][:8]
        lines += [f"· {esc(title)}" for title in shown]
        if len(titles[r.org_id]) > len(shown):
            lines.append(t("org.net.hover.more", lang, n=len(titles[r.org_id]) - len(shown)))
        return "<br>".join(lines)

    nodes = nodes.assign(
        x=[pos[o][0] for o in nodes["org_id"]], y=[pos[o][1] for o in nodes["org_id"]],
        label=[short_name(n) for n in nodes["name"]],
        size=[12 + 4 * math.sqrt(d) for d in nodes["degree"]],
        hover=[hover(r) for r in nodes.itertuples()],
        sector_name=nodes["sector_name"].fillna("—"),
        sector_rank=nodes["primary_sector"].map(rank).fillna(len(rank)),
    )
    pairs = network.pair_weights(edges)
    pairs = pairs[pairs["org_a"].isin(drawn) & pairs["org_b"].isin(drawn)]
    pairs = pairs.assign(
        x0=[pos[o][0] for o in pairs["org_a"]], y0=[pos[o][1] for o in pairs["org_a"]],
        x1=[pos[o][0] for o in pairs["org_b"]], y1=[pos[o][1] for o in pairs["org_b"]],
        width=[min(1 + 0.8 * (n - 1), 4) for n in pairs["n_agreements"]],
    )
    return nodes, pairs, edges, total


NAMED_LEADERS = 3  # organisations sharing the most links named in the title; more are counted


def network_views(ctx: Context) -> list[View]:
    lang = ctx.lang
    nodes, pairs, edges, total = network_frames(ctx)
    if nodes.empty:
        return []
    sources = tuple(sorted({s for ids in edges["source_ids"] for s in ids}))
    n_agreements = edges["agreement_id"].nunique()
    top = nodes.iloc[0]
    # Several may share the most links (under the telecom filter all eight had 7): naming one as "the most" picked
    # it by the sort order.
    leaders = list(nodes.loc[nodes["degree"] == top["degree"], "name"])
    counts = {"n": total, "m": n_agreements, "k": int(top["degree"])}
    if len(leaders) == 1:
        title = t("org.net.title", lang, top=top["name"], top_ga=josa(top["name"], "이/가"), **counts)
    elif len(leaders) <= NAMED_LEADERS:
        names = t("common.name_list", lang, head=("·" if lang == "ko" else ", ").join(leaders[:-1]), last=leaders[-1])
        title = t("org.net.title.tie_named", lang, names=names, names_ga=josa(names, "이/가"), **counts)
    else:
        title = t("org.net.title.tie", lang, top=top["name"], ties=len(leaders), **counts)
    if len(nodes) < total:
        title += t("org.net.title.drawn", lang, k=len(nodes))
    by_pair = edges.groupby(["org_a", "org_b"], sort=True).agg(
        titles=("title", lambda s: " · ".join(dict.fromkeys(s))),
        sources=("source_ids", lambda s: tuple(sorted({x for ids in s for x in ids})))).reset_index()
    name = dict(zip(nodes["org_id"], nodes["name"]))
    table = pd.DataFrame({
        t("org.col.org_a", lang): [name.get(o, o) for o in by_pair["org_a"]],
        t("org.col.org_b", lang): [name.get(o, o) for o in by_pair["org_b"]],
        t("org.col.agreements", lang): by_pair["titles"],
        t("common.sources", lang): [_cite(ctx, ids) for ids in by_pair["sources"]],
    })
    alt = t("org.net.alt", lang, n=total, m=n_agreements, pairs=len(by_pair)) + " " + "; ".join(
        f"{r.name} ({r.degree})" for r in nodes.head(8).itertuples())
    fig = lazy(figures_tracking.make_network_figure, nodes, pairs, lang=lang, title=title,
               source_line=ctx.source_line(sources), alt=alt)
    points = [title] + [t("org.net.point", lang, name=r.name, k=int(r.degree), m=int(r.n_agreements))
                        for r in nodes.head(3).itertuples()]
    return [View("org-network", "organisations", title, fig, table, alt, sources, ctx.source_line(sources), title,
                 talking_points=points, chart_type="none")]


# --- organisation profile -----------------------------------------------------------------------------------

def org_options(tables: dict, lang: str) -> dict[str, str]:
    """org_id -> name for the picker, organisations in any agreement first (by name), then the rest."""
    orgs = tables["organisations"]
    nodes, _ = network.build_network(tables, (), lang)
    linked = set(nodes["org_id"])
    order = sorted(orgs.itertuples(), key=lambda r: (r.org_id not in linked, getattr(r, f"name_{lang}")))
    return {r.org_id: getattr(r, f"name_{lang}") for r in order}


def resolve_org(tables: dict, raw: Optional[str]) -> Optional[str]:
    """The org id if `raw` names a known organisation exactly, else None (never raises on hostile input)."""
    if not isinstance(raw, str) or len(raw) > 80:
        return None
    return raw if raw in set(tables["organisations"]["org_id"]) else None


def default_org(tables: dict) -> Optional[str]:
    ids = list(tables["organisations"]["org_id"])
    return DEFAULT_ORG if DEFAULT_ORG in ids else (ids[0] if ids else None)


@dataclass
class ProfileSection:
    key: str
    title: str
    table: pd.DataFrame
    empty: str
    notes: list[str] = field(default_factory=list)  # plain-text lines shown above the table


@dataclass
class OrgProfile:
    org_id: str
    name: str
    facts: list[tuple[str, str]]
    sections: list[ProfileSection] = field(default_factory=list)
    source_ids: tuple = ()


def _party_commitments(ctx: Context, org_id: str, kinds) -> pd.DataFrame:
    com = model.filter_by_sector(ctx.tables["commitments"], ctx.sectors)
    mine = com["holder_id"].eq(org_id) | com["partner_ids"].map(lambda ids: org_id in ids)
    return com[mine & com["kind"].isin(kinds)]


def _role(c, org_id: str, lang: str) -> str:
    return t("org.role.holder", lang) if c.holder_id == org_id else t("org.role.partner", lang)


def _with_whom(ctx: Context, c, org_id: str) -> str:
    return _names(ctx, [p for p in (c.holder_id, *c.partner_ids) if p != org_id])


def _commitment_rows(ctx: Context, org_id: str, kinds, status: pd.DataFrame) -> pd.DataFrame:
    lang = ctx.lang
    com = _party_commitments(ctx, org_id, kinds)
    stage = status.set_index("commitment_id")["stage_label"] if not status.empty else pd.Series(dtype=str)
    return pd.DataFrame({
        t("trk.col.commitment", lang): [getattr(c, f"title_{lang}") for c in com.itertuples()],
        t("org.col.role", lang): [_role(c, org_id, lang) for c in com.itertuples()],
        t("org.col.with", lang): [_with_whom(ctx, c, org_id) for c in com.itertuples()],
        t("common.purpose", lang): [getattr(c, f"purpose_{lang}") for c in com.itertuples()],
        t("trk.col.stage", lang): [stage.get(c.commitment_id, "—") for c in com.itertuples()],
        t("common.sources", lang): [_cite(ctx, c.source_ids) for c in com.itertuples()],
    })


@per_context
def org_profile(ctx: Context, org_id: str) -> Optional[OrgProfile]:
    """Everything the data says about one organisation, section by section, each line with its sources."""
    lang, tables = ctx.lang, ctx.tables
    orgs = tables["organisations"].set_index("org_id")
    if org_id not in orgs.index:
        return None
    o = orgs.loc[org_id]
    name = o[f"name_{lang}"]
    sectors = tables["sectors"].set_index("sector_id")[f"name_{lang}"]
    children = list(tables["organisations"].loc[tables["organisations"]["parent_id"] == org_id, "org_id"])
    nodes, _ = network.build_network(tables, ctx.sectors, lang)
    node = nodes[nodes["org_id"] == org_id]
    facts = [(t("org.fact.kind", lang), org_kind_label(o["kind"], lang))]
    if isinstance(o["parent_id"], str) and o["parent_id"]:
        facts.append((t("org.fact.parent", lang), model.name_of(tables, o["parent_id"], lang)))
    if children:
        facts.append((t("org.fact.children", lang), _names(ctx, children)))
    facts.append((t("org.fact.sectors", lang), ", ".join(sectors.get(s, s) for s in o["sector_ids"])))
    facts.append((t("org.fact.links", lang),
                  t("org.fact.links.value", lang, partners=int(node["degree"].iloc[0]),
                    agreements=int(node["n_agreements"].iloc[0])) if not node.empty else "—"))
    facts.append((t("org.fact.sources", lang), _cite(ctx, o["source_ids"])))
    status = status_of(ctx)

    # GPUs and models: allocations it holds or takes part in (e.g. SK Telecom within SK Group's allocation).
    gpu = _party_commitments(ctx, org_id, ("gpu_allocation",))
    alloc = ctx.allocations.set_index("commitment_id")
    gpu = gpu[gpu["commitment_id"].isin(alloc.index)]
    stage = status.set_index("commitment_id")["stage_label"] if not status.empty else pd.Series(dtype=str)
    gpu_table = pd.DataFrame({
        t("trk.col.commitment", lang): [getattr(c, f"title_{lang}") for c in gpu.itertuples()],
        t("org.col.role", lang): [_role(c, org_id, lang) for c in gpu.itertuples()],
        t("common.gpus", lang): [fmt.figure(alloc.at[c.commitment_id, "gpus"], "gpu",
                                            alloc.at[c.commitment_id, "qualifier"], lang)
                                 + (" ※" if alloc.at[c.commitment_id, "disputed"] else "") for c in gpu.itertuples()],
        t("common.models", lang): [alloc.at[c.commitment_id, "models"] or "—" for c in gpu.itertuples()],
        t("common.purpose", lang): [getattr(c, f"purpose_{lang}") for c in gpu.itertuples()],
        t("trk.col.stage", lang): [stage.get(c.commitment_id, "—") for c in gpu.itertuples()],
        t("common.sources", lang): [alloc.at[c.commitment_id, "sources_text"] for c in gpu.itertuples()],
    })

    agreements = network.org_agreements(tables, org_id, ctx.sectors, lang)

    def agreement_kind(r):
        return kind_label(r.kind, lang) if r.basis == "event" else commitment_kind_label(r.kind, lang)

    agreement_table = pd.DataFrame({
        t("common.date", lang): [_day(d, lang, stated) for d, stated in zip(agreements["date"],
                                                                             agreements["date_stated"])],
        t("common.kind", lang): [agreement_kind(r) for r in agreements.itertuples()],
        t("org.col.agreement", lang): agreements["title"],
        t("org.col.with", lang): [_names(ctx, ids) for ids in agreements["partner_ids"]],
        t("common.sources", lang): [_cite(ctx, ids) for ids in agreements["source_ids"]],
    })

    # Investments: every article's version of each amount, plus context figures the articles give for this org.
    inv = _party_commitments(ctx, org_id, PROFILE_KINDS["investments"])
    claims = tables["claims"]
    topics = tables["topics"].set_index("topic_id")[f"label_{lang}"]
    titles = dict(zip(inv["commitment_id"], inv[f"title_{lang}"]))
    purposes = dict(zip(inv["commitment_id"], inv[f"purpose_{lang}"]))
    money = claims[claims["value"].notna() & claims["unit"].isin(["usd", "krw", "pct"]) & (
        claims["commitment_id"].isin(list(titles))
        | (claims["commitment_id"].isna() & claims["org_id"].eq(org_id) & claims["topic"].str.startswith("context_")))]
    inv_table = pd.DataFrame({
        t("org.col.investment", lang): [titles.get(r.commitment_id) or t("org.investment.context", lang)
                                        for r in money.itertuples()],
        t("common.figure", lang): [topics.get(r.topic, r.topic) for r in money.itertuples()],
        t("common.stated", lang): [fmt.figure(r.value, r.unit, r.qualifier, lang) for r in money.itertuples()],
        t("common.sources", lang): [ctx.labels.get(r.source_id, r.source_id) for r in money.itertuples()],
        t("common.quote", lang): money["quote_ko"].fillna(""),
        t("common.note", lang): money[f"note_{lang}"].fillna(""),
    })

    sections = [
        ProfileSection("gpus", t("org.sec.gpus", lang), gpu_table, t("org.sec.gpus.empty", lang)),
        ProfileSection("agreements", t("org.sec.agreements", lang), agreement_table,
                       t("org.sec.agreements.empty", lang)),
        ProfileSection("investments", t("org.sec.investments", lang), inv_table,
                       t("org.sec.investments.empty", lang),
                       notes=[t("org.investment.note", lang, title=titles[c], role=_role(r, org_id, lang),
                                with_=_with_whom(ctx, r, org_id), purpose=purposes[c],
                                sources=_cite(ctx, r.source_ids))
                              for c, r in zip(inv["commitment_id"], inv.itertuples())]),
        ProfileSection("memory", t("org.sec.memory", lang),
                       _commitment_rows(ctx, org_id, PROFILE_KINDS["memory"], status), t("org.sec.memory.empty", lang)),
        ProfileSection("programmes", t("org.sec.programmes", lang),
                       _commitment_rows(ctx, org_id, PROFILE_KINDS["programmes"], status),
                       t("org.sec.programmes.empty", lang)),
    ]
    source_ids = _unique([*o["source_ids"], *(s for ids in agreements["source_ids"] for s in ids),
                          *(s for ids in gpu["source_ids"] for s in ids), *money["source_id"]])
    return OrgProfile(org_id, name, facts, sections, tuple(sorted(source_ids)))


# --- power estimate -----------------------------------------------------------------------------------------

def _rounded(x: float) -> float:
    """An estimate built on rounded assumptions: whole numbers from 100 up, one decimal below, halves rounded up
    as a reader rounds by hand (Python's round() would turn 110.5 into 110)."""
    step = Decimal(1) if abs(x) >= 100 else Decimal("0.1")
    return float(Decimal(repr(float(x))).quantize(step, rounding=ROUND_HALF_UP))


def _mw(x: float, lang: str) -> str:
    return fmt.full(_rounded(x), lang)


def _gwh(x: float, lang: str) -> str:
    return fmt.full(_rounded(x), lang)


def mw_text(x: float, lang: str) -> str:
    return t("pw.unit.mw", lang, v=_mw(x, lang))


def gwh_text(x: float, lang: str) -> str:
    return t("pw.unit.gwh", lang, v=_gwh(x, lang))


def default_power_values(assumptions: pd.DataFrame) -> dict:
    return {**power.assumption_defaults(assumptions), "ramp": dict(power.DEFAULT_RAMP)}


def _assumption_text(values: Mapping, lang: str) -> str:
    return t("pw.assumptions_short", lang, kw=fmt.full(values["kw_per_gpu"], lang), pue=fmt.full(values["pue"], lang),
             util=fmt.signed_share(values["utilisation"], 1, lang))


def power_source_line(ctx: Context, source_ids, values: Mapping, *, with_ramp: bool = False) -> str:
    """Sources of the GPU counts plus the assumptions used, so an exported picture states its own basis."""
    assumptions = _assumption_text(values, ctx.lang)
    if with_ramp:
        assumptions += "; " + t("pw.ramp.short", ctx.lang, ramp=ramp_text(values["ramp"], ctx.lang))
    return t("pw.source_line", ctx.lang, sources=_cite(ctx, source_ids), assumptions=assumptions,
             version=ctx.version)


def _view_suffix(values: Mapping, assumptions: Optional[pd.DataFrame]) -> str:
    """'' for the defaults, else a short digest of the chosen assumptions.

    Downloads are cached by view id: an estimate under other assumptions must not reuse the defaults' picture.
    """
    try:
        defaults = default_power_values(assumptions if assumptions is not None else power.load_data_assumptions())
    except DataError:
        defaults = None
    chosen = power.assumption_params(values)
    if defaults is not None and chosen == power.assumption_params(defaults):
        return ""
    return "-" + hashlib.sha256(repr(sorted(chosen.items())).encode()).hexdigest()[:8]


# Estimates kept per context, one per set of assumptions: the page's KPI tiles and the method's worked example
# each asked for the same estimate on every rerun (≈ 3.6 ms each). Bounded, as a reader may try many values.
POWER_FRAMES_KEPT = 64


def power_frames(ctx: Context, values: Mapping) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The estimate per recipient (last row: total) and by year under the roll-out schedule. Callers must not change
    what they get back (it is shared, as views.per_context's tables are)."""
    kept = ctx.__dict__.setdefault("_power_frames", {})
    key = values_key(values)
    if key not in kept:
        if len(kept) >= POWER_FRAMES_KEPT:
            kept.pop(next(iter(kept)))
        kept[key] = _power_frames(ctx, values)
    return kept[key]


def _power_frames(ctx: Context, values: Mapping) -> tuple[pd.DataFrame, pd.DataFrame]:
    a = ctx.allocations
    factors = {"kw_per_gpu": float(values["kw_per_gpu"]), "pue": float(values["pue"]),
               "utilisation": float(values["utilisation"]),
               "hours_per_year": float(values.get("hours_per_year", power.HOURS_PER_YEAR))}
    est = power.estimate_power(a, total_label=t("pw.total", ctx.lang), **factors)
    by_year = power.power_by_year(a, values["ramp"], **factors)
    return est, by_year


def _total_qualifier(ctx: Context) -> str:
    return model.allocations_total(ctx.tables, ctx.allocations)[1]


def _estimate_gpu_texts(ctx: Context, est: pd.DataFrame) -> list[str]:
    """Each estimate row's GPU count as the articles qualify it ('최대 50,000개'): the estimate starts from these."""
    qualifier = dict(zip(ctx.allocations["commitment_id"], ctx.allocations["qualifier"]))
    return [fmt.figure(r.gpus, "gpu", _total_qualifier(ctx) if r.is_total else qualifier.get(r.commitment_id),
                       ctx.lang) for r in est.itertuples()]


def power_example(ctx: Context, values: Mapping) -> Optional[str]:
    """The method's worked example, from the largest recipient shown and the assumptions on screen."""
    if ctx.allocations.empty:
        return None
    est, _ = power_frames(ctx, values)
    row = est[~est["is_total"]].sort_values("gpus", ascending=False).iloc[0]
    hours = float(values.get("hours_per_year", power.HOURS_PER_YEAR))
    return t("pw.method.example", ctx.lang, who=row["recipient"], gpus=fmt.full(row["gpus"]),
             kw=fmt.full(values["kw_per_gpu"]), it=fmt.full(row["it_mw"]), pue=fmt.full(values["pue"]),
             meter=fmt.full(row["meter_mw"]), util=fmt.full(values["utilisation"]), avg=fmt.full(row["average_mw"]),
             hours=fmt.full(hours), gwh=fmt.full(row["gwh_per_year"]))


def power_views(ctx: Context, values: Optional[Mapping] = None,
                assumptions: Optional[pd.DataFrame] = None) -> list[View]:
    """The power ESTIMATE per recipient and by year; defaults from assumptions.csv unless values are given."""
    lang, a = ctx.lang, ctx.allocations
    if a.empty:
        return []
    if values is None:
        try:
            assumptions = assumptions if assumptions is not None else power.load_data_assumptions()
        except DataError:
            return []  # the page reports the broken file; exports simply leave the estimate out
        values = default_power_values(assumptions)
    est, by_year = power_frames(ctx, values)
    sources = views._all_sources(a)
    suffix = _view_suffix(values, assumptions)
    line = power_source_line(ctx, sources, values)
    year_line = power_source_line(ctx, sources, values, with_ramp=True)
    prefix = t("pw.estimate_prefix", lang)
    per = est[~est["is_total"]]
    total = est[est["is_total"]].iloc[0]
    stated = _estimate_gpu_texts(ctx, est)

    title = prefix + t("pw.recipient.title", lang, gpus=gpu_count(total["gpus"], lang, _total_qualifier(ctx)),
                       it=mw_text(total["it_mw"], lang), meter=mw_text(total["meter_mw"], lang),
                       gwh=gwh_text(total["gwh_per_year"], lang))
    chart = per.assign(recipient=[views._wrap_label(esc(r)) for r in per["recipient"]],
                       it_text=[_mw(x, lang) for x in per["it_mw"]],
                       meter_text=[_mw(x, lang) for x in per["meter_mw"]])
    alt = "; ".join(f"{r.recipient}: {t('pw.series.it', lang)} {mw_text(r.it_mw, lang)}, "
                    f"{t('pw.series.meter', lang)} {mw_text(r.meter_mw, lang)}" for r in per.itertuples())
    table = pd.DataFrame({
        t("common.recipient", lang): est["recipient"],
        t("common.gpus", lang): est["gpus"].astype(int),
        t("common.stated", lang): stated,
        t("pw.col.it", lang): [_mw(x, lang) for x in est["it_mw"]],
        t("pw.col.meter", lang): [_mw(x, lang) for x in est["meter_mw"]],
        t("pw.col.average", lang): [_mw(x, lang) for x in est["average_mw"]],
        t("pw.col.gwh", lang): [_gwh(x, lang) for x in est["gwh_per_year"]],
    })
    recipient_view = View(
        "pw-recipient" + suffix, "power", title,
        lazy(figures_tracking.make_power_figure, chart, lang=lang, title=title, source_line=line, alt=alt),
        table, alt, sources, line, title,
        talking_points=[title, t("pw.banner", lang), _assumption_text(values, lang)],
        chart_type="column",
        chart_data=pd.DataFrame({t("common.recipient", lang): per["recipient"].to_numpy(),
                                 t("pw.col.it", lang): per["it_mw"].round(1).to_numpy(),
                                 t("pw.col.meter", lang): per["meter_mw"].round(1).to_numpy()}),
    )

    last = by_year.iloc[-1]
    year_title = prefix + t("pw.year.title", lang, year=int(last["year"]),
                            share=fmt.signed_share(last["share"], 1, lang), meter=mw_text(last["meter_mw"], lang),
                            gwh=gwh_text(last["gwh_per_year"], lang))
    year_chart = by_year.assign(
        year_label=[t("pw.year.label", lang, year=int(y), share=fmt.signed_share(s, 1, lang),
                      gwh=gwh_text(g, lang))
                    for y, s, g in zip(by_year["year"], by_year["share"], by_year["gwh_per_year"])],
        it_text=[_mw(x, lang) for x in by_year["it_mw"]],
        meter_text=[_mw(x, lang) for x in by_year["meter_mw"]])
    year_alt = "; ".join(f"{int(r.year)} ({fmt.signed_share(r.share, 1, lang)}): {mw_text(r.meter_mw, lang)}, "
                         f"{gwh_text(r.gwh_per_year, lang)}" for r in by_year.itertuples())
    year_table = pd.DataFrame({
        t("pw.axis.year", lang): by_year["year"].astype(int),
        t("pw.col.share", lang): [fmt.signed_share(s, 1, lang) for s in by_year["share"]],
        t("common.gpus", lang): by_year["gpus"].round().astype(int),
        t("pw.col.it", lang): [_mw(x, lang) for x in by_year["it_mw"]],
        t("pw.col.meter", lang): [_mw(x, lang) for x in by_year["meter_mw"]],
        t("pw.col.gwh", lang): [_gwh(x, lang) for x in by_year["gwh_per_year"]],
    })
    year_view = View(
        "pw-year" + suffix, "power", year_title,
        lazy(figures_tracking.make_power_year_figure, year_chart, lang=lang, title=year_title,
             source_line=year_line, alt=year_alt),
        year_table, year_alt, sources, year_line, year_title,
        talking_points=[year_title, t("pw.year.note", lang), _assumption_text(values, lang)],
        chart_type="column",
        chart_data=pd.DataFrame({t("pw.axis.year", lang): [str(int(y)) for y in by_year["year"]],
                                 t("pw.col.it", lang): by_year["it_mw"].round(1).to_numpy(),
                                 t("pw.col.meter", lang): by_year["meter_mw"].round(1).to_numpy()}),
    )
    return [recipient_view, year_view]


def power_sourced_table(ctx: Context) -> pd.DataFrame:
    """The sourced GPU counts the estimate starts from: recipient, the figure as the articles state it, models."""
    lang, a = ctx.lang, ctx.allocations
    return pd.DataFrame({
        t("common.recipient", lang): a["recipient"],
        t("common.gpus", lang): [fmt.figure(r.gpus, "gpu", r.qualifier, lang) + (" ※" if r.disputed else "")
                                 for r in a.itertuples()],
        t("common.models", lang): a["models"].replace("", "—"),
        t("common.sources", lang): a["sources_text"],
    })


def power_kpis(ctx: Context, values: Mapping) -> list[Kpi]:
    """Totals of the estimate as metric tiles (all marked as estimates)."""
    lang = ctx.lang
    if ctx.allocations.empty:
        return []
    est, _ = power_frames(ctx, values)
    total = est[est["is_total"]].iloc[0]
    return [Kpi(t("pw.kpi.it", lang), mw_text(total["it_mw"], lang), t("pw.kpi.it.help", lang)),
            Kpi(t("pw.kpi.meter", lang), mw_text(total["meter_mw"], lang), t("pw.kpi.meter.help", lang)),
            Kpi(t("pw.kpi.average", lang), mw_text(total["average_mw"], lang), t("pw.kpi.average.help", lang)),
            Kpi(t("pw.kpi.gwh", lang), gwh_text(total["gwh_per_year"], lang), t("pw.kpi.gwh.help", lang))]


@dataclass
class Control:
    assumption_id: str
    param: str
    label: str
    min: float
    max: float
    step: float
    default: float
    unit: str
    default_text: str
    source: str
    note: str


def _unit(unit: str) -> str:
    # 'share' is a fraction of 1 (the slider shows 0.80): it needs no unit after the number.
    return "" if unit == "share" else unit


def power_controls(assumptions: pd.DataFrame, lang: str) -> list[Control]:
    """The assumptions a reader may change (min < max and a URL key), with their default and its source."""
    out = []
    for r in assumptions.itertuples():
        key = power.PARAM_KEYS.get(r.assumption_id)
        if key is None or not r.min < r.max:
            continue
        out.append(Control(
            r.assumption_id, key, getattr(r, f"label_{lang}"), float(r.min), float(r.max), float(r.step),
            float(r.value), r.unit,
            t("pw.default", lang, value=fmt.full(r.value, lang), unit=_unit(r.unit)).rstrip(),
            getattr(r, f"source_{lang}"), getattr(r, f"note_{lang}") or ""))
    return out


def fixed_assumptions(assumptions: pd.DataFrame, lang: str) -> list[tuple[str, str, str]]:
    """(label, value with unit, source) of assumptions that are not controls (e.g. hours per year)."""
    return [(getattr(r, f"label_{lang}"), f"{fmt.full(r.value, lang)} {_unit(r.unit)}".rstrip(),
             getattr(r, f"source_{lang}"))
            for r in assumptions.itertuples() if not (r.assumption_id in power.PARAM_KEYS and r.min < r.max)]


def ramp_text(ramp: Mapping[int, float], lang: str) -> str:
    """A schedule in words: '2026년 30.0%, 2027년 70.0%, …'."""
    return ", ".join(t("pw.ramp.item", lang, year=int(y), share=fmt.signed_share(s, 1, lang))
                     for y, s in sorted(ramp.items()))


def ramp_frame(ramp: Mapping[int, float], lang: str) -> pd.DataFrame:
    """The roll-out schedule as an editable table: year, cumulative percent installed by the end of that year."""
    return pd.DataFrame({t("pw.ramp.year", lang): pd.array([int(y) for y in ramp], dtype="Int64"),
                         t("pw.ramp.share", lang): [round(100 * float(s), 4) for s in ramp.values()]})


def ramp_from_frame(frame: pd.DataFrame, lang: str) -> dict[int, float]:
    """Read the edited schedule back; blank rows are skipped; power.RampError says what is wrong."""
    year_col, share_col = t("pw.ramp.year", lang), t("pw.ramp.share", lang)
    ramp: dict = {}
    for year, pct in zip(frame[year_col], frame[share_col]):
        if (year is None or pd.isna(year)) and (pct is None or pd.isna(pct)):
            continue
        if year is None or pd.isna(year) or pct is None or pd.isna(pct):
            raise power.RampError(t("pw.ramp.err.both", "ko"), t("pw.ramp.err.both", "en"))
        y = float(year)
        if not y.is_integer():
            raise power.RampError(t("pw.ramp.err.whole", "ko", year=fmt.full(y)),
                                  t("pw.ramp.err.whole", "en", year=fmt.full(y)))
        if int(y) in ramp:
            raise power.RampError(t("pw.ramp.err.twice", "ko", year=int(y)), t("pw.ramp.err.twice", "en", year=int(y)))
        ramp[int(y)] = float(pct) / 100
    return power.validate_ramp(ramp)


def values_key(values: Mapping) -> tuple:
    """A hashable key of the chosen assumptions (for caches)."""
    return tuple(sorted((k, v) for k, v in values.items() if k != "ramp")) + tuple(sorted(values["ramp"].items()))


TRACKING_PAGE_VIEWS = {
    "commitments": tracker_views,
    "organisations": network_views,
    "power": power_views,
}
views.PAGE_VIEWS.update(TRACKING_PAGE_VIEWS)
