"""Every view of the dashboard as data: title that says the point, figure, table, alt text, sources, talking points.

Pages render views; exports (images, spreadsheets, slides, offline report) consume the same objects, so a chart
and its export can never disagree.
"""
from __future__ import annotations

import functools
import threading
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Optional

import pandas as pd
import plotly.graph_objects as go

from . import figures, fmt, model
from .exports.meta import as_of_text
from .i18n import TEXT, josa, kind_label, t


@dataclass
class View:
    view_id: str
    page: str                 # url path of the page the view lives on
    title: str                # says the point, in the page's language
    figure: Optional[go.Figure]
    table: pd.DataFrame       # the data behind the chart, with display headers
    alt: str
    source_ids: tuple[str, ...]
    source_line: str
    takeaway: str
    talking_points: list[str] = field(default_factory=list)
    # For native PowerPoint charts: categories in the first column, one numeric column per series.
    chart_type: str = "none"  # bar_h | column | doughnut | waterfall | scatter | timeline | none
    chart_data: Optional[pd.DataFrame] = None
    repeats: Optional[str] = None  # the view_id whose chart this one shows again (the overview's is the split page's)


# `View.figure` may be given as a zero-argument function that makes the figure (`lazy(make_x_figure, ...)`): it is
# made on first use and kept. Building a figure is most of the cost of a view (Plotly validates every property), and
# the sidebar's briefing kit builds the views of every page for each new filter only to list their titles; with lazy
# figures only the figures somebody looks at, or exports, are ever made (bench/results.md).
_FIGURE_LOCK = threading.RLock()  # re-entrant: a lazy figure may reuse another view's (overview -> split)


def _get_figure(view: View) -> Optional[go.Figure]:
    figure = view.__dict__.get("_figure")
    if callable(figure):
        with _FIGURE_LOCK:  # views are shared by every session: make each figure once
            figure = view.__dict__["_figure"]
            if callable(figure):
                figure = figure()
                view.__dict__["_figure"] = figure
    return figure


def _set_figure(view: View, figure) -> None:
    view.__dict__["_figure"] = figure
    for derived in _FROM_FIGURE:
        view.__dict__.pop(derived, None)


View.figure = property(_get_figure, _set_figure, doc="The chart (a go.Figure) or None; made on first use if lazy.")


# What the page draws from a view's figure, made once per view (not on every rerun) and dropped with the figure.
_FROM_FIGURE = ("_page_figure", "_page_legend")


def _from_figure(view: View, name: str, make):
    made = view.__dict__.get(name)
    if made is None and view.figure is not None:
        with _FIGURE_LOCK:
            made = view.__dict__.get(name)
            if made is None:
                made = view.__dict__[name] = make(view.figure)
    return made


def page_figure(view: View) -> Optional[go.Figure]:
    """The view's chart as the page draws it (figures.for_page)."""
    return _from_figure(view, "_page_figure", figures.for_page)


def page_legend(view: View) -> list:
    """The entries of the legend the page draws under the view's chart (figures.legend_below_entries); [] if none."""
    return _from_figure(view, "_page_legend", figures.legend_below_entries) or []


def lazy(make, *args, **kwargs):
    """A figure to make later: `lazy(figures.make_x_figure, df, lang=...)` (arguments are taken now)."""
    return functools.partial(make, *args, **kwargs)


@dataclass
class Context:
    tables: dict
    version: str
    lang: str
    sectors: tuple[str, ...]

    def __post_init__(self):
        self.labels = model.source_labels(self.tables, self.lang, t("common.unknown_outlet", self.lang),
                                          t("common.unknown_date", self.lang))
        self.allocations = model.gpu_allocations(self.tables, self.sectors, self.lang)
        self.allocations["sources_text"] = [model.cite(s, self.labels) for s in self.allocations["source_ids"]]

    def source_line(self, source_ids: Iterable[str]) -> str:
        return t("common.source_line", self.lang, sources=model.cite(source_ids, self.labels), version=self.version)


