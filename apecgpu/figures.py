"""Pure figure builders: DataFrame -> go.Figure (no Streamlit, no I/O). Titles and source lines are passed in."""
from __future__ import annotations

import datetime as dt
import math
import unicodedata
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from . import fmt, palette
from .i18n import t

# An explicit template: `import streamlit` swaps Plotly's default for one whose colours only a browser resolves,
# which would break server-side image export.
def _slim_template(name: str = "plotly_white") -> go.layout.Template:
    """The parts of a Plotly template these charts use: the browser processes the whole template on every redraw,
    and plotly_white's defaults for 3D scenes, maps, polar axes and ~40 trace types cost time and carry nothing here."""
    base = pio.templates[name]
    layout = {k: base.layout[k] for k in ("autotypenumbers", "colorway", "font", "hovermode", "hoverlabel",
                                          "paper_bgcolor", "plot_bgcolor", "xaxis", "yaxis", "title",
                                          "annotationdefaults", "shapedefaults")}
    return go.layout.Template(layout=layout, data={k: base.data[k] for k in ("bar", "pie", "scatter", "waterfall")})


TEMPLATE = _slim_template()


def esc(values):
    """Data text for Plotly, which renders a subset of HTML in labels and hovers: shown as typed, never as markup."""
    def one(v):
        return str(v).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if isinstance(values, (pd.Series, list, tuple)):
        return [one(v) for v in values]
    return one(values)


def _wide(ch: str) -> bool:
    """A Hangul syllable or other full-width character."""
    return unicodedata.east_asian_width(ch) in "WF"


def columns(text: str) -> int:
    """Display width in columns: a Hangul or other wide character takes two, like two Latin letters."""
    return sum(2 if _wide(ch) else 1 for ch in text)


# What a chart's title and source lines may take, in display columns, so they stay inside the chart on a 1024 px
# screen with the sidebar open (about 640 px for a chart in a bordered block): the 17 px title takes about 8 px a
# column, the 11 px source line about 6.6. An English title ran 7 – 111 px past the chart's right edge there.
TITLE_COLUMNS = 74
SOURCE_COLUMNS = 90
TITLE_PX_PER_COLUMN = 8  # at 17 px type
TITLE_LINE_PX = 22


def wrap(text: str, width: int = SOURCE_COLUMNS, seps: tuple[str, ...] = ("; ", " · ")) -> list[str]:
    """Break a long citation into lines at separators so it stays inside the chart: between citations ('; '), and
    a piece still too wide also between its parts (' · ': the power estimate's assumptions ran past the chart).
    `width` is in display columns (Korean counts double: counted as letters, a Korean source line ran off a chart
    on a 1024 px screen)."""
    def pieces(part: str, seps: tuple[str, ...], joiner: str) -> list[tuple[str, str]]:
        # (separator before the piece, piece); a piece wider than `width` is split at the next finer separator.
        sep, finer = seps[0], seps[1:]
        out = []
        for k, sub in enumerate(part.split(sep)):
            before = joiner if k == 0 else sep
            out += pieces(sub, finer, before) if finer and columns(sub) > width else [(before, sub)]
        return out

    lines, line = [], ""
    for joiner, piece in pieces(text, seps, ""):
        candidate = f"{line}{joiner}{piece}" if line else piece
        if line and columns(candidate) > width:
            lines.append(line + joiner.rstrip())
            line = piece
        else:
            line = candidate
    return lines + [line]


# A legend in one row above the plot, under the source line: beside the plot it takes a quarter of the width, which
# on a small screen pushes bar labels and category names into each other. Placed against the plot's width (paper):
# against the whole figure's, a legend of very long names (hostile data) took so many rows that no room was left
# for the plot and the picture could not be drawn.
LEGEND_ABOVE = {"orientation": "h", "x": 0, "xanchor": "left", "y": 1.0, "yanchor": "bottom"}
LEGEND_ROW_PX = 30
# A legend under the plot, below the x axis's title, with room for its title and two rows of entries (the
# timeline's ten sectors, the claims chart's qualifiers, the network's sectors): beside the plot it took the width a
# small screen needs for the data. The title has a row of its own, since the entries wrap to the plot's width
# (side "top": "top left" also indents the entries by the title's width, which Plotly leaves out when it wraps
# them, so the last column ran past the chart's edge).
LEGEND_BELOW = {"orientation": "h", "x": 0.01, "xref": "container", "xanchor": "left", "y": 0, "yref": "container",
                "yanchor": "bottom", "title_side": "top"}
