"""A minimal app for tests/browser/test_accessibility.py: the language from ?lang=, then apecgpu.doclang, then a
language switch, exactly as dashboard.py would call it (the dashboard itself is not changed by that test)."""
import streamlit as st

from apecgpu.doclang import set_document_language

lang = st.segmented_control("Language", ["ko", "en"], default=st.query_params.get("lang", "ko"), key="lang",
                            required=True)
set_document_language(lang)
st.title("한국어" if lang == "ko" else "English")
