"""Speed against the floor: each dashboard page's first chart paint and a sector-filter change, measured in Debian's
Chromium alternately with a bare Streamlit app that shows one Plotly chart (bench/bare_app.py).

    .venv/bin/python bench/bench_pages.py                 # 5 rounds over every page, writes bench/results.md
    .venv/bin/python bench/bench_pages.py --rounds 2 --pages overview gpu-split --no-write

First paint: from navigation start to the first `.js-plotly-plot .main-svg` present with the script run over, in a
new tab (new Streamlit session) of a browser profile that has loaded the app before (its static files are cached, as
for anyone who has opened the dashboard once). Filter change: from the click in the sector filter to the repaint
(script ran, is idle, first chart drawn); the bare app's floor is the same for a change of its selectbox. Each
filter sample is either "new" (the first time the server sees that language and sector combination, so its views
are built) or "seen" (cached). Targets: each page's median at most 1.3 x the bare app's median.
Run by hand on an otherwise quiet machine; results go to the `pages` section of bench/results.md.
"""
from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playwright.sync_api import Page, expect, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout  # noqa: E402

import _common as c  # noqa: E402
from apecgpu import data, model, views  # noqa: E402
from apecgpu.i18n import t  # noqa: E402

TARGET = 1.3
BARE_VALUES = ["a", "b", "c"]  # bench/bare_app.py's selectbox
LANG = "ko"
TIMEOUT_MS = 60_000


def page_url(base: str, page: str, query: str = "") -> str:
    return f"{base}/{views.page_url(page)}" + (f"?{query}" if query else "")


def first_paint(pg: Page, url: str) -> float:
    """ms from navigation start to the first chart drawn with the script idle (page clock)."""
    pg.goto(url, wait_until="commit")
    return float(pg.wait_for_function(c.FIRST_PAINT_WAIT, polling=100, timeout=TIMEOUT_MS).json_value())


DIAGNOSE_JS = """(t0) => [window.__bench.changes.filter((t) => t >= t0 - 5000), t0,
  document.querySelector('[data-testid=stApp]').getAttribute('data-test-script-state'), location.href,
  Array.from(document.querySelectorAll('[data-testid=stPlotlyChart], [class*=st-key-chart-]'))
       .map((e) => e.className.split(' ').filter((k) => k.startsWith('st')).join('.') + ' svg=' + !!e.querySelector('.main-svg'))]"""


def repaint_after(pg: Page, act, errors: list) -> float | None:
    """Run `act` (which ends with one click), then ms from that click to the repaint (page clock); None (and an
    entry in `errors`, with a screenshot in bench/_work/) if it never came."""
    act()
    t0 = pg.evaluate("window.__bench.lastClick")
    try:
        end = pg.wait_for_function(c.REPAINT_WAIT, arg=t0, polling=50, timeout=TIMEOUT_MS).json_value()
    except PlaywrightTimeout:
        c.WORK.mkdir(exist_ok=True)
        shot = c.WORK / f"no-repaint-{len(errors)}.png"
        pg.screenshot(path=str(shot))
        errors.append(f"no repaint in {TIMEOUT_MS / 1000:.0f} s: {pg.evaluate(DIAGNOSE_JS, t0)} ({shot.name})")
        return None
    pg.wait_for_timeout(200)  # let late frames settle before the next action
    return float(end) - float(t0)


def sector_filter(pg: Page):
    return pg.locator(c.SECTOR_FILTER)


def add_sector(pg: Page, name: str) -> None:
    """Open the sector filter and pick `name`. A click that lands while the list is still moving can be lost (seen
    under load): then the tag does not appear, and the option is clicked again; the timing starts at the last click."""
    tag = sector_filter(pg).locator(f'[data-tag] [title="{name}"]')
    for _ in range(3):
        listbox = pg.get_by_role("listbox", name=t("ctl.sector", LANG))
        if not listbox.is_visible():
            sector_filter(pg).locator("input").click()
        listbox.get_by_role("option", name=name, exact=True).click()
        try:
            tag.wait_for(state="attached", timeout=1500)
            return
        except PlaywrightTimeout:
            continue
    raise RuntimeError(f"could not pick {name!r} in the sector filter")