LEGEND_BELOW_PX = 90


def legend_below(title: str) -> dict:
    return {**LEGEND_BELOW, "title_text": title}
# A trace that only adds an entry to the legend (it draws no point).
LEGEND_ONLY = {"x": [None], "y": [None], "mode": "markers", "hoverinfo": "skip"}


# Category and day labels stay level where they fit; on a narrow screen Plotly stands them upright instead of drawing
# them over each other (a 30° tilt, its default choice, still crowds labels wrapped onto two lines).
CATEGORY_TICKS = {"autotickangles": [0, 90]}


def title_lines(text: str, width: int = TITLE_COLUMNS) -> str:
    """A chart title wider than `width` display columns broken once: after a colon or comma, or before '=' or
    '+', if that leaves both lines within `width`, else at the space nearest the middle; never inside an English
    day ('31 Oct 2025')."""
    if columns(text) <= width:
        return text
    inside_days = {i for m in fmt.DAY_RUN_EN.finditer(text) for i in range(m.start(), m.end())}
    spaces = [i for i, ch in enumerate(text) if ch == " " and i not in inside_days]
    if not spaces:
        return text
    half = columns(text) / 2

    def fits(i):
        return columns(text[:i]) <= width and columns(text[i + 1:]) <= width

    marked = [i for i in spaces if text[i - 1] in ":,;" or text[i + 1:i + 2] in ("=", "+")]
    pool = [i for i in marked if fits(i)] or [i for i in spaces if fits(i)] or spaces
    cut = min(pool, key=lambda i: abs(columns(text[:i]) - half))
    return text[:cut] + "<br>" + text[cut + 1:]


# Plotly sizes a chart's margins to its labels (automargin) by laying the chart out, measuring the labels and laying
# it out again when they need more room than the figure gives. Where the labels change with the filter (the split
# chart's recipients), that second layout came with every filter change: the chart redrew in about twice the bare
# chart's time (bench/bench_charts.py). A margin estimated, generously, from the labels makes one layout enough;
# automargin stays on for a font wider than the estimate. Widths in em of the chart's type: a Korean syllable takes
# a whole em in Noto Sans CJK (and less in Malgun Gothic); 0.62 em covers Latin text and digits.
WIDE_EM, NARROW_EM = 1.0, 0.62
TICK_GAP_PX = 12
MAX_LABEL_MARGIN_PX = 260  # beyond this (a very long name) automargin decides, keeping the plot its room


def text_em(line: str, narrow_em: float = NARROW_EM) -> float:
    """A line's estimated width in em of its type: WIDE_EM for a Korean or other wide character, `narrow_em` else."""
    return sum(WIDE_EM if _wide(ch) else narrow_em for ch in line)


def label_margin(labels, font_px: float = 13) -> int:
    """Pixels a column of axis labels takes beside the plot (the widest line of any label), at most
    MAX_LABEL_MARGIN_PX."""
    widest = max((text_em(line) for label in labels for line in str(label).split("<br>")), default=0)
    return min(MAX_LABEL_MARGIN_PX, math.ceil(widest * font_px) + TICK_GAP_PX)


def _finish(fig: go.Figure, *, title: str, source_line: str, alt: str, height: int = 420,
            bottom: int = 50, legend_above: bool = False, left: int = 10, right: int = 20) -> go.Figure:
    """Title (in two lines when long), wrapped source line, template and margins; `legend_above` puts the legend in
    a row over the plot."""
    lines = wrap(source_line)
    shown_title = title_lines(esc(title))
    extra = TITLE_LINE_PX if "<br>" in shown_title else 0
    top = 70 + extra + 16 * len(lines) + (LEGEND_ROW_PX if legend_above else 0)
    if legend_above:
        fig.update_layout(legend=LEGEND_ABOVE)
    fig.update_layout(
        template=TEMPLATE,
        # Title and source line are placed against the whole image (container), not the plot area, so long
        # axis labels can never push the citation off the picture.
        title={"text": shown_title, "x": 0.01, "xref": "container", "xanchor": "left", "y": 0.99, "yref": "container",
               # Plotly lifts a title of two lines by a line above its top anchor: the pad brings the first back.
               "yanchor": "top", "font": {"size": 17}, "pad": {"t": extra},
               "subtitle": {"text": "<br>".join(esc(lines)), "font": {"size": 11, "color": "#555555"}}},
        font={"family": palette.FONT_FAMILY, "color": palette.TEXT, "size": 13},
        height=height + extra + 16 * len(lines),
        margin={"l": left, "r": right, "t": top, "b": bottom},
        meta={"alt": alt, "source_line": source_line, "title": title},
        separators=".,",
    )
    return fig


