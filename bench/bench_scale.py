"""Scale: the same pages on synthetic data about a hundred times larger (bench/synthetic.py) against the real data.

    .venv/bin/python bench/bench_scale.py              # writes the `scale` section of bench/results.md
    .venv/bin/python bench/bench_scale.py --no-browser --no-write

For each data folder, in a fresh Python process: load + validate time (median of 3), memory of the loaded tables,
and the time to build every page's views with their figures (the app's way: one Context per language and filter,
shared by all pages), without a filter and with one. Then in Chromium against a server started on that folder: each page's first chart
paint (median of 3 after one visit that builds its views) and the server's RSS after visiting every page. Each
synthetic/real ratio is set against the data's own growth (rows and bytes): the target is that none grows faster
than the data.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import _common as c  # noqa: E402
import synthetic  # noqa: E402
from apecgpu import views  # noqa: E402
from apecgpu.data import DEFAULT_DATA_DIR  # noqa: E402
from apecgpu.schema import TABLES  # noqa: E402

# Runs in a fresh interpreter per data folder, so imports and caches of one do not help the other.
PROBE = r'''
import json, statistics, sys, time
from pathlib import Path
t_import = time.perf_counter()
from apecgpu import data, views
from apecgpu.views import Context
import bench._common as c
import os
pid = os.getpid()
rss0 = c.rss_kib(pid)
folder = Path(sys.argv[1])
loads = []
for _ in range(3):
    t0 = time.perf_counter(); result = data.load_dataset(folder); loads.append(time.perf_counter() - t0)
assert not result.errors, [i.message() for i in result.errors[:5]]
tables = result.dataset.tables
rss_loaded = c.rss_kib(pid)
table_bytes = sum(int(df.memory_usage(deep=True).sum()) for df in tables.values())
out = {"load_s": statistics.median(loads), "rss_loaded_kib": rss_loaded, "rss_start_kib": rss0,
       "table_bytes": table_bytes, "pages": {}}
for label, sectors in (("all", ()), ("filtered", ("cloud",))):
    for lang in ("ko", "en"):
        t0 = time.perf_counter()
        ctx = Context(tables, result.dataset.version, lang, sectors)
        out.setdefault("context_s", {})[f"{label}-{lang}"] = time.perf_counter() - t0
        for page in views.PAGE_VIEWS:
            t0 = time.perf_counter()
            built = views.build_views(tables, result.dataset.version, lang, sectors, pages=[page], ctx=ctx)
            for v in built:
                v.figure  # figures may be lazy (made on first use): count them as part of the view
            out["pages"].setdefault(page, {})[f"{label}-{lang}"] = time.perf_counter() - t0
out["rss_views_kib"] = c.rss_kib(pid)
print(json.dumps(out))
'''


def probe(folder: Path) -> dict:
    proc = subprocess.run([sys.executable, "-c", PROBE, str(folder)], cwd=c.REPO, capture_output=True, text=True,
                          timeout=1800)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr[-3000:])
    return json.loads(proc.stdout.strip().splitlines()[-1])


def paints(folder: Path, pages: list[str], repeats: int) -> dict:
    from playwright.sync_api import sync_playwright
    out = {"paint_ms": {}, "first_visit_ms": {}}
    with c.server("dashboard.py", env={"APECGPU_DATA_DIR": str(folder)}) as srv, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=c.CHROMIUM_PATH, args=c.CHROMIUM_ARGS, headless=True)
        ctx = browser.new_context(viewport=c.VIEWPORT, locale="ko-KR")
        ctx.add_init_script(c.INSTRUMENT_JS)
        out["rss_start_kib"] = srv.rss_kib()

        def paint(url: str) -> float:
            pg = ctx.new_page()
            try:
                pg.goto(url, wait_until="commit")
                return float(pg.wait_for_function(c.FIRST_PAINT_WAIT, polling=100, timeout=600_000).json_value())
            finally:
                pg.close()

        for p in pages:
            url = f"{srv.url}/{views.page_url(p)}?lang=ko"
            print(f"  {folder.name} · {p}", flush=True)
            out["first_visit_ms"][p] = paint(url)  # builds this page's views (and the briefing kit's, once)
            out["paint_ms"][p] = c.median(paint(url) for _ in range(repeats))
        out["rss_end_kib"] = srv.rss_kib()
        browser.close()
    return out


def folder_size(folder: Path) -> tuple[int, int]:
    rows = sum(max(0, len((folder / n).read_text(encoding="utf-8-sig").splitlines()) - 1) for n in TABLES)
    size = sum((folder / n).stat().st_size for n in TABLES)
    return rows, size


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--synthetic", type=Path, default=c.WORK / "synthetic")
    parser.add_argument("--copies", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--pages", nargs="*", default=list(views.PAGE_VIEWS))
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    note = c.machine_note()
    started = time.monotonic()
    counts = synthetic.make_synthetic(args.synthetic, copies=args.copies, seed=args.seed)
    folders = {"real": DEFAULT_DATA_DIR, "synthetic": args.synthetic}
    res = {k: {"size": folder_size(f)} for k, f in folders.items()}
    for k, f in folders.items():
        print(f"probe {k}", flush=True)
        res[k]["probe"] = probe(f)
    if not args.no_browser:
        for k, f in folders.items():
            print(f"paint {k}", flush=True)
            res[k]["browser"] = paints(f, args.pages, args.repeats)
    took = time.monotonic() - started

    real, syn = res["real"], res["synthetic"]
    row_ratio = syn["size"][0] / real["size"][0]
    byte_ratio = syn["size"][1] / real["size"][1]
    data_ratio = min(row_ratio, byte_ratio)

    def verdict(ratio: float) -> str:
        return f"×{ratio:.1f}" + (" ✅" if ratio <= data_ratio else " ❌")

    rows = [["data: rows in the checked CSV files", f"{real['size'][0]:,}", f"{syn['size'][0]:,}", f"×{row_ratio:.1f}"],
            ["data: bytes of those files", f"{real['size'][1] / 1024:,.0f} KiB", f"{syn['size'][1] / 1024:,.0f} KiB",
             f"×{byte_ratio:.1f}"],
            ["tables in memory (pandas, deep)", c.fmt_mib(real["probe"]["table_bytes"] / 1024),
             c.fmt_mib(syn["probe"]["table_bytes"] / 1024),
             verdict(syn["probe"]["table_bytes"] / real["probe"]["table_bytes"])]]
    rows.append(["load + validate (median of 3)", f"{real['probe']['load_s'] * 1000:,.0f} ms",
                 f"{syn['probe']['load_s'] * 1000:,.0f} ms", verdict(syn["probe"]["load_s"] / real["probe"]["load_s"])])
    for label in ("all", "filtered"):
        r = sum(v[f"{label}-ko"] for v in real["probe"]["pages"].values()) + real["probe"]["context_s"][f"{label}-ko"]
        s = sum(v[f"{label}-ko"] for v in syn["probe"]["pages"].values()) + syn["probe"]["context_s"][f"{label}-ko"]
        rows.append([f"build every page's views, ko, {'no filter' if label == 'all' else 'filter cloud'}",
                     f"{r * 1000:,.0f} ms", f"{s * 1000:,.0f} ms", verdict(s / r)])
    for p in real["probe"]["pages"]:
        r, s = real["probe"]["pages"][p]["all-ko"], syn["probe"]["pages"][p]["all-ko"]
        rows.append([f"· views of `{views.page_url(p) or '/'}`", f"{r * 1000:,.0f} ms", f"{s * 1000:,.0f} ms",
                     verdict(s / r)])
    rss_r = real["probe"]["rss_views_kib"] - real["probe"]["rss_start_kib"]
    rss_s = syn["probe"]["rss_views_kib"] - syn["probe"]["rss_start_kib"]
    rows.append(["process memory: data + every view, both languages (RSS growth)", c.fmt_mib(rss_r), c.fmt_mib(rss_s),
                 verdict(rss_s / rss_r)])
    if not args.no_browser:
        for p in args.pages:
            r, s = real["browser"]["paint_ms"][p], syn["browser"]["paint_ms"][p]
            rows.append([f"first chart painted, `{views.page_url(p) or '/'}` (warm)", c.fmt_ms(r), c.fmt_ms(s),
                         verdict(s / r)])
        for p in args.pages:
            r, s = real["browser"]["first_visit_ms"][p], syn["browser"]["first_visit_ms"][p]
            rows.append([f"first visit of `{views.page_url(p) or '/'}` (views built)", c.fmt_ms(r), c.fmt_ms(s),
                         verdict(s / r)])
        r = real["browser"]["rss_end_kib"]
        s = syn["browser"]["rss_end_kib"]
        rows.append(["server RSS after every page", c.fmt_mib(r), c.fmt_mib(s), verdict(s / r)])
        r = real["browser"]["rss_end_kib"] - real["browser"]["rss_start_kib"]
        s = syn["browser"]["rss_end_kib"] - syn["browser"]["rss_start_kib"]
        rows.append(["server RSS growth from start to after every page", c.fmt_mib(r), c.fmt_mib(s), verdict(s / r)])

    body = f"""## Scale: real data against synthetic data ×{args.copies} (`bench/bench_scale.py`)

{note} · load at end: {c.loadavg()} · {took / 60:.1f} min.
Synthetic data: `bench/synthetic.py --copies {args.copies} --seed {args.seed}` ({', '.join(f'{k.removesuffix(".csv")} {v:,}' for k, v in counts.items())}
rows); it passes `python -m apecgpu check`. Target: every ratio at most the data's own growth
(×{data_ratio:.1f}, the smaller of the row and byte ratios); ✅ = within it.

{c.md_table(["measure", "real data", "synthetic", "ratio"], rows)}
"""
    print(body)
    if not args.no_write:
        c.update_section(c.BENCH / "results.md", "scale", body, preamble=c.RESULTS_PREAMBLE)
        (c.BENCH / "results_scale.json").write_text(json.dumps(res, indent=1, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