def per_context(build):
    """Memoise a pure table of a context on the context itself. The app keeps one context per (data, language,
    filter) (ui.page_context), so a page's tables are computed once per filter instead of on every rerun; a fresh
    Context (exports, tests) computes afresh. Further arguments (an id) must be hashable and are part of the key.
    Callers must not change what they get back (none does: they display it or derive new frames)."""
    @functools.wraps(build)
    def memoised(ctx: Context, *args):
        memo = ctx.__dict__.setdefault("_memo", {})
        key = (build.__name__, *args)
        if key not in memo:
            memo[key] = build(ctx, *args)
        return memo[key]
    return memoised


def period_title(tables: dict, lang: str, key: str, **values) -> str:
    """Catalogue text whose {period} is the events' days (events.csv, all sectors): '일정·협약: 10월 30–31일'; its
    '.plain' form when there are no events. Dates in titles come from the data, never from the catalogue."""
    period = model.event_period(tables)
    if period is None and f"{key}.plain" in TEXT:
        return t(f"{key}.plain", lang, **values)
    return t(key, lang, period=fmt.day_span(*period, lang) if period else "—", **values)


def app_subtitle(tables: dict, lang: str) -> str:
    return period_title(tables, lang, "app.subtitle", n=len(tables["sources"]))


@per_context
def as_of(ctx: Context) -> str:
    return as_of_text(ctx.tables, ctx.lang)


@per_context
def widest_disagreement(ctx: Context) -> Optional[dict]:
    """model.widest_disagreement among the GPU figures, with the name of whose figure it is."""
    found = model.widest_disagreement(ctx.tables["claims"])
    return {**found, "subject": model.name_of(ctx.tables, found["org_id"], ctx.lang)} if found else None


def _days(ev: pd.DataFrame) -> tuple:
    return min(ev["date"]), max(ev["date"])


@per_context
def hollow_note(ctx: Context) -> Optional[str]:
    """What the timeline's hollow markers mean, naming the days they were placed on; None when none is hollow."""
    inferred = sorted(set(event_frame(ctx).query("date_stated == 'no'")["date"]))
    if not inferred:
        return None
    return t("tl.hollow", ctx.lang, days=", ".join(fmt.day_span(d, d, ctx.lang) for d in inferred))


def _all_sources(df: pd.DataFrame, column: str = "source_ids") -> tuple[str, ...]:
    return tuple(sorted({s for ids in df[column] for s in ids}))


def _wrap_label(text: str, width: int = 12) -> str:
    """Break a long axis label onto two lines at the space nearest its middle (keeps tick labels horizontal); width in
    display columns, so a Korean name (two columns a syllable) breaks as soon as an English one of the same width."""
    return figures.two_lines(text, width, measure=figures.columns)


def _qualified(value, qualifier, lang, short=True):
    return fmt.figure(value, "gpu", qualifier, lang, short=short)


@per_context
def allocation_table(ctx: Context) -> pd.DataFrame:
    lang, a = ctx.lang, ctx.allocations
    return pd.DataFrame({
        t("common.recipient", lang): a["recipient"],
        t("common.gpus", lang): a["gpus"].astype(int),
        t("common.qualifier", lang): [fmt.qualifier_name(q, lang) for q in a["qualifier"]],
        t("common.sector", lang): a["sector_name"],
        t("common.models", lang): a["models"],
        t("common.purpose", lang): a["purpose"],
        t("common.disputed", lang): ["※" if d else "" for d in a["disputed"]],
        t("common.sources", lang): a["sources_text"],
    })


def _share_table(table: pd.DataFrame, a: pd.DataFrame, total, lang: str) -> pd.DataFrame:
    """The allocation table with each share beside its count, without GPU models and purpose (the details table
    above has them; with them and the share, the table was wider than a 1024 px screen's page)."""
    shares = table.drop(columns=[t("common.models", lang), t("common.purpose", lang)])
    shares.insert(2, t("common.share", lang), [f"{g / total:.1%}" for g in a["gpus"]])
    return shares


