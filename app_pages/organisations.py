"""Organisations: one organisation's profile (picked, clicked in the network, or ?org=<id>) and the network."""
import streamlit as st

from apecgpu import figures_tracking, ui, views as v
from apecgpu import views_tracking as vt
from apecgpu.i18n import t

ORG_WIDGET, ORG_MEMORY = "_org_widget", "_org_chosen"
ORG_PENDING, LAST_CLICK = "_org_pending", "_org_last_click"

state: ui.AppState = st.session_state["_app_state"]
lang = state.lang
tables = state.tables
st.title(t("org.title", lang))
ui.filter_caption(state)

options = vt.org_options(tables, lang)
fallback = vt.default_org(tables)
if not options or fallback is None:
    st.info(t("common.no_data", lang))
    ui.end_page()

# Bound to ?org= by hand (not bind="query-params"): with format_func a bound selectbox would write the display
# name into the link, and links must carry the same id in both languages. A click in the network (last run)
# comes first; otherwise the widget starts from the link, then this session's last choice, then the default, as its
# default (also when the data leaves its choice out): a page left open across a server restart sends its own choice,
# which wins.
start = None
if ORG_PENDING in st.session_state:
    st.session_state[ORG_WIDGET] = st.session_state.pop(ORG_PENDING)
else:
    raw = st.query_params.get(vt.ORG_PARAM)
    chosen = vt.resolve_org(tables, raw)
    if raw is not None and chosen is None and ORG_WIDGET not in st.session_state:  # entering the page
        st.info(t("org.unknown", lang, value=ui.safe_echo(raw), default=ui.md(options.get(fallback, fallback))),
                icon=":material/info:")
    remembered = vt.resolve_org(tables, st.session_state.get(ORG_MEMORY))
    pick = chosen or remembered or fallback
    start = list(options).index(pick) if pick in options else 0

org_id = st.selectbox(t("org.pick", lang), options=list(options), format_func=options.get, key=ORG_WIDGET,
                      index=start, help=t("org.pick.help", lang))
st.session_state[ORG_MEMORY] = org_id
if st.query_params.get(vt.ORG_PARAM) != org_id:
    st.query_params[vt.ORG_PARAM] = org_id

ctx = ui.page_context(state)
profile = vt.org_profile(ctx, org_id)
st.header(ui.md(profile.name), anchor="profile")
st.markdown("\n".join(f"- **{label}**: {ui.md(value)}" for label, value in profile.facts))
if state.sectors:
    st.caption(t("org.filtered", lang))
for section in profile.sections:
    st.subheader(section.title, anchor=False)
    for note in section.notes:
        st.caption(ui.md(note))
    if section.table.empty:
        st.caption(section.empty)
    else:
        ui.show_table(section.table)
st.caption(t("org.link", lang, query=state.query(org=org_id)))

st.divider()
views = ui.page_views(state, "organisations")
network = views.get("org-network")
if network is None:
    st.info(t("common.no_data", lang))
    ui.end_page()
st.subheader(t("org.net.heading", lang), anchor=False)
st.caption(t("org.net.caption", lang))
event = ui.show_view(network, state, figure=figures_tracking.highlight_node(v.page_figure(network), org_id),
                     selectable=True)
# A click on an organisation opens its profile. Only a new click counts: the chart keeps its selection across
# reruns, and an old click must not undo a later pick in the list.
points = event.selection.points if event and event.selection else []
clicked = [p.get("customdata") for p in points]
clicked = [c[0] if isinstance(c, list) else c for c in clicked]
click = next((c for c in clicked if vt.resolve_org(tables, c)), None)
if click != st.session_state.get(LAST_CLICK):
    st.session_state[LAST_CLICK] = click
    if click and click != org_id:
        st.session_state[ORG_PENDING] = click
        st.query_params[vt.ORG_PARAM] = click
        st.toast(t("org.opened", lang, name=ui.md(options.get(click, click))), icon=":material/touch_app:")
        st.rerun()
