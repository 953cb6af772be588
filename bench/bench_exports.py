"""Time every briefing-kit export, cold (fresh process) and warm (repeated in one process), against a bare reference
operation (fig.to_json() for figure-based files, df.to_csv() for tables), and write bench/results_exports.md.

Usage:  .venv/bin/python bench/bench_exports.py [--repeat 5] [--lang ko]
Not a test: times vary by machine. The ratios say how much the export adds over serialising the same data.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "bench" / "results_exports.md"
VIEW_ID = "split-org"

KINDS = ["png", "svg", "csv", "xlsx", "deck", "workbook", "report"]
# Warm runs without the browser first: once kaleido's Chromium runs, its pipe-reader thread competes for the GIL.
WARM_ORDER = ["csv", "xlsx", "workbook", "report", "png", "svg", "deck"]


def _setup(lang: str):
    import streamlit  # noqa: F401 - the app imports it; it changes Plotly's default template, as in production

    from apecgpu.data import load_dataset
    from apecgpu.exports.bundle import build_bundle

    ds = load_dataset().dataset
    bundle = build_bundle(ds.tables, ds.version, lang)
    view = next(v for v in bundle.views if v.view_id == VIEW_ID)
    return bundle, view


def _task(kind: str, bundle, view):
    """(export callable, bare reference callable) for one kind."""
    from apecgpu.exports import deck, images, report, tables

    b = bundle
    if kind == "png":
        return (lambda: images.export_png(view, b.meta)), (lambda: view.figure.to_json())
    if kind == "svg":
        return (lambda: images.export_svg(view, b.meta)), (lambda: view.figure.to_json())
    if kind == "csv":
        return (lambda: tables.export_csv(view, b.meta)), (lambda: view.table.to_csv(index=False))
    if kind == "xlsx":
        return (lambda: tables.export_xlsx(view, b.meta, source_table=b.source_table)), \
            (lambda: view.table.to_csv(index=False))
    if kind == "deck":
        return (lambda: deck.build_deck(b.views, b.meta, disagreements=b.disagreements,
                                        source_table=b.source_table)), \
            (lambda: [v.figure.to_json() for v in b.views if v.figure is not None])
    if kind == "workbook":
        return (lambda: tables.export_workbook(b.views, b.meta, source_table=b.source_table,
                                               disagreements=b.disagreements)), \
            (lambda: [v.table.to_csv(index=False) for v in b.views])
    if kind == "report":
        return (lambda: report.build_report(b.views, b.meta, source_table=b.source_table,
                                            disagreements=b.disagreements)), \
            (lambda: [v.figure.to_json() for v in b.views if v.figure is not None])
    raise ValueError(kind)


def _time(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def child(kind: str, lang: str) -> None:
    """Cold: a fresh interpreter, data loaded, then the first export of this kind (imports and browser start-up
    included, as for the first user after a server start)."""
    bundle, view = _setup(lang)
    start = time.perf_counter()
    export, reference = _task(kind, bundle, view)   # imports the builder (python-pptx, openpyxl, ...) in the time
    data = export()
    cold = time.perf_counter() - start
    print(json.dumps({"kind": kind, "cold": cold, "size": len(data), "ref": _time(reference)}))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--lang", default="ko")
    ap.add_argument("--child")
    a = ap.parse_args()
    if a.child:
        child(a.child, a.lang)
        return

    cold = {}
    for kind in KINDS:
        out = subprocess.run([sys.executable, __file__, "--child", kind, "--lang", a.lang], cwd=ROOT,
                             capture_output=True, text=True, check=True, env={**os.environ})
        cold[kind] = json.loads(out.stdout.strip().splitlines()[-1])

    bundle, view = _setup(a.lang)
    rows = []
    for kind in WARM_ORDER:
        export, reference = _task(kind, bundle, view)
        export()  # warm-up: imports done, browser running
        warm = statistics.median(_time(export) for _ in range(a.repeat))
        ref = statistics.median(_time(reference) for _ in range(max(a.repeat, 5)))
        rows.append((kind, cold[kind]["cold"], warm, ref, warm / ref if ref else float("nan"),
                     cold[kind]["size"]))
        print(f"{kind:9s} cold {cold[kind]['cold']:7.3f}s  warm {warm:7.3f}s  ref {ref * 1000:8.2f}ms  "
              f"x{warm / ref:8.1f}  {cold[kind]['size']:>9,d} B")

    lines = [
        "# Export timings (briefing kit)",
        "",
        f"Made by `bench/bench_exports.py` on {time.strftime('%Y-%m-%d %H:%M')}, Python {platform.python_version()}, "
        f"{platform.machine()}, language `{a.lang}`, {len(bundle.views)} views, data version `{bundle.meta.version}`.",
        "",
        "- **cold**: first export in a fresh process after loading the data (imports; for PNG/SVG/deck also starting "
        "Chromium for kaleido).",
        f"- **warm**: median of {a.repeat} repeats in one process (the app caches files per data version, so a repeat "
        "click costs nothing; this is the cost of a new file).",
        "- **reference**: bare serialisation of the same content: `fig.to_json()` (images, deck, report) or "
        "`df.to_csv()` (CSV, XLSX, workbook); **ratio** = warm / reference.",
        f"- single-view kinds use `{VIEW_ID}`; deck, workbook and report include every view.",
        "",
        "| export | cold (s) | warm (s) | reference (ms) | ratio warm/ref | size (bytes) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for kind, c, w, r, ratio, size in rows:
        lines.append(f"| {kind} | {c:.3f} | {w:.3f} | {r * 1000:.2f} | {ratio:,.1f} | {size:,d} |")
    lines.append("")
    RESULTS.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(ROOT)}")
    from apecgpu.exports import images
    images.RENDERER.close()


if __name__ == "__main__":
    main()