# --- the page's copy of a figure ---------------------------------------------------------------------------------
# On the page, a chart's title, source line and a legend under the plot are drawn as HTML around the picture
# (ui.show_view), where they wrap at the page's width: Plotly never wraps a title (it ran past the chart's edge in a
# window half a 1600 px screen wide) and wraps a horizontal legend at the plot area's width, not the chart's, so the
# timeline's names left its ten sectors one a row, pushing the plot's bottom up until its rows ran into each other.
# Exports (images, slides, the report) keep them in the picture, where the frame's width is known.
PAGE_TOP_PX = 24  # above the plot: room for the modebar
PAGE_TOP_WITH_STAMP_PX = 34  # and for a stamp over the plot (the power estimate's), whose frame 24 px cut
PAGE_TOP_WITH_LEGEND_PX = 20 + LEGEND_ROW_PX
# What a legend under the plot leaves the x axis's title when it goes: a little more than the 50 px it had, which
# Plotly's automargin topped up by 4 – 5 px (a second layout in every draw).
PAGE_LEGEND_BELOW_FREED_PX = LEGEND_BELOW_PX - 10


@dataclass(frozen=True)
class LegendEntry:
    name: str     # as Plotly shows it (escaped: figures.esc)
    colour: str
    symbol: str   # a Plotly marker symbol: circle, circle-open, square, diamond, triangle-left, triangle-right(-open)
    pattern: str = ""  # a bar's fill pattern (marker.pattern.shape: "/", "x", ...); "" for a plain fill or a point


def legend_below_entries(fig: go.Figure) -> list[LegendEntry]:
    """The entries of a legend placed under the plot (legend_below), in order; [] for any other legend."""
    if fig.layout.legend.yref != LEGEND_BELOW["yref"] or fig.layout.showlegend is False:
        return []
    out = []
    for trace in fig.data:
        if trace.showlegend is False or not trace.name:
            continue
        colour = trace.marker.color
        colour = colour if isinstance(colour, str) else (list(colour)[0] if colour is not None else palette.FALLBACK)
        if trace.type == "bar":  # a bar has a fill pattern where a point has a symbol
            pattern = trace.marker.pattern.shape
            pattern = pattern if isinstance(pattern, str) else (list(pattern)[0] if pattern is not None else "")
            # A hatched square's strokes are the hatching: in its colour (the light grey fill's faded in print).
            lines = trace.marker.pattern.fgcolor if pattern else None
            out.append(LegendEntry(trace.name, lines if isinstance(lines, str) else colour, "square", pattern))
            continue
        symbol = trace.marker.symbol
        symbol = symbol if isinstance(symbol, str) else (list(symbol)[0] if symbol is not None else "circle")
        out.append(LegendEntry(trace.name, colour, symbol))
    return out


def for_page(fig: go.Figure) -> go.Figure:
    """A copy of a chart as the page draws it: without its title and source line, and without a legend under the
    plot (the page draws those as HTML); the plot keeps the height it had."""
    layout = fig.layout
    legend_above = layout.legend.orientation == "h" and layout.legend.yref != LEGEND_BELOW["yref"]
    stamped = any(note.yref == "paper" and (note.y or 0) > 1 for note in layout.annotations)
    top = PAGE_TOP_WITH_LEGEND_PX if legend_above else PAGE_TOP_WITH_STAMP_PX if stamped else PAGE_TOP_PX
    bottom = layout.margin.b
    page = go.Figure(fig)
    if legend_below_entries(fig):
        bottom -= PAGE_LEGEND_BELOW_FREED_PX
        page.update_layout(showlegend=False)
    page.update_layout(title={"text": "", "subtitle": {"text": ""}, "pad": {"t": 0}},
                       height=layout.height - (layout.margin.t - top) - (layout.margin.b - bottom),
                       margin={"t": top, "b": bottom})
    return page