def split_views(ctx: Context) -> list[View]:
    lang, a = ctx.lang, ctx.allocations
    if a.empty:
        return []
    top = a.iloc[0]
    total, total_qualifier = model.allocations_total(ctx.tables, a)
    total_text = _qualified(total, total_qualifier, lang)
    sources = _all_sources(a)
    table = allocation_table(ctx)
    top_n = _qualified(top.gpus, top.qualifier, lang)
    bar_title = (t("split.org.title.one", lang, top=top.recipient, top_n=top_n) if len(a) == 1 else
                 t("split.org.title", lang, top=top.recipient, top_ga=josa(top.recipient, "이/가"), top_n=top_n,
                   top_n_ro=josa(top_n, "으로/로"), total=total_text))
    alt_bar = "; ".join(f"{r.recipient} {fmt.figure(r.gpus, 'gpu', r.qualifier, lang)}" for r in a.itertuples())
    bar = View(
        "split-org", "gpu-split", bar_title,
        lazy(figures.make_split_bar_figure, a, lang=lang, title=bar_title, source_line=ctx.source_line(sources),
             alt=alt_bar),
        table, alt_bar, sources, ctx.source_line(sources), bar_title,
        talking_points=[alt_bar, t("common.disputed_mark", lang)],
        chart_type="bar_h",
        chart_data=pd.DataFrame({t("common.recipient", lang): a["recipient"], t("common.gpus", lang): a["gpus"]}),
    )
    share = top.gpus / total
    # Under a filter the shares are of the selected sectors' allocations, not of the deal's total.
    share_title = t("split.share.title.filtered" if ctx.sectors else "split.share.title", lang, top=top.recipient,
                    top_ga=josa(top.recipient, "이/가"), share=f"{share:.1%}")
    alt_share = "; ".join(f"{r.recipient} {r.gpus / total:.1%}" for r in a.itertuples())
    donut = View(
        "split-share", "gpu-split", share_title,
        lazy(figures.make_split_share_figure, a, lang=lang, title=share_title, source_line=ctx.source_line(sources),
             alt=alt_share, total_text=total_text),
        _share_table(table, a, total, lang),
        alt_share, sources, ctx.source_line(sources), share_title, talking_points=[alt_share],
        chart_type="doughnut",
        chart_data=pd.DataFrame({t("common.recipient", lang): a["recipient"], t("common.gpus", lang): a["gpus"]}),
    )
    by_sector = model.gpus_by_sector(a)
    s_top = by_sector.iloc[0]
    sector_title = t("split.sector.title", lang, top=s_top.sector_name, top_ga=josa(s_top.sector_name, "이/가"),
                     top_n=_qualified(s_top.gpus, s_top.qualifier, lang))
    sector_texts = [fmt.figure(r.gpus, None, r.qualifier, lang) for r in by_sector.itertuples()]
    alt_sector = "; ".join(f"{name} {text}" for name, text in zip(by_sector["sector_name"], sector_texts))
    sector_data = pd.DataFrame({t("common.sector", lang): by_sector["sector_name"],
                                t("common.gpus", lang): by_sector["gpus"].astype(int)})
    sector_table = sector_data.assign(**{t("common.stated", lang): sector_texts})
    sector = View(
        "split-sector", "gpu-split", sector_title,
        lazy(figures.make_sector_bar_figure, by_sector, lang=lang, title=sector_title,
             source_line=ctx.source_line(sources), alt=alt_sector),
        sector_table, alt_sector, sources, ctx.source_line(sources), sector_title, talking_points=[alt_sector],
        chart_type="column", chart_data=sector_data,
    )
    return [bar, donut, sector]


@per_context
def claims_matrix(ctx: Context) -> pd.DataFrame:
    """Recipient x article: each GPU figure with the qualifier that article used (blank where it is silent)."""
    lang = ctx.lang
    claims = ctx.tables["claims"]
    claims = claims[claims["topic"] == "gpu_allocation"]
    claims = claims[claims["commitment_id"].isin(ctx.allocations["commitment_id"])]
    names = dict(zip(ctx.allocations["commitment_id"], ctx.allocations["recipient"]))
    cells = (claims.assign(text=[fmt.figure(r.value, "gpu", r.qualifier, lang) for r in claims.itertuples()],
                           recipient=claims["commitment_id"].map(names),
                           source=claims["source_id"].map(ctx.labels))
             .groupby(["recipient", "source"])["text"].agg(" / ".join).unstack(fill_value=""))
    order = [n for n in ctx.allocations["recipient"] if n in cells.index]
    columns = [label for label in ctx.labels.values() if label in cells.columns]
    return cells.loc[order, columns].reset_index().rename(columns={"recipient": t("common.recipient", lang)})


