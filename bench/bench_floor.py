"""What each element on a page adds to a rerun: the bare app (bench/bare_app.py) with N extra unchanging elements,
its selectbox rerun and first paint timed in Chromium for each N, alternated in one run; then the dashboard's pages'
element counts and what that cost predicts for their filter change, against bench_pages' measurement.

    .venv/bin/python bench/bench_floor.py                 # 12 rounds, writes the `floor` section of bench/results.md
    .venv/bin/python bench/bench_floor.py --rounds 4 --no-write

Why: the filter-change target (≤ 1.3 × the bare app's rerun) is a budget of time, and Streamlit redraws every
element of a page on every rerun, changed or not. The slope (ms per element) says how many elements that budget
allows, and so whether a page can meet the target by any amount of work on its own content.
Run by hand on an otherwise quiet machine.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playwright.sync_api import sync_playwright  # noqa: E402

import _common as c  # noqa: E402
from bench_pages import TARGET, first_paint, pick_bare, repaint_after  # noqa: E402

CAPTIONS = [0, 10, 20, 40, 80]
KINDS = {"download": 20, "metric": 10, "table": 5, "expander": 10, "chart": 3, "tags": 1, "sidebar": 20}
# The dashboard's frame around the bare page (bench/shell_app.py), from its sidebar controls alone to all of it.
SHELLS = ["controls", "footer", "kit", "all"]
PAINTS = 4
ENTRY = str(c.REPO / "dashboard.py")


def variants() -> list[tuple[str, int]]:
    return [("caption", n) for n in CAPTIONS] + [(kind, n) for kind, n in KINDS.items()]


def names() -> list[str]:
    """Every variant measured: the bare app's (`kind:n`) and the frame's (`shell:part`)."""
    return [f"{k}:{n}" for k, n in variants()] + [f"shell:{part}" for part in SHELLS]


def measure(rounds: int) -> dict:
    res = {"rerun": {name: [] for name in names()}, "paint": {name: [] for name in names()}, "errors": []}
    with c.server("bench/bare_app.py") as bare, c.server("bench/shell_app.py") as shell, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=c.CHROMIUM_PATH, args=c.CHROMIUM_ARGS, headless=True)
        ctx = browser.new_context(viewport=c.VIEWPORT)
        ctx.add_init_script(c.INSTRUMENT_JS)

        def url(name: str) -> str:
            kind, n = name.split(":")
            return f"{shell.url}/?shell={n}&lang=ko" if kind == "shell" else f"{bare.url}/?extra={n}&kind={kind}"

        for name in ("caption:0", "shell:all"):
            warm = ctx.new_page()
            first_paint(warm, url(name))
            warm.close()
        for _ in range(PAINTS):  # first paints, each variant in turn, in a new tab (new session)
            for name in names():
                pg = ctx.new_page()
                res["paint"][name].append(first_paint(pg, url(name)))
                pg.close()
        pages = {}
        for name in names():
            pg = ctx.new_page()
            pg.on("pageerror", lambda e: res["errors"].append(str(e)))
            first_paint(pg, url(name))
            pages[name] = pg
        for r in range(rounds):
            print(f"round {r + 1}/{rounds}", flush=True)
            for name, pg in pages.items():
                pg.bring_to_front()  # a tab in the background gets no animation frames
                x = repaint_after(pg, lambda pg=pg: pick_bare(pg), res["errors"])
                if x is not None:
                    res["rerun"][name].append(x)
        browser.close()
    return res


def slope(points: list[tuple[int, float]]) -> float:
    """Least-squares ms per element."""
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in points) / sum((x - mx) ** 2 for x in xs)


# What the bare app's extra kinds stand for in a dashboard page's tree (AppTest's element and block types); every
# other element is costed as a caption. The app's frame (main area, sidebar, event block) is not counted.
KIND_OF = {"plotly_chart": "chart", "table": "table", "dataframe": "table", "download_button": "download",
           "button": "download", "metric": "metric", "B:expander": "expander"}
FRAME = {"B:main", "B:sidebar", "B:event"}


def page_elements() -> dict[str, dict[str, int]]:
    """Elements each dashboard page's script draws, by the kinds the bare app measures (AppTest, Korean, no filter;
    the sidebar's page list, drawn by the frontend, is not counted)."""
    from streamlit.testing.v1 import AppTest
    from streamlit.testing.v1.element_tree import Block

    from apecgpu import views, views_tracking  # noqa: F401  (views_tracking adds the tracking pages)

    counts = {}
    for page in views.PAGE_VIEWS:
        at = AppTest.from_file(ENTRY, default_timeout=120)
        at.query_params["lang"] = "ko"
        at.run()
        if page != "overview":
            at.switch_page(f"app_pages/{page.replace('-', '_')}.py")
            at.run()
        n: dict[str, int] = {}

        def walk(node):
            for child in getattr(node, "children", {}).values():
                name = f"B:{child.type}" if isinstance(child, Block) else child.type
                if name not in FRAME:
                    kind = KIND_OF.get(name, "caption")
                    n[kind] = n.get(kind, 0) + 1
                if isinstance(child, Block):
                    walk(child)

        walk(at._tree)
        counts[page] = n
    return counts


