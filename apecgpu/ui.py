"""Streamlit glue shared by every page: cached data, URL-bound language and sector filter, chart blocks, footer."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

import pandas as pd
import streamlit as st

from . import data, fmt, model, views
from .i18n import DEFAULT_LANG, LANGS, t

LANG_KEY, SECTOR_KEY = "lang", "sector"
# The charts taken out of the briefing kit: in the link too, so that a reload, a restarted server or a colleague
# opening the link makes the same deck.
KIT_OFF_KEY, KIT_EXCLUDED = "kit_off", "_kit_excluded"
LANG_WIDGET, SECTOR_WIDGET = "_lang_widget", "_sector_widget"
KIT_SLOT = "_kit_slot"  # this run's sidebar container for the briefing kit (see briefing_kit)
LANG_NAMES = {"ko": "한국어", "en": "English"}
MAX_ECHO = 40


@dataclass(frozen=True)
class AppState:
    lang: str
    sectors: tuple[str, ...]
    dataset: data.Dataset
    issues: tuple[data.DataIssue, ...]
    stale_version: Optional[str]  # set when showing the last valid data instead of the broken files on disk

    @property
    def tables(self) -> dict:
        return self.dataset.tables

    def query(self, **extra) -> str:
        """The query string that reopens this view (plus page-specific extras)."""
        parts = [f"lang={self.lang}"] + [f"sector={s}" for s in self.sectors]
        parts += [f"{k}={v}" for k, v in extra.items() if v not in (None, "")]
        return "?" + "&".join(parts)


def md(text) -> str:
    """Text from the data or a link, escaped for Streamlit's Markdown (captions, labels, markdown): shown as typed,
    an English day kept on one line (fmt.keep_days_whole)."""
    # Backslash-escapes every character CommonMark, HTML or Streamlit's extensions (:red[...], $math$) treat as markup.
    return re.sub(r"([\\`*_{}\[\]()<>#+\-.!|~$:&])", r"\\\1", fmt.keep_days_whole(str(text)))


def safe_echo(value: str) -> str:
    """A user-supplied string made harmless for display: no markup, no control characters, bounded length."""
    text = re.sub(r"[\x00-\x1f\x7f]", "", str(value))
    return md(text if len(text) <= MAX_ECHO else text[:MAX_ECHO] + "…")


# --- data -------------------------------------------------------------------------------------------------------

def _signature(data_dir: Path) -> tuple:
    """Cheap fingerprint of the data folder (names, sizes, mtimes): a changed file means a fresh load."""
    if not data_dir.is_dir():
        return ("missing",)
    return tuple((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in sorted(data_dir.glob("*.csv")))


@st.cache_resource(show_spinner=False, max_entries=8)
def _load(data_dir: str, signature: tuple) -> data.LoadResult:
    return data.load_dataset(Path(data_dir))


@st.cache_resource(show_spinner=False)
def _last_valid() -> dict:
    """Process-wide memory of the last dataset that loaded without errors (shared by all sessions)."""
    return {}


def load_data() -> tuple[data.Dataset, tuple[data.DataIssue, ...], Optional[str]]:
    data_dir = data.data_dir_from_env()
    result = _load(str(data_dir), _signature(data_dir))
    memory = _last_valid()
    if not result.errors:
        memory["dataset"] = result.dataset
        return result.dataset, result.issues, None
    last = memory.get("dataset")
    if last is not None:
        return last, result.issues, last.version
    return result.dataset, result.issues, None


@st.cache_resource(show_spinner=False, max_entries=256)
def _views(version: str, lang: str, sectors: tuple[str, ...], page: str, _tables: dict) -> list[views.View]:
    # The cached context is shared by every page of one (data, language, filter), and so are its memoised tables.
    return views.build_views(_tables, version, lang, sectors, pages=[page],
                             ctx=context(version, lang, sectors, _tables))


def page_views(state: AppState, page: str) -> dict[str, views.View]:
    """The views of one page for the current language and filter, built once per (data, lang, filter)."""
    built = _views(state.dataset.version + ("-stale" if state.stale_version else ""), state.lang, state.sectors,
                   page, state.tables)
    return {v.view_id: v for v in built}


@st.cache_resource(show_spinner=False, max_entries=64)
def context(version: str, lang: str, sectors: tuple[str, ...], _tables: dict) -> views.Context:
    return views.Context(_tables, version, lang, sectors)


def page_context(state: AppState) -> views.Context:
    return context(state.dataset.version, state.lang, state.sectors, state.tables)


# --- URL-bound controls ------------------------------------------------------------------------------------------

def _read_url(sector_ids: Iterable[str]) -> tuple[str, list[str], list[tuple[str, dict]]]:
    """Language and sectors in the link, and messages about what was ignored."""
    messages = []
    langs = st.query_params.get_all(LANG_KEY)
    lang = next((v for v in langs if v in LANGS), DEFAULT_LANG)
    bad_langs = [v for v in langs if v not in LANGS]
    known = list(sector_ids)
    wanted = st.query_params.get_all(SECTOR_KEY)
    sectors = list(dict.fromkeys(v for v in wanted if v in known))
    unknown = list(dict.fromkeys(v for v in wanted if v not in known))
    if bad_langs and not any(v in LANGS for v in langs):
        messages.append(("url.unknown_lang", {"value": safe_echo(bad_langs[0])}))
    if unknown:
        shown = ", ".join(safe_echo(v) for v in unknown[:5]) + (" …" if len(unknown) > 5 else "")
        messages.append(("url.unknown_sector", {"n": len(unknown), "values": shown}))
    return lang, sectors, messages


def _read_kit_url(unfiltered: AppState) -> tuple[set[str], list[tuple[str, dict]]]:
    """The charts the link takes out of the briefing kit (any chart of any page without a filter: one a filter
    hides now may come back), and a message about ids no chart has."""
    wanted = list(dict.fromkeys(st.query_params.get_all(KIT_OFF_KEY)))
    known = {v.view_id for page in views.PAGE_VIEWS for v in page_views(unfiltered, page).values()}
    unknown = [v for v in wanted if v not in known]
    messages = []
    if unknown:
        shown = ", ".join(safe_echo(v) for v in unknown[:5]) + (" …" if len(unknown) > 5 else "")
        messages.append(("url.unknown_kit_view", {"n": len(unknown), "values": shown}))
    return {v for v in wanted if v in known}, messages


def _write_list(key: str, values: list[str]) -> None:
    if st.query_params.get_all(key) != values:
        if values:
            st.query_params[key] = values
        elif key in st.query_params:
            del st.query_params[key]


def _write_url(lang: str, sectors: tuple[str, ...]) -> None:
    # Bound by hand rather than with bind="query-params": a bound widget with format_func writes the display
    # label into the URL, and links must carry the same ids in both languages.
    if st.query_params.get_all(LANG_KEY) != [lang]:
        st.query_params[LANG_KEY] = lang
    _write_list(SECTOR_KEY, list(sectors))
    _write_list(KIT_OFF_KEY, sorted(st.session_state.get(KIT_EXCLUDED, ())))


def init_state() -> AppState:
    """Run once per script run from dashboard.py: data, language, sector filter, all bound to the URL."""
    dataset, issues, stale = load_data()
    sectors_df = dataset.sectors.sort_values("sort_order") if not dataset.sectors.empty else dataset.sectors
    sector_ids = list(sectors_df["sector_id"]) if not sectors_df.empty else []
    # A session's first run starts the controls from the link, as their defaults: a page left open while its server
    # restarted (or its replica died) comes back in a new session whose first run carries the page's controls, the
    # user's latest choice, which must win over a link that may not have caught up with it yet.
    first_run = "_seeded" not in st.session_state
    url_lang, url_sectors = None, None
    if first_run:
        url_lang, url_sectors, messages = _read_url(sector_ids)
        if st.query_params.get_all(KIT_OFF_KEY):
            unfiltered = AppState(lang=url_lang, sectors=(), dataset=dataset, issues=issues, stale_version=stale)
            st.session_state[KIT_EXCLUDED], unknown = _read_kit_url(unfiltered)
            messages += unknown
        st.session_state["_url_messages"] = messages
        st.session_state["_seeded"] = True
    else:  # a sector that vanished from the data since the last run must not break the widget
        st.session_state[SECTOR_WIDGET] = [s for s in st.session_state.get(SECTOR_WIDGET, []) if s in sector_ids]
    with st.sidebar:
        lang = st.segmented_control(t("ctl.language", st.session_state.get(LANG_WIDGET, url_lang or DEFAULT_LANG)),
                                    options=list(LANGS), format_func=LANG_NAMES.get, key=LANG_WIDGET,
                                    default=url_lang, required=True) or DEFAULT_LANG
        # The browser sends the filter's choices back as the names it showed: on a first run, in the link's
        # language, whatever the language control now says (a switch that reached a new server).
        shown_lang = url_lang if first_run else lang
        names = dict(zip(sectors_df["sector_id"], sectors_df[f"name_{shown_lang}"])) if sector_ids else {}
        sectors = st.multiselect(t("ctl.sector", shown_lang), options=sector_ids,
                                 format_func=lambda s: names.get(s, s), key=SECTOR_WIDGET, default=url_sectors,
                                 help=t("ctl.sector.help", shown_lang),
                                 placeholder=t("ctl.sector.placeholder", shown_lang))
        if shown_lang != lang:
            st.rerun()  # the language switched as the session began: the filter is drawn again in the new one
        # The briefing kit's place, under the filter; filled by briefing_kit() once the page is drawn.
        st.session_state[KIT_SLOT] = st.container()
    sectors = tuple(s for s in sector_ids if s in sectors)  # canonical order: same view, same link
    _write_url(lang, sectors)
    return AppState(lang=lang, sectors=sectors, dataset=dataset, issues=issues, stale_version=stale)


def briefing_kit(state: AppState) -> None:
    """The sidebar's briefing kit (deck, workbook, offline report, presentation mode), in the place init_state kept
    for it. Called after the page: the kit lists every page's views, which for a new filter takes longer than the
    page itself, and the page's charts should not wait for it."""
    from . import export_ui  # imported here: export_ui imports this module

    slot = st.session_state.pop(KIT_SLOT, None)
    if slot is not None:
        with slot:
            export_ui.briefing_sidebar(state)


