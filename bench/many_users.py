"""Many users: at least 20 concurrent Chromium sessions switching pages, sector filters and languages at random.

    .venv/bin/python bench/many_users.py                          # starts the app, 20 sessions, 90 s
    .venv/bin/python bench/many_users.py --sessions 24 --duration 120
    .venv/bin/python bench/many_users.py --url http://127.0.0.1:8080 --server-pid 1234 --server-pid 1235

Each session is its own browser context (own cookies, own Streamlit session) in one headless Chromium. It opens a
random page with a random language and filter, then until the time is up: waits a random think time, and switches
page (sidebar link), adds or removes a sector in the sector filter, or switches language. For each action it times
click -> repaint on the page's own clock (the script ran, is idle again, and the page's first chart is drawn; see
bench/_common.py), and checks that the link (URL) and the sidebar show the view it expects. Errors are: an
exception box, a console error or uncaught page error, a failed request or an HTTP error status, a repaint that
never came, and a view that is not the one expected. Server memory is read from /proc before and after, per session.
Writes bench/results_many_users.md (unless --no-write). The same driver runs through nginx in
bench/replica_failover.py.
"""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import random
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional
from urllib.parse import parse_qs, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playwright.async_api import Page, async_playwright
from playwright.async_api import TimeoutError as PlaywrightTimeout  # noqa: E402

import _common as c  # noqa: E402
from apecgpu import data, views  # noqa: E402
from apecgpu.i18n import LANGS, t  # noqa: E402

ACTION_TIMEOUT_MS = 180_000
VIEWPORT = {"width": 1280, "height": 800}
# Requests the browser cancels itself (a page switch or reload abandons what is still loading) are not failures.
BENIGN_FAILURES = ("net::ERR_ABORTED",)
# Streamlit's frontend, opened on a page's path (/gpu-split), first looks for its server under that path
# (/gpu-split/_stcore/health, .../host-config), gets 404 and then finds it at the root: its normal start-up on a
# deep link, not an error of the app. Counted separately.
PROBE_404 = re.compile(r"/[a-z-]+/_stcore/(health|host-config)$")


@dataclass
class SessionState:
    page: str  # url path ("" = overview)
    lang: str
    sectors: list[str]


@dataclass
class Results:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[tuple[float, int, str]] = field(default_factory=list)  # (seconds since start, session, text)
    benign: Counter = field(default_factory=Counter)
    loads: list[float] = field(default_factory=list)
    reloads: list[dict] = field(default_factory=list)
    actions: Counter = field(default_factory=Counter)
    retried_clicks: int = 0  # filter picks clicked again because the first click showed no tag within 10 s
    started: float = field(default_factory=time.monotonic)

    def error(self, session: int, text: str) -> None:
        self.errors.append((time.monotonic() - self.started, session, text[:300]))


