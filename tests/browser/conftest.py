"""Browser-test fixtures: real Streamlit servers and a real Debian Chromium driven by Playwright."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

REPO_ROOT = Path(__file__).resolve().parents[2]
BROWSER_DIR = Path(__file__).resolve().parent

# Debian's Chromium: Playwright's own browser download does not work on these machines.
CHROMIUM_PATH = "/usr/bin/chromium"
# Without the background-networking flags Chromium keeps dialling Google's hosts, which the
# closed network refuses; --no-sandbox because CI runs as root.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

HEALTH_TIMEOUT_S = 60
VIEWPORT = {"width": 1440, "height": 900}
LOCALE = "ko-KR"

# Failure screenshots go here (ignored by git).
OUT_DIR = REPO_ROOT / "tmp-out" / "browser"

# Ports of every app server this harness started; requests to loopback on these ports
# count as the app's own, everything else is recorded as foreign.
_APP_PORTS: set[int] = set()
_LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
# Schemes that never leave the browser.
_LOCAL_SCHEMES = {"data", "blob", "about", "chrome", "chrome-extension"}


# --- marking -------------------------------------------------------------------------


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test under tests/browser/ as `browser` (this hook sees all items, so filter)."""
    for item in items:
        if BROWSER_DIR in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)


# --- app servers ---------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _log_tail(log_path: Path, n: int = 60) -> str:
    try:
        lines = log_path.read_text(errors="replace").splitlines()
    except OSError:
        return "<no log>"
    return "\n".join(lines[-n:])


def _wait_healthy(proc: subprocess.Popen, port: int, log_path: Path) -> None:
    url = f"http://127.0.0.1:{port}/_stcore/health"
    deadline = time.monotonic() + HEALTH_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(
                f"streamlit exited with code {proc.returncode} before {url} answered; log:\n"
                + _log_tail(log_path)
            )
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                if resp.status == 200 and resp.read().strip() == b"ok":
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            pass
        time.sleep(0.25)
    raise RuntimeError(
        f"streamlit did not answer ok on {url} within {HEALTH_TIMEOUT_S} s; log:\n" + _log_tail(log_path)
    )


@contextlib.contextmanager
def start_app(
    env_overrides: Mapping[str, str | None] | None = None,
    *,
    script: str = "dashboard.py",
    port: int | None = None,
) -> Iterator[str]:
    """Run `streamlit run <script>` on a free loopback port; yield its base URL; stop it on exit.

    `script` is relative to the repo root (the server's cwd, so .streamlit/config.toml applies).
    The environment is inherited unchanged (so APECGPU_DATA_DIR passes through); each item of
    `env_overrides` sets a variable, or removes it when the value is None.
    """
    env = os.environ.copy()
    for key, value in (env_overrides or {}).items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = str(value)

    port = port or _free_port()  # a given port: the same server address again, as after a restart
    cmd = [
        sys.executable, "-m", "streamlit", "run", script,
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
        # Tests never edit sources while running; no watcher threads or inotify handles needed.
        "--server.fileWatcherType", "none",
    ]
    # Server output goes to a file, not a pipe: a full pipe would block the server.
    log_file = tempfile.NamedTemporaryFile(
        prefix=f"streamlit-{port}-", suffix=".log", delete=False
    )
    log_path = Path(log_file.name)
    proc = subprocess.Popen(
        cmd, cwd=REPO_ROOT, env=env, stdin=subprocess.DEVNULL,
        stdout=log_file, stderr=subprocess.STDOUT,
    )
    _APP_PORTS.add(port)
    try:
        _wait_healthy(proc, port, log_path)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
        log_file.close()
        _APP_PORTS.discard(port)
        log_path.unlink(missing_ok=True)


@pytest.fixture(scope="session", name="start_app")
def start_app_fixture():
    """The `start_app(env_overrides=None, *, script="dashboard.py", port=None)` context-manager factory."""
    return start_app


@pytest.fixture(scope="session")
def app_server() -> Iterator[str]:
    """Base URL (http://127.0.0.1:<port>) of the dashboard, shared by the whole session."""
    with start_app() as base_url:
        yield base_url


# --- browser -------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Headless Debian Chromium, launched once per session."""
    if not Path(CHROMIUM_PATH).exists():
        # Never skip: CI must run these tests, and a missing browser is a setup error.
        pytest.fail(f"{CHROMIUM_PATH} not found; install it with: apt-get install -y chromium")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


def _is_foreign(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in _LOCAL_SCHEMES:
        return False
    host = parts.hostname or ""
    return not (host in _LOOPBACK_HOSTS and parts.port in _APP_PORTS)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call):
    # Keep each phase's report on the item so the page fixture can screenshot failures.
    rep = yield
    setattr(item, f"rep_{rep.when}", rep)
    return rep


@pytest.fixture
def page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A fresh 1440x900 ko-KR page with downloads enabled.

    Attached lists:
      page.foreign_requests: URLs of requests/websockets to any host other than a harness app server.
      page.console_errors:   console.error messages and uncaught page errors.
    """
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=True, locale=LOCALE)
    pg = context.new_page()
    pg.foreign_requests = []  # type: ignore[attr-defined]
    pg.console_errors = []  # type: ignore[attr-defined]

    def on_request(req):
        if _is_foreign(req.url):
            pg.foreign_requests.append(req.url)

    def on_websocket(ws):
        if _is_foreign(ws.url):
            pg.foreign_requests.append(ws.url)

    def on_console(msg):
        if msg.type == "error":
            pg.console_errors.append(msg.text)

    def on_pageerror(err):
        pg.console_errors.append(f"pageerror: {err}")

    pg.on("request", on_request)
    pg.on("websocket", on_websocket)
    pg.on("console", on_console)
    pg.on("pageerror", on_pageerror)
    yield pg

    rep = getattr(request.node, "rep_call", None)
    if rep is not None and rep.failed:
        OUT_DIR.mkdir(parents=True, exist_ok=True)
        safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in request.node.name)
        with contextlib.suppress(Exception):
            pg.screenshot(path=str(OUT_DIR / f"{safe}.png"), full_page=True)
    context.close()