def show_messages(state: AppState) -> None:
    """URL fallbacks and data problems, as clear panels above the page content."""
    for key, values in st.session_state.get("_url_messages", []):
        st.info(t(key, state.lang, **values), icon=":material/info:")
    errors = [i for i in state.issues if i.severity == "error"]
    warnings = [i for i in state.issues if i.severity == "warning"]
    if errors:
        with st.container(border=True):
            st.error(t("common.data_error", state.lang), icon=":material/warning:")
            st.write(t("common.data_error.detail", state.lang))
            if state.stale_version:
                st.warning(t("common.stale", state.lang, version=state.stale_version))
            st.code("\n".join(i.message() for i in errors[:50]), language=None, wrap_lines=True)
    if warnings:
        with st.expander(t("common.data_warning", state.lang)):
            st.code("\n".join(i.message() for i in warnings[:50]), language=None, wrap_lines=True)


class PageEnded(Exception):
    """Raised by end_page(); dashboard.py catches it after page.run() and goes on with the footer and the kit."""


def end_page() -> None:
    """End the page here, after a notice saying why. Unlike st.stop(), which ends the whole run, the footer (sources,
    data version) and the sidebar's briefing kit are still drawn."""
    raise PageEnded()


def start_page(page: str, title_key: str, *caption_keys: str) -> tuple[AppState, dict[str, views.View]]:
    """A chart page's top: title, the active filter, intro captions, and its views (by id); when the filter leaves
    the page nothing to show, a notice and the page ends there (end_page)."""
    state: AppState = st.session_state["_app_state"]
    st.title(views.period_title(state.tables, state.lang, title_key))
    filter_caption(state)
    for key in caption_keys:
        st.caption(t(key, state.lang))
    built = page_views(state, page)
    if not built:
        st.info(t("common.no_data", state.lang))
        end_page()
    return state, built