def summarise(res: dict, counts: dict) -> tuple[str, str, str, dict]:
    m = c.median
    rerun = {name: m(v) for name, v in res["rerun"].items()}
    paint = {name: m(v) for name, v in res["paint"].items()}
    base_rerun, base_paint = rerun["caption:0"], paint["caption:0"]
    per_rerun = slope([(n, rerun[f"caption:{n}"]) for n in CAPTIONS])
    per_paint = slope([(n, paint[f"caption:{n}"]) for n in CAPTIONS])
    # ms each element of a kind adds to a rerun (captions: the slope; the others: one variant's excess over bare)
    cost = {"caption": per_rerun} | {kind: (rerun[f"{kind}:{n}"] - base_rerun) / n for kind, n in KINDS.items()}
    rows = [[f"{n} × {kind}" if n else "none (the bare app)", c.fmt_ms(rerun[f"{kind}:{n}"]),
             f"{rerun[f'{kind}:{n}'] / base_rerun:.2f}", f"{cost[kind]:.1f} ms" if n else "—",
             c.fmt_ms(paint[f"{kind}:{n}"]), f"{paint[f'{kind}:{n}'] / base_paint:.2f}"] for kind, n in variants()]
    table = c.md_table(["extra elements", "rerun (selectbox)", "× bare", "per element", "first paint", "× bare"],
                       rows)
    shell_rows = [[SHELL_LABELS[part], c.fmt_ms(rerun[f"shell:{part}"]), f"{rerun[f'shell:{part}'] / base_rerun:.2f}",
                   c.fmt_ms(paint[f"shell:{part}"]), f"{paint[f'shell:{part}'] / base_paint:.2f}"]
                  for part in SHELLS]
    shell_table = c.md_table(["the bare page inside", "rerun (selectbox)", "× bare", "first paint", "× bare"],
                             shell_rows)
    measured = {}
    pages_json = c.BENCH / "results_pages.json"
    if pages_json.exists():
        measured = json.loads(pages_json.read_text()).get("summary", {})
    prow, predicted_by_page = [], {}
    for page, n in counts.items():
        # The bare app's own chart stands for the page's first chart.
        extra = dict(n, chart=max(0, n.get("chart", 0) - 1))
        predicted = base_rerun + sum(cost.get(kind, per_rerun) * k for kind, k in extra.items())
        predicted_by_page[page] = predicted
        got = measured.get(page, {})
        shown = ", ".join(f"{n[k]} {k}" for k in ("chart", "table", "download", "metric", "expander", "caption")
                          if n.get(k))
        prow.append([f"`{page}`", shown, c.fmt_ms(predicted), f"{predicted / base_rerun:.2f}",
                     c.fmt_ms(got.get("filter_seen_ms", float("nan"))),
                     f"{got['filter_seen_ratio']:.2f}" if "filter_seen_ratio" in got else "—"])
    ptable = c.md_table(["page", "elements drawn (script)", "predicted rerun", "× bare",
                         "measured filter change (bench_pages, seen)", "× bare"], prow)
    summary = {"rerun_ms": rerun, "paint_ms": paint, "ms_per_element": cost, "ms_per_caption_paint": per_paint,
               "captions_within_target": (TARGET - 1) * base_rerun / per_rerun if per_rerun > 0 else None,
               "pages": counts, "predicted_ms": predicted_by_page}
    return table, shell_table, ptable, summary


SHELL_LABELS = {"controls": "the dashboard's frame: style, sidebar with language and sector controls",
                "footer": "… and the footer (sources, data version, terms)",
                "kit": "… and the briefing kit (no footer)",
                "all": "… with footer and briefing kit, as on every page"}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=12)
    parser.add_argument("--no-write", action="store_true", help="print only; leave bench/results.md alone")
    args = parser.parse_args(argv)
    note = c.machine_note()
    started = time.monotonic()
    res = measure(args.rounds)
    counts = page_elements()
    table, shell_table, ptable, s = summarise(res, counts)
    took = time.monotonic() - started
    body = f"""## What each element costs a rerun (`bench/bench_floor.py`)

{note} · load at end: {c.loadavg()} · {args.rounds} rounds, {took / 60:.1f} min.
The bare app with N extra unchanging elements under its chart (`bench/bare_app.py?extra=N`): medians of
{args.rounds} selectbox reruns and {PAINTS} first paints per variant, all variants in turn in one run.

{table}

Per element: captions by least squares over the caption rows ({s['ms_per_caption_paint']:.2f} ms each on a
first paint); the other kinds, one variant's excess over the bare app divided by its count. The extra charts and
tables change with the selectbox, like a dashboard's on a filter change; the others do not change.

The bare app's page inside the dashboard's own frame (`bench/shell_app.py`: its style, its sidebar controls bound to
the link, footer and briefing kit), none of the dashboard's content on the page; the same selectbox rerun:

{shell_table}

The dashboard's pages, priced by the same costs (elements the script draws, AppTest, Korean, no filter; the
sidebar's page list and the frame not counted): predicted = bare rerun + Σ count × cost per element, the bare
app's chart standing for the page's first. Measured: the latest `bench_pages.py` run.

{ptable}

Page errors seen: {len(res['errors'])}
"""
    print(body)
    if not args.no_write:
        c.update_section(c.BENCH / "results.md", "floor", body, preamble=c.RESULTS_PREAMBLE)
        (c.BENCH / "results_floor.json").write_text(json.dumps({"summary": s, "raw": res}, indent=1, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
