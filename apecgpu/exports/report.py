"""One self-contained HTML report (plotly.js inside, no external reference) for machines on separated networks."""
from __future__ import annotations

import html
from typing import Iterable, Optional

import pandas as pd
import plotly.io as pio
from plotly.offline import get_plotlyjs

from ..i18n import t
from . import images
from .meta import ExportMeta, display_cell, without_repeats

FONT_STACK = ('"Malgun Gothic", "맑은 고딕", "Noto Sans CJK KR", "Noto Sans KR", "Apple SD Gothic Neo", '
              '"Segoe UI", Arial, sans-serif')
CHART_HEIGHT = 560

# No @import, no url(): every style is here and every font is one the reader's machine already has.
CSS = """
:root { --ink: #222222; --grey: #595959; --rule: #d9d9d9; --accent: #332288; }
* { box-sizing: border-box; }
body { font-family: %(fonts)s; color: var(--ink); margin: 0 auto; max-width: 1180px; padding: 24px 32px 64px;
       line-height: 1.55; font-size: 15px; }
h1 { font-size: 28px; margin: 0 0 4px; }
h2 { font-size: 21px; margin: 0 0 8px; }
h3 { font-size: 16px; margin: 16px 0 4px; }
.subtitle { color: var(--grey); margin: 0 0 16px; font-size: 17px; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0 0 12px; }
dl.meta dt { font-weight: bold; } dl.meta dd { margin: 0; }
.filter-on { color: var(--accent); font-weight: bold; }
.note { background: #f4f4f8; border-left: 4px solid var(--accent); padding: 8px 12px; }
nav ol { padding-left: 22px; } nav a { color: var(--accent); }
section.view, section.closing { border-top: 1px solid var(--rule); padding-top: 20px; margin-top: 28px; }
.chart { width: 100%%; min-height: %(height)dpx; }
.source, .link, .alt { color: var(--grey); font-size: 13px; margin: 4px 0; }
.link code { word-break: break-all; }
table.data { border-collapse: collapse; width: 100%%; font-size: 13px; margin: 6px 0; }
table.data th, table.data td { border: 1px solid var(--rule); padding: 4px 6px; text-align: left; vertical-align: top; }
table.data th { background: #e8e8f0; }
:lang(ko) body, table.data th, table.data td { word-break: keep-all; overflow-wrap: anywhere; }
table.data td.num { text-align: right; white-space: nowrap; }
footer { border-top: 1px solid var(--rule); margin-top: 32px; padding-top: 8px; color: var(--grey); font-size: 13px; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  nav { display: none; }
  section.view, section.closing { break-before: page; border-top: none; }
  .chart { min-height: 0; }
}
""" % {"fonts": FONT_STACK, "height": CHART_HEIGHT}


def _e(text) -> str:
    return html.escape("" if text is None else str(text), quote=True)


NUM_CLASS = ' class="num"'


def html_table(frame: pd.DataFrame, caption: Optional[str] = None) -> str:
    numeric = [pd.api.types.is_numeric_dtype(frame[c]) for c in frame.columns]
    head = "".join(f"<th scope=\"col\">{_e(c)}</th>" for c in frame.columns)
    rows = []
    for row in frame.itertuples(index=False):
        cells = "".join(f"<td{NUM_CLASS if numeric[j] else ''}>{_e(display_cell(v))}</td>"
                        for j, v in enumerate(row))
        rows.append(f"<tr>{cells}</tr>")
    cap = f"<caption>{_e(caption)}</caption>" if caption else ""
    return f"<table class=\"data\">{cap}<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _figure_div(view, meta: ExportMeta) -> str:
    fig = images.slide_figure(view, meta, width=None, height=CHART_HEIGHT, font_scale=1.0, annotate=False)
    div = pio.to_html(fig, include_plotlyjs=False, full_html=False, div_id=f"chart-{view.view_id}",
                      config={"displaylogo": False, "responsive": True})
    return f"<div class=\"chart\" role=\"img\" aria-label=\"{_e(view.alt)}\">{div}</div>"


