"""Hostile inputs shared by the AppTest and browser tests (tests/apptest/test_hostile_*.py, tests/browser/test_*): the
app's page list read from dashboard.py, a copy of data/ whose text carries HTML/Markdown payloads, hostile link values,
checks that say whether a rendered string, DOM or exported file turned any of them into markup, and a deep-link
AppTest runner."""
from __future__ import annotations

import ast
import csv
import io
import json
import re
import shutil
import zipfile
from pathlib import Path
from typing import Iterable, Iterator

REPO_ROOT = Path(__file__).resolve().parents[1]
ENTRY = REPO_ROOT / "dashboard.py"
DATA_DIR = REPO_ROOT / "data"


# --- the pages, read from dashboard.py (so pages added later are covered without touching these tests) ----------

def app_pages() -> list[tuple[str, str]]:
    """(page file, url path) of every page in dashboard.py's PAGES list, in order."""
    tree = ast.parse(ENTRY.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "PAGES" for t in node.targets):
            pages = ast.literal_eval(node.value)
            return [(entry[0], entry[1]) for entry in pages]
    raise AssertionError(f"{ENTRY}: no PAGES = [...] list found; the hostile-input tests read the pages from it")


def page_link(url_path: str) -> str:
    """The path a browser opens for a page: the first page of PAGES is the default one, served at the root (its
    own /<url_path> shows Streamlit's "page not found" dialog)."""
    return "" if url_path == app_pages()[0][1] else url_path


# --- data whose text is hostile ----------------------------------------------------------------------------------

# Each piece is tagged with a marker (ZQ...) so a check can tell it apart from the app's own text. The heading comes
# first so that it starts the cell (a "#" only makes a heading at the start of a line).
DATA_HEADING = "# ZQhead"
DATA_BOLD = "**ZQbold**"
DATA_LINK = "[ZQlink](javascript:alert(1))"
DATA_IMG = "<img src=x onerror=alert(1)>"
DATA_SCRIPT = "<script>alert(1)</script>"
# Plotly shows unknown tags such as <img> and <script> as typed, but draws <b>, <i>, <a href>, <span style>: this
# piece is what a chart title or label would turn bold if data text reached Plotly unescaped.
DATA_HTML_BOLD = "<b>ZQhtml</b>"
DATA_PAYLOAD = " ".join([DATA_HEADING, DATA_BOLD, DATA_LINK, DATA_IMG, DATA_SCRIPT, DATA_HTML_BOLD])
MARKER = "ZQ"


def _text_columns(header: list[str]) -> list[str]:
    # Free-text columns are the bilingual ones (name_ko, title_en, quote_ko, note_en, ...); ids, dates, numbers and
    # enumerations never end in _ko/_en, so the loader still accepts every row.
    return [c for c in header if c.endswith(("_ko", "_en"))]


def make_hostile_data(target: Path) -> dict[str, list[str]]:
    """Copy data/ to `target` and put DATA_PAYLOAD in front of every non-empty free-text cell of every CSV.

    Returns {file: [columns changed]}. The original text stays after the payload, so names remain distinct.
    """
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(DATA_DIR, target)
    changed: dict[str, list[str]] = {}
    for path in sorted(target.glob("*.csv")):
        with open(path, encoding="utf-8-sig", newline="") as fh:
            records = list(csv.reader(fh))
        header, rows = records[0], records[1:]
        columns = _text_columns(header)
        index = [header.index(c) for c in columns]
        for row in rows:
            for i in index:
                if i < len(row) and row[i].strip():
                    row[i] = f"{DATA_PAYLOAD} {row[i]}"
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows([header] + rows)
        path.write_text(out.getvalue(), encoding="utf-8", newline="")
        if columns:
            changed[path.name] = columns
    return changed


# Known places where data text reaches Streamlit Markdown unescaped, by (context, page url path): context "markdown"
# (bodies, labels, help), "table" (st.table cells) or "chart". Found by tests/apptest/test_hostile_data.py and
# tests/browser/test_hostile_data_browser.py, whose tests for these pages are strict xfails naming the place; the
# owners fix them with ui.md() (for tables: escaping the string cells before st.table), and then delete the entry.
# st.table renders every cell as GitHub-flavoured Markdown (st.table's docstring in Streamlit 1.67: "All cells
# including the index and column headers can optionally contain GitHub-flavored Markdown"), so a data table passed
# as is shows "# ..." as a heading, "**...**" as bold and "[...](...)" as a link (seen in Chromium).
_SHOW_VIEW_TABLE = "apecgpu/ui.py show_view: st.table(view.table) (the table under every chart)"
_SLIDE_FIGURE = ("apecgpu/exports/images.py slide_figure: title={'text': view.title} and subtitle '<br>'.join(lines) "
                 "(source line with outlets and bylines, filter with sector names) reach Plotly without figures.esc")