def remove_sector(pg: Page, name: str) -> None:
    sector_filter(pg).get_by_role("button", name=f"Remove {name}", exact=True).click()


def pick_bare(pg: Page) -> None:
    """Change the bare app's selectbox to another value (checked, and clicked again if the pick was lost)."""
    box = pg.get_by_test_id("stSelectbox")
    current = box.locator("input").input_value()
    value = next(v for v in BARE_VALUES if v != current)
    for _ in range(3):
        if not pg.get_by_role("option", name=value, exact=True).is_visible():
            box.click()
        pg.get_by_role("option", name=value, exact=True).click()
        try:
            expect(box.locator("input")).to_have_value(value, timeout=1500)
            return
        except AssertionError:
            continue
    raise RuntimeError(f"could not pick {value!r} in the bare app")


def measure(rounds: int, pages: list[str], seed: int) -> dict:
    tables = data.load_dataset().dataset.tables
    sectors = tables["sectors"].sort_values("sort_order")
    names = dict(zip(sectors["sector_id"], sectors[f"name_{LANG}"]))
    # Sector pairs (base, added) never used before in this run: adding `added` to `base` is a combination the
    # server has not seen, so that sample is "new"; removing it and adding it again are "seen".
    # The base sector must leave a chart on every page (a GPU allocation in it), so the page has something to redraw.
    charted = [s for s in names if not model.gpu_allocations(tables, [s], LANG).empty]
    pairs = [(b, a) for b, a in itertools.permutations(names, 2) if b in charted]
    random.Random(seed).shuffle(pairs)
    pairs_iter = iter(pairs)

    res = {"paint": {p: [] for p in pages}, "paint_bare": {p: [] for p in pages},
           "filter_new": {p: [] for p in pages}, "filter_seen": {p: [] for p in pages},
           "filter_bare": {p: [] for p in pages}, "errors": []}
    with c.server("dashboard.py") as dash, c.server("bench/bare_app.py") as bare, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=c.CHROMIUM_PATH, args=c.CHROMIUM_ARGS, headless=True)
        contexts = {}
        for name in ("dash", "bare"):
            ctx = browser.new_context(viewport=c.VIEWPORT, locale="ko-KR")
            ctx.add_init_script(c.INSTRUMENT_JS)
            contexts[name] = ctx

        def fresh(name: str) -> Page:
            pg = contexts[name].new_page()
            pg.on("pageerror", lambda e: res["errors"].append(f"{name}: {e}"))
            return pg

        # Warm-up (not recorded): every page once, so imports, data and unfiltered views are loaded and the
        # browser has the static files; then the bare app.
        for p in pages:
            pg = fresh("dash")
            first_paint(pg, page_url(dash.url, p, f"lang={LANG}"))
            pg.close()
        pg = fresh("bare")
        first_paint(pg, bare.url)
        pg.close()
        res["rss_after_warmup_kib"] = dash.rss_kib()

        for r in range(rounds):
            for p in pages:
                print(f"round {r + 1}/{rounds} · {p}", flush=True)
                # First paint, alternating: bare, page, bare, page ...
                for _ in range(2):
                    pg = fresh("bare")
                    res["paint_bare"][p].append(first_paint(pg, bare.url))
                    pg.close()
                    pg = fresh("dash")
                    res["paint"][p].append(first_paint(pg, page_url(dash.url, p, f"lang={LANG}")))
                    pg.close()
                # Filter change on the page, alternating with the bare app's selectbox.
                base, added = next(pairs_iter)
                dpg = fresh("dash")
                first_paint(dpg, page_url(dash.url, p, f"lang={LANG}&sector={base}"))
                bpg = fresh("bare")
                first_paint(bpg, bare.url)
                steps = [("new", lambda: add_sector(dpg, names[added])),
                         ("seen", lambda: remove_sector(dpg, names[added])),
                         ("seen", lambda: add_sector(dpg, names[added]))]
                for i, (kind, act) in enumerate(steps):
                    x = repaint_after(bpg, lambda: pick_bare(bpg), res["errors"])
                    if x is not None:
                        res["filter_bare"][p].append(x)
                    x = repaint_after(dpg, act, res["errors"])
                    if x is not None:
                        res[f"filter_{kind}"][p].append(x)
                    dpg.keyboard.press("Escape")
                if dpg.locator(c.EXCEPTION).count():
                    res["errors"].append(f"exception box on {p}")
                dpg.close()
                bpg.close()
        res["rss_end_kib"] = dash.rss_kib()
        browser.close()
    return res


