"""Shared by the benchmark scripts: start Streamlit servers, read their memory, drive Chromium, time repaints.

Not a test module: the scripts in bench/ are run by hand and write their results next to this file.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Iterator, Mapping, Optional

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO / "bench"
WORK = BENCH / "_work"  # scratch (synthetic data, logs); ignored by git

# Debian's Chromium with the flags this closed network needs (same as tests/browser/conftest.py).
CHROMIUM_PATH = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1440, "height": 900}

APP = '[data-testid="stApp"]'
EXCEPTION = '[data-testid="stException"]'
# The dashboard's own sidebar controls, by widget key (ui.py): the sidebar also holds the briefing kit's controls.
SECTOR_FILTER = ".st-key-_sector_widget"
LANG_CONTROL = ".st-key-_lang_widget"

# Installed in every page before any of its scripts run. Everything is timed on the page's own clock
# (performance.now(), ms since navigation start), checked once per animation frame, so a measurement never includes
# Playwright's round trips:
#   __bench.firstPaint  when a Plotly chart has drawn its SVG and the script run is over (first paint of the page);
#   __bench.done[t0]    for a click at t0: when the script has run since the click, is idle again, and the first
#                       chart of the page, if it has one, has its SVG (the repaint; see bench.watch for fast runs);
#   __bench.done[0]     when the first script run is over and the first chart, if the page has one, is drawn;
#   __bench.lastClick   the time of the last click; __bench.mark() starts the same watch without a click.
INSTRUMENT_JS = r"""
(() => {
  const LIMIT_MS = 180000, QUIET_MS = 300;
  const bench = {changes: [], messages: [], batched: [], lastClick: null, done: {}, firstPaint: null};
  window.__bench = bench;
  // Every message from the server, timed: a fast rerun (the bare app's) can deliver its start and its end in one
  // batch, and then the state attribute never visibly changes; a message after the click still shows the run.
  const NativeWebSocket = window.WebSocket;
  window.WebSocket = class extends NativeWebSocket {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', () => bench.messages.push(performance.now()));
    }
  };
  const app = () => document.querySelector('[data-testid="stApp"]');
  const idle = () => { const a = app(); return a && a.getAttribute('data-test-script-state') === 'notRunning'; };
  const drawn = () => {
    // The Plotly chart component is loaded lazily: on a first load its container is there only once the chunk
    // has loaded. The dashboard's charts have keys (`chart-<view>`), whose containers are there from the start.
    const chart = document.querySelector('[data-testid="stPlotlyChart"], [class*="st-key-chart-"]');
    return !chart || !!chart.querySelector('.main-svg');
  };
  const repainted = (t0) => bench.changes.some((t) => t >= t0) && idle() && drawn();
  bench.watch = (t0) => {
    // Normally a run shows as a change of the state attribute (running, then idle). A very fast run (the bare
    // app's) can arrive in one batch of messages, rendered at once, so the attribute never changes: then the run is
    // over when the page is idle with its chart drawn and no message has come for QUIET_MS; its end is the first
    // frame that was ready after the last message.
    let candidate = null, after = null;
    const check = () => {
      const now = performance.now();
      if (repainted(t0)) { bench.done[t0] = now; return; }
      const messages = bench.messages.filter((t) => t >= t0);
      if (!bench.changes.some((t) => t >= t0) && messages.length) {
        const last = messages[messages.length - 1];
        if (idle() && drawn()) {
          if (after !== last) { candidate = now; after = last; }
          if (now - last >= QUIET_MS) { bench.done[t0] = candidate; bench.batched.push(t0); return; }
        } else { candidate = null; after = null; }
      }
      if (now - t0 < LIMIT_MS) requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
    return t0;
  };
  bench.mark = () => bench.watch(performance.now());
  document.addEventListener('click', () => { bench.lastClick = performance.now(); bench.watch(bench.lastClick); },
                            true);
  const firstPaint = () => {
    const now = performance.now();
    if (idle() && document.querySelector('.js-plotly-plot .main-svg')) { bench.firstPaint = now; return; }
    if (now < LIMIT_MS) requestAnimationFrame(firstPaint);
  };
  requestAnimationFrame(firstPaint);
  // The first run is watched like a click at time 0 (including the one-batch case: a starved page can render the
  // whole first run at once, so the state attribute never changes).
  bench.watch(0);
  const attach = () => {
    const a = app();
    if (!a) return false;
    new MutationObserver(() => bench.changes.push(performance.now()))
      .observe(a, {attributes: true, attributeFilter: ['data-test-script-state']});
    return true;
  };
  const start = () => {
    if (attach()) return;
    const mo = new MutationObserver(() => { if (attach()) mo.disconnect(); });
    mo.observe(document.documentElement, {childList: true, subtree: true});
  };
  if (document.documentElement) start(); else document.addEventListener('readystatechange', start, {once: true});
})();
"""
FIRST_PAINT_WAIT = "() => window.__bench && window.__bench.firstPaint"
LOADED_WAIT = "() => window.__bench && window.__bench.done[0]"
REPAINT_WAIT = "(t0) => window.__bench && window.__bench.done[t0]"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_kib(pid: int) -> Optional[int]:
    """Resident memory of one process in KiB (VmRSS), or None once it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def loadavg() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def machine_note() -> str:
    """One line about the machine and its load, for the results files."""
    mem = Path("/proc/meminfo").read_text().splitlines()[0].split()[1]
    return (f"{dt.datetime.now().strftime('%Y-%m-%d %H:%M')} · {os.cpu_count()} cores, "
            f"{int(mem) / 1024 / 1024:.0f} GiB · Python {platform.python_version()} · "
            f"load average (1/5/15 min) at start: {loadavg()}")