KNOWN_DATA_MARKUP: dict[tuple[str, str], str] = {
    # Empty: tables escape their cells (ui.show_table), captions go through ui.md, slide figures through figures.esc.
}


class KnownMarkup(AssertionError):
    """Raised for findings in a KNOWN_DATA_MARKUP place: the strict xfails expect this type only, so any other
    failure on the same page still fails the test."""


# --- hostile link values -----------------------------------------------------------------------------------------

# Markdown, HTML and Streamlit-Markdown constructs a link might carry (each tagged ZL so it is recognisable).
LINK_ATOMS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "\"><svg onload=alert(1)>",
    "<b>ZLb</b>",
    "<a href=javascript:alert(1)>ZLa</a>",
    "**ZLbold**",
    "[ZLlink](javascript:alert(1))",
    "# ZLhead",
    "`ZLcode`",
    "~~ZLstrike~~",
    "$ZLx^2$",
    ":red[ZLred]",
    ":rocket:",
    ":material/home:",
    "&lt;b&gt;ZLent&lt;/b&gt;",
    "javascript:alert(1)",
    "' onmouseover='alert(1)",
    "%3Cscript%3Ealert(1)%3C/script%3E",
]

# Patterns that, found in a Markdown source string (st.markdown, captions, alerts, labels, help, table cells), mean
# that text from a link or from the data would be drawn as markup rather than shown as typed. `(?<!\\)`: the
# character is not backslash-escaped.
_NOT_ESCAPED = r"(?<!\\)"
MARKUP_PATTERNS = {
    "raw HTML tag": re.compile(_NOT_ESCAPED + r"<\s*(script|img|svg|b|a|iframe)\b", re.I),
    "HTML entity": re.compile(_NOT_ESCAPED + r"&(lt|gt|amp|quot|#\d+);"),
    "bold": re.compile(_NOT_ESCAPED + r"\*\*Z[LQ]bold"),
    "link": re.compile(_NOT_ESCAPED + r"\[Z[LQ]link" + r"[^\n]*?" + _NOT_ESCAPED + r"\]" + _NOT_ESCAPED + r"\("),
    "heading": re.compile(r"(?m)^[ \t]{0,3}(?:(?:[-*+]|\d+[.)])[ \t]+|>[ \t]?)*#{1,6}[ \t]+Z[LQ]head"),
    "code span": re.compile(_NOT_ESCAPED + r"`Z[LQ]code"),
    "strikethrough": re.compile(_NOT_ESCAPED + r"~~Z[LQ]strike"),
    "math": re.compile(_NOT_ESCAPED + r"\$Z[LQ]x"),
    "coloured text": re.compile(_NOT_ESCAPED + r":red" + _NOT_ESCAPED + r"\["),
    "emoji shortcode": re.compile(_NOT_ESCAPED + r":rocket" + _NOT_ESCAPED + r":"),
    "icon shortcode": re.compile(_NOT_ESCAPED + r":material/home" + _NOT_ESCAPED + r":"),
}


def markup_problems(text: str) -> list[str]:
    """Names of the markup constructs from hostile input that `text`, read as Streamlit Markdown, would render."""
    return [name for name, pattern in MARKUP_PATTERNS.items() if pattern.search(text)]


# --- walking an AppTest tree --------------------------------------------------------------------------------------

# Element types whose text Streamlit draws literally (no Markdown); their strings are not checked for markup.
PLAIN_TYPES = {"text", "code", "exception", "json", "dataframe", "arrow_data_frame", "html", "plotly_chart",
               "empty", "space", "divider"}
# Proto fields that Streamlit renders as Markdown: element bodies, labels, tooltips, button-group options.
MARKDOWN_FIELDS = {"body", "label", "help", "content"}