def summarise(res: dict, pages: list[str]) -> tuple[str, dict]:
    m = c.median
    rows, summary = [], {}
    for p in pages:
        paint, paint_bare = m(res["paint"][p]), m(res["paint_bare"][p])
        new, seen, fbare = m(res["filter_new"][p]), m(res["filter_seen"][p]), m(res["filter_bare"][p])
        summary[p] = {"paint_ms": paint, "paint_bare_ms": paint_bare, "paint_ratio": paint / paint_bare,
                      "filter_seen_ms": seen, "filter_new_ms": new, "filter_bare_ms": fbare,
                      "filter_seen_ratio": seen / fbare, "filter_new_ratio": new / fbare}
        s = summary[p]

        def verdict(x):
            return f"**{x:.2f}**" + (" ✅" if x <= TARGET else " ❌")

        rows.append([f"`{views.page_url(p) or '/'}`", c.fmt_ms(paint), c.fmt_ms(paint_bare), verdict(s["paint_ratio"]),
                     c.fmt_ms(seen), c.fmt_ms(fbare), verdict(s["filter_seen_ratio"]), c.fmt_ms(new),
                     f"{s['filter_new_ratio']:.2f}"])
    table = c.md_table(["page", "first paint", "bare", "ratio", "filter change (seen)", "bare rerun", "ratio",
                        "filter change (new combination)", "ratio"], rows)
    return table, summary


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--pages", nargs="*", default=list(views.PAGE_VIEWS))
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-write", action="store_true", help="print only; leave bench/results.md alone")
    args = parser.parse_args(argv)
    note = c.machine_note()
    started = time.monotonic()
    res = measure(args.rounds, args.pages, args.seed)
    table, summary = summarise(res, args.pages)
    took = time.monotonic() - started
    n_paint = args.rounds * 2
    body = f"""## Pages against the bare app (`bench/bench_pages.py`)

{note} · load at end: {c.loadavg()} · {args.rounds} rounds, {took / 60:.1f} min.
Medians of {n_paint} first paints and {args.rounds} new + {2 * args.rounds} seen filter changes per page, each
alternated with the bare app ({n_paint} paints, {3 * args.rounds} selectbox reruns per page). Language {LANG}.
Target: ratio ≤ {TARGET}.

{table}

Dashboard server memory: {c.fmt_mib(res.get('rss_after_warmup_kib'))} after the warm-up,
{c.fmt_mib(res.get('rss_end_kib'))} at the end. Page errors seen: {len(res['errors'])}
{('(' + '; '.join(res['errors'][:5]) + ')') if res['errors'] else ''}
"""
    print(body)
    if not args.no_write:
        c.update_section(c.BENCH / "results.md", "pages", body, preamble=c.RESULTS_PREAMBLE)
        (c.BENCH / "results_pages.json").write_text(json.dumps({"summary": summary, "raw": res}, indent=1,
                                                                  default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
