"""Where the time goes: Chromium's JavaScript CPU profile of a first paint and of a filter change, for dashboard
pages and for the bare app (bench/bare_app.py), grouped by the script that spent it.

    .venv/bin/python bench/profile_browser.py                          # gpu-split and overview, writes bench/results.md
    .venv/bin/python bench/profile_browser.py --pages power --no-write

bench/bench_pages.py says how much slower a page is than the bare app; this says why. Samples come from the
DevTools protocol's sampling profiler (Profiler.start/stop) in the same Chromium the benchmarks use; each action is
profiled from the navigation (first paint) or the click (filter change) to the repaint, as in bench_pages.py. The
server's time shows here as "(idle)": the browser waiting for the script run's messages.
Run by hand on an otherwise quiet machine; results go to the `profile` section of bench/results.md.
"""
from __future__ import annotations

import argparse
import collections
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playwright.sync_api import sync_playwright  # noqa: E402

import _common as c  # noqa: E402
import bench_pages as bp  # noqa: E402
from apecgpu import data, model  # noqa: E402

SAMPLING_US = 200
# Script files of Streamlit's front end, named by what they are (the hashed file names change with each release).
GROUPS = (("PlotlyChart", "Plotly (charts)"), ("react-dom", "React (rendering)"),
          ("StreamlitMarkdown", "Markdown (text, captions, table cells)"), ("emotion", "styling (emotion)"),
          ("styled-components", "styling (emotion)"), ("(program)", "browser: layout, style, paint"),
          ("(garbage collector)", "JavaScript garbage collection"), ("(idle)", "(idle): waiting for the server"),
          ("getBoundingClientRect", "browser: layout, style, paint"), ("getBBox", "browser: layout, style, paint"))


def _group(url: str, function: str) -> str:
    name = url.rsplit("/", 1)[-1] or function
    return next((label for key, label in GROUPS if key in name), "other Streamlit scripts")


class Profile:
    """Sampled CPU time by group, summed over the profiled actions."""

    def __init__(self):
        self.by_group: collections.Counter = collections.Counter()
        self.actions = 0
        self.wall_ms: list[float] = []

    def add(self, profile: dict, wall_ms: float) -> None:
        nodes = {n["id"]: n["callFrame"] for n in profile["nodes"]}
        for node_id, delta_us in zip(profile["samples"], profile["timeDeltas"]):
            frame = nodes[node_id]
            self.by_group[_group(frame["url"], frame["functionName"])] += delta_us / 1000
        self.actions += 1
        self.wall_ms.append(wall_ms)

    def per_action(self) -> dict[str, float]:
        return {k: v / max(self.actions, 1) for k, v in self.by_group.items()}


def _profiled(context, page, run) -> tuple[dict, float]:
    cdp = context.new_cdp_session(page)
    cdp.send("Profiler.enable")
    cdp.send("Profiler.setSamplingInterval", {"interval": SAMPLING_US})
    cdp.send("Profiler.start")
    wall = run()
    profile = cdp.send("Profiler.stop")["profile"]
    cdp.detach()
    return profile, wall


def measure(pages: list[str], repeats: int) -> dict:
    tables = data.load_dataset().dataset.tables
    names = dict(zip(tables["sectors"]["sector_id"], tables["sectors"][f"name_{bp.LANG}"]))
    # Base: a sector with a GPU allocation (every page has a chart); added: another one.
    base = next(s for s in names if not model.gpu_allocations(tables, [s], bp.LANG).empty)
    added = next(s for s in names if s != base)
    results = {}
    with c.server("dashboard.py") as dash, c.server("bench/bare_app.py") as bare, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=c.CHROMIUM_PATH, args=c.CHROMIUM_ARGS, headless=True)
        context = browser.new_context(viewport=c.VIEWPORT, locale="ko-KR")
        context.add_init_script(c.INSTRUMENT_JS)
        targets = [("bare app", bare.url, None)] + [
            (p, bp.page_url(dash.url, p, f"lang={bp.LANG}&sector={base}"), p) for p in pages]
        for label, url, page_id in targets:
            warm = context.new_page()  # static files cached, views built for both filter states
            bp.first_paint(warm, url)
            if page_id:
                for act in (lambda: bp.add_sector(warm, names[added]), lambda: bp.remove_sector(warm, names[added])):
                    bp.repaint_after(warm, act, [])
                    warm.keyboard.press("Escape")
            warm.close()
            paint, change = Profile(), Profile()
            for _ in range(repeats):
                pg = context.new_page()
                profile, wall = _profiled(context, pg, lambda: bp.first_paint(pg, url))
                paint.add(profile, wall)
                steps = ([lambda: bp.pick_bare(pg)] * 2 if page_id is None else
                         [lambda: bp.add_sector(pg, names[added]), lambda: bp.remove_sector(pg, names[added])])
                for act in steps:
                    errors: list = []
                    profile, wall = _profiled(context, pg, lambda: bp.repaint_after(pg, act, errors) or float("nan"))
                    if not errors:
                        change.add(profile, wall)
                    pg.keyboard.press("Escape")
                pg.close()
            results[label] = {"paint": paint, "change": change}
        browser.close()
    return results


def summarise(results: dict) -> str:
    labels = list(results)
    groups = sorted({g for r in results.values() for kind in r.values() for g in kind.by_group},
                    key=lambda g: -max(r["paint"].per_action().get(g, 0) for r in results.values()))
    blocks = []
    for kind, heading in (("paint", "First paint"), ("change", "Filter change (bare app: selectbox change)")):
        rows = [[g] + [c.fmt_ms(results[label][kind].per_action().get(g, 0.0)) for label in labels] for g in groups]
        rows.append(["**median time to the repaint (wall)**"]
                    + [f"**{c.fmt_ms(c.median(results[label][kind].wall_ms))}**" for label in labels])
        blocks.append(f"**{heading}**, sampled CPU time per action by script:\n\n"
                      + c.md_table(["where"] + [f"`{x}`" if x != "bare app" else x for x in labels], rows))
    return "\n\n".join(blocks)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", nargs="*", default=["overview", "gpu-split"])
    parser.add_argument("--repeats", type=int, default=4)
    parser.add_argument("--no-write", action="store_true", help="print only; leave bench/results.md alone")
    args = parser.parse_args(argv)
    started, note = time.time(), c.machine_note()
    results = measure(args.pages, args.repeats)
    body = (f"## Where the browser's time goes (`bench/profile_browser.py`)\n\n"
            f"{note} · load at end: {c.loadavg()} · "
            f"{(time.time() - started) / 60:.1f} min. {args.repeats} first paints and {2 * args.repeats} filter "
            f"changes per target; Chromium's sampling profiler every {SAMPLING_US} µs; language {bp.LANG}.\n\n"
            + summarise(results))
    print(body)
    if not args.no_write:
        c.update_section(c.BENCH / "results.md", "profile", body, preamble=c.RESULTS_PREAMBLE)
    return 0


if __name__ == "__main__":
    sys.exit(main())
