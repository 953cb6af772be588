"""Text in the data that looks like HTML or Markdown is shown as typed on every page and in presentation mode, and
carried literally by every export: a copy of data/ whose every free-text cell starts with a heading, bold text, a
javascript: link, an <img> with onerror, a <script> and a <b> (tests/hostile_inputs.py), run through AppTest page by
page and slide by slide, and through the exporters.

Places that still render data text as markup are listed in hostile_inputs.KNOWN_DATA_MARKUP with the file and call;
their tests are strict xfails, so the fix turns them into failures that ask for the entry to be removed.
"""
from __future__ import annotations

import inspect
import os
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, for the shared hostile_inputs module
import hostile_inputs as H  # noqa: E402

from apecgpu import data, views  # noqa: E402
from apecgpu.i18n import LANGS  # noqa: E402

PAGES = H.app_pages()
PRESENT_KEY = ("chart", "present")  # KNOWN_DATA_MARKUP key of presentation mode (?present=1)
SLIDE_COUNTER = re.compile(r"\s*(\d+) / (\d+)\s*")  # presentation mode's "3 / 13"

def _params(context: str) -> list:
    out = []
    for _, path in PAGES:
        reason = H.KNOWN_DATA_MARKUP.get((context, path))
        marks = [pytest.mark.xfail(strict=True, raises=H.KnownMarkup, reason=f"data text rendered as markup: {reason}")
                 ] if reason else []
        out.append(pytest.param(path, id=path, marks=marks))
    return out


def _present_params() -> list:
    reason = H.KNOWN_DATA_MARKUP.get(PRESENT_KEY)
    marks = [pytest.mark.xfail(strict=True, raises=H.KnownMarkup, reason=f"data text rendered as markup: {reason}")
             ] if reason else []
    return [pytest.param(lang, marks=marks) for lang in LANGS]