def _proto_strings(message, fields: set[str]) -> Iterator[str]:
    for descriptor, value in message.ListFields():
        if descriptor.type == descriptor.TYPE_MESSAGE:
            items = value if descriptor.is_repeated else [value]
            for item in items:
                yield from _proto_strings(item, fields)
        elif descriptor.type == descriptor.TYPE_STRING and descriptor.name in fields:
            items = value if descriptor.is_repeated else [value]
            yield from (v for v in items if v)


def _all_proto_strings(message) -> Iterator[str]:
    for descriptor, value in message.ListFields():
        items = value if descriptor.is_repeated else [value]
        if descriptor.type == descriptor.TYPE_MESSAGE:
            for item in items:
                yield from _all_proto_strings(item)
        elif descriptor.type == descriptor.TYPE_STRING:
            yield from items


def _nodes(node) -> Iterator:
    yield node
    for child in (getattr(node, "children", None) or {}).values():
        yield from _nodes(child)


def _table_strings(frame) -> Iterator[str]:
    yield from (str(c) for c in frame.columns)
    for column in frame.columns:
        yield from (v for v in frame[column].tolist() if isinstance(v, str))


def _strings_in(value, path: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings_in(v, f"{path}.{k}" if path else str(k))
    elif isinstance(value, list):
        for v in value:
            yield from _strings_in(v, path + "[]")


def rendered_texts(at) -> Iterator[tuple[str, str, str]]:
    """(kind, element type, string) for every string the AppTest run drew. kind is "markdown" (Streamlit renders it
    as Markdown: bodies, labels, help, table cells), "plotly" (chart text: Plotly renders a subset of HTML), "html"
    (st.html bodies: raw HTML) or "plain" (shown as typed)."""
    for node in _nodes(at._tree):
        kind = getattr(node, "type", "")
        proto = getattr(node, "proto", None)
        if type(node).__name__ == "Table" or kind in ("table", "arrow_table"):
            try:
                frame = node.value
            except Exception:  # noqa: BLE001  (an unreadable table shows up as an exception elsewhere)
                continue
            for text in _table_strings(frame):
                yield "markdown", "table", text
            continue
        if proto is None:
            continue
        if kind == "plotly_chart":
            spec = getattr(proto, "spec", "") or getattr(getattr(proto, "plotly_chart", None), "spec", "")
            for path, text in _strings_in(json.loads(spec) if spec else {}):
                yield "plotly", f"{kind}:{path}", text
            continue
        if kind == "html":
            yield "html", kind, proto.body
            continue
        if kind in PLAIN_TYPES:
            for text in _all_proto_strings(proto):
                yield "plain", kind, text
            continue
        for text in _proto_strings(proto, MARKDOWN_FIELDS):
            yield "markdown", kind or type(node).__name__, text


PLOTLY_PATTERNS = {
    # Plotly draws <b>, <i>, <a href>, <br>, <span style>, <sub>, <sup> in chart text (other tags are shown as
    # typed). The app's own templates use <b>%{...}</b>, <br> and <extra>; hostile text is recognised by its marker.
    "HTML tag in chart text": re.compile(r"<\s*(b|i|em|a|span|sub|sup|s|u)\b[^>]*>\s*Z[QL]", re.I),
    "link in chart text": re.compile(r"<\s*a\s+href", re.I),
}


def plotly_problems(text: str) -> list[str]:
    return [name for name, pattern in PLOTLY_PATTERNS.items() if pattern.search(text)]


# Parts of a Plotly figure that are never drawn (layout.meta carries the view's alt text and source line for the
# exports; nothing in the figures refers to it with %{meta}).
PLOTLY_NOT_DRAWN = ("plotly_chart:layout.meta",)


def tree_findings(at, contexts: Iterable[str] = ("markdown", "table", "plotly", "html")) -> list[tuple[str, str, str]]:
    """Every place in an AppTest run where hostile text would render as markup: (problem, element type, text).

    `contexts` picks what to look at: "markdown" (bodies, labels, help), "table" (st.table cells, which Streamlit
    renders as Markdown), "plotly" (chart text), "html" (st.html bodies)."""
    contexts = set(contexts)
    findings = []
    for kind, element, text in rendered_texts(at):
        context = "table" if element == "table" else kind
        if context not in contexts or element.startswith(PLOTLY_NOT_DRAWN):
            continue
        if kind == "markdown":
            found = markup_problems(text)
        elif kind == "plotly":
            found = plotly_problems(text)
        elif kind == "html":
            # st.html bodies are raw HTML: data text in them (a chart's title and source line, its legend) must
            # arrive escaped, making no element of its own.
            found = [f"st.html: {p}" for p in html_report_problems(text)] if (MARKER in text or "ZL" in text) else []
        else:
            found = []
        findings += [(name, element, text) for name in found]
    return findings


def describe(findings: Iterable[tuple[str, str, str]]) -> list[str]:
    return sorted({f"{name} in {element}: {text[:160]!r}" for name, element, text in findings})


def tree_problems(at, contexts: Iterable[str] = ("markdown", "table", "plotly", "html")) -> list[str]:
    """tree_findings as readable lines, duplicates merged."""
    return describe(tree_findings(at, contexts))


def tree_text(at) -> str:
    """All strings of an AppTest run joined (for "is this shown at all" and "no traceback" checks)."""
    return "\n".join(text for _, _, text in rendered_texts(at))


# --- exported files ---------------------------------------------------------------------------------------------

def _zip_texts(data: bytes, prefix: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return "\n".join(zf.read(n).decode("utf-8", "replace") for n in zf.namelist() if n.startswith(prefix)
                         and n.endswith(".xml"))


def _xml_text(xml: str) -> str:
    """Text content of an OOXML part (tags dropped, entities decoded): what Excel or PowerPoint shows."""
    import html
    return html.unescape(re.sub(r"<[^>]+>", "", xml))


def export_problems(file_name: str, data: bytes, *, expect_payload: bool = True) -> list[str]:
    """What is wrong with one exported file made from the hostile data: the payload must be carried literally
    (spreadsheets, decks, SVG text) and an HTML report must escape it (no live <script>, <img> or link from data).
    PNG is a picture: only its signature is checked."""
    ext = file_name.rsplit(".", 1)[-1].lower()
    problems: list[str] = []
    if ext == "png":
        if not data.startswith(b"\x89PNG\r\n\x1a\n"):
            problems.append(f"{file_name}: not a PNG")
        return problems
    if ext == "csv":
        shown = data.decode("utf-8-sig")
    elif ext == "xlsx":
        shown = _xml_text(_zip_texts(data, "xl/"))
    elif ext == "pptx":
        shown = _xml_text(_zip_texts(data, "ppt/"))
    elif ext == "svg":
        svg = data.decode("utf-8")
        if re.search(r"<\s*(script|img)\b", svg, re.I) and MARKER in svg:
            problems.append(f"{file_name}: live <script>/<img> element in the SVG")
        # Plotly draws <b> as a bold tspan; shown as typed, the tags stay in the text.
        if re.search(r'font-weight:\s*bold[^>]*>\s*ZQhtml', svg):
            problems.append(f"{file_name}: data text {DATA_HTML_BOLD!r} drawn bold in the picture")
        shown = _xml_text(svg)
    elif ext in ("html", "htm"):
        page = data.decode("utf-8")
        problems += [f"{file_name}: {p}" for p in html_report_problems(page)]
        import html
        shown = html.unescape(re.sub(r"<[^>]+>", " ", page))
    elif ext == "zip":
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            for name in zf.namelist():
                problems += export_problems(name, zf.read(name), expect_payload=expect_payload)
        return problems
    else:
        return [f"{file_name}: unknown export type .{ext}; add a check for it in tests/hostile_inputs.py"]
    if expect_payload:
        for piece in (DATA_BOLD, DATA_LINK, DATA_IMG, DATA_SCRIPT, DATA_HTML_BOLD):
            if piece not in shown:
                problems.append(f"{file_name}: data text {piece!r} not carried literally")
    return problems


def html_report_problems(page: str) -> list[str]:
    """Live markup from the data in an HTML page: the data's tags must arrive as &lt;…&gt;, not as elements."""
    from lxml import html as lxml_html
    problems = []
    tree = lxml_html.fromstring(page)
    for script in tree.iter("script"):
        # The report inlines plotly.js and the figures' JSON (which holds the data text as escaped strings); a
        # script element whose whole body is the data's alert(1) means the data broke out of its string.
        if (script.text or "").strip() == "alert(1)":
            problems.append("a <script> from the data is live in the page")
    problems += ["an <img> from the data is live in the page" for img in tree.iter("img")
                 if img.get("onerror") or img.get("src") == "x"]
    problems += ["a javascript: link is live in the page" for a in tree.iter("a")
                 if (a.get("href") or "").strip().lower().startswith("javascript:")]
    problems += [f"data text rendered as <{e.tag}>" for e in tree.iter(*DOM_MARKUP_TAGS) if dom_markup(e.tag,
                 e.text_content())]
    return problems


# What the data payload turns into when something renders it as markup: a bold "ZQbold", a link "ZQlink", a
# heading starting "ZQhead" (the "# " consumed). Shown as typed, none of these elements exists.
DOM_MARKUP_TAGS = ("strong", "b", "em", "a", "h1", "h2", "h3", "h4", "h5", "h6")


def dom_markup(tag: str, text: str) -> bool:
    text = (text or "").strip()
    tag = tag.lower()
    if tag in ("strong", "b", "em"):
        return text in ("ZQbold", "ZQhtml")
    if tag == "a":
        return text == "ZQlink"
    return text.startswith("ZQhead")


# The same check in the browser: JavaScript returning a description of every element that hostile text (marker "ZQ"
# for data, "ZL" for links) turned into markup, and of every live <img>/<svg>/<script>/javascript: link it made, each
# as "<context>: <what> in <data-testid>", context being table (st.table), chart, markdown or live.
# Call as page.evaluate(DOM_MARKUP_JS, marker).
DOM_MARKUP_JS = """(m) => {
  const where = (e) => { const c = e.closest('[data-testid]'); return c ? c.dataset.testid : e.tagName; };
  const context = (e) => e.closest('[data-testid="stTable"]') ? 'table'
                       : e.closest('[data-testid="stPlotlyChart"]') ? 'chart' : 'markdown';
  const out = [];
  const add = (e, what, ctx) => out.push(`${ctx || context(e)}: ${what} in ${where(e)}`);
  for (const e of document.querySelectorAll('strong, b, em')) {
    if ([m + 'bold', m + 'html'].includes(e.textContent.trim())) add(e, 'bold'); }
  for (const e of document.querySelectorAll('tspan[style*="bold"], text[style*="bold"]')) {
    if (e.textContent.trim().startsWith(m + 'html')) add(e, 'bold chart text'); }
  for (const e of document.querySelectorAll('a')) {
    if (e.textContent.trim() === m + 'link') add(e, `link (href=${e.getAttribute('href')})`); }
  for (const e of document.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
    if (e.textContent.trim().startsWith(m + 'head')) add(e, `heading <${e.tagName}>`); }
  for (const e of document.querySelectorAll('code, del, s')) {
    if (e.textContent.trim().startsWith(m)) add(e, `<${e.tagName}>`); }
  for (const e of document.querySelectorAll('.katex')) {
    if (e.textContent.includes(m)) add(e, 'math'); }
  for (const e of document.querySelectorAll('img[src="x"], img[onerror], [onload], [onmouseover]')) {
    add(e, `live <${e.tagName}>`, 'live'); }
  for (const e of document.querySelectorAll('script')) {
    if ((e.textContent || '').trim() === 'alert(1)') add(e, 'live <script>', 'live'); }
  for (const e of document.querySelectorAll('a[href^="javascript:" i]')) {
    add(e, 'javascript: link', 'live'); }
  return out;
}"""


# --- running one page with AppTest --------------------------------------------------------------------------------

_COMPONENTS: list = []


def run_page(url_path: str, query: dict, *, timeout: float = 60):
    """An AppTest run of dashboard.py that lands directly on one page, as a deep link /<url_path>?<query> does.

    AppTest's public switch_page() needs a first run on the default page, which would consume the link's
    first-run parameters there (language, sectors) and double the cost of each case. st.Page identifies a page by
    the hash of its url_path, so the run asks for that page hash directly; the landing is then checked.
    """
    from streamlit.testing.v1 import AppTest
    from streamlit.util import calc_hash

    at = AppTest.from_file(str(ENTRY), default_timeout=timeout)
    # Each new AppTest scans every installed distribution for custom components (~0.2 s, most of a run); the
    # result does not change within a test session, so the first one is reused.
    if _COMPONENTS and hasattr(at, "_bidi_component_manager"):
        at._bidi_component_manager = _COMPONENTS[0]
    at.query_params.update(query)
    at._page_hash = calc_hash(url_path)
    at.run()
    if not _COMPONENTS and getattr(at, "_bidi_component_manager", None) is not None:
        _COMPONENTS.append(at._bidi_component_manager)
    landed = at._finished_page_script_hash
    assert landed == calc_hash(url_path) or at.exception, f"AppTest did not land on /{url_path}"
    return at
