"""Slide-ready PNG and SVG of a view, rendered on the server by kaleido in the local Chromium (no network service)."""
from __future__ import annotations

import asyncio
import atexit
import logging
import os
import shutil
import threading
import time
from typing import Optional

import plotly.graph_objects as go

from .. import figures
from .meta import ExportError, ExportMeta

LOG = logging.getLogger(__name__)

CHROMIUM_ENV = "APECGPU_CHROMIUM"          # takes precedence over kaleido's own BROWSER_PATH
DEFAULT_CHROMIUM = "/usr/bin/chromium"     # Debian's package; kaleido's own Chrome download is not available offline
SLIDE_SIZE = (1600, 900)                   # 16:9 in CSS pixels; PNG at scale 2 is 3200x1800
PNG_SCALE = 2
PRESENT_MIN_WIDTH = 1024                   # presentation mode's frame is the screen: lay out for a small one
FONT_SCALE = 1.5                           # the app's 13 px type is too small once the chart fills a slide
RENDER_TIMEOUT_S = 60
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


# --- the figure as it appears on a slide -------------------------------------------------------------------------

def _scaled(size, scale: float, default: float) -> float:
    return round((size or default) * scale, 1)


def slide_figure(view, meta: ExportMeta, *, width: Optional[int] = SLIDE_SIZE[0],
                 height: Optional[int] = SLIDE_SIZE[1], font_scale: float = FONT_SCALE, annotate: bool = True,
                 frame: Optional[int] = None) -> go.Figure:
    """A copy of the view's figure laid out for a 16:9 frame (or presentation mode's screen): larger type, and a subtitle carrying the
    source line (with data version), the as-of date and the filter, so a pasted image is never unsourced.

    `width=None` and `height=None` leave the size to the container (presentation mode), `frame` being the width
    to lay out titles for (default: the narrowest screen); `annotate=False` drops title and subtitle for a picture
    placed on a slide that carries them as editable text.
    """
    if view.figure is None:
        raise ExportError(f"{view.view_id}: this view has no chart")
    fig = go.Figure(view.figure)  # deep copy: the cached view must not change
    # Presentation mode (no width) lays out for its screen, or for the narrowest it may meet.
    frame = width or frame or PRESENT_MIN_WIDTH
    # Characters per subtitle line: ~9.5 px per character at 11 px type, scaled with the type and the frame.
    chars = int(frame / (9.5 * font_scale / 1.5) / 1.1)
    lines = figures.wrap(view.source_line, width=max(60, chars))
    lines.append(f"{meta.as_of} · {meta.filter_text}")
    sub_size = _scaled(11, font_scale, 11)
    title_size = _scaled(17, font_scale, 17)
    # The title breaks once when wider than the frame (its type is larger than on screen by title_size / 17).
    title = figures.title_lines(figures.esc(view.title),
                                width=int((frame - 60) / (figures.TITLE_PX_PER_COLUMN * title_size / 17)))
    title_rows = title.count("<br>") + 1
    top = title_size * 1.3 * title_rows + title_size * 0.3 + sub_size * 1.45 * len(lines) + 24 if annotate else 16
    legend_below = fig.layout.legend.yref == figures.LEGEND_BELOW["yref"]
    if fig.layout.legend.orientation == "h" and not legend_below:  # a legend row above the plot needs its room
        top += figures.LEGEND_ROW_PX * font_scale
    # A stamp over the plot (the power estimate's "Estimate · not from the articles") needs its row too: on a
    # 1024 px screen in presentation mode the source lines ran down into it.
    stamps = [a for a in fig.layout.annotations if a.yref == "paper" and a.y is not None and a.y >= 1]
    if stamps and annotate:
        top += max(_scaled(a.font.size, font_scale, 13) for a in stamps) * 1.5 + 8
    fig.update_layout(
        template=figures.TEMPLATE,  # explicit: the default Streamlit installs resolves colours only in a browser
        width=width, height=height, autosize=width is None,
        font={"size": _scaled(fig.layout.font.size, font_scale, 13)},
        title={"text": title if annotate else "", "font": {"size": title_size},
               "pad": {"t": round(title_size * 1.3 * (title_rows - 1))},  # as figures._finish: Plotly lifts it
               "subtitle": {"text": "<br>".join(figures.esc(lines)) if annotate else "",
                            "font": {"size": sub_size, "color": "#555555"}}},
        margin={"l": 20, "r": 30, "t": round(top), "b": round(60 * font_scale)},
        legend={"font": {"size": _scaled(fig.layout.font.size, font_scale, 13)}},
    )
    if legend_below:  # under the plot on a narrow screen; the wide frame has room beside it, and height is scarce
        fig.update_layout(legend={"orientation": "v", "x": 1.01, "xref": "paper", "xanchor": "left", "y": 1,
                                  "yref": "paper", "yanchor": "top"})
    for axis in ("xaxis", "yaxis"):
        if fig.layout[axis].ticktext:  # names wrapped for a narrow screen fit on one line in the wide frame
            fig.layout[axis].ticktext = [str(text).replace("<br>", " ") for text in fig.layout[axis].ticktext]
        if fig.layout[axis].type == "log":
            # With the larger type, every-digit log ticks (4,000 5,000 6,000 …) run into each other: 1-2-5 only.
            fig.layout[axis].dtick = "D2"
    for annotation in fig.layout.annotations:
        annotation.font.size = _scaled(annotation.font.size, font_scale, 13)
    for trace in fig.data:
        marker = getattr(trace, "marker", None)
        if trace.type == "scatter" and marker is not None and isinstance(marker.size, (int, float)):
            marker.size = _scaled(marker.size, font_scale * 0.9, 10)
    return fig


