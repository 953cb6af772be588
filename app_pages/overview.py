"""Overview: headline figures and takeaways."""
import streamlit as st

from apecgpu import fmt, ui
from apecgpu.i18n import t
from apecgpu.views import overview

state: ui.AppState = st.session_state["_app_state"]
lang = state.lang
info = overview(ui.page_context(state))
alloc = info["allocations"]
st.title(t("ov.title", lang, total=info["title_total"]))
ui.filter_caption(state)

c1, c2, c3, c4 = st.columns(4)
if state.sectors:
    c1.metric(t("ov.kpi.total.filtered", lang), info["selected_text"])
elif info["total"]:
    c1.metric(t("ov.kpi.total", lang), fmt.figure(info["total"]["value"], "gpu", info["total"]["qualifier"], lang,
                                                 short=True),
              help=t("common.disputed_mark", lang) if info["total"]["disputed"] else None)
c2.metric(t("ov.kpi.recipients", lang), t("ov.kpi.recipients.value", lang, n=len(alloc)))
base = info["base"]
if base["after_stated"] and base["before"]:
    c3.metric(t("ov.kpi.base", lang),
              fmt.figure(base["after_stated"]["value"], "gpu", base["after_stated"]["qualifier"], lang, short=True),
              delta=t("ov.kpi.base.delta", lang, before=info["before_text"]),
              delta_color="off")
if info["investment"]:
    inv = info["investment"]
    c4.metric(ui.md(inv["title"]), fmt.figure(inv["value"], inv["unit"], inv["qualifier"], lang),
              help=t("common.disputed_mark", lang) if inv["disputed"] else None)

st.subheader(t("ov.takeaways", lang))
st.markdown("\n".join(f"- {ui.md(line)}" for line in info["takeaways"]))

views = ui.page_views(state, "overview")
if not views:
    st.info(t("common.no_data", lang))
for view in views.values():
    ui.show_view(view, state)
