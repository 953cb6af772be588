"""Commitments tracker: how far each commitment has got, GPUs by stage, the gap to the target, each history."""
import streamlit as st

from apecgpu import ui
from apecgpu import views_tracking as vt
from apecgpu.i18n import t

HISTORY_WIDGET, HISTORY_MEMORY = "trk_commitment", "_trk_commitment_chosen"

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
# Bound to ?commitment= by hand, as the organisations page binds ?org=: the link carries the id in both languages.
# The widget starts from the link, then this session's last choice, then the first, as its default (also when a filter
# leaves its choice out): a page left open across a server restart sends its own choice, which wins.
start = None
if choices:
    raw = st.query_params.get(vt.COMMITMENT_PARAM)
    chosen = vt.resolve_commitment(choices, raw)
    first = next(iter(choices))
    if raw is not None and chosen is None and HISTORY_WIDGET not in st.session_state:  # entering the page
        st.info(t("trk.history.unknown", lang, value=ui.safe_echo(raw), default=ui.md(choices[first])),
                icon=":material/info:")
    remembered = vt.resolve_commitment(choices, st.session_state.get(HISTORY_MEMORY))
    start = list(choices).index(chosen or remembered or first)
picked = st.selectbox(t("trk.history.pick", lang), options=list(choices), format_func=choices.get,
                      key=HISTORY_WIDGET, index=start)
if picked:
    st.session_state[HISTORY_MEMORY] = picked
    if st.query_params.get(vt.COMMITMENT_PARAM) != picked:
        st.query_params[vt.COMMITMENT_PARAM] = picked
    detail = vt.commitment_detail(ctx, picked)
    st.markdown(f"**{ui.md(detail['title'])}** · {ui.md(detail['kind'])}")
    st.caption(f"{t('trk.col.holder', lang)}: {ui.md(detail['holder'])} · "
               f"{t('org.col.with', lang)}: {ui.md(detail['partners'])}")
    st.caption(f"{t('common.purpose', lang)}: {ui.md(detail['purpose'])}")
    st.caption(f"{t('trk.history.reported', lang)}: {ui.md(detail['sources'])}")
    ui.show_table(vt.history_table(ctx, picked))
st.info(t("trk.history.how", lang), icon=":material/edit_note:")