def base_views(ctx: Context) -> list[View]:
    lang = ctx.lang
    base = model.installed_base(ctx.tables, ctx.allocations)
    before, after = base["before"], base["after_stated"]
    if before is None:
        return []
    sources = tuple(sorted(set(before["source_ids"]) | set(after["source_ids"] if after else ())
                           | set(_all_sources(ctx.allocations))))
    labels = [t("base.bar.before", lang), t("base.bar.after_stated", lang), t("base.bar.after_computed", lang)]
    values = [before["value"], after["value"] if after else None, base["after_computed"]]
    texts = [fmt.figure(before["value"], "gpu", before["qualifier"], lang, short=True),
             fmt.figure(after["value"], "gpu", after["qualifier"], lang, short=True) if after else "—",
             fmt.figure(base["after_computed"], "gpu", base["after_computed_qualifier"], lang, short=True)
             + f" ({t('common.computed', lang)})"]
    # Sums as their terms qualify them (model.sum_qualifier): '약 32만 5,000', not an exact-looking 32만 5,000.
    added_text = fmt.figure(base["added"], None, base["added_qualifier"], lang, short=True)
    computed_text = fmt.figure(base["after_computed"], None, base["after_computed_qualifier"], lang, short=True)
    bars = pd.DataFrame({"label": labels, "value": values, "text": texts, "computed": [False, False, True]})
    bars = bars[bars["value"].notna()]
    title = t("base.compare.title", lang, before=texts[0],
              after_stated=texts[1], after_computed=computed_text)
    alt = "; ".join(f"{l}: {x}" for l, x in zip(bars["label"], bars["text"]))
    table = pd.DataFrame({t("common.figure", lang): bars["label"], t("common.gpus", lang): bars["value"].astype(int),
                          t("common.stated", lang): bars["text"]})
    # The starting figure as the article qualifies it ("약 6만 5,000"): in the method, the waterfall's first step and
    # its title, as the comparison chart shows it.
    before_text = fmt.figure(before["value"], None, before["qualifier"], lang, short=True)
    method = t("base.method", lang, before=before_text, src=model.cite(before["source_ids"], ctx.labels),
               added=added_text, after=texts[1], after_wa=josa(f"'{texts[1]}'", "과/와"))
    compare = View("base-compare", "installed-base", title,
                   lazy(figures.make_base_compare_figure, bars, lang=lang, title=title,
                        source_line=ctx.source_line(sources), alt=alt),
                   table, alt, sources, ctx.source_line(sources), title, talking_points=[alt, method],
                   chart_type="column",
                   chart_data=pd.DataFrame({t("common.figure", lang): bars["label"], t("common.gpus", lang): bars["value"]}))
    a = ctx.allocations
    steps = pd.DataFrame({
        "label": [_wrap_label(figures.esc(r)) for r in
                  [t("base.waterfall.before", lang), *a["recipient"], t("base.waterfall.total", lang)]],
        "value": [before["value"]] + list(a["gpus"]) + [0],
        "measure": ["absolute"] + ["relative"] * len(a) + ["total"],
        # Each step as its article qualifies it ('+최대 5만', '+5만 이상'), as the split chart shows it.
        "text": [before_text] + ["+" + fmt.figure(g, None, q, lang, short=True) for g, q in zip(a["gpus"],
                                                                                                 a["qualifier"])]
                + [computed_text],
    })
    w_title = t("base.waterfall.title", lang, before=before_text,
                added=added_text, computed=computed_text)
    plain = pd.Series([t("base.waterfall.before", lang)] + list(a["recipient"]) + [t("base.waterfall.total", lang)])
    w_alt = "; ".join(f"{l} {x}" for l, x in zip(plain, steps["text"]))
    stated_text = t("base.stated_line", lang, v=texts[1]) if after else ""
    amounts = [before["value"]] + list(a["gpus"]) + [base["after_computed"]]
    w_table = pd.DataFrame({t("common.figure", lang): plain, t("common.gpus", lang): [int(v) for v in amounts],
                            t("common.stated", lang): steps["text"]})
    waterfall = View("base-waterfall", "installed-base", w_title,
                     lazy(figures.make_base_waterfall_figure, steps, lang=lang, title=w_title,
                          source_line=ctx.source_line(sources), alt=w_alt,
                          stated_after=after["value"] if after else None, stated_text=stated_text),
                     w_table, w_alt, sources, ctx.source_line(sources), w_title, talking_points=[w_alt, method],
                     chart_type="waterfall",
                     chart_data=pd.DataFrame({t("common.figure", lang): plain,
                                              t("common.gpus", lang): steps["value"]}))
    return [compare, waterfall]


