"""Bare Streamlit app with one Plotly bar chart: proves the browser-test harness works on its own."""

import plotly.graph_objects as go
import streamlit as st

st.title("bare")

fig = go.Figure(go.Bar(x=["a", "b", "c"], y=[1, 3, 2], name="bare"))
st.plotly_chart(fig)
