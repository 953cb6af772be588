"""Briefing-kit exports (images, spreadsheets, PowerPoint deck, offline report) built from View objects; no Streamlit."""
from .meta import ExportError, ExportMeta, make_meta

__all__ = ["ExportError", "ExportMeta", "make_meta"]