@per_context
def event_frame(ctx: Context) -> pd.DataFrame:
    """Events with display text for the timeline chart and table."""
    lang = ctx.lang
    ev = model.events(ctx.tables, ctx.sectors)
    sectors = ctx.tables["sectors"].set_index("sector_id")[f"name_{lang}"]
    pod = {"am": t("common.am", lang), "pm": t("common.pm", lang)}

    def when(r):
        text = fmt.day(r.date, lang)  # in labels and talking points too, where an ISO date broke after a hyphen
        if isinstance(r.time_kst, str) and r.time_kst:
            text += f" {r.time_kst}"
        elif r.part_of_day in pod:
            text += f" {pod[r.part_of_day]}"
        if r.date_stated == "no":
            text += f" ({t('common.date_inferred', lang)})"
        return text

    return ev.assign(
        title=ev[f"title_{lang}"], summary=ev[f"summary_{lang}"],
        kind_label=[kind_label(k, lang) for k in ev["kind"]],
        lead_sector=[ids[0] for ids in ev["sector_ids"]],
        lead_sector_name=[sectors.get(ids[0], ids[0]) for ids in ev["sector_ids"]],
        parties_text=[", ".join(model.name_of(ctx.tables, p, lang) for p in ids) for ids in ev["party_ids"]],
        sectors_text=[", ".join(sectors.get(s, s) for s in ids) for ids in ev["sector_ids"]],
        sources_text=[model.cite(ids, ctx.labels) for ids in ev["source_ids"]],
        when_text=[when(r) for r in ev.itertuples()],
    )


def event_table(ev: pd.DataFrame, lang: str) -> pd.DataFrame:
    return pd.DataFrame({
        t("common.date", lang): ev["when_text"], t("common.kind", lang): ev["kind_label"],
        t("common.title", lang): ev["title"], t("common.summary", lang): ev["summary"],
        t("common.parties", lang): ev["parties_text"], t("common.sector", lang): ev["sectors_text"],
        t("common.sources", lang): ev["sources_text"],
    })


def timeline_views(ctx: Context) -> list[View]:
    lang = ctx.lang
    ev = event_frame(ctx)
    if ev.empty:
        return []
    sources = _all_sources(ev)
    (top_day, top), = Counter(ev["date"]).most_common(1)
    title = t("tl.chart.title.one_day" if top == len(ev) else "tl.chart.title", lang, n=len(ev), top=top,
              day=fmt.day_span(top_day, top_day, lang))
    alt = "; ".join(f"{r.when_text} {r.title}" for r in ev.itertuples())
    fig = lazy(figures.make_timeline_figure, ev, lang=lang, title=title, source_line=ctx.source_line(sources),
               alt=alt)
    agreements = ev[ev["kind"].isin(["mou", "agreement"])]
    points = [f"{r.when_text}: {r.title}" for r in agreements.itertuples()][:3]
    return [View("timeline", "timeline", title, fig, event_table(ev, lang), alt, sources, ctx.source_line(sources),
                 title, talking_points=points or [alt], chart_type="timeline")]


