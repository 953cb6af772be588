"""Bare Streamlit app with one Plotly bar chart: the floor the dashboard is measured against (bench/bench_pages.py),
and the browser-test harness's self-check. A selectbox changes the chart, so a rerun can be timed too."""

import plotly.graph_objects as go
import streamlit as st

SERIES = {"a": [1, 3, 2], "b": [3, 1, 2], "c": [2, 2, 3]}

st.title("bare")

choice = st.selectbox("series", list(SERIES))
fig = go.Figure(go.Bar(x=["a", "b", "c"], y=SERIES[choice], name="bare"))
st.plotly_chart(fig)
