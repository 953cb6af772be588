"""Two replicas behind nginx, one killed mid-run: the many-users driver through nginx, then every session that was on
the dead replica reloads its own URL and must show the same view (page, language, sectors) from the other one.

    .venv/bin/python bench/replica_failover.py                   # 20 sessions, kill after 30 s, 90 s in all
    .venv/bin/python bench/replica_failover.py --sessions 6 --before 15 --after 20 --no-write

Uses deploy/run_replicas.sh (the documented deployment) with free loopback ports and a prefix under /tmp, and
stops it at the end whatever happens. Which replica serves a session is read from nginx's access log (the session's
route cookie -> upstream address). Errors are split: before the kill, in the failover window of an affected session
(from the kill until its reload shows the same view again; a broken websocket is expected there) and after
recovery; the run passes when there are none before the kill or after recovery, and every affected session
recovered. Writes bench/results_failover.md (unless --no-write).
"""
from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common as c  # noqa: E402
import many_users  # noqa: E402

RUN = c.REPO / "deploy" / "run_replicas.sh"
LOG_LINE = re.compile(r"route=(?P<route>\S+) upstream=(?P<upstream>[^ ]+?)(?:,| upstream_status)")
COOKIE = "apecgpu_route"


class Deployment:
    """deploy/run_replicas.sh on free ports under a fresh prefix; stop() always ends nginx and the replicas."""

    def __init__(self, replicas: int = 2):
        self.prefix = Path(tempfile.mkdtemp(prefix="apecgpu-deploy-"))
        base = c.free_port()
        while any(not _port_free(base + i) for i in range(replicas)):
            base = c.free_port()
        self.ports = [base + i for i in range(replicas)]
        self.nginx_port = c.free_port()
        self.env = {**os.environ, "PREFIX": str(self.prefix), "REPLICAS": str(replicas), "BASE_PORT": str(base),
                    "NGINX_PORT": str(self.nginx_port), "NGINX_LISTEN": "127.0.0.1"}
        self.url = f"http://127.0.0.1:{self.nginx_port}"

    def run(self, *args: str, check: bool = True) -> str:
        # Output to a file, not a pipe: a daemon that kept a pipe open would make reading it wait forever.
        with tempfile.TemporaryFile("w+") as log:
            rc = subprocess.run(["bash", str(RUN), *args], env=self.env, stdin=subprocess.DEVNULL, stdout=log,
                                stderr=subprocess.STDOUT, timeout=180).returncode
            log.seek(0)
            text = log.read()
        if check and rc != 0:
            raise RuntimeError(f"run_replicas.sh {' '.join(args)} failed ({rc}):\n{text}")
        return text

    def start(self) -> None:
        self.run("start")

    def stop(self) -> None:
        self.run("stop", check=False)
        shutil.rmtree(self.prefix, ignore_errors=True)

    def pid(self, port: int):
        path = self.prefix / "run" / f"replica-{port}.pid"
        return int(path.read_text()) if path.exists() else None

    def routes(self) -> dict[str, str]:
        """route cookie -> the replica (host:port) that last answered it, from nginx's access log."""
        out = {}
        log = self.prefix / "logs" / "access.log"
        for line in log.read_text().splitlines() if log.exists() else []:
            m = LOG_LINE.search(line)
            if m:  # the log is in time order: the last answer wins (after a failover, the surviving replica)
                out[m["route"]] = m["upstream"].split(",")[-1].strip()
        return out


def _port_free(port: int) -> bool:
    import socket
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False