def claims_frame(ctx: Context) -> pd.DataFrame:
    """Every version of every GPU figure, with a display name per figure."""
    lang = ctx.lang
    claims = ctx.tables["claims"]
    claims = claims[claims["unit"] == "gpu"]
    cons = model.claim_consensus(claims)
    cons = cons.assign(commitment_id=cons["commitment_id"].fillna(""))
    topics = ctx.tables["topics"].set_index("topic_id")[f"label_{lang}"]
    rows = []
    for c in cons.itertuples():
        subject = (model.name_of(ctx.tables, ctx.tables["commitments"].set_index("commitment_id").at[c.commitment_id,
                   "holder_id"], lang) if c.commitment_id else None)
        name = f"{topics.get(c.topic, c.topic)}" + (f" · {subject}" if subject else "")
        for claim_id in c.claim_ids:
            r = claims[claims["claim_id"] == claim_id].iloc[0]
            rows.append({"figure": name, "value": r["value"], "qualifier": r["qualifier"],
                         "source_label": ctx.labels.get(r["source_id"], r["source_id"]), "source_id": r["source_id"],
                         "quote_ko": r["quote_ko"], "differs_value": bool(c.differs_value)})
    return pd.DataFrame(rows, columns=["figure", "value", "qualifier", "source_label", "source_id", "quote_ko",
                                       "differs_value"])


def sources_views(ctx: Context) -> list[View]:
    lang = ctx.lang
    claims = claims_frame(ctx)
    if claims.empty:
        return []
    sources = tuple(sorted(set(claims["source_id"])))
    example = widest_disagreement(ctx)
    title = (t("src.claims.title", lang, subject=example["subject"], low=fmt.full(example["low"]),
               high=fmt.full(example["high"])) if example else t("src.claims.title.plain", lang))
    alt = "; ".join(f"{r.figure}: {r.source_label} {fmt.figure(r.value, 'gpu', r.qualifier, lang)}"
                    for r in claims.itertuples())
    table = pd.DataFrame({t("common.figure", lang): claims["figure"], t("common.sources", lang): claims["source_label"],
                          t("common.value", lang): claims["value"].astype(int),
                          t("common.qualifier", lang): [fmt.qualifier_name(q, lang) for q in claims["qualifier"]],
                          t("common.quote", lang): claims["quote_ko"]})
    fig = lazy(figures.make_claims_figure, claims, lang=lang, title=title, source_line=ctx.source_line(sources),
               alt=alt)
    return [View("claims-by-source", "sources", title, fig, table, alt, sources, ctx.source_line(sources), title,
                 talking_points=[t("src.disagreements.caption", lang)], chart_type="scatter")]


@per_context
def disagreement_table(ctx: Context) -> pd.DataFrame:
    lang = ctx.lang
    d = model.disagreements(ctx.tables, lang)
    kinds = [", ".join(t(f"src.differs.{k}", lang) for k, on in
                       (("value", r.differs_value), ("qualifier", r.differs_qualifier), ("parties", r.differs_parties))
                       if on) for r in d.itertuples()]
    stated = [fmt.figure(r.value, r.unit, r.qualifier, lang) if pd.notna(r.value) else
              ", ".join(model.name_of(ctx.tables, p, lang) for p in r.party_ids) for r in d.itertuples()]
    return pd.DataFrame({t("common.figure", lang): d["figure"], t("src.col.differs", lang): kinds,
                         t("common.sources", lang): d["source_id"].map(ctx.labels), t("common.stated", lang): stated,
                         t("common.quote", lang): d["quote_ko"], t("common.note", lang): d["note"].fillna("")})