SPLIT_RIGHT_PX = 36
RECIPIENT_NAME_COLUMNS = 14
# The plot width a bar chart's labels must fit at: a window half a 1600 px screen wide, the sidebar open, leaves the
# split chart's plot about 250 px beside the recipients' names, and a phone (412 px) about 227 px beside the names
# in two lines.
NARROW_PLOT_PX = 220


# A bar label's width in em of its type: Latin letters and digits measure 0.47 em in Noto Sans at 13 px ("at least
# 50,000 GPUs ※": 140 px). label_margin's 0.62 is generous because a margin too small costs a second layout; here it
# would cost the wide screen a third of its bars' length.
BAR_LABEL_NARROW_EM = 0.5


def bar_label_headroom(values, labels, *, right: int, font_px: float = 13) -> float:
    """The end of a value axis that leaves each bar's label room beside it on a plot NARROW_PLOT_PX wide (and more
    on a wider one): at least 1.5 × the longest bar. A fixed 1.5 cut 'at least 50,000 GPUs ※' at the chart's edge
    there."""
    top = float(max(values, default=0) or 1) * 1.5
    for value, label in zip(values, labels):
        width = min(text_em(str(label), BAR_LABEL_NARROW_EM) * font_px, NARROW_PLOT_PX * 3 / 4)
        top = max(top, float(value) * NARROW_PLOT_PX / (NARROW_PLOT_PX + right - width))
    return top


def make_split_bar_figure(alloc: pd.DataFrame, *, lang: str, title: str, source_line: str, alt: str) -> go.Figure:
    """Horizontal bars by recipient, coloured by primary sector, labelled with the qualified figure."""
    df = alloc.iloc[::-1]  # largest at the top
    fig = go.Figure()
    label_of = {r.Index: fmt.figure(r.gpus, "gpu", r.qualifier, lang) + (" ※" if r.disputed else "")
                for r in df.itertuples()}
    for sector_id, part in df.groupby("primary_sector", sort=False):
        labels = [label_of[i] for i in part.index]
        fig.add_bar(
            y=esc(part["recipient"]), x=part["gpus"], orientation="h", name=esc(part["sector_name"].iloc[0]),
            marker_color=palette.sector_colour(sector_id), text=labels, textposition="outside", cliponaxis=False,
            customdata=list(zip(esc(part["models"]), esc(part["purpose"]), esc(part["sources_text"]))),
            hovertemplate="<b>%{y}</b><br>%{text}<br>%{customdata[0]}<br>%{customdata[1]}<br>%{customdata[2]}"
                          "<extra></extra>",
        )
    names = esc(df["recipient"])
    # Long names in two lines, as tick labels only (a slide shows each on one line): on one line the English names
    # took 160 of a phone's 360 px and left the bars too little room for their labels.
    shown = [two_lines(name, RECIPIENT_NAME_COLUMNS) for name in names]
    fig.update_layout(barmode="stack", legend_title_text=t("common.sector", lang),
                      yaxis={"categoryorder": "array", "categoryarray": names, "tickmode": "array",
                             "tickvals": names, "ticktext": shown})
    # Headroom for the labels beside the bars ("up to 50,000 GPUs ※") on a narrow screen too.
    fig.update_xaxes(title_text=t("common.gpus", lang), tickformat=",", rangemode="tozero",
                     range=[0, bar_label_headroom(df["gpus"], [label_of[i] for i in df.index], right=SPLIT_RIGHT_PX)])
    # Margins that fit the recipients' names, the last tick label ("90,000", centred on the plot's edge) and the axis
    # title with its ticks, whichever recipients the filter leaves: one layout per draw (see label_margin).
    # A legend row only for more than one sector: Plotly draws no legend for one trace, and its row stayed blank
    # between the source lines and the bars when the filter left one sector.
    return _finish(fig, title=title, source_line=source_line, alt=alt, height=120 + 60 * len(df),
                   legend_above=df["primary_sector"].nunique() > 1,
                   left=label_margin(shown), right=SPLIT_RIGHT_PX, bottom=60)


def make_split_share_figure(alloc: pd.DataFrame, *, lang: str, title: str, source_line: str, alt: str,
                            total_text: str) -> go.Figure:
    """Part-to-whole donut of the allocations, `total_text` in the hole."""
    fig = go.Figure(go.Pie(
        labels=esc(alloc["recipient"]), values=alloc["gpus"], hole=0.5, sort=False, direction="clockwise",
        marker={"colors": [palette.sector_colour(s) for s in alloc["primary_sector"]],
                "line": {"color": "#FFFFFF", "width": 2}},
        texttemplate="%{label}<br>%{percent:.1%}", textposition="outside",
        hovertemplate="<b>%{label}</b><br>%{value:,}<br>%{percent:.1%}<extra></extra>",
    ))
    fig.add_annotation(text=esc(total_text), x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False,
                       font={"size": 18})
    fig.update_layout(showlegend=False)
    return _finish(fig, title=title, source_line=source_line, alt=alt, height=440)


