"""Sources & method: every article, every disagreement between them, and how derived figures are computed."""
import streamlit as st

from apecgpu import ui
from apecgpu.i18n import t
from apecgpu.views import disagreement_summary, disagreement_table, source_table

state: ui.AppState = st.session_state["_app_state"]
lang = state.lang
ctx = ui.page_context(state)
st.title(t("src.title", lang))
if state.sectors:
    st.caption(t("src.filter_note", lang))

st.subheader(t("src.articles", lang))
st.table(source_table(ctx), hide_index=True)

st.subheader(t("src.disagreements", lang))
st.caption(t("src.disagreements.caption", lang))
st.table(disagreement_summary(ctx), hide_index=True)
with st.expander(t("src.disagreements.detail", lang)):
    st.table(disagreement_table(ctx), hide_index=True)
for view in ui.page_views(state, "sources").values():
    ui.show_view(view, state)

st.subheader(t("src.method", lang))
st.markdown(t("src.method.body", lang))