@per_context
def disagreement_summary(ctx: Context) -> pd.DataFrame:
    """One row per disputed figure: the headline shown on the pages, every version, and what differs."""
    lang = ctx.lang
    d = model.disagreements(ctx.tables, lang)
    rows = []
    for figure, part in d.groupby("figure", sort=False):
        first = part.iloc[0]
        versions = []
        for r in part.itertuples():
            parties = ", ".join(model.name_of(ctx.tables, p, lang) for p in r.party_ids)
            stated = fmt.figure(r.value, r.unit, r.qualifier, lang) if pd.notna(r.value) else parties
            if pd.notna(r.value) and parties and first["differs_parties"]:
                stated += f" ({parties})"
            versions.append(f"{stated} [{r.source_id}]")
        kinds = [t(f"src.differs.{k}", lang) for k in ("value", "qualifier", "parties") if first[f"differs_{k}"]]
        headline = (fmt.figure(first["headline_value"], first["unit"], first["headline_qualifier"], lang)
                    if pd.notna(first["headline_value"]) else "—")
        rows.append({t("common.figure", lang): figure, t("common.headline", lang): headline,
                     t("src.col.differs", lang): ", ".join(kinds), t("src.col.versions", lang): " / ".join(versions)})
    return pd.DataFrame(rows, columns=[t("common.figure", lang), t("common.headline", lang),
                                       t("src.col.differs", lang), t("src.col.versions", lang)])


@per_context
def source_table(ctx: Context) -> pd.DataFrame:
    lang = ctx.lang
    s = ctx.tables["sources"]

    def ts(v):
        return f"{fmt.day(v.date(), lang)} {v:%H:%M}" if v is not None and not pd.isna(v) else t("common.unknown_date", lang)

    return pd.DataFrame({
        t("src.col.id", lang): s["source_id"],
        t("src.col.outlet", lang): [getattr(r, f"outlet_{lang}") or t("common.unknown_outlet", lang) for r in s.itertuples()],
        t("src.col.byline", lang): [getattr(r, f"byline_{lang}") or "—" for r in s.itertuples()],
        t("src.col.headline", lang): [getattr(r, f"headline_{lang}") or "—" for r in s.itertuples()],
        t("src.col.published", lang): [ts(v) for v in s["published_kst"]],
        t("src.col.updated", lang): [ts(v) if v is not None and not pd.isna(v) else "—" for v in s["updated_kst"]],
        t("common.note", lang): [getattr(r, f"note_{lang}") or "" for r in s.itertuples()],
        t("src.col.file", lang): s["seed_file"],
    })