def filter_caption(state: AppState) -> None:
    if state.sectors:
        names = state.dataset.sectors.set_index("sector_id")[f"name_{state.lang}"]
        st.caption(t("ctl.filter_active", state.lang, names=", ".join(md(names.get(s, s)) for s in state.sectors)))


# --- blocks ------------------------------------------------------------------------------------------------------

# The page's content is at most this wide, on any screen: lines and tables stay readable on a large monitor, and a
# chart is never drawn wider, so a printed page can be scaled to fit it whole (A4_PRINT_PX: what Chromium prints on
# A4 portrait at its default margins). A 1440 px screen with the sidebar open gives about this much.
CONTENT_MAX_PX = 1000
A4_PRINT_PX = 718
# Paper at least CONTENT_MAX_PX wide (A4 landscape) prints the page unscaled; its printable height (718 px) holds a
# chart up to this tall with a heading and a two-line caption above it. A taller chart (the timeline, the network)
# is scaled down to this height there, alone, so that it is not cut across two sheets or pushed with its heading
# to the next one.
LANDSCAPE_CHART_PX = 560
# Screens at most this wide are phones (in portrait): there a table column is at least TABLE_CELL_MIN_EM wide and the
# table scrolls sideways rather than squeezing its text a syllable a line (about six Korean syllables a line).
PHONE_MAX_PX = 640
TABLE_CELL_MIN_EM = 6
# ... and a column of sentences (a cell longer than PROSE_CHARS characters) at least PROSE_CELL_MIN_EM: a phrase a line.
PROSE_CHARS = 16
PROSE_CELL_MIN_EM = 12

