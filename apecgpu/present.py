"""Presentation mode (?present=1): one view per screen, large, no sidebar or app chrome, laid out for the screen it
is on (a 1920x1080 projector, a 1024x768 one, a laptop): the browser reports its size, and the slide's type and
frame follow it.

The URL holds the slide (?slide=N, 1-based) so the link reopens the same slide; ?view=<view_id> opens a named view
and is rewritten to its slide number. The slides are the views of every page, in page order, for the language and
sector filter in the link.
"""
from __future__ import annotations

import functools
import re
from typing import Optional, Sequence

import streamlit as st

from . import ui, views
from .exports.images import PRESENT_MIN_WIDTH
from .i18n import t

PRESENT_KEY, SLIDE_KEY, VIEW_KEY = "present", "slide", "view"
NOTICE_MEMORY = "_present_notice"  # a bad link's notice stays until the presenter moves (the screen's rerun keeps it)
ON_VALUES = {"1", "true", "yes", "on"}
MAX_SLIDE_DIGITS = 4          # anything longer is not a slide number (and is never converted to int)
FONT_SCALE = 2.0              # on a 1920x1080 screen: 26 px body, 34 px title, legible from the back of a room
MIN_FONT_SCALE = 1.0          # never smaller than the app's own type
# The screen on which a slide's type is the app's own (scale 1): the type grows with the screen's width and height
# from there. Wider than 1024 / 1.2: with more type per pixel of width, long English labels squeezed the timeline's
# plot to nothing on a 1024x768 projector (1.2 there; 2 on 1920x1080, where height limits it).
REFERENCE_SCREEN = (1024 / 1.2, 540)
SMALLEST_SCREEN = (PRESENT_MIN_WIDTH, 768)  # laid out for until the browser reports its size
SIDE_PADDING_PX = 64          # the slide's left and right padding (2rem each, CSS below)
SCREEN_LIMITS = (200, 20000)  # a reported width or height outside this is not a screen
MIN_PLOT_PX = 240             # a slide's plot area never shrinks below this to fit a short screen: it scrolls instead
ROW_EM = 1.4                  # one category row down the plot, in the slide's type size
LEGEND_EM = 1.9               # one legend entry (Plotly spaces them wider than text lines)

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
/* On a small screen the slide's type is smaller (slide_scale): the buttons follow, so they do not outshout it. */
@media (max-width: 1400px), (max-height: 800px) {
  .st-key-present-nav button { min-height: 2.4rem; padding: 0.2rem 1rem; }
  .st-key-present-nav button p, .st-key-present-nav [data-testid="stMarkdownContainer"] p,
  .st-key-present-counter p { font-size: 1.15rem; padding-top: 0; }
}
.st-key-present-keys, .st-key-present-probe { display: none !important; }
/* The slide fills the screen below the navigation row, whatever its height (a 1080 p projector, a 768 p one). */
[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] { height: calc(100dvh - 0.8rem); }
:has(> :is(.st-key-present-stage, .st-key-present-pending)) { flex: 1 1 0; display: flex; flex-direction: column; }
.st-key-present-stage, .st-key-present-pending { flex: 1 1 0; }
/* A slide drawn before the browser has said how big the screen is (laid out for the smallest one) stays unseen
   until the slide laid out for this screen replaces it, a moment later; shown anyway after 2 s if no report comes. */
.st-key-present-pending { visibility: hidden; animation: present-reveal 0s linear 2s forwards; }
@keyframes present-reveal { to { visibility: visible; } }
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


def _category_rows(fig) -> int:
    """Rows stacked down the plot: the categories on a vertical category axis (a timeline's events, a bar
    chart's recipients)."""
    ticks = fig.layout.yaxis.ticktext
    labels = {y for trace in fig.data if getattr(trace, "y", None) is not None for y in trace.y
              if isinstance(y, str)}
    return max(len(ticks or ()), len(labels))