class Driver:
    """N sessions against one base URL; `request_reload()` makes every session reload its URL and check its view."""

    def __init__(self, url: str, sessions: int, duration: float, *, seed: int = 1, think: tuple[float, float],
                 stagger: float = 0.5):
        self.url, self.n, self.duration, self.think, self.stagger = url.rstrip("/"), sessions, duration, think, stagger
        self.rng = random.Random(seed)
        self.res = Results()
        tables = data.load_dataset().dataset.tables
        sectors = tables["sectors"].sort_values("sort_order")
        self.sector_ids = list(sectors["sector_id"])
        self.sector_names = {lang: dict(zip(sectors["sector_id"], sectors[f"name_{lang}"])) for lang in LANGS}
        self.pages = [views.page_url(p) for p in views.PAGE_VIEWS]
        self.action_timeout_ms = ACTION_TIMEOUT_MS
        # Failover (bench/replica_failover.py): sessions asked to reload their URL, and sessions whose errors belong
        # to the failover window (from the kill until their reload has shown the same view again).
        self.reload_requests: set[int] = set()
        self.in_failover: set[int] = set()
        self.failover_errors: list[tuple[float, int, str]] = []
        self.contexts: dict[int, object] = {}
        self.states: dict[int, SessionState] = {}

    # --- bookkeeping ------------------------------------------------------------------------------------------

    def _error(self, i: int, text: str) -> None:
        if i in self.in_failover:
            self.failover_errors.append((time.monotonic() - self.res.started, i, text[:300]))
        else:
            self.res.error(i, text)

    def request_reload(self, sessions) -> None:
        """Those sessions reload their page (same URL) at their next step; their errors until then are the
        failover window's."""
        self.in_failover.update(sessions)
        self.reload_requests.update(sessions)

    def _watch(self, i: int, pg: Page) -> None:
        def on_console(msg):
            if msg.type == "error" and "status of 404" in msg.text and self.res.benign["404 base-path probe"]:
                return  # the console line that goes with a base-path probe (counted above)
            if msg.type == "error":
                self._error(i, f"console: {msg.text}")

        def on_failed(req):
            failure = req.failure or ""
            if any(b in failure for b in BENIGN_FAILURES):
                self.res.benign[failure] += 1
            else:
                self._error(i, f"request failed: {req.method} {req.url} {failure}")

        def on_response(resp):
            if resp.status == 404 and PROBE_404.search(resp.url):
                self.res.benign["404 base-path probe"] += 1
            elif resp.status >= 400:
                self._error(i, f"HTTP {resp.status}: {resp.request.method} {resp.url}")

        pg.on("console", on_console)
        pg.on("pageerror", lambda e: self._error(i, f"pageerror: {e}"))
        pg.on("requestfailed", on_failed)
        pg.on("response", on_response)

    # --- the view ---------------------------------------------------------------------------------------------

    def view_url(self, s: SessionState) -> str:
        query = "&".join([f"lang={s.lang}"] + [f"sector={x}" for x in s.sectors])
        return f"{self.url}/{s.page}?{query}"

    async def check_view(self, i: int, pg: Page, s: SessionState, when: str) -> bool:
        """The link and the sidebar show the expected page, language and sectors, and no exception box (looked at
        up to five times, each time once the script is idle: the sidebar can still be settling just after the chart is drawn)."""
        for attempt in range(5):
            with contextlib.suppress(Exception):  # a run can still be going on (a second one after a page switch)
                await pg.locator(c.APP).and_(pg.locator('[data-test-script-state="notRunning"]')).wait_for(
                    timeout=30_000)
            problems = await self._view_problems(pg, s)
            if not problems:
                return True
            await asyncio.sleep(1.0)
        self._error(i, f"{when}: " + "; ".join(problems))
        return False

    async def _view_problems(self, pg: Page, s: SessionState) -> list[str]:
        problems = []
        parts = urlsplit(pg.url)
        query = parse_qs(parts.query)
        if parts.path.strip("/") != s.page:
            problems.append(f"page {parts.path!r} != {s.page!r}")
        if query.get("lang", ["ko"]) != [s.lang]:
            problems.append(f"lang {query.get('lang')} != {s.lang}")
        if sorted(query.get("sector", [])) != sorted(s.sectors):
            problems.append(f"sectors {query.get('sector')} != {s.sectors}")
        if not await pg.locator(c.LANG_CONTROL).get_by_role("radio", name=_lang_name(s.lang), checked=True).count():
            problems.append(f"language control is not {s.lang}")
        tags = await self.sector_filter(pg, s.lang).locator("[data-tag] [title]").all_inner_texts()
        if sorted(tags) != sorted(self.sector_names[s.lang][x] for x in s.sectors):
            problems.append(f"filter shows {tags}")
        current = pg.locator('a[data-testid="stSidebarNavLink"][aria-current="page"]')
        href = await current.get_attribute("href") if await current.count() == 1 else None
        if href is None or urlsplit(href).path.strip("/") != s.page:
            problems.append(f"sidebar marks page {href!r}")
        if await pg.locator(c.EXCEPTION).count():
            problems.append("exception box")
        return problems

    def sector_filter(self, pg: Page, lang: str):
        return pg.locator(c.SECTOR_FILTER)

    # --- actions ----------------------------------------------------------------------------------------------

    async def _timed(self, pg: Page, kind: str, act) -> Optional[float]:
        await act()
        t0 = await pg.evaluate("window.__bench.lastClick")
        handle = await pg.wait_for_function(c.REPAINT_WAIT, arg=t0, polling=100, timeout=self.action_timeout_ms)
        latency = float(await handle.json_value()) - float(t0)
        self.res.latencies[kind].append(latency)
        self.res.actions[kind] += 1
        return latency

    async def action(self, i: int, pg: Page, s: SessionState) -> None:
        roll = self.rng.random()
        if roll < 0.4:
            target = self.rng.choice([p for p in self.pages if p != s.page])
            link = pg.get_by_test_id("stSidebarNav").locator(
                'a[data-testid="stSidebarNavLink"]' + (f'[href$="/{target}"]' if target else '[href$="/"]'))
            await self._timed(pg, "page", lambda: link.click())
            s.page = target
        elif roll < 0.75:
            names = self.sector_names[s.lang]
            if s.sectors and (len(s.sectors) >= 3 or self.rng.random() < 0.4):
                gone = self.rng.choice(s.sectors)
                button = self.sector_filter(pg, s.lang).get_by_role("button", name=f"Remove {names[gone]}", exact=True)
                await self._timed(pg, "filter", lambda: button.click())
                s.sectors = [x for x in s.sectors if x != gone]
            else:
                new = self.rng.choice([x for x in self.sector_ids if x not in s.sectors])

                async def add():
                    # A click that lands while the list is still moving can be lost (seen under load): then the tag
                    # does not appear and the option is clicked again; the timing starts at the last click.
                    # Under load the tag can also appear late: it is looked for again before any second click,
                    # since a picked option leaves the list and clicking it again would wait for nothing.
                    tag = self.sector_filter(pg, s.lang).locator(f'[data-tag] [title="{names[new]}"]')
                    for _ in range(3):
                        if await tag.count():
                            return
                        listbox = pg.get_by_role("listbox", name=t("ctl.sector", s.lang))
                        if not await listbox.is_visible():
                            await self.sector_filter(pg, s.lang).locator("input").click()
                        await listbox.get_by_role("option", name=names[new], exact=True).click()
                        try:
                            await tag.wait_for(state="attached", timeout=10_000)
                            return
                        except PlaywrightTimeout:
                            self.res.retried_clicks += 1
                            continue
                    raise RuntimeError(f"could not pick {names[new]!r} in the sector filter")
                await self._timed(pg, "filter", add)
                s.sectors = [x for x in self.sector_ids if x in s.sectors or x == new]
            await pg.keyboard.press("Escape")
        else:
            other = next(x for x in LANGS if x != s.lang)
            radio = pg.locator(c.LANG_CONTROL).get_by_role("radio", name=_lang_name(other))

            # One click: the control shows the new language only once the server's run has come back, so a second
            # click would not be a retry but a click on the chosen option (a no-op, and no run to time).
            await self._timed(pg, "language", lambda: radio.click())
            s.lang = other

    async def load(self, i: int, pg: Page, s: SessionState, *, reload: bool = False) -> float:
        """Open the session's URL (or reload the page's own URL); ms from navigation start to the first run drawn."""
        if reload:
            await pg.reload(wait_until="commit")
        else:
            await pg.goto(self.view_url(s), wait_until="commit")
        handle = await pg.wait_for_function(c.LOADED_WAIT, polling=100, timeout=self.action_timeout_ms)
        return float(await handle.json_value())

    # --- sessions ---------------------------------------------------------------------------------------------

    async def session(self, i: int, browser, deadline: float) -> None:
        await asyncio.sleep(i * self.stagger)
        ctx = await browser.new_context(viewport=VIEWPORT, locale="ko-KR")
        await ctx.add_init_script(c.INSTRUMENT_JS)
        pg = await ctx.new_page()
        self.contexts[i] = ctx
        self._watch(i, pg)
        rng = random.Random(self.rng.random())
        s = SessionState(page=rng.choice(self.pages), lang=rng.choice(list(LANGS)),
                         sectors=sorted(rng.sample(self.sector_ids, rng.choice([0, 0, 1, 2])),
                                        key=self.sector_ids.index))
        self.states[i] = s
        try:
            try:
                self.res.loads.append(await self.load(i, pg, s))
                await self.check_view(i, pg, s, "first load")
            except Exception as exc:  # noqa: BLE001 - recorded; the session goes on from its URL
                self._error(i, f"first load of {self.view_url(s)} failed: {type(exc).__name__}: "
                               f"{str(exc).splitlines()[0][:160]} · {await _diagnose(pg)}")
                await self.reload_and_check(i, pg, s, counted=False)
            while time.monotonic() < deadline:
                await asyncio.sleep(rng.uniform(*self.think))
                if time.monotonic() >= deadline:
                    break
                if i in self.reload_requests:
                    await self.reload_and_check(i, pg, s)
                    continue
                before = self.view_url(s)
                try:
                    await self.action(i, pg, s)
                    await self.check_view(i, pg, s, "after action")
                except Exception as exc:  # noqa: BLE001 - recorded, then the session starts again from its URL
                    self._error(i, f"action from {before} failed: {type(exc).__name__}: "
                                   f"{str(exc).splitlines()[0][:200]} · {await _diagnose(pg)}")
                    await self.reload_and_check(i, pg, s, counted=i in self.reload_requests)
        finally:
            with contextlib.suppress(Exception):
                await ctx.close()

    async def reload_and_check(self, i: int, pg: Page, s: SessionState, *, counted: bool = True) -> None:
        """Reload the page (its URL is its whole view state) and check the same view comes back."""
        started = time.monotonic()
        ok = False
        requested = i in self.reload_requests
        self.reload_requests.discard(i)
        try:
            # Asked to (failover): reload the page as it is, its own URL. After a failed action: open the URL of
            # the view it expects, whatever half-done state the page is in.
            await self.load(i, pg, s, reload=requested)
            ok = await self.check_view(i, pg, s, "after reload")
        except Exception as exc:  # noqa: BLE001
            self._error(i, f"reload failed: {type(exc).__name__}: {str(exc).splitlines()[0][:200]}")
        if counted:
            self.res.reloads.append({"session": i, "ok": ok, "seconds": time.monotonic() - started,
                                     "url": self.view_url(s), "requested": requested})
        if ok:
            self.in_failover.discard(i)

    async def run(self, *, during: Optional[Callable] = None) -> Results:
        """Drive every session until the duration is over; `during(driver)` runs alongside (e.g. kills a server)."""
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=c.CHROMIUM_PATH, args=c.CHROMIUM_ARGS, headless=True)
            self.res.started = time.monotonic()
            deadline = self.res.started + self.n * self.stagger + self.duration
            tasks = [asyncio.create_task(self.session(i, browser, deadline)) for i in range(self.n)]
            extra = asyncio.create_task(during(self)) if during else None
            await asyncio.gather(*tasks)
            if extra:
                await extra
            await browser.close()
        return self.res