# Local CSS only (no web fonts): metric values wrap instead of being cut off with an ellipsis, since a qualifier
# such as "at least" is part of the figure.
STYLE = """<style>
/* KPI tiles: values and labels wrap (Korean at spaces) instead of running into the next tile or being cut off with
   "…"; Streamlit sets nowrap on the paragraph inside. */
[data-testid="stMetricValue"] { font-size: 1.9rem; }
[data-testid="stMetricValue"] *, [data-testid="stMetricLabel"] * { white-space: normal !important; overflow: visible !important; text-overflow: clip !important; word-break: keep-all !important; overflow-wrap: anywhere; }
/* A laptop screen with the sidebar open (1024 px) left the page 564 px between two 80 px margins: narrower margins
   there give the tables and charts the room instead, and narrower cell padding lets the commitments table (eight
   columns, one of them dates kept whole) fit. */
@media (max-width: 1280px) { [data-testid="stMainBlockContainer"] { padding-left: 1.5rem; padding-right: 1.5rem; }
  [data-testid="stTable"] :is(th, td) { padding-left: 4px !important; padding-right: 4px !important; } }
@media screen { [data-testid="stMainBlockContainer"] { max-width: calc(CONTENT_MAX_PXpx + 10rem); margin: 0 auto; } }
/* Headings and text keep their words whole too: the power page's title broke "전기" into "전 / 기" on a 1024 px
   screen, and Streamlit sets break-word on a warning's and a caption's paragraph ("기 / 사의", "아닙니 / 다.").
   Before the table rules, which match table cells (their text is Markdown too) as specifically and must win there. */
:is([data-testid="stMarkdownContainer"], [data-testid="stCaptionContainer"]) :is(p, li, h1, h2, h3, h4, h5, h6) { word-break: keep-all !important; overflow-wrap: break-word; }
/* Tables: words stay whole, Korean ones too (a narrow column showed "매체" one syllable per line on a 1024 px
   screen); the cell's text inherits that from the cell, where show_table can set break-all for long ids. */
[data-testid="stTable"] :is(th, td) { word-break: keep-all; overflow-wrap: break-word; }
[data-testid="stTable"] :is(th, td) * { word-break: inherit !important; overflow-wrap: inherit !important; }
/* On a phone a table wider than the screen scrolls sideways in its box; without a floor Chromium squeezed its text
   columns to their longest word, which in Korean is two or three syllables (the split page's GPU model and use
   columns were 40 px wide, a syllable or two a line, rows a screen tall). Screens only: paper gets the whole table. */
@media screen and (max-width: PHONE_MAX_PXpx) { [data-testid="stTable"] :is(th, td) { min-width: TABLE_CELL_MIN_EMem; }
  /* Columns of sentences (show_table marks them: min-width var(--prose-min, 0)) get room for a phrase a line. */
  [data-testid="stTable"] { --prose-min: PROSE_CELL_MIN_EMem; } }
/* Captions carry the sources: Streamlit's faded grey is under the 4.5:1 contrast WCAG AA asks for small text. */
div[data-testid="stCaptionContainer"], div[data-testid="stCaptionContainer"] p { color: #4D4D4D !important; opacity: 1 !important; }
/* A chart's title and source line over it and a legend under it (chart_head_html, legend_html): HTML, so that they
   wrap at the page's width; the picture's own margins sit close to them. */
.chart-head p, .chart-legend p { margin: 0; word-break: keep-all; overflow-wrap: break-word; color: #222222; }
.chart-head { margin-bottom: -0.6rem; }
.chart-head .chart-title { font-size: 17px; font-weight: 600; line-height: 1.35; }
.chart-head .chart-source { font-size: 12px; line-height: 1.45; color: #4D4D4D; margin-top: 0.2rem; }
.chart-legend { font-size: 13px; margin-top: -0.6rem; }
.chart-legend ul { list-style: none; margin: 0.2rem 0 0 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.2rem 1.1rem; }
.chart-legend li { margin: 0; padding: 0; display: inline-flex; align-items: center; gap: 0.3rem; }
.chart-legend-mark { font-size: 19px; line-height: 1; }
/* Printing a page (Ctrl+P) for a briefing pack: the page's content alone, each chart whole on the paper. The sidebar,
   toolbar, download and presentation buttons and closed "show the table" expanders are screen controls. The
   charts keep the width they were drawn at on screen (at most CONTENT_MAX_PX), so the page is laid out that wide
   and scaled to the paper (zoom) rather than cut at its right edge. */
@media print {
  [data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stMain"] :is([data-testid="stDownloadButton"], [data-testid="stButton"]),
  [data-testid="stMain"] [data-testid="stExpander"]:has(details:not([open])) { display: none !important; }
  /* ... and so is a heading over nothing but closed ones (the timeline's event details), unless one below is open. */
  [data-testid="stElementContainer"]:has([data-testid="stHeading"]):has(+ [data-testid="stLayoutWrapper"] > [data-testid="stExpander"] details:not([open])):not(:has(~ [data-testid="stLayoutWrapper"] details[open]))
    { display: none !important; }
  [data-testid="stMain"] { zoom: PRINT_ZOOM; overflow: visible !important; height: auto !important; }
  /* Paper as wide as the content (A4 landscape: 1047 px at default margins) prints it at full size, 12 pt text,
     instead of scaled as for portrait with a third of the page left blank. In print, width is the paper's. */
  @media (min-width: CONTENT_MAX_PXpx) { [data-testid="stMain"] { zoom: 1; } }
  [data-testid="stMainBlockContainer"] { padding: 0 !important; max-width: none !important; }
  /* Streamlit keeps a bordered block whole in print: the power page's assumptions block moved to page 2 and left
     half of page 1 blank. Blocks may break between their elements; charts, tiles and headings stay whole. */
  [data-testid="stMain"] [data-testid="stVerticalBlock"] { break-inside: auto !important; }
  :is([data-testid="stPlotlyChart"], [data-testid="stMetric"], [data-testid="stHeading"]) { break-inside: avoid; }
  /* A heading, and a caption right under it, go with what follows (on the elements' own wrappers: page breaks fall
     between wrappers). */
  [data-testid="stElementContainer"]:has([data-testid="stHeading"]),
  [data-testid="stElementContainer"]:has([data-testid="stHeading"]) + [data-testid="stElementContainer"]:has([data-testid="stCaptionContainer"]),
  [data-testid="stElementContainer"]:has(.chart-head) { break-after: avoid; }
  /* A chart's title and source line stay together (a chart too tall for the rest of a sheet took its source line
     to the next and left the title alone at the bottom). */
  [data-testid="stElementContainer"]:has(.chart-head) { break-inside: avoid; }
  [data-testid="stElementContainer"]:has(.chart-legend) { break-before: avoid; break-inside: avoid; }
  /* A table's scroll box printed as one unbreakable piece, so a long table began on a new page (or was cut off);
     without it the rows flow across pages and Chromium repeats the header row on each. */
  [data-testid="stTable"], [data-testid="stTable"] div { overflow: visible !important; }
  /* Streamlit draws a table inline-table, which print cannot break: one taller than the sheet (the organisations
     page's agreements, on A4 landscape) left a sheet with only its heading and a blank one before it. */
  [data-testid="stTable"] table { display: table !important; }
}
</style>"""
for _name, _value in (("PRINT_ZOOM", f"{A4_PRINT_PX / CONTENT_MAX_PX:.3f}"), ("CONTENT_MAX_PX", CONTENT_MAX_PX),
                      ("PHONE_MAX_PX", PHONE_MAX_PX), ("TABLE_CELL_MIN_EM", TABLE_CELL_MIN_EM),
                      ("PROSE_CELL_MIN_EM", PROSE_CELL_MIN_EM)):
    STYLE = STYLE.replace(_name, str(_value))


