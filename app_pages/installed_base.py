"""Installed base: before and after, stated and computed, and a waterfall by recipient."""
import streamlit as st

from apecgpu import ui
from apecgpu.i18n import t

state: ui.AppState = st.session_state["_app_state"]
lang = state.lang
st.title(t("base.title", lang))
ui.filter_caption(state)
views = ui.page_views(state, "installed-base")
if not views:
    st.info(t("common.no_data", lang))
    st.stop()
if state.sectors:
    st.warning(t("base.filtered_note", lang))
ui.show_view(views["base-compare"], state)
st.caption(ui.md(views["base-compare"].talking_points[-1]))
ui.show_view(views["base-waterfall"], state)
