"""The page's declared language (<html lang>) set to the dashboard's language, for screen readers and translators.

Streamlit serves every app with <html lang="en"> and has no setting for it, so a Korean page is announced with
English pronunciation rules. st.html(..., unsafe_allow_javascript=True) runs a one-line script in the page itself
(not in an iframe), which sets the attribute; the script is fixed text, and the only variable part is one of the
known language tags, so nothing from a link or the data reaches it.
"""
from __future__ import annotations

import json

import streamlit as st

# BCP 47 tags for the dashboard's languages; anything else falls back to Korean, the default language.
LANG_TAGS = {"ko": "ko", "en": "en"}
DEFAULT_TAG = "ko"


def set_document_language(lang: str) -> None:
    """Set document.documentElement.lang to the tag of `lang`. Call once per run, after the language is known
    (dashboard.py, right after ui.init_state()). Renders no visible content."""
    tag = LANG_TAGS.get(lang, DEFAULT_TAG)
    st.html(f"<script>document.documentElement.lang = {json.dumps(tag)};</script>", unsafe_allow_javascript=True)