def make_sector_bar_figure(by_sector: pd.DataFrame, *, lang: str, title: str, source_line: str,
                           alt: str) -> go.Figure:
    """Columns of GPUs by primary sector."""
    fig = go.Figure(go.Bar(
        x=esc(by_sector["sector_name"]), y=by_sector["gpus"],
        marker_color=[palette.sector_colour(s) for s in by_sector["primary_sector"]],
        text=[fmt.figure(v, None, q, lang) for v, q in zip(by_sector["gpus"], by_sector["qualifier"])],
        textposition="outside", cliponaxis=False,
        hovertemplate="<b>%{x}</b><br>%{y:,}<extra></extra>",
    ))
    fig.update_yaxes(title_text=t("common.gpus", lang), tickformat=",", rangemode="tozero",
                     range=[0, float(by_sector["gpus"].max() or 1) * 1.2])
    fig.update_xaxes(title_text=t("common.sector", lang))
    return _finish(fig, title=title, source_line=source_line, alt=alt)


def make_base_compare_figure(bars: pd.DataFrame, *, lang: str, title: str, source_line: str, alt: str) -> go.Figure:
    """Before / after (stated) / after (computed) columns; computed values hatched grey so they read as derived."""
    fig = go.Figure(go.Bar(
        x=esc(bars["label"]), y=bars["value"], text=esc(bars["text"]), textposition="outside", cliponaxis=False,
        marker={"color": [palette.COMPUTED if c else palette.STATED for c in bars["computed"]],
                "pattern": {"shape": ["/" if c else "" for c in bars["computed"]]}},
        hovertemplate="<b>%{x}</b><br>%{text}<extra></extra>",
    ))
    fig.update_yaxes(title_text=t("common.gpus", lang), tickformat=",", rangemode="tozero",
                     range=[0, float(bars["value"].max() or 1) * 1.2])
    return _finish(fig, title=title, source_line=source_line, alt=alt)


# A step's figure printed above its bar is about this share of the y range tall (460 px chart, 13 px text and its
# padding); a bar whose top lies closer than this under the stated line gets its figure inside, or the line strikes it.
LABEL_BAND = 0.1


def waterfall_text_positions(steps: pd.DataFrame, stated: float | None, y_top: float) -> list[str]:
    """"outside" (above the bar) for each step, "inside" where that label would sit on the stated line."""
    band = LABEL_BAND * y_top
    running, positions = 0.0, []
    for value, measure in zip(steps["value"], steps["measure"]):
        if measure == "absolute":
            bottom, running = 0.0, float(value)
        elif measure == "total":
            bottom = 0.0
        else:
            bottom, running = running, running + float(value)
        top = running
        under_line = stated is not None and 0 <= stated - top < band
        positions.append("inside" if under_line and top - bottom >= band else "outside")
    return positions


def make_base_waterfall_figure(steps: pd.DataFrame, *, lang: str, title: str, source_line: str, alt: str,
                               stated_after: float | None, stated_text: str) -> go.Figure:
    """Waterfall from the existing base through each recipient to the computed total, with the stated figure as a line."""
    top = max(float(steps.loc[steps["measure"] != "total", "value"].sum()), stated_after or 0) * 1.2
    fig = go.Figure(go.Waterfall(
        x=steps["label"], y=steps["value"], measure=steps["measure"],  # labels escaped by the caller (they carry <br>)
        text=steps["text"], textposition=waterfall_text_positions(steps, stated_after, top), cliponaxis=False,
        connector={"line": {"color": "#999999", "dash": "dot"}},
        increasing={"marker": {"color": palette.sector_colour("cloud")}},
        totals={"marker": {"color": palette.COMPUTED}},
        hovertemplate="<b>%{x}</b><br>%{text}<extra></extra>",
    ))
    if stated_after is not None:
        fig.add_hline(y=stated_after, line_dash="dash", line_color=palette.STATED,
                      annotation_text=esc(stated_text), annotation_position="top left")
    fig.update_xaxes(**CATEGORY_TICKS)
    fig.update_yaxes(title_text=t("common.gpus", lang), tickformat=",", rangemode="tozero", range=[0, top])
    return _finish(fig, title=title, source_line=source_line, alt=alt, height=460)