class Server:
    """One `streamlit run` on a loopback port, with its log in a file (a full pipe would block it)."""

    def __init__(self, script: str = "dashboard.py", *, port: Optional[int] = None,
                 env: Optional[Mapping[str, str]] = None, extra_args: tuple[str, ...] = ()):
        self.script, self.port = script, port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        full_env = os.environ.copy()
        full_env.update(env or {})
        self.log = tempfile.NamedTemporaryFile(prefix=f"bench-streamlit-{self.port}-", suffix=".log", delete=False)
        cmd = [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(self.port),
               "--server.address", "127.0.0.1", "--server.headless", "true",
               "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none", *extra_args]
        self.proc = subprocess.Popen(cmd, cwd=REPO, env=full_env, stdin=subprocess.DEVNULL, stdout=self.log,
                                     stderr=subprocess.STDOUT, start_new_session=True)
        self._wait_healthy()

    def _wait_healthy(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.script} exited early:\n{self.log_tail()}")
            with contextlib.suppress(OSError):
                with urllib.request.urlopen(self.url + "/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        return
            time.sleep(0.25)
        raise RuntimeError(f"{self.script} not healthy in {timeout} s:\n{self.log_tail()}")

    def log_tail(self, n: int = 40) -> str:
        with contextlib.suppress(OSError):
            return "\n".join(Path(self.log.name).read_text(errors="replace").splitlines()[-n:])
        return ""

    @property
    def pid(self) -> int:
        return self.proc.pid

    def rss_kib(self) -> Optional[int]:
        return rss_kib(self.proc.pid)

    def stop(self) -> None:
        if self.proc.poll() is None:
            # Own process group (start_new_session): also ends anything the server started (e.g. an export's
            # headless Chromium).
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        self.log.close()
        Path(self.log.name).unlink(missing_ok=True)

    def __enter__(self) -> "Server":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


@contextlib.contextmanager
def server(script: str = "dashboard.py", **kwargs) -> Iterator[Server]:
    s = Server(script, **kwargs)
    try:
        yield s
    finally:
        s.stop()


def median(values) -> float:
    values = list(values)
    return statistics.median(values) if values else float("nan")


def percentile(values, q: float) -> float:
    """Nearest-rank percentile (q in 0..100): a value that was actually measured."""
    values = sorted(values)
    if not values:
        return float("nan")
    k = max(0, min(len(values) - 1, int(round(q / 100 * len(values) + 0.5)) - 1))
    return values[k]


def fmt_ms(x: float) -> str:
    return "—" if x != x else f"{x:,.0f} ms"


def fmt_mib(kib: Optional[float]) -> str:
    return "—" if kib is None else f"{kib / 1024:,.1f} MiB"


def update_section(path: Path, name: str, body: str, *, preamble: str = "") -> None:
    """Replace the text between <!-- name:start --> and <!-- name:end --> in a markdown file (append if absent),
    so several scripts can each keep their own part of one results file up to date."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    block = f"{start}\n{body.rstrip()}\n{end}"
    text = path.read_text() if path.exists() else preamble
    if start in text and end in text:
        head, rest = text.split(start, 1)
        _, tail = rest.split(end, 1)
        text = head + block + tail
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    path.write_text(text)


def md_table(header: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


RESULTS_PREAMBLE = """# Benchmark results

Written by the scripts in `bench/`, run by hand on the project's machine (2 cores, 24 GiB); each section says when
it ran and how loaded the machine was. How to run them: the README's *Benchmarks* section.

- Pages against the bare app, scale, the browser profile, the cost of each element and each chart's own redraw:
  this file (`bench/bench_pages.py`, `bench/bench_scale.py`, `bench/profile_browser.py`, `bench/bench_floor.py`,
  `bench/bench_charts.py`).
- Many users (≥ 20 browser sessions): [results_many_users.md](results_many_users.md) (`bench/many_users.py`).
- Two replicas behind nginx, one killed mid-run: [results_failover.md](results_failover.md)
  (`bench/replica_failover.py`).
- Exports (deck, images, report): [results_exports.md](results_exports.md) (`bench/bench_exports.py`).
"""
