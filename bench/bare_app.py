"""Bare Streamlit app with one Plotly bar chart: the floor the dashboard is measured against (bench/bench_pages.py),
and the browser-test harness's self-check. A selectbox changes the chart, so a rerun can be timed too.

`?extra=N&kind=caption|download|metric|table|expander|chart|tags|sidebar` adds N elements of that kind under the chart (bench/bench_floor.py: what each
element a page draws adds to a rerun); without them the app is the plain floor."""

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

SERIES = {"a": [1, 3, 2], "b": [3, 1, 2], "c": [2, 2, 3]}
MAX_EXTRA = 200

st.title("bare")

choice = st.selectbox("series", list(SERIES))
fig = go.Figure(go.Bar(x=["a", "b", "c"], y=SERIES[choice], name="bare"))
st.plotly_chart(fig)

try:
    extra = max(0, min(MAX_EXTRA, int(st.query_params.get("extra", "0"))))
except ValueError:
    extra = 0
KIND = st.query_params.get("kind", "caption")
for i in range(extra):
    if KIND == "download":
        st.download_button(f"download {i}", data=b"x", file_name=f"{i}.txt", key=f"dl-{i}", on_click="ignore")
    elif KIND == "metric":
        st.metric(f"metric {i}", f"{i * 1000:,}", delta=f"{i}", delta_color="off")
    elif KIND == "table":
        st.table(pd.DataFrame({"name": [f"row {r}" for r in range(10)], "value": range(10)}).style.format(
            {"value": "{:,}"}), hide_index=True)
    elif KIND == "expander":
        with st.expander(f"expander {i}"):
            st.caption(f"inside {i}")
    elif KIND == "chart":
        st.plotly_chart(go.Figure(go.Bar(x=["a", "b", "c"], y=SERIES[choice], name=f"extra {i}")), key=f"ch-{i}")
    elif KIND == "tags":
        st.multiselect(f"tags {i}", [f"option {k}" for k in range(25)], default=[f"option {k}" for k in range(25)],
                       key=f"ms-{i}")
    elif KIND == "sidebar":
        st.sidebar.caption(f"sidebar line {i}")
    else:
        st.caption(f"source line {i}: an unchanging caption, like the source lines under the dashboard's charts")