def apply_style() -> None:
    st.html(STYLE)


# Numeric columns that are not quantities: shown without thousands separators (2028, not 2,028).
PLAIN_NUMBER_COLUMNS = frozenset(t(key, lang) for key in ("pw.ramp.year", "pw.axis.year") for lang in LANGS)


# Above this many rows a table is drawn as a scrollable grid: st.table sends and draws every row as HTML (on data
# ×100 the split page took 18 s to paint); the grid draws only the rows in view (bench/results.md, scale).
LARGE_TABLE_ROWS = 100

# A run of more than this many characters with no place to break (a file name, an id) may break anywhere: whole, it
# would widen its column past a small screen while the Korean and English words around it stay whole. Lines break at
# spaces and after these marks, so "삼성·SK·현대차·네이버" is four short runs, not one long one.
LONG_TOKEN = 20
BREAKS = re.compile(r"[\s·…/,\-–]+")


def _is_text(column: pd.Series) -> bool:
    return column.dtype == object or pd.api.types.is_string_dtype(column)


def _text_columns_where(df, test) -> list:
    """The text columns in which some cell passes `test`."""
    return [c for c in df.columns if _is_text(df[c]) and any(isinstance(v, str) and test(v) for v in df[c])]


def _long_token_columns(df) -> list:
    return _text_columns_where(df, lambda v: any(len(run) > LONG_TOKEN for run in BREAKS.split(v)))