def _legend_rows(fig) -> int:
    """Entries (and the title) of a legend stacked beside the plot; 0 for a legend laid out in a row."""
    if fig.layout.legend.orientation == "h" or fig.layout.showlegend is False:
        return 0
    names = {trace.legendgroup or trace.name for trace in fig.data if trace.showlegend is not False and trace.name}
    if len(names) < 2 and not fig.layout.showlegend:  # Plotly draws no legend for a single trace
        return 0
    return len(names) + (1 if fig.layout.legend.title.text else 0)


def min_slide_height(fig) -> int:
    """Pixels a slide's chart needs to stay legible: its margins (title, source lines, axis) plus a plot area tall
    enough for its rows and its legend. On a shorter screen the slide scrolls rather than crush them."""
    font = fig.layout.font.size or 13
    plot = max(MIN_PLOT_PX, font * ROW_EM * _category_rows(fig), font * LEGEND_EM * _legend_rows(fig))
    return round((fig.layout.margin.t or 0) + (fig.layout.margin.b or 0) + plot)


def parse_screen(value) -> Optional[tuple[int, int]]:
    """(width, height) from the browser's report ({"w": .., "h": ..}); None for anything else (it comes from the
    browser, so it is checked like a link)."""
    if not isinstance(value, dict):
        return None
    size = value.get("w"), value.get("h")
    low, high = SCREEN_LIMITS
    if all(isinstance(x, int) and not isinstance(x, bool) and low <= x <= high for x in size):
        return size[0], size[1]
    return None


def slide_scale(screen: Optional[tuple[int, int]]) -> tuple[int, float]:
    """(frame width in px, font scale) for a slide on this screen: the type grows with the screen (scale 2 on
    1920x1080), never below MIN_FONT_SCALE; an unknown screen (before the browser reports) is taken for the
    smallest one a slide is shown on."""
    width, height = screen or SMALLEST_SCREEN
    scale = min(width / REFERENCE_SCREEN[0], height / REFERENCE_SCREEN[1])
    return max(width - SIDE_PADDING_PX, 320), round(min(FONT_SCALE, max(MIN_FONT_SCALE, scale)), 2)


# --- callbacks (run before the script, so the new URL is what the run sees) -----------------------------------------

def enter(view_id: Optional[str] = None) -> None:
    st.session_state.pop(NOTICE_MEMORY, None)
    st.session_state[ENTERING] = True
    st.query_params[PRESENT_KEY] = "1"
    if view_id:
        st.query_params[VIEW_KEY] = view_id
        if SLIDE_KEY in st.query_params:
            del st.query_params[SLIDE_KEY]
    else:
        st.query_params[SLIDE_KEY] = "1"


def leave() -> None:
    st.session_state.pop(NOTICE_MEMORY, None)
    st.session_state.pop(ENTERING, None)
    st.session_state[LEFT_MEMORY] = True
    for key in (PRESENT_KEY, SLIDE_KEY, VIEW_KEY):
        if key in st.query_params:
            del st.query_params[key]


# Set by leave(): the next run draws the page where the slide was, and the slide's leftovers are hidden meanwhile.
LEFT_MEMORY = "_present_left"
# Set by enter() and while the screen's size is unknown; cleared when the presenter moves (go) or leaves.
ENTERING = "_present_entering"
HIDE_LEFTOVERS = '<style>[data-stale="true"] { visibility: hidden; }</style>'
NO_STYLE = "<style></style>"


def hide_leftovers_of_the_show() -> None:
    """In the run right after leaving, hide what is left of the slide (Streamlit keeps a previous run's elements
    until they are replaced) so the page does not draw around it. dashboard.py calls this first, in every run: one
    element always, so the page's elements keep their places from one run to the next (and are updated, not drawn
    anew, on the first change after leaving)."""
    st.html(HIDE_LEFTOVERS if st.session_state.pop(LEFT_MEMORY, False) else NO_STYLE)


def go(index: int) -> None:
    """Move to a slide (the navigation's callback): a notice about the link that opened the show has done its job."""
    st.session_state.pop(NOTICE_MEMORY, None)
    st.session_state.pop(ENTERING, None)
    _show_in_link(index)