async def _diagnose(pg: Page) -> str:
    """What the page shows when a wait failed: its URL, script state, and whether its charts are drawn."""
    try:
        return str(await pg.evaluate("""() => [location.pathname + location.search,
            (document.querySelector('[data-testid=stApp]') || {getAttribute: () => 'no app'})
                .getAttribute('data-test-script-state'),
            Array.from(document.querySelectorAll('[data-testid=stPlotlyChart], [class*=st-key-chart-]'))
                .map((e) => (e.className.match(/st-key-[^ ]+/) || ['plotly'])[0] + (e.querySelector('.main-svg') ? ':drawn' : ':empty')),
            document.querySelectorAll('[data-testid=stException]').length + ' exception boxes']"""))
    except Exception as exc:  # noqa: BLE001
        return f"(no diagnosis: {type(exc).__name__})"


def _lang_name(lang: str) -> str:
    return {"ko": "한국어", "en": "English"}[lang]


def summary_table(res: Results) -> str:
    rows = []
    every = [x for v in res.latencies.values() for x in v]
    for kind in ("page", "filter", "language"):
        v = res.latencies.get(kind, [])
        rows.append([kind, len(v), c.fmt_ms(c.median(v)), c.fmt_ms(c.percentile(v, 95)), c.fmt_ms(max(v) if v else
                                                                                                  float("nan"))])
    rows.append(["**all**", len(every), f"**{c.fmt_ms(c.median(every))}**", f"**{c.fmt_ms(c.percentile(every, 95))}**",
                 c.fmt_ms(max(every) if every else float("nan"))])
    rows.append(["first load (navigation → chart)", len(res.loads), c.fmt_ms(c.median(res.loads)),
                 c.fmt_ms(c.percentile(res.loads, 95)), c.fmt_ms(max(res.loads) if res.loads else float("nan"))])
    return c.md_table(["action", "count", "median", "95th percentile", "max"], rows)