# Dates stay on one line: Chromium squeezed a table's date column to "2025-10-" over "31" (and would put "31 Oct"
# over "2025"). A column whose cells open with a date (fmt.DAY_TEXT) gets at least the width of a date.
DATE_MIN_WIDTH = "6.5em"


def _date_columns(df) -> list:
    return _text_columns_where(df, fmt.DAY_TEXT.match)


def _prose_columns(df) -> list:
    return _text_columns_where(df, lambda v: len(v) > PROSE_CHARS)


def _quantity_columns(df) -> list:
    return [c for c in df.columns if pd.api.types.is_numeric_dtype(df[c]) and not pd.api.types.is_bool_dtype(df[c])
            and c not in PLAIN_NUMBER_COLUMNS]


def show_table(df) -> None:
    """A static table whose text cells show as typed (st.table renders cell text as Markdown) and whose quantities
    have thousands separators (fmt.full), right-aligned as numbers; above LARGE_TABLE_ROWS rows, a grid."""
    if len(df) > LARGE_TABLE_ROWS:
        # The grid shows text as plain text (no Markdown, so no escaping) and formats numbers itself.
        st.dataframe(df, hide_index=True, column_config={
            c: st.column_config.NumberColumn(format="localized") for c in _quantity_columns(df)})
        return
    escaped = df.copy()
    numbers, quantities = {}, set(_quantity_columns(df))
    breakable = [md(c) for c in _long_token_columns(df)]
    dates = [md(c) for c in _date_columns(df)]
    prose = [md(c) for c in _prose_columns(df) if md(c) not in dates]
    for col in escaped.columns:
        if _is_text(escaped[col]):
            escaped[col] = [md(v) if isinstance(v, str) else v for v in escaped[col]]
        elif col in quantities:
            numbers[md(col)] = fmt.full
    escaped.columns = [md(c) for c in escaped.columns]
    if not numbers and not breakable and not dates and not prose:
        st.table(escaped, hide_index=True)  # a plain frame: Streamlit marshals a Styler ≈ 4 ms slower
        return
    styled = escaped.style.format(numbers, na_rep="")
    if breakable:
        styled = styled.set_properties(subset=breakable, **{"word-break": "break-all"})
    if dates:
        styled = styled.set_properties(subset=dates, **{"min-width": DATE_MIN_WIDTH})
    if prose:  # a floor only where the style sheet sets --prose-min (a phone's screen)
        styled = styled.set_properties(subset=prose, **{"min-width": "var(--prose-min, 0)"})
    st.table(styled, hide_index=True)


CHART_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["toImage"]}  # images: the PNG/SVG buttons