def _view_section(index: int, view, meta: ExportMeta) -> str:
    lang = meta.lang
    points = list(dict.fromkeys(p for p in [view.takeaway, *view.talking_points] if p))
    parts = [f"<section class=\"view\" id=\"v-{_e(view.view_id)}\">",
             f"<h2>{index}. {_e(view.title)}</h2>"]
    if view.figure is not None:
        parts.append(_figure_div(view, meta))
    parts.append(f"<p class=\"source\">{_e(view.source_line)} · {_e(meta.as_of)} · {_e(meta.filter_text)}</p>")
    parts.append(f"<p class=\"alt\">{_e(t('common.alt', lang))}: {_e(view.alt)}</p>")
    if points:
        parts.append(f"<h3>{_e(t('report.points', lang))}</h3><ul>"
                     + "".join(f"<li>{_e(p)}</li>" for p in points[:4]) + "</ul>")
    parts.append(f"<h3>{_e(t('report.data', lang))}</h3>{html_table(view.table)}")
    # The link is text, not a hyperlink: the file must reference no address, and the dashboard is reachable
    # only from the internal network anyway.
    parts.append(f"<p class=\"link\">{_e(t('report.link', lang))}: <code>{_e(meta.view_link(view))}</code></p>")
    parts.append("</section>")
    return "\n".join(parts)


def build_report(views: Iterable, meta: ExportMeta, *, source_table: Optional[pd.DataFrame] = None,
                 disagreements: Optional[pd.DataFrame] = None) -> bytes:
    """The report as UTF-8 HTML bytes: header (version, as-of, filter), contents, one section per view with an
    interactive chart, its points and data, then sources and disagreements. plotly.js is inlined once."""
    lang = meta.lang
    views = without_repeats(views)
    filter_class = " class=\"filter-on\"" if meta.sectors else ""
    head = f"""<!DOCTYPE html>
<html lang="{_e(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="apecgpu briefing kit">
<meta name="data-version" content="{_e(meta.version)}">
<title>{_e(meta.app_title)} · {_e(t('deck.subtitle', lang))}</title>
<style>{CSS}</style>
<script>{get_plotlyjs()}</script>
</head>
<body>
<header>
<h1>{_e(meta.app_title)}</h1>
<p class="subtitle">{_e(t('deck.subtitle', lang))}</p>
<dl class="meta">
<dt>{_e(t('meta.version', lang))}</dt><dd>{_e(meta.version)}</dd>
<dt>{_e(t('meta.asof', lang))}</dt><dd>{_e(meta.as_of)}</dd>
<dt>{_e(t('meta.filter', lang))}</dt><dd{filter_class}>{_e(meta.filter_value)}</dd>
<dt>{_e(t('meta.generated', lang))}</dt><dd>{_e(meta.generated)}</dd>
</dl>
<p class="note">{_e(t('report.offline', lang))}</p>
</header>
<nav aria-label="{_e(t('report.contents', lang))}"><h2>{_e(t('report.contents', lang))}</h2><ol>
{''.join(f'<li><a href="#v-{_e(v.view_id)}">{_e(v.title)}</a></li>' for v in views)}
<li><a href="#sources">{_e(t('deck.closing.title', lang))}</a></li>
</ol></nav>
"""
    body = [_view_section(i, v, meta) for i, v in enumerate(views, start=1)]
    closing = [f"<section class=\"closing\" id=\"sources\"><h2>{_e(t('deck.closing.title', lang))}</h2>"]
    if source_table is not None and not source_table.empty:
        closing.append(f"<h3>{_e(t('footer.sources', lang))}</h3>{html_table(source_table)}")
    else:
        closing.append("<ul>" + "".join(f"<li>{_e(label)}</li>" for _sid, label in meta.sources) + "</ul>")
    if disagreements is not None and not disagreements.empty:
        closing.append(f"<h3>{_e(t('src.disagreements', lang))}</h3>"
                       f"<p class=\"source\">{_e(t('src.disagreements.caption', lang))}</p>{html_table(disagreements)}")
    closing.append("</section>")
    foot = (f"<footer>{_e(t('footer.licence', lang))} · {_e(t('footer.version', lang, version=meta.version))}"
            f" · {_e(meta.as_of)}<br>{_e(t('meta.terms', lang))}: {_e(t('common.terms', lang))}</footer>\n</body>\n</html>\n")
    return (head + "\n".join(body) + "\n".join(closing) + foot).encode("utf-8")