def cpu_seconds(pid: int) -> Optional[float]:
    """User + system CPU time of one process so far, from /proc."""
    import os
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except OSError:
        return None


async def _sample_rss(pids: list[int], out: dict, stop: asyncio.Event) -> None:
    while not stop.is_set():
        total = sum(c.rss_kib(p) or 0 for p in pids)
        out["peak"] = max(out.get("peak", 0), total)
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(stop.wait(), 1.0)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--duration", type=float, default=90, help="seconds of actions after the last session starts")
    parser.add_argument("--think", type=float, nargs=2, default=(5.0, 12.0), metavar=("MIN", "MAX"),
                        help="seconds a user waits between actions (uniform)")
    parser.add_argument("--stagger", type=float, default=3.0,
                        help="seconds between two sessions' arrivals (all 20 loading at once is not how people come)")
    parser.add_argument("--url", help="drive an app that is already running (e.g. nginx); default: start one")
    parser.add_argument("--server-pid", type=int, action="append", default=[],
                        help="with --url: a server process whose memory to report (repeat for replicas)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    note = c.machine_note()

    server = None
    if args.url:
        url, pids = args.url, args.server_pid
    else:
        server = c.Server("dashboard.py")
        url, pids = server.url, [server.pid]
    try:
        warm_up(url)
        rss_before = sum(c.rss_kib(p) or 0 for p in pids) if pids else None
        cpu_before = sum(cpu_seconds(p) or 0 for p in pids) if pids else None
        sampled: dict = {}
        driver = Driver(url, args.sessions, args.duration, seed=args.seed, think=tuple(args.think),
                        stagger=args.stagger)

        async def go():
            stop = asyncio.Event()
            sampler = asyncio.create_task(_sample_rss(pids, sampled, stop)) if pids else None
            res = await driver.run()
            # Memory with every session still known to the server: sessions end a little after their tab closes.
            stop.set()
            if sampler:
                await sampler
            return res

        started = time.monotonic()
        res = asyncio.run(go())
        took = time.monotonic() - started
        rss_after = sum(c.rss_kib(p) or 0 for p in pids) if pids else None
        cpu_after = sum(cpu_seconds(p) or 0 for p in pids) if pids else None
    finally:
        if server:
            server.stop()

    n_actions = sum(len(v) for v in res.latencies.values())
    per_session = ((sampled.get("peak", 0) - rss_before) / args.sessions) if pids else None
    lines = [
        "# Many users (`bench/many_users.py`)", "",
        f"{note} · load at end: {c.loadavg()}.",
        f"Target: {url} ({'started by the script' if server else 'given with --url'}); {args.sessions} concurrent "
        f"sessions (browser contexts in one headless Chromium) arriving {args.stagger:g} s apart, {args.duration:.0f} s "
        f"of actions after the last one arrived ({took:.0f} s in all), think time {args.think[0]:g}–{args.think[1]:g} s; "
        f"seed {args.seed}.", "",
        "Action → repaint (click to: script ran, idle again, first chart drawn), on the page's own clock:", "",
        summary_table(res), "",
        f"**Errors: {len(res.errors)}** (exception boxes, console errors, page errors, failed requests, HTTP errors, "
        f"missing repaints, a view other than expected) in {n_actions} actions and {len(res.loads)} page loads.",
    ]
    lines += [f"- {t_:.0f} s, session {i}: {text}" for t_, i, text in res.errors[:30]]
    if res.benign:
        lines.append(f"Not counted as errors: "
                     + ", ".join(f"{k} × {v}" for k, v in res.benign.items()) + ".")
    lines.append(f"Sector picks clicked a second time (no tag within 10 s of the first click): {res.retried_clicks}.")
    if pids:
        lines += ["", "Server memory (RSS of the server process" + ("es" if len(pids) > 1 else "") + ", /proc):", "",
                  c.md_table(["before the sessions (warmed up)", "peak with the sessions", "after the run",
                              "per session (peak − before) / sessions"],
                             [[c.fmt_mib(rss_before), c.fmt_mib(sampled.get("peak")), c.fmt_mib(rss_after),
                               c.fmt_mib(per_session)]]),
                  "", f"Server CPU time during the run: {cpu_after - cpu_before:.1f} s "
                      f"({(cpu_after - cpu_before) / max(1, n_actions + len(res.loads)) * 1000:.0f} ms per action or "
                      f"load) over {took:.0f} s of wall time ({(cpu_after - cpu_before) / took:.0%} of one core); the "
                      f"{args.sessions} browser tabs share the same two cores."]
    body = "\n".join(lines) + "\n"
    print(body)
    if not args.no_write:
        (c.BENCH / "results_many_users.md").write_text(body)
    return 0 if not res.errors else 1


def warm_up(url: str) -> None:
    """One browser visit to every page, so the sessions measure a warm server (imports, data, unfiltered views)."""
    async def visit():
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=c.CHROMIUM_PATH, args=c.CHROMIUM_ARGS, headless=True)
            ctx = await browser.new_context(viewport=VIEWPORT)
            await ctx.add_init_script(c.INSTRUMENT_JS)
            pg = await ctx.new_page()
            for p in [views.page_url(p) for p in views.PAGE_VIEWS]:
                await pg.goto(f"{url.rstrip('/')}/{p}", wait_until="commit")
                await pg.wait_for_function(c.LOADED_WAIT, polling=100, timeout=ACTION_TIMEOUT_MS)
            await browser.close()
    asyncio.run(visit())


if __name__ == "__main__":
    raise SystemExit(main())