@per_context
def overview(ctx: Context) -> dict:
    """Headline figures and takeaways for the Overview page, all computed from the data."""
    lang, a = ctx.lang, ctx.allocations
    claims = ctx.tables["claims"]
    total = model.headline(claims, "gpu_total")
    base = model.installed_base(ctx.tables, a)
    investment = model.largest_investment(ctx.tables)
    if investment:
        titles = ctx.tables["commitments"].set_index("commitment_id")[f"title_{lang}"]
        investment["title"] = titles[investment["commitment_id"]]
    ev = event_frame(ctx)
    disputes = model.claim_consensus(claims)
    n_disputed = int(disputes["disputed"].sum())
    example = widest_disagreement(ctx)
    takeaways = []
    if not a.empty:
        top = a.iloc[0]
        groups = []
        # Grouped by figure and qualifier: "각 5만 개" for 최대 5만 and 5만 이상 alike hid both qualifiers.
        for (gpus, qualifier), part in a.iloc[1:].groupby(["gpus", "qualifier"], sort=False, dropna=False):
            each, names = _qualified(gpus, qualifier, lang), list(part["recipient"])
            groups.append(t("ov.take.split.one", lang, name=names[0], each=each) if len(names) == 1 else
                          t("ov.take.split.group", lang, each=each, names=t(
                              "common.name_list", lang, head=("·" if lang == "ko" else ", ").join(names[:-1]),
                              last=names[-1])))
        rest = ", ".join(groups) if groups else "—"
        top_n = _qualified(top.gpus, top.qualifier, lang)
        takeaways.append(t("ov.take.split.only", lang, top=top.recipient, top_n=top_n) if len(a) == 1 else
                         t("ov.take.split", lang, top=top.recipient, top_ga=josa(top.recipient, "이/가"),
                           top_n=top_n, top_n_ro=josa(top_n, "으로/로"), rest=rest))
    if base["before"] and base["after_stated"]:
        computed = fmt.figure(base["after_computed"], "gpu", base["after_computed_qualifier"], lang, short=True)
        key = "ov.take.base.none" if a.empty else "ov.take.base.filtered" if ctx.sectors else "ov.take.base"
        takeaways.append(t(key, lang, computed=computed, computed_ga=josa(computed, "이/가"),
                           before=fmt.figure(base["before"]["value"], "gpu", base["before"]["qualifier"], lang,
                                             short=True),
                           after=fmt.figure(base["after_stated"]["value"], "gpu", base["after_stated"]["qualifier"],
                                            lang, short=True)))
    if n_disputed and example:
        takeaways.append(t("ov.take.disputes", lang, n=n_disputed, subject=example["subject"],
                           low=fmt.full(example["low"]), low_n=len(example["low_sources"]),
                           high=fmt.full(example["high"]), high_n=len(example["high_sources"])))
    elif n_disputed:
        takeaways.append(t("ov.take.disputes.plain", lang, n=n_disputed))
    if not ev.empty:
        agreements = int(ev["kind"].isin(["mou", "agreement"]).sum())
        # "그중 MoU·협약이 0건" read as a typo; none is said in words.
        takeaways.append(t("ov.take.events" if agreements else "ov.take.events.none", lang, n=len(ev),
                           period=fmt.day_span(*_days(ev), lang), agreements=agreements))
    selected, selected_qualifier = model.allocations_total(ctx.tables, a)
    return {"total": total, "allocations": a, "base": base, "investment": investment, "events": ev,
            "n_disputed": n_disputed, "takeaways": takeaways,
            # Tile and title texts with the qualifiers the data gives (the filtered tile read "5만 개" for the
            # government's "최대 5만 개", the delta "6만 5,000" for "약 6만 5,000").
            "title_total": (fmt.figure(total["value"], "gpu", total["qualifier"], lang, short=True) if total else
                            _qualified(*model.allocations_total(ctx.tables, model.gpu_allocations(ctx.tables)),
                                       lang)),
            "selected_text": _qualified(selected, selected_qualifier, lang),
            "before_text": (fmt.figure(base["before"]["value"], None, base["before"]["qualifier"], lang, short=True)
                            if base["before"] else None)}


def overview_views(ctx: Context) -> list[View]:
    split = split_views(ctx)
    if not split:
        return []
    bar = split[0]
    info = overview(ctx)
    return [View("overview-split", "overview", bar.title, lambda: bar.figure, bar.table, bar.alt, bar.source_ids,
                 bar.source_line, bar.title, talking_points=info["takeaways"], chart_type=bar.chart_type,
                 chart_data=bar.chart_data, repeats=bar.view_id)]


DEFAULT_PAGE = "overview"


def page_url(page: str) -> str:
    """URL path of a page: the default page is served at the app's root, so its path is empty."""
    return "" if page == DEFAULT_PAGE else page


PAGE_VIEWS = {
    "overview": overview_views,
    "gpu-split": split_views,
    "installed-base": base_views,
    "timeline": timeline_views,
    "sources": sources_views,
}


def build_views(tables: dict, version: str, lang: str, sectors: Iterable[str] = (),
                pages: Optional[Iterable[str]] = None, *, ctx: Optional[Context] = None) -> list[View]:
    """All views of the chosen pages (default: every page), in page order. `ctx`: a Context for the same tables,
    version, language and sectors to reuse (the app passes its cached one, so allocations and labels are computed
    once per filter, not once per page)."""
    ctx = ctx or Context(tables, version, lang, tuple(sectors))
    out: list[View] = []
    for page, builder in PAGE_VIEWS.items():
        if pages is None or page in pages:
            out.extend(builder(ctx))
    return out


# Tracking pages (commitments, organisations, power): views_tracking imports this module and adds its builders to
# PAGE_VIEWS when it loads; importing it here makes sure it has loaded whichever module is imported first.
from . import views_tracking  # noqa: E402,F401
