"""Entry point: navigation over the pages, shared controls (language, sector filter) bound to the URL, footer."""
import streamlit as st

from apecgpu import ui
from apecgpu.i18n import t

st.set_page_config(page_title="NVIDIA–Korea GPU · APEC 2025", page_icon="📊", layout="wide")

state = ui.init_state()
st.session_state["_app_state"] = state
lang = state.lang

PAGES = [
    # (file, url path, catalogue key, section)
    ("pages/overview.py", "overview", "nav.overview", "nav.section.main"),
    ("pages/gpu_split.py", "gpu-split", "nav.gpu_split", "nav.section.main"),
    ("pages/installed_base.py", "installed-base", "nav.installed_base", "nav.section.main"),
    ("pages/timeline.py", "timeline", "nav.timeline", "nav.section.main"),
    ("pages/sources.py", "sources", "nav.sources", "nav.section.main"),
]
sections: dict[str, list] = {}
for i, (path, url_path, key, section) in enumerate(PAGES):
    sections.setdefault(t(section, lang), []).append(
        st.Page(path, title=t(key, lang), url_path=url_path, default=(i == 0)))
page = st.navigation(sections)

st.sidebar.caption(t("app.subtitle", lang))
ui.show_messages(state)
page.run()
ui.footer(state)
