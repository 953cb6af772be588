"""What each chart costs to redraw on a filter change, against the bare app's three-bar chart, with Streamlit out of
the way: Plotly's own bundle (the one the plotly package ships) in a blank page of Debian's Chromium, each figure
switched between two filters' versions (no filter and one sector) with Plotly.react, alternated with the bare chart.

    .venv/bin/python bench/bench_charts.py                 # writes the `charts` section of bench/results.md
    .venv/bin/python bench/bench_charts.py --reps 20 --no-write

Why: bench_pages' filter change is the whole page's repaint; this isolates the part each chart's own drawing takes,
and shows where Plotly lays a chart out a second time in one redraw: its margins follow its labels, legend and a
pie's outside text (automargin), and when the new filter's need a different margin, Plotly draws, measures and
draws again. Run by hand on an otherwise quiet machine.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import plotly  # noqa: E402
import plotly.graph_objects as go  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

import _common as c  # noqa: E402
from apecgpu import data, views  # noqa: E402

PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
WIDTH_PX = 1000  # a chart's width on the dashboard's page (ui.CONTENT_MAX_PX)
SECTOR = "semiconductors"  # the second filter: changes every chart's data, labels and legend
BARE = [go.Figure(go.Bar(x=["a", "b", "c"], y=y, name="bare")) for y in ([1, 3, 2], [3, 1, 2])]  # bench/bare_app.py

# One figure pair redrawn `reps` times, alternating; median ms per Plotly.react until the next frame could draw.
REACT_JS = """async ([a, b, reps, width]) => {
  const el = document.createElement('div'); el.style.width = width + 'px'; document.body.appendChild(el);
  const copy = (f) => JSON.parse(JSON.stringify(f));
  await Plotly.newPlot(el, copy(a.data), copy(a.layout), {responsive: false});
  const sides = ['l', 'r', 't', 'b'];
  // What automargin added to each side beyond the figure's own margin.
  const size = () => Object.fromEntries(sides.map(
    (s) => [s, Math.round(el._fullLayout._size[s] - el._fullLayout.margin[s])]));
  const sizes = [size()];
  const times = [];
  for (let i = 0; i < reps; i++) {
    const f = i % 2 ? a : b, d = copy(f.data), l = copy(f.layout);
    const t0 = performance.now();
    await Plotly.react(el, d, l);
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    times.push(performance.now() - t0);
    if (i < 2) sizes.push(size());
  }
  Plotly.purge(el); el.remove();
  times.sort((x, y) => x - y);
  // Where automargin adds different amounts for the two filters, each switch lays the chart out twice.
  const changed = sides.filter((s) => sizes[1][s] !== sizes[2][s]).map((s) => `${s} +${sizes[2][s]}→+${sizes[1][s]}`);
  return {ms: times[Math.floor(times.length / 2)], changed};
}"""


def figure_pairs(lang: str) -> list[tuple[str, str, dict, dict]]:
    """(page, view id, figure without a filter, figure with SECTOR) as Plotly JSON, every view that has a chart; the
    figures as the page draws them (views.page_figure: title, source line and a legend under the plot are HTML)."""
    ds = data.load_dataset_strict()
    out = []
    for page in views.PAGE_VIEWS:
        plain = views.build_views(ds.tables, ds.version, lang, (), pages=[page])
        filtered = {v.view_id: v for v in views.build_views(ds.tables, ds.version, lang, (SECTOR,), pages=[page])}
        for view in plain:
            other = filtered.get(view.view_id)
            if view.figure is None or other is None or other.figure is None:
                continue
            out.append((page, view.view_id, json.loads(views.page_figure(view).to_json()),
                        json.loads(views.page_figure(other).to_json())))
    return out


def measure(reps: int, rounds: int, lang: str) -> dict:
    pairs = figure_pairs(lang)
    bare = [json.loads(f.to_json()) for f in BARE]
    res = {"bare": [], "charts": {view_id: {"page": page, "ms": [], "changed": []} for page, view_id, _, _ in pairs}}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=c.CHROMIUM_PATH, args=c.CHROMIUM_ARGS, headless=True)
        pg = browser.new_page(viewport=c.VIEWPORT)
        pg.set_content("<!doctype html><html><body></body></html>")
        pg.add_script_tag(path=str(PLOTLY_JS))
        for r in range(rounds):  # the bare chart before each figure, so a slow spell hits both
            print(f"round {r + 1}/{rounds}", flush=True)
            for _, view_id, a, b in pairs:
                res["bare"].append(pg.evaluate(REACT_JS, [bare[0], bare[1], reps, WIDTH_PX])["ms"])
                out = pg.evaluate(REACT_JS, [a, b, reps, WIDTH_PX])
                res["charts"][view_id]["ms"].append(out["ms"])
                res["charts"][view_id]["changed"] = out["changed"]
        browser.close()
    return res


def summarise(res: dict) -> tuple[str, dict]:
    bare = c.median(res["bare"])
    rows, summary = [], {"bare_ms": bare}
    for view_id, r in res["charts"].items():
        ms = c.median(r["ms"])
        summary[view_id] = {"page": r["page"], "ms": ms, "ratio": ms / bare, "margins_changed": r["changed"]}
        rows.append([f"`{views.page_url(r['page']) or '/'}`", f"`{view_id}`", f"{ms:.1f} ms", f"{ms / bare:.2f}",
                     ", ".join(r["changed"]) or "no"])
    table = c.md_table(["page", "chart", "redraw (Plotly.react)", "× bare chart",
                        "laid out twice: automargin per side, no filter → filter (px)"], rows)
    return table, summary


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reps", type=int, default=16, help="redraws per figure and round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--lang", default="ko")
    parser.add_argument("--no-write", action="store_true", help="print only; leave bench/results.md alone")
    args = parser.parse_args(argv)
    note = c.machine_note()
    started = time.monotonic()
    res = measure(args.reps, args.rounds, args.lang)
    table, summary = summarise(res)
    took = time.monotonic() - started
    body = f"""## What each chart costs to redraw (`bench/bench_charts.py`)

{note} · load at end: {c.loadavg()} · {took / 60:.1f} min.
Each chart switched between no filter and the `{SECTOR}` filter with `Plotly.react` in a blank page
({WIDTH_PX} px wide, language {args.lang}), {args.reps} redraws × {args.rounds} rounds, alternated with the bare app's
three-bar chart (median {summary['bare_ms']:.1f} ms). Medians; no Streamlit, no page around the chart.

{table}

*Laid out twice*: what Plotly's automargin adds to a side beyond the figure's own margin, for each filter; where
the two differ, each switch lays the chart out a second time in the same redraw (a first paint always is, where
anything is added).
"""
    print(body)
    if not args.no_write:
        c.update_section(c.BENCH / "results.md", "charts", body, preamble=c.RESULTS_PREAMBLE)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