# --- the renderer: one warm Chromium shared by every session -----------------------------------------------------

def chromium_path() -> Optional[str]:
    """The browser kaleido drives. $APECGPU_CHROMIUM (or kaleido's $BROWSER_PATH) when set, and then only that:
    a wrong setting is reported, not silently replaced. Else /usr/bin/chromium, else one on PATH."""
    configured = os.environ.get(CHROMIUM_ENV) or os.environ.get("BROWSER_PATH")
    candidates = [configured] if configured else [DEFAULT_CHROMIUM] + [
        shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome", "chrome")]
    for candidate in candidates:
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return None


RETRY_AFTER_S = 60.0   # after a failed start, image buttons stay disabled (with the reason) this long


def _setup_problem() -> Optional[str]:
    if chromium_path() is None:
        wanted = os.environ.get(CHROMIUM_ENV) or os.environ.get("BROWSER_PATH") or DEFAULT_CHROMIUM
        return f"no Chromium browser at {wanted} (set {CHROMIUM_ENV} to its path)"
    try:
        import kaleido  # noqa: F401
    except ImportError:
        return "the kaleido package is not installed"
    return None


def renderer_problem() -> Optional[str]:
    """Why images cannot be made here (None when they can); cheap enough to call on every page run."""
    return _setup_problem() or RENDERER.recent_failure()


class _Renderer:
    """Kaleido on its own event loop in a daemon thread; callers from any thread wait on a future.

    Starting Chromium takes about a second, so it is started on first use and kept; a failed or timed-out render
    closes it and the next call starts a fresh one.
    """

    def __init__(self):
        self._lock = threading.Lock()
        self._loop: Optional[asyncio.AbstractEventLoop] = None
        self._thread: Optional[threading.Thread] = None
        self._kaleido = None
        self._failed_at: Optional[float] = None
        self._failure: Optional[str] = None

    def recent_failure(self) -> Optional[str]:
        """The reason the browser last failed to start, if that was less than RETRY_AFTER_S ago."""
        if self._failure and self._failed_at is not None and time.monotonic() - self._failed_at < RETRY_AFTER_S:
            return self._failure
        return None

    def _ensure_started(self) -> None:
        if self._kaleido is not None:
            return
        problem = _setup_problem()
        if problem:
            raise ExportError(problem)
        import kaleido

        loop = asyncio.new_event_loop()
        thread = threading.Thread(target=loop.run_forever, name="apecgpu-kaleido", daemon=True)
        thread.start()

        async def start():
            # mathjax=False: kaleido would otherwise load MathJax from a CDN, which an offline network refuses.
            k = kaleido.Kaleido(path=chromium_path(), mathjax=False, n=2, timeout=RENDER_TIMEOUT_S)
            await k.open()
            return k

        try:
            self._kaleido = asyncio.run_coroutine_threadsafe(start(), loop).result(RENDER_TIMEOUT_S)
        except Exception as exc:  # noqa: BLE001 - any failure to start is reported the same way
            loop.call_soon_threadsafe(loop.stop)
            self._failure = f"could not start Chromium for image export ({type(exc).__name__}: {exc})"
            self._failed_at = time.monotonic()
            raise ExportError(self._failure) from exc
        self._loop, self._thread = loop, thread
        self._failure = self._failed_at = None

    def render(self, fig: go.Figure, fmt: str, width: int, height: int, scale: float) -> bytes:
        with self._lock:
            self._ensure_started()
            loop, k = self._loop, self._kaleido
        opts = {"format": fmt, "width": width, "height": height, "scale": scale}
        future = asyncio.run_coroutine_threadsafe(k.calc_fig(fig.to_dict(), opts=opts), loop)
        try:
            return future.result(RENDER_TIMEOUT_S + 5)
        except Exception as exc:  # noqa: BLE001
            future.cancel()
            LOG.warning("image export failed; restarting the renderer", exc_info=True)
            self.close()
            raise ExportError(f"the chart could not be rendered ({type(exc).__name__}: {exc})") from exc

    def close(self) -> None:
        with self._lock:
            loop, k = self._loop, self._kaleido
            self._loop = self._thread = self._kaleido = None
        if loop is None:
            return
        try:
            asyncio.run_coroutine_threadsafe(k.close(), loop).result(10)
        except Exception:  # noqa: BLE001 - closing a broken browser may fail; it is gone either way
            LOG.debug("closing kaleido failed", exc_info=True)
        loop.call_soon_threadsafe(loop.stop)


RENDERER = _Renderer()
atexit.register(RENDERER.close)


def render_figure(fig: go.Figure, fmt: str = "png", *, width: int = SLIDE_SIZE[0], height: int = SLIDE_SIZE[1],
                  scale: float = PNG_SCALE) -> bytes:
    """Bytes of a PNG or SVG of any figure; raises ExportError with a plain reason when no browser can render."""
    data = RENDERER.render(fig, fmt, width, height, scale if fmt == "png" else 1)
    if fmt == "png" and not data.startswith(PNG_SIGNATURE):
        raise ExportError("the renderer returned something that is not a PNG")
    return data


# --- the exports -------------------------------------------------------------------------------------------------

def export_png(view, meta: ExportMeta, *, width: int = SLIDE_SIZE[0], height: int = SLIDE_SIZE[1],
               scale: float = PNG_SCALE) -> bytes:
    """16:9 PNG (3200x1800 by default) with title, source line, data version, as-of date and filter in the image."""
    return render_figure(slide_figure(view, meta, width=width, height=height), "png", width=width, height=height,
                         scale=scale)


def export_svg(view, meta: ExportMeta, *, width: int = SLIDE_SIZE[0], height: int = SLIDE_SIZE[1]) -> bytes:
    """The same picture as export_png, as SVG (text stays text: fonts resolve on the machine that opens it)."""
    return render_figure(slide_figure(view, meta, width=width, height=height), "svg", width=width, height=height)


def png_size(data: bytes) -> tuple[int, int]:
    """(width, height) read from a PNG's IHDR chunk."""
    if not data.startswith(PNG_SIGNATURE) or data[12:16] != b"IHDR":
        raise ValueError("not a PNG")
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
