"""Timeline: every event and agreement announced at the summit, with parties, sectors and sources."""
import streamlit as st

from apecgpu import fmt, ui
from apecgpu.i18n import t
from apecgpu.views import event_frame, hollow_note

state, views = ui.start_page("timeline", "tl.title")
lang = state.lang
ui.show_view(views["timeline"], state)
ctx = ui.page_context(state)
if hollow := hollow_note(ctx):
    st.caption(hollow)

events = event_frame(ctx)
st.subheader(t("tl.detail", lang))
if len(events) > ui.LARGE_TABLE_ROWS:  # one expander per event would take seconds to draw: the same rows as a grid
    st.caption(t("tl.detail.grid", lang, n=fmt.full(len(events))))
    ui.show_table(views["timeline"].table)
else:
    for row in events.itertuples():
        with st.expander(ui.md(f"{row.when_text} · {row.kind_label} · {row.title}")):
            st.text(row.summary)
            st.caption(f"{t('common.parties', lang)}: {ui.md(row.parties_text)}")
            st.caption(f"{t('common.sector', lang)}: {ui.md(row.sectors_text)}")
            if row.place_ko:
                st.caption(f"{t('common.place', lang)}: {ui.md(getattr(row, f'place_{lang}') or row.place_ko)}")
            st.caption(f"{t('common.sources', lang)}: {ui.md(row.sources_text)}")