async def session_replicas(driver: many_users.Driver, dep: Deployment) -> dict[int, str]:
    routes = dep.routes()
    out = {}
    for i, ctx in driver.contexts.items():
        cookies = await ctx.cookies()
        route = next((ck["value"] for ck in cookies if ck["name"] == COOKIE), None)
        out[i] = routes.get(route, "?")
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--before", type=float, default=30, help="seconds of actions before the kill")
    parser.add_argument("--after", type=float, default=60, help="seconds of actions after the kill")
    parser.add_argument("--think", type=float, nargs=2, default=(5.0, 12.0), metavar=("MIN", "MAX"))
    parser.add_argument("--stagger", type=float, default=3.0, help="seconds between two sessions' arrivals")
    parser.add_argument("--seed", type=int, default=2)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    note = c.machine_note()
    dep = Deployment(2)
    report: dict = {}
    try:
        dep.start()
        many_users.warm_up(dep.url)  # one session: both replicas' caches are not warmed alike, as in real life
        driver = many_users.Driver(dep.url, args.sessions, args.before + args.after, seed=args.seed,
                                   think=tuple(args.think), stagger=args.stagger)
        driver.action_timeout_ms = 120_000

        async def kill_one(drv: many_users.Driver):
            await asyncio.sleep(args.sessions * drv.stagger + args.before)
            before = await session_replicas(drv, dep)
            counts = Counter(before.values())
            victim = max((f"127.0.0.1:{p}" for p in dep.ports), key=lambda a: counts.get(a, 0))
            port = int(victim.rsplit(":", 1)[1])
            report["errors_before_kill"] = len(drv.res.errors)
            report["sessions_before"] = dict(counts)
            affected = sorted(i for i, a in before.items() if a == victim)
            report.update(victim=victim, affected=affected, kill_at=time.monotonic() - drv.res.started)
            # Affected sessions' errors from here on belong to the failover window until their reload succeeds.
            drv.in_failover.update(affected)
            pid = dep.pid(port)
            dep.run("kill", str(port))
            await asyncio.sleep(0.5)
            report["pid_gone"] = not _alive(pid)
            # A user whose page lost its server reloads it: every affected session, at its next step.
            drv.request_reload(affected)
            await asyncio.sleep(args.after * 0.8)
            report["sessions_after"] = dict(Counter((await session_replicas(drv, dep)).values()))

        started = time.monotonic()
        res = asyncio.run(driver.run(during=kill_one))
        took = time.monotonic() - started
    finally:
        dep.stop()

    affected = report.get("affected", [])
    reloads = [r for r in res.reloads if r["requested"]]
    recovered = sorted({r["session"] for r in reloads if r["ok"]})
    errors_after = [e for e in res.errors if e[0] > report.get("kill_at", 1e9)]
    errors_before = [e for e in res.errors if e[0] <= report.get("kill_at", 1e9)]
    passed = (bool(affected) and set(recovered) >= set(affected) and not res.errors)
    lines = [
        "# Two replicas behind nginx, one killed (`bench/replica_failover.py`)", "",
        f"{note} · load at end: {c.loadavg()}.",
        f"Deployment: `deploy/run_replicas.sh` with 2 replicas on 127.0.0.1:{dep.ports[0]}–{dep.ports[-1]}, nginx on "
        f":{dep.nginx_port} (session affinity by route cookie, `hash $route consistent`). {args.sessions} sessions "
        f"driven by `bench/many_users.py`'s driver through nginx for {args.before:.0f} s, then the replica with more "
        f"sessions was killed with SIGKILL and the sessions went on for {args.after:.0f} s ({took:.0f} s in all).", "",
        f"**Result: {'PASS' if passed else 'FAIL'}** — killed {report.get('victim')} at "
        f"{report.get('kill_at', float('nan')):.0f} s (process gone: {report.get('pid_gone')}); sessions per replica "
        f"before: {report.get('sessions_before')}, after: {report.get('sessions_after')}.", "",
        f"- Sessions on the killed replica: {len(affected)} ({affected}); recovered after one reload of their own URL "
        f"with the same page, language and sectors (URL, sidebar link, language control, filter tags) and no "
        f"exception box: **{len(recovered)} of {len(affected)}**.",
        f"- Reload → view drawn again: median {c.median([r['seconds'] for r in reloads]):.1f} s, max "
        f"{max([r['seconds'] for r in reloads], default=float('nan')):.1f} s.",
        f"- Errors before the kill: **{len(errors_before)}**; after recovery (any session): **{len(errors_after)}**.",
        f"- In the failover window of the affected sessions (expected: the broken websocket, an action cut short): "
        f"{len(driver.failover_errors)}.",
    ]
    lines += [f"  - {t_:.0f} s, session {i}: {text}" for t_, i, text in driver.failover_errors[:12]]
    lines += [f"- error {t_:.0f} s, session {i}: {text}" for t_, i, text in res.errors[:20]]
    lines += ["", "Action → repaint through nginx, whole run:", "", many_users.summary_table(res)]
    body = "\n".join(lines) + "\n"
    print(body)
    if not args.no_write:
        (c.BENCH / "results_failover.md").write_text(body)
    return 0 if passed else 1


def _alive(pid) -> bool:
    """Running, and not a zombie waiting to be reaped."""
    if pid is None:
        return False
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


if __name__ == "__main__":
    raise SystemExit(main())
