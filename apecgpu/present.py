"""Presentation mode (?present=1): one view per screen, large, no sidebar or app chrome, for a 1920x1080 projector.

The URL holds the slide (?slide=N, 1-based) so the link reopens the same slide; ?view=<view_id> opens a named view
and is rewritten to its slide number. The slides are the views of every page, in page order, for the language and
sector filter in the link.
"""
from __future__ import annotations

import re
from typing import Optional, Sequence

import streamlit as st

from . import ui, views
from .i18n import t

PRESENT_KEY, SLIDE_KEY, VIEW_KEY = "present", "slide", "view"
ON_VALUES = {"1", "true", "yes", "on"}
MAX_SLIDE_DIGITS = 4          # anything longer is not a slide number (and is never converted to int)
FIGURE_HEIGHT = 950           # 1080 minus the navigation row, padding and the zero-height language element's gap
FONT_SCALE = 2.0              # 26 px body, 34 px title: legible from the back of a room

CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="collapsedControl"],
header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stStatusWidget"], footer { display: none !important; }
[data-testid="stMainBlockContainer"], .block-container {
  padding: 0.6rem 2rem 0.2rem 2rem !important; max-width: 100% !important; }
.st-key-present-nav button { min-height: 3rem; padding: 0.3rem 1.4rem; }
.st-key-present-nav button p, .st-key-present-nav [data-testid="stMarkdownContainer"] p { font-size: 1.6rem; }
.st-key-present-counter p { font-size: 1.6rem; font-weight: 600; margin: 0; padding-top: 0.45rem; }
.st-key-present-keys { display: none !important; }
[data-testid="stAlert"] p { font-size: 1.3rem; }
</style>
"""


# --- reading the link (pure: tested without Streamlit) -------------------------------------------------------------

def _param(name: str) -> list[str]:
    try:
        return [str(v) for v in st.query_params.get_all(name)]
    except Exception:  # noqa: BLE001 - no query params (bare mode, tests): not presenting
        return []


def is_active() -> bool:
    """True when the link asks for presentation mode (?present=1; also true/yes/on)."""
    return any(v.strip().lower() in ON_VALUES for v in _param(PRESENT_KEY))


def parse_slide(values: Sequence[str], n: int) -> tuple[int, bool]:
    """0-based slide index from ?slide= values, and whether the value was valid. Missing means the first slide;
    anything not a number from 1 to n (text, negative, zero, huge, markup) falls back to the first slide."""
    if not values:
        return 0, True
    raw = str(values[0]).strip()
    if not re.fullmatch(rf"[0-9]{{1,{MAX_SLIDE_DIGITS}}}", raw):
        return 0, False
    number = int(raw)
    if 1 <= number <= n:
        return number - 1, True
    return 0, False


def resolve_slide(slide_values: Sequence[str], view_values: Sequence[str],
                  view_ids: Sequence[str]) -> tuple[int, Optional[str]]:
    """(0-based index, catalogue key of the message to show or None). ?view= wins over ?slide=."""
    if view_values:
        if view_values[0] in view_ids:
            return list(view_ids).index(view_values[0]), None
        return 0, "present.bad_view"
    index, ok = parse_slide(slide_values, len(view_ids))
    return index, None if ok else "present.bad_slide"


# --- callbacks (run before the script, so the new URL is what the run sees) -----------------------------------------

def enter(view_id: Optional[str] = None) -> None:
    st.query_params[PRESENT_KEY] = "1"
    if view_id:
        st.query_params[VIEW_KEY] = view_id
        if SLIDE_KEY in st.query_params:
            del st.query_params[SLIDE_KEY]
    else:
        st.query_params[SLIDE_KEY] = "1"


def leave() -> None:
    for key in (PRESENT_KEY, SLIDE_KEY, VIEW_KEY):
        if key in st.query_params:
            del st.query_params[key]


def go(index: int) -> None:
    st.query_params[SLIDE_KEY] = str(index + 1)
    if VIEW_KEY in st.query_params:
        del st.query_params[VIEW_KEY]


# --- the screen ----------------------------------------------------------------------------------------------------

def slides(state: ui.AppState) -> list[views.View]:
    """Every view with a chart, of every page, in page order, each chart once (exports.meta.without_repeats)."""
    from .exports.meta import without_repeats

    return without_repeats(v for page in views.PAGE_VIEWS for v in ui.page_views(state, page).values()
                           if v.figure is not None)


def _navigation(state: ui.AppState, index: int, n: int) -> None:
    lang = state.lang
    with st.container(horizontal=True, gap="medium", vertical_alignment="center", key="present-nav"):
        st.button(t("present.prev", lang), key="present-prev", icon=":material/arrow_back:", on_click=go,
                  args=(index - 1,), disabled=index == 0, shortcut="Left")
        with st.container(width="content", key="present-counter"):
            st.markdown(t("present.counter", lang, i=index + 1, n=n))
        st.button(t("present.next", lang), key="present-next", icon=":material/arrow_forward:",
                  icon_position="right", on_click=go, args=(index + 1,), disabled=index >= n - 1, shortcut="Right")
        st.space("stretch")
        st.button(t("present.exit", lang), key="present-exit", icon=":material/close:", on_click=leave,
                  type="tertiary")
    # Presenter remotes send Page Up / Page Down: hidden twins of the arrows.
    with st.container(key="present-keys"):
        st.button("prev", key="present-pgup", on_click=go, args=(index - 1,), disabled=index == 0,
                  shortcut="PageUp")
        st.button("next", key="present-pgdn", on_click=go, args=(index + 1,), disabled=index >= n - 1,
                  shortcut="PageDown")


def run(state: ui.AppState) -> None:
    """Draw the current slide; dashboard.py calls this instead of the page when is_active()."""
    from .exports import images
    from .export_ui import export_meta

    lang = state.lang
    st.html(CSS)
    shown = slides(state)
    if not shown:
        st.info(t("present.empty", lang))
        st.button(t("present.exit", lang), key="present-exit", on_click=leave)
        return
    ids = [v.view_id for v in shown]
    # A view left out as a repeat opens the slide that shows its chart (the split page's first: the overview's).
    shown_as = {v.repeats: v.view_id for v in shown if v.repeats}
    index, problem = resolve_slide(_param(SLIDE_KEY), [shown_as.get(x, x) for x in _param(VIEW_KEY)], ids)
    if problem:
        # The message never repeats what was in the link: it may be markup.
        st.info(t(problem, lang, n=len(shown)), icon=":material/info:")
    if problem or _param(VIEW_KEY) or _param(SLIDE_KEY) != [str(index + 1)]:
        go(index)  # the address bar now says which slide this is: copy it and it reopens this slide
    view = shown[index]
    _navigation(state, index, len(shown))
    fig = images.slide_figure(view, export_meta(state), width=None,
                              height=FIGURE_HEIGHT - (70 if problem else 0), font_scale=FONT_SCALE)
    st.plotly_chart(fig, theme=None, key=f"present-chart-{view.view_id}",
                    config={"displaylogo": False, "displayModeBar": False, "responsive": True})
