"""Entry point: navigation over the pages, shared controls (language, sector filter) bound to the URL, footer."""
from pathlib import Path

import streamlit as st

from apecgpu import doclang, present, ui, views
from apecgpu.i18n import t

FAVICON = Path(__file__).resolve().parent / "assets" / "favicon.png"

# A local picture: an emoji icon needs an emoji font the ministry PC may lack, a Material one is fetched from Google.
st.set_page_config(page_title="NVIDIA–Korea GPU · APEC 2025", page_icon=str(FAVICON), layout="wide")

ui.apply_style()
present.hide_leftovers_of_the_show()
state = ui.init_state()
doclang.set_document_language(state.lang)  # <html lang> follows the chosen language (screen readers, hyphenation)
st.session_state["_app_state"] = state
lang = state.lang

# Page files live in app_pages/, not pages/: a folder named pages/ beside the entry point switches Streamlit into
# its legacy multipage mode on a fresh process, which runs a deep-linked page without this entry script.
PAGES = [
    # (file, url path, catalogue key, section)
    ("app_pages/overview.py", "overview", "nav.overview", "nav.section.main"),
    ("app_pages/gpu_split.py", "gpu-split", "nav.gpu_split", "nav.section.main"),
    ("app_pages/installed_base.py", "installed-base", "nav.installed_base", "nav.section.main"),
    ("app_pages/timeline.py", "timeline", "nav.timeline", "nav.section.main"),
    ("app_pages/sources.py", "sources", "nav.sources", "nav.section.main"),
    ("app_pages/commitments.py", "commitments", "nav.commitments", "nav.section.more"),
    ("app_pages/organisations.py", "organisations", "nav.organisations", "nav.section.more"),
    ("app_pages/power.py", "power", "nav.power", "nav.section.more"),
]
sections: dict[str, list] = {}
for i, (path, url_path, key, section) in enumerate(PAGES):
    sections.setdefault(t(section, lang), []).append(
        st.Page(path, title=t(key, lang), url_path=url_path, default=(i == 0)))
# Presentation mode (?present=1): one view per screen, no sidebar or chrome; the same views as the pages.
presenting = present.is_active()
page = st.navigation(sections, position="hidden" if presenting else "sidebar")

ui.show_messages(state)
if presenting:
    present.run(state)
else:
    st.sidebar.caption(ui.md(views.app_subtitle(state.tables, lang)))
    try:
        try:
            page.run()
        except ui.PageEnded:  # the page ended early after a notice saying why (e.g. the filter leaves it nothing)
            pass
        ui.footer(state)
    finally:  # last, in its place in the sidebar, so the page's charts are drawn first; also after an error
        ui.briefing_kit(state)