@pytest.fixture(scope="module")
def hostile_dir(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("hostile") / "data"
    H.make_hostile_data(target)
    result = data.load_dataset(target)
    assert not result.errors, "the hostile copy must load cleanly: " + "; ".join(i.message() for i in result.errors)
    return target


@pytest.fixture(scope="module")
def runs(hostile_dir):
    """(page, lang) -> AppTest run on the hostile data; each page runs once per language for all checks."""
    saved = os.environ.get(data.DATA_DIR_ENV)
    os.environ[data.DATA_DIR_ENV] = str(hostile_dir)
    cache: dict = {}

    def get(path: str, lang: str):
        if (path, lang) not in cache:
            cache[(path, lang)] = H.run_page(path, {"lang": lang})
        return cache[(path, lang)]

    yield get
    if saved is None:
        os.environ.pop(data.DATA_DIR_ENV, None)
    else:
        os.environ[data.DATA_DIR_ENV] = saved


def _check(runs, path: str, context: str, contexts: tuple[str, ...]) -> None:
    """Fail with every place on the page where data text would render as markup; for a KNOWN_DATA_MARKUP place the
    failure is H.KnownMarkup, which the page's strict xfail expects (any other failure still fails)."""
    found = []
    for lang in LANGS:
        at = runs(path, lang)
        assert not at.exception, [e.value for e in at.exception]
        found += [f"[{lang}] {p}" for p in H.tree_problems(at, contexts)]
    found = sorted(set(found))
    if found:
        error = H.KnownMarkup if (context, path) in H.KNOWN_DATA_MARKUP else AssertionError
        raise error(f"{len(found)} place(s) on /{path}:\n" + "\n".join(found[:20]))


class TestPages:
    @pytest.mark.parametrize("path", [p for _, p in PAGES])
    def test_data_text_reaches_the_page(self, runs, path):
        # Must happen: the payload is on the page at all (otherwise the checks below prove nothing).
        for lang in LANGS:
            at = runs(path, lang)
            assert not at.exception, [e.value for e in at.exception]
            assert H.MARKER in H.tree_text(at), f"/{path}?lang={lang} shows no data text"

    @pytest.mark.parametrize("path", _params("markdown"))
    def test_markdown_text_shows_data_as_typed(self, runs, path):
        """Titles, headers, captions, markdown, alerts, expander labels, metric labels, widget labels and help."""
        _check(runs, path, "markdown", ("markdown", "html"))

    @pytest.mark.parametrize("path", _params("table"))
    def test_table_cells_show_data_as_typed(self, runs, path):
        """st.table cells (Streamlit renders them as Markdown)."""
        _check(runs, path, "table", ("table",))

    @pytest.mark.parametrize("path", _params("chart"))
    def test_chart_text_shows_data_as_typed(self, runs, path):
        """Plotly labels, hovers, titles and annotations (Plotly draws a subset of HTML)."""
        _check(runs, path, "chart", ("plotly",))


    @pytest.mark.parametrize("lang", _present_params())
    def test_presentation_mode_shows_data_as_typed(self, hostile_dir, lang):
        """?present=1, every slide (the counter "n / total" says how many)."""
        saved = os.environ.get(data.DATA_DIR_ENV)
        os.environ[data.DATA_DIR_ENV] = str(hostile_dir)
        try:
            first = H.run_page(PAGES[0][1], {"lang": lang, "present": "1"})
            counter = next((m for m in map(SLIDE_COUNTER.fullmatch, H.tree_text(first).splitlines()) if m), None)
            total = int(counter.group(2)) if counter else 1
            found = []
            for n in range(1, total + 1):
                at = H.run_page(PAGES[0][1], {"lang": lang, "present": "1", "slide": str(n)})
                assert not at.exception, [e.value for e in at.exception]
                found += [f"slide {n}: {p}" for p in H.tree_problems(at)]
        finally:
            if saved is None:
                os.environ.pop(data.DATA_DIR_ENV, None)
            else:
                os.environ[data.DATA_DIR_ENV] = saved
        if found:
            known = PRESENT_KEY in H.KNOWN_DATA_MARKUP
            raise (H.KnownMarkup if known else AssertionError)(f"{len(found)} place(s):\n" + "\n".join(found[:20]))


# --- exports -------------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def hostile_views(hostile_dir):
    from apecgpu.exports import make_meta
    dataset = data.load_dataset(hostile_dir).dataset
    built = {lang: views.build_views(dataset.tables, dataset.version, lang) for lang in LANGS}
    metas = {lang: make_meta(dataset.tables, dataset.version, lang, base_url="http://127.0.0.1:8501")
             for lang in LANGS}
    ctxs = {lang: views.Context(dataset.tables, dataset.version, lang, ()) for lang in LANGS}
    return built, metas, ctxs


def _cells_with_payload(frame) -> list[str]:
    return [v for col in frame.columns for v in frame[col].tolist() if isinstance(v, str) and H.MARKER in v]


def _literal(file_name: str, blob: bytes, cells: list[str]) -> list[str]:
    """Problems of one file, plus every data cell of the view that the file does not carry verbatim."""
    problems = H.export_problems(file_name, blob, expect_payload=bool(cells))
    if file_name.endswith((".csv", ".xlsx")):
        shown = blob.decode("utf-8-sig") if file_name.endswith(".csv") else H._xml_text(H._zip_texts(blob, "xl/"))
        problems += [f"{file_name}: cell not carried verbatim: {c[:80]!r}" for c in cells if c not in shown]
    return problems


# Every public exporter in apecgpu.exports (export_* / build_* returning the file's bytes), and the test below that
# feeds it the hostile data. A new exporter
# without an entry fails test_every_exporter_is_checked, so it cannot land unchecked.
EXPORTERS = {
    "tables.export_csv": "test_view_csv_and_xlsx_carry_data_text",
    "tables.export_xlsx": "test_view_csv_and_xlsx_carry_data_text",
    "tables.export_workbook": "test_kit_files_carry_data_text",
    "report.build_report": "test_kit_files_carry_data_text",
    "deck.build_deck": "test_kit_files_carry_data_text",
    "images.export_svg": "test_chart_images_carry_data_text",
    "images.export_png": "test_chart_images_carry_data_text",
}


class TestExports:
    def test_every_exporter_is_checked(self):
        import importlib
        import pkgutil

        import apecgpu.exports as package
        found = set()
        for info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            found |= {f"{info.name}.{name}" for name, fn in inspect.getmembers(module, inspect.isfunction)
                      if fn.__module__ == module.__name__ and name.startswith(("export_", "build_"))
                      and inspect.signature(fn).return_annotation in (bytes, "bytes")}
        assert found <= set(EXPORTERS), f"exporters without a hostile-data check: {sorted(found - set(EXPORTERS))}"

    @pytest.mark.parametrize("lang", LANGS)
    def test_view_csv_and_xlsx_carry_data_text(self, hostile_views, lang):
        from apecgpu.exports import tables as xt
        built, metas, ctxs = hostile_views
        problems, carried = [], 0
        for view in built[lang]:
            cells = _cells_with_payload(view.table)
            carried += bool(cells)
            problems += _literal(f"{view.view_id}.csv", xt.export_csv(view, metas[lang]), cells)
            problems += _literal(f"{view.view_id}.xlsx", xt.export_xlsx(
                view, metas[lang], source_table=views.source_table(ctxs[lang])), cells)
        assert carried, "no view table carries data text: the hostile copy did not reach the views"
        assert not problems, "\n".join(problems[:30])

    @pytest.mark.parametrize("lang", LANGS)
    def test_kit_files_carry_data_text(self, hostile_views, lang):
        """The briefing kit: workbook, HTML report (data escaped, no live element) and PowerPoint deck."""
        from apecgpu.exports import deck, report
        from apecgpu.exports import tables as xt
        built, metas, ctxs = hostile_views
        ctx, meta = ctxs[lang], metas[lang]
        extra = {"source_table": views.source_table(ctx), "disagreements": views.disagreement_table(ctx)}
        problems = H.export_problems("kit.xlsx", xt.export_workbook(built[lang], meta, **extra))
        problems += H.export_problems("kit.html", report.build_report(built[lang], meta, **extra))
        # Pictures of non-native charts are covered by the image test; a blank PNG keeps this test fast.
        blank = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f"
                 b"\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84\x00\x00"
                 b"\x00\x00IEND\xaeB`\x82")
        problems += H.export_problems("kit.pptx", deck.build_deck(built[lang], meta, picture=lambda *a: blank,
                                                                   **extra))
        assert not problems, "\n".join(problems)

    @pytest.mark.xfail(("chart", "images") in H.KNOWN_DATA_MARKUP, strict=True, raises=H.KnownMarkup,
                       reason=f"data text rendered as markup: {H.KNOWN_DATA_MARKUP.get(('chart', 'images'))}")
    def test_chart_images_carry_data_text(self, hostile_views):
        """SVG text carries the data as typed (no live element, nothing drawn bold); PNG renders. One chart per
        page, Korean."""
        from apecgpu.exports import images
        if images.renderer_problem():
            pytest.fail(f"chart images cannot be rendered here: {images.renderer_problem()}")
        built, metas, _ = hostile_views
        charts = {}
        for view in built["ko"]:
            if view.figure is not None:
                charts.setdefault(view.page, view)
        problems = []
        for view in charts.values():
            svg = images.export_svg(view, metas["ko"])
            # The picture's title and subtitle (source line: outlets, bylines) carry data text.
            problems += H.export_problems(f"{view.view_id}.svg", svg,
                                          expect_payload=H.MARKER in view.title + view.source_line)
            if H.MARKER not in svg.decode("utf-8"):
                problems.append(f"{view.view_id}.svg: no data text in the picture")
        first = next(iter(charts.values()))
        problems += H.export_problems(f"{first.view_id}.png", images.export_png(first, metas["ko"]))
        bold = [p for p in problems if H.DATA_HTML_BOLD in p]  # drawn bold, hence also not there as typed
        assert not [p for p in problems if p not in bold], "\n".join(problems)
        if bold:
            raise (H.KnownMarkup if ("chart", "images") in H.KNOWN_DATA_MARKUP else AssertionError)("\n".join(bold))