# Event names wider than this (display columns) take two lines: on one line the English names took 500 of a 1024 px
# screen's 680 and left the dates 150. A row holding two lines needs more height.
TIMELINE_NAME_COLUMNS = 36
AXIS_TITLE_COLUMNS = 24
CLAIM_NAME_COLUMNS = 20
TIMELINE_ROW_PX, TIMELINE_WRAPPED_ROW_PX = 30, 40


# Day ticks as the text writes days (fmt.day_span): 10월 31일 / 31 Oct (d3 time format; "-" drops the zero).
DAY_TICKS = {"ko": "%-m월 %-d일", "en": "%-d %b"}


def make_timeline_figure(events: pd.DataFrame, *, lang: str, title: str, source_line: str, alt: str) -> go.Figure:
    """One row per event in time order, placed by date and part of day; colour = lead sector, hollow = date inferred."""
    hour = {"am": 9, "pm": 15}
    x = []
    for r in events.itertuples():
        at = dt.time.fromisoformat(r.time_kst) if isinstance(r.time_kst, str) and r.time_kst \
            else dt.time(hour.get(r.part_of_day, 12))
        x.append(dt.datetime.combine(r.date, at))
    df = events.assign(_x=x, _y=esc(events["title"]))
    order = list(df.sort_values(["_x"], kind="stable")["_y"])
    # Wrapped as tick labels only, so a wide frame (a slide) can show each name on one line (images.slide_figure).
    shown = [two_lines(name, TIMELINE_NAME_COLUMNS) for name in order]
    row_px = TIMELINE_WRAPPED_ROW_PX if any("<br>" in name for name in shown) else TIMELINE_ROW_PX
    fig = go.Figure()
    for sector_id, part in df.groupby("lead_sector", sort=False):
        colour = palette.sector_colour(sector_id)
        fig.add_scatter(
            x=part["_x"], y=part["_y"], mode="markers", name=esc(part["lead_sector_name"].iloc[0]),
            legendgroup=sector_id, showlegend=False,
            marker={"size": 15, "color": colour, "line": {"color": colour, "width": 2},
                    "symbol": ["circle" if s == "yes" else "circle-open" for s in part["date_stated"]]},
            customdata=list(zip(*(esc(part[c]) for c in ("title", "parties_text", "sectors_text", "sources_text",
                                                        "when_text", "kind_label")))),
            hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[5]} · %{customdata[4]}<br>%{customdata[1]}"
                          "<br>%{customdata[2]}<br>%{customdata[3]}<extra></extra>",
        )
        # The legend's own entry, always a filled dot: Plotly draws an entry with the trace's first marker, so a
        # sector whose first event has an inferred date read as a hollow "kind" of sector.
        fig.add_scatter(**LEGEND_ONLY, name=esc(part["lead_sector_name"].iloc[0]), legendgroup=sector_id,
                        marker={"size": 12, "color": colour, "symbol": "circle"})
    if (df["date_stated"] != "yes").any():
        fig.add_scatter(**LEGEND_ONLY, name=esc(t("common.date_inferred", lang)), legendgroup="date-inferred",
                        marker={"size": 12, "color": palette.COMPUTED, "symbol": "circle-open", "line": {"width": 2}})
    first, last = min(x).date(), max(x).date()
    fig.update_xaxes(title_text=t("tl.axis.date", lang), tickformat=DAY_TICKS[lang], dtick=86400000, **CATEGORY_TICKS,
                     range=[dt.datetime.combine(first, dt.time(0)) - dt.timedelta(hours=6),
                            dt.datetime.combine(last, dt.time(0)) + dt.timedelta(hours=30)], showgrid=True)
    fig.update_yaxes(categoryorder="array", categoryarray=order[::-1], automargin=True, title_text=None,
                     tickmode="array", tickvals=order, ticktext=shown)
    # The legend under the plot, in rows: beside it, it took a fifth of a small screen's width from the dates.
    fig.update_layout(legend=legend_below(t("common.sector", lang)),
                      hoverlabel={"align": "left"})
    return _finish(fig, title=title, source_line=source_line, alt=alt,
                   height=160 + row_px * len(df) + LEGEND_BELOW_PX, bottom=50 + LEGEND_BELOW_PX)


