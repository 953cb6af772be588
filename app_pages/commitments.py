"""Commitments tracker: how far each commitment has got, GPUs by stage, the gap to the target, each history."""
import streamlit as st

from apecgpu import ui
from apecgpu import views_tracking as vt
from apecgpu.i18n import t

state, views = ui.start_page("commitments", "trk.title", "trk.intro")
lang = state.lang
ctx = ui.page_context(state)

for column, kpi in zip(st.columns(4), vt.tracker_kpis(ctx)):
    column.metric(kpi.label, kpi.value, help=ui.md(kpi.help) if kpi.help else None)
    if kpi.caption:
        column.caption(ui.md(kpi.caption))

ui.show_view(views["trk-stage"], state)
st.caption(t("trk.note.as_of", lang))
ui.show_view(views["trk-gap"], state)
for point in views["trk-gap"].talking_points[1:]:
    st.caption(ui.md(point))

st.subheader(t("trk.status.title", lang))
st.caption(t("trk.status.caption", lang))
ui.show_table(vt.status_table(ctx))

st.subheader(t("trk.history.title", lang))
choices = vt.commitment_choices(ctx)
picked = st.selectbox(t("trk.history.pick", lang), options=list(choices), format_func=choices.get,
                      key="trk_commitment")
if picked:
    detail = vt.commitment_detail(ctx, picked)
    st.markdown(f"**{ui.md(detail['title'])}** · {ui.md(detail['kind'])}")
    st.caption(f"{t('trk.col.holder', lang)}: {ui.md(detail['holder'])} · "
               f"{t('org.col.with', lang)}: {ui.md(detail['partners'])}")
    st.caption(f"{t('common.purpose', lang)}: {ui.md(detail['purpose'])}")
    st.caption(f"{t('trk.history.reported', lang)}: {ui.md(detail['sources'])}")
    ui.show_table(vt.history_table(ctx, picked))
st.info(t("trk.history.how", lang), icon=":material/edit_note:")
