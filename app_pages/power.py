"""Power and facilities ESTIMATE: what the announced GPUs would draw, under assumptions the reader can change."""
import streamlit as st

from apecgpu import power, ui
from apecgpu import views_tracking as vt
from apecgpu.data import DataError
from apecgpu.i18n import t

VALUES, RAMP_BASE, RAMP_EDITOR = "_pw_values", "_pw_ramp_base", "_pw_ramp_editor"

state: ui.AppState = st.session_state["_app_state"]
lang = state.lang
st.title(t("pw.title", lang))
ui.filter_caption(state)

try:
    assumptions = power.load_data_assumptions()
except DataError as err:
    st.error(t("pw.assumptions_error", lang), icon=":material/warning:")
    st.code("\n".join(i.message() for i in err.issues), language=None, wrap_lines=True)
    ui.end_page()
controls = vt.power_controls(assumptions, lang)
widget = {c.assumption_id: f"_pw_{c.param}" for c in controls}


@st.cache_resource(show_spinner=False, max_entries=64)
def _views(version: str, lang: str, sectors: tuple, key: tuple, _ctx, _values, _assumptions) -> list:
    return vt.power_views(_ctx, _values, _assumptions)


def _reset() -> None:
    # A callback runs before the script, so the widgets can still be given new values here.
    for c in controls:
        st.session_state[widget[c.assumption_id]] = c.default
    st.session_state[RAMP_BASE] = dict(power.DEFAULT_RAMP)
    st.session_state.pop(RAMP_EDITOR, None)


# Bound to the URL by hand (kw, pue, util, ramp), so that a bad value falls back to the default with a message
# rather than silently. On entering the page (no widget state yet) the link wins over this session's last values, as
# the sliders' defaults: a page left open across a server restart sends its own values, which win.
starts: dict[str, float] = {}
if any(key not in st.session_state for key in widget.values()) or RAMP_BASE not in st.session_state:
    query = {key: st.query_params.get_all(key) for key in [*power.PARAM_KEYS.values(), power.RAMP_PARAM]}
    remembered = st.session_state.get(VALUES)
    if remembered and not any(query.values()):
        values, messages = dict(remembered), []
    else:
        values, messages = power.parse_assumption_params(query, assumptions, lang)
    for message in messages:
        st.info(ui.md(message), icon=":material/info:")
    starts = {c.assumption_id: float(values[c.assumption_id]) for c in controls}
    st.session_state[RAMP_BASE] = dict(values["ramp"])
    st.session_state.pop(RAMP_EDITOR, None)

# --- what the articles say (sourced) ---------------------------------------------------------------------------
ctx = ui.page_context(state)
if ctx.allocations.empty:
    st.info(t("common.no_data", lang))
    ui.end_page()
st.subheader(t("pw.sourced.heading", lang), anchor=False)
st.caption(t("pw.sourced.caption", lang))
ui.show_table(vt.power_sourced_table(ctx))

# --- the estimate (kept apart, in its own box) -----------------------------------------------------------------
st.warning(t("pw.banner", lang), icon=":material/warning:")
with st.container(border=True):
    st.subheader(t("pw.estimate.heading", lang), anchor=False)
    st.caption(t("pw.estimate.caption", lang))
    st.button(t("pw.reset", lang), on_click=_reset, key="_pw_reset")
    values = {a: float(v) for a, v in vt.default_power_values(assumptions).items() if a != "ramp"}
    for column, c in zip(st.columns(len(controls)), controls):
        with column:
            values[c.assumption_id] = st.slider(ui.md(c.label), min_value=c.min, max_value=c.max, step=c.step,
                                                value=starts.get(c.assumption_id), key=widget[c.assumption_id],
                                                help=ui.md(c.note) if c.note else None)
            st.caption(f"{ui.md(c.default_text)} · {t('pw.source', lang)}: {ui.md(c.source)}")
    for label, value, source in vt.fixed_assumptions(assumptions, lang):
        st.caption(ui.md(f"{label}: {value} · {source}"))

    st.markdown(f"**{t('pw.ramp.heading', lang)}**")
    st.caption(t("pw.ramp.caption", lang, default=vt.ramp_text(power.DEFAULT_RAMP, lang)))
    edited = st.data_editor(vt.ramp_frame(st.session_state[RAMP_BASE], lang), key=RAMP_EDITOR, num_rows="dynamic",
                            hide_index=True, column_config={
                                t("pw.ramp.year", lang): st.column_config.NumberColumn(
                                    min_value=power.RAMP_YEARS[0], max_value=power.RAMP_YEARS[1], step=1,
                                    format="%d", required=True),
                                t("pw.ramp.share", lang): st.column_config.NumberColumn(
                                    min_value=0, max_value=100, step=1, format="%g%%", required=True)})
    try:
        ramp = vt.ramp_from_frame(edited, lang)
    except power.RampError as err:
        st.error(t("pw.ramp.invalid", lang, why=ui.md(err.message(lang))), icon=":material/warning:")
        ramp = st.session_state.get(VALUES, {}).get("ramp") or st.session_state[RAMP_BASE]
    values["ramp"] = ramp
    st.session_state[VALUES] = values
    for key, text in power.assumption_params(values).items():
        if st.query_params.get_all(key) != [text]:
            st.query_params[key] = text

    for column, kpi in zip(st.columns(4), vt.power_kpis(ctx, values)):
        column.metric(kpi.label, kpi.value, help=ui.md(kpi.help) if kpi.help else None)
    per_recipient, by_year = _views(state.dataset.version, lang, state.sectors, vt.values_key(values), ctx, values,
                                    assumptions)
    ui.show_view(per_recipient, state)
    ui.show_view(by_year, state)
    st.caption(t("pw.year.note", lang))
    with st.expander(t("pw.method.heading", lang)):
        st.markdown(t("pw.method.formulas", lang))
        if example := vt.power_example(ctx, values):
            st.caption(ui.md(example))
        st.markdown(t("pw.method.limits", lang))
