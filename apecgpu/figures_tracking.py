"""Pure figure builders for the tracking pages: GPUs by stage, gap to target, partnership network, power estimate."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from . import fmt, model, palette
from .figures import CATEGORY_TICKS, LEGEND_BELOW_PX, _finish, esc, legend_below
from .i18n import t
from .schema import STAGES


def make_stage_figure(stages: pd.DataFrame, *, lang: str, title: str, source_line: str, alt: str) -> go.Figure:
    """Stacked columns per recipient, one segment per stage (light = announced … dark = operational).

    `stages` has one row per recipient and stage: recipient (escaped, may hold <br>), stage, stage_label, gpus.
    Every stage gets a trace, even one holding no GPUs, so the legend always shows the whole scale and an empty
    stage reads as 'none yet'.
    """
    order = list(dict.fromkeys(stages["recipient"]))
    fig = go.Figure()
    for stage in STAGES:
        # Two allocations to one holder (a second contract later) make one column holding both.
        at_stage = stages[stages["stage"] == stage]
        if "qualifier" not in at_stage:
            at_stage = at_stage.assign(qualifier="exactly")
        part = (at_stage.groupby("recipient", sort=False)
                .agg(gpus=("gpus", "sum"), stage_label=("stage_label", "first"),
                     qualifier=("qualifier", model.sum_qualifier)).reindex(order))
        gpus = part["gpus"].fillna(0.0)
        label = part["stage_label"].dropna().iloc[0] if part["stage_label"].notna().any() else stage
        colour = palette.stage_colour(stage)
        fig.add_bar(
            x=order, y=list(gpus), name=esc(label), marker_color=colour,
            text=[fmt.figure(v, None, q, lang, short=True) if v > 0 else ""
                  for v, q in zip(gpus, part["qualifier"])],
            textposition="inside",
            insidetextanchor="middle", textfont={"color": palette.text_colour_on(colour)},
            customdata=[[esc(label), fmt.full(v, lang)] for v in gpus],
            hovertemplate="<b>%{x}</b><br>%{customdata[0]}: %{customdata[1]}<extra></extra>",
        )
    top = float(stages.groupby("recipient")["gpus"].sum().max()) if not stages.empty else 1.0
    # A filter can leave one or two recipients: keep their columns from stretching across the whole chart.
    fig.update_layout(barmode="stack", legend_title_text=t("trk.axis.stage", lang),
                      legend={"traceorder": "normal"}, bargap=0.6 if len(order) <= 2 else 0.25)
    fig.update_yaxes(title_text=t("common.gpus", lang), tickformat=",", rangemode="tozero", range=[0, top * 1.15])
    fig.update_xaxes(**CATEGORY_TICKS)
    return _finish(fig, title=title, source_line=source_line, alt=alt, height=460, legend_above=True)


def make_gap_figure(bars: pd.DataFrame, *, lang: str, title: str, source_line: str, alt: str) -> go.Figure:
    """Target (as stated), delivered, operational and what remains (computed, hatched grey) as columns.

    `bars`: label, value, text, kind, where kind is 'stated', a stage id ('delivered', 'operational') or
    'computed'.
    """
    colours, patterns = [], []
    for kind in bars["kind"]:
        if kind == "computed":
            colours.append(palette.COMPUTED)
            patterns.append("/")
        elif kind == "stated":
            colours.append(palette.STATED)
            patterns.append("")
        else:
            colours.append(palette.stage_colour(kind))
            patterns.append("")
    fig = go.Figure(go.Bar(
        x=esc(bars["label"]), y=bars["value"], text=esc(bars["text"]), textposition="outside", cliponaxis=False,
        marker={"color": colours, "pattern": {"shape": patterns}},
        hovertemplate="<b>%{x}</b><br>%{text}<extra></extra>",
    ))
    fig.update_yaxes(title_text=t("common.gpus", lang), tickformat=",", rangemode="tozero",
                     range=[0, float(bars["value"].max() or 1) * 1.2])
    fig.update_xaxes(**CATEGORY_TICKS)
    return _finish(fig, title=title, source_line=source_line, alt=alt, height=420)


def make_network_figure(nodes: pd.DataFrame, edges: pd.DataFrame, *, lang: str, title: str, source_line: str,
                        alt: str) -> go.Figure:
    """Organisations as dots (colour = primary sector, size = number of partners), agreements as lines.

    `nodes`: org_id, label, hover (escaped HTML), x, y, size, primary_sector, sector_name (optional sector_rank
    orders the legend). `edges`: x0, y0, x1, y1, width.
    Each dot's customdata is its org_id, so a click can open that organisation's profile.
    """
    fig = go.Figure()
    # One line trace per width: a pair linked by several agreements is drawn thicker. Lines take no hover and
    # no clicks, so a click always lands on an organisation.
    for width, part in edges.groupby("width", sort=True):
        xs, ys = [], []
        for e in part.itertuples():
            xs += [e.x0, e.x1, None]
            ys += [e.y0, e.y1, None]
        fig.add_scatter(x=xs, y=ys, mode="lines", line={"color": palette.EDGE, "width": float(width)},
                        hoverinfo="skip", showlegend=False, name="")
    # Legend in the sector filter's order when the nodes say it (sector_rank), else by first appearance.
    ranked = nodes.sort_values("sector_rank", kind="stable") if "sector_rank" in nodes else nodes
    for sector_id, part in ranked.groupby("primary_sector", sort=False, dropna=False):
        colour = palette.sector_colour(sector_id)
        fig.add_scatter(
            x=part["x"], y=part["y"], mode="markers+text", name=esc(part["sector_name"].iloc[0] or "—"),
            text=esc(part["label"]), textposition="top center", textfont={"size": 11},
            marker={"size": part["size"], "color": colour, "line": {"color": "#FFFFFF", "width": 1.5}},
            customdata=part["org_id"], hovertext=part["hover"],
            hovertemplate="%{hovertext}<extra></extra>",
        )
    axis = {"visible": False, "showgrid": False, "zeroline": False, "fixedrange": True}
    fig.update_xaxes(**axis, range=[-1.3, 1.3])
    fig.update_yaxes(**axis, range=[-1.2, 1.25])
    # Legend under the graph: beside it, it narrowed the graph on a small screen until names ran into each other.
    fig.update_layout(legend=legend_below(t("common.sector", lang)),
                      hoverlabel={"align": "left"}, clickmode="event+select", dragmode=False)
    return _finish(fig, title=title, source_line=source_line, alt=alt, height=640 + LEGEND_BELOW_PX,
                   bottom=50 + LEGEND_BELOW_PX)


def _estimate_mark(fig: go.Figure, lang: str) -> None:
    """The 'estimate' stamp inside the plot area: it stays on the picture when the chart is exported alone."""
    fig.add_annotation(text=t("pw.figure_mark", lang), xref="paper", yref="paper", x=1, y=1.02, xanchor="right",
                       yanchor="bottom", showarrow=False, font={"size": 12, "color": palette.TEXT},
                       bgcolor=palette.ESTIMATE_BACKGROUND, bordercolor=palette.COMPUTED, borderwidth=1,
                       borderpad=3)
    fig.update_layout(plot_bgcolor=palette.ESTIMATE_BACKGROUND)


def _power_bars(fig: go.Figure, x, it_mw, meter_mw, it_text, meter_text, lang: str) -> None:
    series = (("it_mw", t("pw.series.it", lang), it_mw, it_text, "/"),
              ("meter_mw", t("pw.series.meter", lang), meter_mw, meter_text, "x"))
    for key, name, values, text, pattern in series:
        fig.add_bar(
            x=x, y=values, name=name, text=text, textposition="outside", cliponaxis=False,
            marker={"color": palette.ESTIMATE_COLOURS[key], "pattern": {"shape": pattern, "fgcolor": "#555555"},
                    "line": {"color": "#555555", "width": 1}},
            hovertemplate="<b>%{x}</b><br>" + name + ": %{text}<extra></extra>",
        )


def make_power_figure(estimate: pd.DataFrame, *, lang: str, title: str, source_line: str, alt: str) -> go.Figure:
    """ESTIMATE: MW of IT load and at the meter per recipient, grouped columns in the hatched grey family.

    `estimate`: recipient (escaped, may hold <br>), it_mw, meter_mw, it_text, meter_text (one row per recipient,
    no total row).
    """
    fig = go.Figure()
    _power_bars(fig, list(estimate["recipient"]), list(estimate["it_mw"]), list(estimate["meter_mw"]),
                list(estimate["it_text"]), list(estimate["meter_text"]), lang)
    top = float(estimate["meter_mw"].max() or 1) if not estimate.empty else 1.0
    fig.update_layout(barmode="group", legend=legend_below(t("pw.legend", lang)))
    fig.update_yaxes(title_text=t("pw.axis.mw", lang), tickformat=",", rangemode="tozero", range=[0, top * 1.2])
    fig.update_xaxes(**CATEGORY_TICKS)
    _estimate_mark(fig, lang)
    return _finish(fig, title=title, source_line=source_line, alt=alt, height=440 + LEGEND_BELOW_PX,
                   bottom=50 + LEGEND_BELOW_PX)


def make_power_year_figure(by_year: pd.DataFrame, *, lang: str, title: str, source_line: str,
                           alt: str) -> go.Figure:
    """ESTIMATE: power of the GPUs installed by the end of each year (year-end run rate), IT and at the meter.

    `by_year`: year_label, it_mw, meter_mw, it_text, meter_text.
    """
    fig = go.Figure()
    _power_bars(fig, list(by_year["year_label"]), list(by_year["it_mw"]), list(by_year["meter_mw"]),
                list(by_year["it_text"]), list(by_year["meter_text"]), lang)
    top = float(by_year["meter_mw"].max() or 1) if not by_year.empty else 1.0
    fig.update_layout(barmode="group", legend=legend_below(t("pw.legend", lang)))
    fig.update_yaxes(title_text=t("pw.axis.mw", lang), tickformat=",", rangemode="tozero", range=[0, top * 1.2])
    fig.update_xaxes(type="category", title_text=t("pw.axis.year", lang), **CATEGORY_TICKS)
    _estimate_mark(fig, lang)
    # Three lines under each year and the axis title: 80 px where level, so the plot is laid out once.
    return _finish(fig, title=title, source_line=source_line, alt=alt, height=440 + LEGEND_BELOW_PX,
                   bottom=80 + LEGEND_BELOW_PX)


def highlight_node(fig: go.Figure, org_id: str) -> go.Figure:
    """A copy of a network figure with a ring around one organisation (the profile being shown).

    The ring goes under the dots, so a click still lands on the organisation; an unknown id changes nothing.
    """
    lines = [tr for tr in fig.data if tr.mode == "lines"]
    dots = [tr for tr in fig.data if tr.mode != "lines"]
    ring = []
    for tr in dots:
        ids = list(tr.customdata) if tr.customdata is not None else []
        if org_id in ids:
            i = ids.index(org_id)
            size = tr.marker.size[i] if hasattr(tr.marker.size, "__len__") else tr.marker.size
            ring.append(go.Scatter(x=[tr.x[i]], y=[tr.y[i]], mode="markers", hoverinfo="skip", showlegend=False,
                                   name="", marker={"size": float(size) + 10, "color": "rgba(0,0,0,0)",
                                                    "line": {"color": palette.TEXT, "width": 2.5}}))
            break
    return go.Figure(data=[*lines, *ring, *dots], layout=fig.layout)
