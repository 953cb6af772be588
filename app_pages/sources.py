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

st.subheader(t("src.articles", lang, n=len(state.tables["sources"])))
ui.show_table(source_table(ctx))

st.subheader(t("src.disagreements", lang))
st.caption(t("src.disagreements.caption", lang))
ui.show_table(disagreement_summary(ctx))
with st.expander(t("src.disagreements.detail", lang)):
    ui.show_table(disagreement_table(ctx))
for view in ui.page_views(state, "sources").values():
    ui.show_view(view, state)

st.subheader(t("src.method", lang))
st.markdown(t("src.method.body", lang))
