"""GPU split: by organisation and by sector, part-to-whole, and each article's qualifiers."""
import streamlit as st

from apecgpu import ui
from apecgpu.i18n import t
from apecgpu.views import allocation_table, claims_matrix

state, views = ui.start_page("gpu-split", "split.title")
lang = state.lang

ui.show_view(views["split-org"], state)
st.caption(t("common.disputed_mark", lang))
st.subheader(t("split.details.title", lang))
ui.show_table(allocation_table(ui.page_context(state)))
ui.show_view(views["split-share"], state)
ui.show_view(views["split-sector"], state)

st.subheader(t("split.claims.title", lang))
st.caption(t("split.claims.caption", lang))
ui.show_table(claims_matrix(ui.page_context(state)))