def _show_in_link(index: int) -> None:
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


# The browser reports the window's size on entering presentation mode and after each resize (e.g. the window moved
# to the projector, or full screen): only when it differs from what the server last heard, so no rerun loop.
SCREEN_JS = """
export default function (component) {
  const { data, setStateValue } = component;
  let last = (data && data.known) || {};
  let timer;
  const report = () => {
    const w = Math.round(window.innerWidth), h = Math.round(window.innerHeight);
    if (w !== last.w || h !== last.h) { last = { w, h }; setStateValue("screen", last); }
  };
  const later = () => { clearTimeout(timer); timer = setTimeout(report, 300); };
  report();
  window.addEventListener("resize", later);
  return () => { clearTimeout(timer); window.removeEventListener("resize", later); };
}
"""
SCREEN_MEMORY = "_present_screen"


@functools.cache  # registered once per process: a second registration replaces the first, with a warning
def _screen_component():
    return st.components.v2.component("apecgpu.present_screen", js=SCREEN_JS)


def _screen_size() -> Optional[tuple[int, int]]:
    """The browser window's size as last reported, or None before the first report (and in AppTest)."""
    known = st.session_state.get(SCREEN_MEMORY)
    with st.container(key="present-probe"):  # draws nothing; hidden so it takes no gap in the layout
        result = _screen_component()(key="present-screen", on_screen_change=lambda: None,
                                     data={"known": {"w": known[0], "h": known[1]} if known else {}})
    # Known from earlier in the session when the component's own state is gone (it is dropped while the pages are
    # shown): re-entering would otherwise wait for a report that never comes, the size being unchanged.
    screen = parse_screen(getattr(result, "screen", None)) or known
    st.session_state[SCREEN_MEMORY] = screen
    return screen


def run(state: ui.AppState) -> None:
    """Draw the current slide; dashboard.py calls this instead of the page when is_active()."""
    from .exports import images
    from .export_ui import export_meta

    lang = state.lang
    # First, since it decides what this run draws: until the browser has said how big the screen is (entering,
    # or a copied link), the slide is laid out for the smallest screen and kept unseen (present-pending). Until the
    # presenter first moves, what is left of an earlier run is hidden (Streamlit keeps a run's elements until they
    # are replaced, and the size report interrupts the entering run before it clears the page away): the page
    # behind the buttons, and the pending slide's chart while the one laid out for the screen replaces it.
    screen = _screen_size()
    if not screen:
        st.session_state[ENTERING] = True
    # Always one element here, so the slide keeps its place in every run and is updated, not redrawn beside itself.
    st.html(HIDE_LEFTOVERS if st.session_state.get(ENTERING) else NO_STYLE)
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
        st.session_state[NOTICE_MEMORY] = problem
    notice = st.session_state.get(NOTICE_MEMORY)
    if notice:
        # The message never repeats what was in the link: it may be markup.
        st.info(t(notice, lang, n=len(shown)), icon=":material/info:")
    if problem or _param(VIEW_KEY) or _param(SLIDE_KEY) != [str(index + 1)]:
        _show_in_link(index)  # the address bar now says which slide this is: copy it and it reopens this slide
    view = shown[index]
    _navigation(state, index, len(shown))
    frame, scale = slide_scale(screen)
    fig = images.slide_figure(view, export_meta(state), width=None, height=None, frame=frame, font_scale=scale)
    # --laid-out-for says which screen the slide was laid out for (browser tests wait for it after a resize).
    laid_out_for = f"{screen[0]}x{screen[1]}" if screen else "unknown"
    stage = "present-stage" if screen else "present-pending"
    st.html(f'<style>.st-key-{stage} {{ min-height: {min_slide_height(fig)}px; '
            f'--laid-out-for: "{laid_out_for}"; }}</style>')
    with st.container(key=stage):
        st.plotly_chart(fig, theme=None, key=f"present-chart-{view.view_id}", height="stretch",
                        config={"displaylogo": False, "displayModeBar": False, "responsive": True})