def show_view(view: views.View, state: AppState, *, figure=None, selectable: bool = False):
    """A chart with its alt text, the same data as a table one click away, and its downloads. `figure` draws a
    variant of the view's figure (e.g. one organisation highlighted); `selectable` makes clicks on points rerun
    the page, and the chart's selection event is returned (None otherwise)."""
    event = None
    figure = figure if figure is not None else views.page_figure(view)
    if figure is not None:
        st.html(chart_head_html(view.figure.layout.meta.get("title", view.title), view.source_line))
        select = {"on_select": "rerun", "selection_mode": "points"} if selectable else {}
        event = st.plotly_chart(figure, theme=None, key=f"chart-{view.view_id}", alt=view.alt, config=CHART_CONFIG,
                                **select)
        st.session_state.setdefault(CHARTS_DRAWN, {})[view.view_id] = figure.layout.height
        entries = views.page_legend(view)
        if entries:
            st.html(legend_html(view.figure.layout.legend.title.text, entries))
    with st.expander(t("common.table", state.lang)):
        st.caption(f"{t('common.alt', state.lang)}: {md(view.alt)}")
        show_table(view.table)
        st.caption(md(view.source_line))
    _downloads(view, state)
    return event


def chart_head_html(title: str, source_line: str) -> str:
    """A chart's title and source line over the picture on the page (figures.for_page: there they wrap)."""
    text = [html.escape(fmt.keep_days_whole(str(part))) for part in (title, source_line)]
    return (f'<div class="chart-head"><p class="chart-title">{text[0]}</p>'
            f'<p class="chart-source">{text[1]}</p></div>')


# Legend marks as the chart draws them, as characters: Streamlit's HTML sanitiser drops inline SVG, and a printed
# page drops background colours (a CSS-drawn dot), not the colour of text.
LEGEND_MARKS = {"circle": "●", "circle-open": "○", "square": "■", "square-open": "□", "diamond": "◆",
                "diamond-open": "◇", "triangle-left": "◀", "triangle-left-open": "◁", "triangle-right": "▶",
                "triangle-right-open": "▷"}
# A bar's fill pattern as a square of the same hatching (Plotly's marker.pattern.shape).
PATTERN_MARKS = {"/": "▨", "\\": "▧", "x": "▩", "-": "▤", "|": "▥", "+": "▦"}


def legend_html(title: str, entries: list) -> str:
    """A chart's legend under its picture (figures.legend_below_entries), wrapping at the page's width."""
    items = "".join(
        f'<li><span class="chart-legend-mark" aria-hidden="true" style="color: {html.escape(entry.colour)}">'
        f'{PATTERN_MARKS.get(entry.pattern) or LEGEND_MARKS.get(entry.symbol, LEGEND_MARKS["circle"])}</span>'
        # Names come escaped for Plotly (figures.esc): shown as typed here too.
        f'<span>{html.escape(html.unescape(entry.name))}</span></li>' for entry in entries)
    return (f'<div class="chart-legend"><p class="chart-legend-title">{html.escape(html.unescape(title or ""))}</p>'
            f'<ul>{items}</ul></div>')


def _downloads(view: views.View, state: AppState) -> None:
    """Export buttons for one view: PNG, SVG, CSV, XLSX (filtered and all data) and 'present' (apecgpu/export_ui.py)."""
    from . import export_ui  # imported here: export_ui imports this module

    export_ui.view_downloads(view, state)


# The charts this run drew, view id -> figure height: for the print rules the footer writes (print_fit_style).
CHARTS_DRAWN = "_charts_drawn"


def print_fit_style() -> str:
    """The print rule scaling each chart drawn this run that is too tall for A4 landscape (LANDSCAPE_CHART_PX)."""
    heights = st.session_state.pop(CHARTS_DRAWN, {})
    rules = "".join(f".st-key-chart-{view_id} {{ zoom: {LANDSCAPE_CHART_PX / height:.3f}; }}"
                    for view_id, height in heights.items() if height and height > LANDSCAPE_CHART_PX)
    return f"<style>@media print and (min-width: {CONTENT_MAX_PX}px) {{ {rules} }}</style>"


def footer(state: AppState) -> None:
    # One style element in every run, empty or not, so that what follows keeps its place from one run to the next.
    st.html(print_fit_style())
    ctx = page_context(state)
    st.divider()
    st.caption(f"**{t('footer.sources', state.lang)}**: " + " · ".join(md(label) for label in ctx.labels.values()))
    st.caption(t("footer.version", state.lang, version=state.dataset.version) + " · " + md(views.as_of(ctx))
               + " · " + t("footer.licence", state.lang))
    st.caption(f"**{t('meta.terms', state.lang)}**: " + t("common.terms", state.lang))
