"""The dashboard's own frame (style, language and sector controls bound to the link, and optionally its footer and
briefing kit) around the bare app's page (bench/bare_app.py): what the frame alone costs a rerun, before any of the
dashboard's content (bench/bench_floor.py).

`?shell=controls|footer|kit|all` picks what is drawn around the page: `controls` is the frame with the sidebar's
language switch and sector filter only; `footer` and `kit` add the dashboard's footer or its briefing kit; `all`
is the frame as every dashboard page has it. Read on the session's first run."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import streamlit as st  # noqa: E402

from apecgpu import doclang, ui  # noqa: E402

PARTS = {"controls": set(), "footer": {"footer"}, "kit": {"kit"}, "all": {"footer", "kit"}}

st.set_page_config(page_title="shell", layout="wide")
if "_shell_parts" not in st.session_state:
    st.session_state["_shell_parts"] = PARTS.get(st.query_params.get("shell", "all"), PARTS["all"])
parts = st.session_state["_shell_parts"]

ui.apply_style()
state = ui.init_state()
doclang.set_document_language(state.lang)
st.session_state["_app_state"] = state
page = st.navigation([st.Page("bare_app.py", title="bare", default=True)])
ui.show_messages(state)
page.run()
if "footer" in parts:
    ui.footer(state)
if "kit" in parts:
    ui.briefing_kit(state)
