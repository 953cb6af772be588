"""Two replicas behind nginx (deploy/run_replicas.sh): one dies, and every session comes back with the same view.

The documented deployment, on free loopback ports with its files in a temporary folder: three browser sessions on
three different views (page, language, sectors in the link), the replica serving most of them is killed with
SIGKILL, and each session reloads its own URL: the same page, language and sector filter must come back, served by
the other replica, with no exception box. nginx and the replicas are stopped whatever happens.
"""
from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
from collections import Counter
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from apecgpu import data, views

pytestmark = [pytest.mark.browser, pytest.mark.timeout(150)]

REPO = Path(__file__).resolve().parents[2]
RUN = REPO / "deploy" / "run_replicas.sh"
EXCEPTION = '[data-testid="stException"]'
APP = '[data-testid="stApp"]'
ROUTE_COOKIE = "apecgpu_route"
LOG_LINE = re.compile(r"route=(?P<route>\S+) upstream=(?P<upstream>[^ ]+?)(?:,| upstream_status)")

# (page path, language, sectors, catalogue key of the page heading): three different views.
VIEWS = [
    ("gpu-split", "en", ["mobility", "cloud"], "split.title"),  # sectors in the data's sort order
    ("timeline", "ko", ["public"], "tl.title"),
    ("sources", "en", [], "src.title"),
]
DATASET = data.load_dataset_strict()
SECTOR_NAMES = DATASET.tables["sectors"].set_index("sector_id")


def _free_ports(n: int) -> list[int]:
    socks = []
    try:
        for _ in range(n):
            s = socket.socket()
            s.bind(("127.0.0.1", 0))
            socks.append(s)
        return [s.getsockname()[1] for s in socks]
    finally:
        for s in socks:
            s.close()


class Deployment:
    def __init__(self, prefix: Path):
        # Replica ports must be consecutive (BASE_PORT + i): take a free one and check its neighbour is free too.
        while True:
            base, nginx_port = _free_ports(2)
            with contextlib.suppress(OSError), socket.socket() as s:
                s.bind(("127.0.0.1", base + 1))
                if base + 1 != nginx_port:
                    break
        self.prefix, self.ports, self.url = prefix, [base, base + 1], f"http://127.0.0.1:{nginx_port}"
        self.env = {**os.environ, "PREFIX": str(prefix), "REPLICAS": "2", "BASE_PORT": str(base),
                    "NGINX_PORT": str(nginx_port), "NGINX_LISTEN": "127.0.0.1", "WAIT_S": "60"}

    def run(self, *args: str) -> subprocess.CompletedProcess:
        # Output to a file: nginx and the replicas are daemons and must not hold a pipe of ours open.
        with tempfile.TemporaryFile("w+") as out:
            proc = subprocess.run(["bash", str(RUN), *args], env=self.env, stdin=subprocess.DEVNULL, stdout=out,
                                  stderr=subprocess.STDOUT, timeout=120)
            out.seek(0)
            proc.stdout = out.read()
        return proc

    def replica_of(self, route: str) -> str:
        """host:port of the replica that last answered this route cookie (nginx's access log)."""
        found = None
        for line in (self.prefix / "logs" / "access.log").read_text().splitlines():
            m = LOG_LINE.search(line)
            if m and m["route"] == route:
                found = m["upstream"].split(",")[-1].strip()
        return found

    def force_stop(self) -> None:
        """Whatever run_replicas.sh stop left (it should leave nothing): end it by the pids it recorded."""
        for pidfile in [self.prefix / "nginx.pid", *(self.prefix / "run").glob("replica-*.pid")]:
            with contextlib.suppress(OSError, ValueError):
                pid = int(pidfile.read_text())
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(pid, signal.SIGKILL) if pidfile.name.startswith("replica") else os.kill(pid,
                                                                                                     signal.SIGKILL)


@pytest.fixture
def deployment():
    prefix = Path(tempfile.mkdtemp(prefix="apecgpu-nginx-test-"))
    dep = Deployment(prefix)
    try:
        started = dep.run("start")
        assert started.returncode == 0, started.stdout
        yield dep
    finally:
        stopped = dep.run("stop")
        dep.force_stop()
        shutil.rmtree(prefix, ignore_errors=True)
        assert stopped.returncode == 0, stopped.stdout


def _route(context) -> str:
    return next(c["value"] for c in context.cookies() if c["name"] == ROUTE_COOKIE)


def _wait_idle(page) -> None:
    expect(page.locator(APP)).to_have_attribute("data-test-script-state", "notRunning", timeout=45_000)


def _expect_view(page, path: str, lang: str, sectors: list[str], heading_key: str) -> None:
    parts = urlsplit(page.url)
    query = parse_qs(parts.query)
    assert parts.path.strip("/") == path
    assert query.get("lang") == [lang] and sorted(query.get("sector", [])) == sorted(sectors)
    expect(page.get_by_role("heading", name=views.period_title(DATASET.tables, lang, heading_key), level=1)).to_be_visible(timeout=30_000)
    lang_control = page.locator(".st-key-_lang_widget")
    expect(lang_control.get_by_role("radio", name={"ko": "한국어", "en": "English"}[lang])).to_be_checked()
    tags = page.locator(".st-key-_sector_widget [data-tag] [title]")
    expect(tags).to_have_text([SECTOR_NAMES.at[s, f"name_{lang}"] for s in sectors])  # VIEWS list them in order
    # Must not happen: an exception box.
    expect(page.locator(EXCEPTION)).to_have_count(0)


def test_sessions_keep_their_view_when_their_replica_dies(browser, deployment):
    sessions = []
    try:
        for path, lang, sectors, heading in VIEWS:
            context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="ko-KR")
            page = context.new_page()
            query = "&".join([f"lang={lang}"] + [f"sector={s}" for s in sectors])
            page.goto(f"{deployment.url}/{path}?{query}")
            _wait_idle(page)
            _expect_view(page, path, lang, sectors, heading)
            sessions.append((context, page, (path, lang, sectors, heading)))

        # Affinity: each session's route cookie keeps it on one replica; kill the replica with most sessions.
        before = {i: deployment.replica_of(_route(ctx)) for i, (ctx, _, _) in enumerate(sessions)}
        assert set(before.values()) <= {f"127.0.0.1:{p}" for p in deployment.ports}, before
        victim, n = Counter(before.values()).most_common(1)[0]
        assert n >= 2
        killed = deployment.run("kill", victim.rsplit(":", 1)[1])
        assert killed.returncode == 0, killed.stdout
        survivor = next(f"127.0.0.1:{p}" for p in deployment.ports if f"127.0.0.1:{p}" != victim)

        # Each session reloads its own URL (the URL is the whole view state) and gets the same view back.
        for i, (context, page, view) in enumerate(sessions):
            url = page.url
            page.reload()
            _wait_idle(page)
            assert page.url == url
            _expect_view(page, *view)
            assert deployment.replica_of(_route(context)) == survivor, (i, before[i])
    finally:
        for context, _, _ in sessions:
            context.close()