def two_lines(text: str, width: int, measure=columns) -> str:
    """`text` broken once, at the space nearest its middle, when it is wider than `width` (display columns, or
    whatever `measure` counts)."""
    if measure(text) <= width or " " not in text:
        return text
    middle = len(text) // 2
    cut = min((i for i, ch in enumerate(text) if ch == " "), key=lambda i: abs(i - middle))
    return text[:cut] + "<br>" + text[cut + 1:]


def claim_name_lines(names: list[str], width: int) -> list[str]:
    """Figure names ('GPU allocation · Samsung Electronics') as tick labels: when any is wider than `width`, each
    name that has one is broken after its ' · ', so that the rows read alike, and any other wide one at a space."""
    if all(columns(name) <= width for name in names):
        return list(names)
    return [name.replace(" · ", " ·<br>", 1) if " · " in name else two_lines(name, width) for name in names]


def log_ticks(values) -> list[float]:
    """1-2-5 steps covering the values, for a log axis: Plotly's own labels every minor step once the range spans
    few decades, and 2,000 … 9,000 then run into one another."""
    positive = [float(v) for v in values if pd.notna(v) and v > 0]
    if not positive:
        return []
    lo, hi = min(positive), max(positive)
    ticks = []
    for exponent in range(math.floor(math.log10(lo)) - 1, math.ceil(math.log10(hi)) + 1):
        ticks += [m * 10.0 ** exponent for m in (1, 2, 5) if lo / 2 <= m * 10.0 ** exponent <= hi * 2]
    return ticks


def make_claims_figure(claims: pd.DataFrame, *, lang: str, title: str, source_line: str, alt: str) -> go.Figure:
    """Every GPU figure as each article states it: one dot per article, so disagreements stand out."""
    fig = go.Figure()
    symbols = {"up_to": "triangle-left", "at_least": "triangle-right", "over": "triangle-right-open",
               "about": "diamond", "exactly": "circle"}
    for qualifier, part in claims.groupby("qualifier", sort=False):
        name, symbol = fmt.qualifier_name(qualifier, lang), symbols.get(qualifier, "circle")
        fig.add_scatter(
            x=part["value"], y=esc(part["figure"]), mode="markers", name=name, legendgroup=qualifier,
            showlegend=False,
            marker={"size": 13, "symbol": symbol,
                    "color": [palette.DISPUTED if d else palette.STATED for d in part["differs_value"]]},
            customdata=list(zip(esc(part["source_label"]), esc(part["quote_ko"]))),
            hovertemplate="<b>%{y}</b><br>%{x:,}<br>%{customdata[0]}<br>%{customdata[1]}<extra></extra>",
        )
        # Its legend entry in the plain colour: Plotly would draw it in the first point's, red when that one differs.
        fig.add_scatter(**LEGEND_ONLY, name=name, legendgroup=qualifier,
                        marker={"size": 11, "symbol": symbol, "color": palette.STATED})
    if claims["differs_value"].any():
        fig.add_scatter(**LEGEND_ONLY, name=t("src.legend.value_differs", lang), legendgroup="value-differs",
                        marker={"size": 11, "symbol": "square", "color": palette.DISPUTED})
    # The axis title in two lines: centred on a plot the figures' names leave narrow, one line ran past the chart's
    # edges in a window half a 1600 px screen wide.
    fig.update_xaxes(type="log", title_text=two_lines(t("src.axis.value", lang), AXIS_TITLE_COLUMNS), tickformat=",",
                     tickvals=log_ticks(claims["value"]))
    # The figures' names in two lines where long, as tick labels only (a slide shows each on one line): on one line
    # the English names took 240 of a phone's 360 px, and the values' labels under a 100 px plot ran together.
    names = list(dict.fromkeys(name for trace in fig.data for name in (trace.y or ()) if name is not None))
    fig.update_yaxes(automargin=True, autorange="reversed", tickmode="array", tickvals=names,
                     ticktext=claim_name_lines(names, CLAIM_NAME_COLUMNS))
    fig.update_layout(legend=legend_below(t("common.qualifier", lang)))
    return _finish(fig, title=title, source_line=source_line, alt=alt,
                   height=160 + 45 * claims["figure"].nunique() + LEGEND_BELOW_PX, bottom=70 + LEGEND_BELOW_PX)
