"""Installed base: before and after, stated and computed, and a waterfall by recipient."""
import streamlit as st

from apecgpu import ui
from apecgpu.i18n import t

state, views = ui.start_page("installed-base", "base.title")
lang = state.lang
if state.sectors:
    st.warning(t("base.filtered_note", lang))
ui.show_view(views["base-compare"], state)
st.caption(ui.md(views["base-compare"].talking_points[-1]))
ui.show_view(views["base-waterfall"], state)
