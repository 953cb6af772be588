"""What every export carries besides the chart: title, language, filter, data version, as-of date, sources, link."""
from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from typing import Iterable, Optional

import pandas as pd

from .. import fmt, model
from ..i18n import t

BASE_URL_ENV = "APECGPU_BASE_URL"
DEFAULT_BASE_URL = "http://localhost:8501"


class ExportError(Exception):
    """An export could not be produced; the message is safe to show to a user (no traceback, no markup)."""


def display_cell(value) -> str:
    """Text for a table cell on a slide or in the report: numbers through the one formatter, the rest as written."""
    if value is None or (not isinstance(value, (str, list, tuple)) and pd.isna(value)):
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)) or hasattr(value, "dtype"):
        try:
            return fmt.full(float(value))
        except (TypeError, ValueError):
            pass
    return str(value)


def base_url_from_env() -> str:
    """Where the running app is reachable, for links in exported files (env APECGPU_BASE_URL)."""
    return (os.environ.get(BASE_URL_ENV) or DEFAULT_BASE_URL).strip().rstrip("/") or DEFAULT_BASE_URL


def query_string(lang: str, sectors: Iterable[str], **extra) -> str:
    """The query string that reopens a view: the same format as ui.AppState.query() (lang first, one sector= each)."""
    parts = [f"lang={lang}"] + [f"sector={s}" for s in sectors]
    parts += [f"{k}={v}" for k, v in extra.items() if v not in (None, "")]
    return "?" + "&".join(parts)


def as_of_text(tables: dict, lang: str) -> str:
    """'기사 게재일 2025.10.31 ~ 2025.11.01 기준': the publication dates the figures rest on, from sources.csv."""
    published = pd.to_datetime(tables["sources"]["published_kst"], errors="coerce").dropna()
    if published.empty:
        return t("export.asof.unknown", lang)
    first, last = fmt.day(published.min().date(), lang), fmt.day(published.max().date(), lang)
    return t("export.asof", lang, first=first, last=last) if first != last else t("export.asof.one", lang, day=first)


@dataclass(frozen=True)
class ExportMeta:
    """Built once per (data version, language, filter); every builder takes it beside the views."""
    lang: str
    version: str
    as_of: str
    generated: str                          # ISO date the file was made
    sectors: tuple[str, ...]
    sector_names: tuple[str, ...]
    sources: tuple[tuple[str, str], ...]    # (source id, citation label), in id order
    base_url: str = DEFAULT_BASE_URL
    query: str = ""                         # "?lang=ko&sector=cloud" (from AppState.query())

    @property
    def app_title(self) -> str:
        return t("app.title", self.lang)

    @property
    def filter_value(self) -> str:
        """'클라우드, 공공' or '전체 분야': the sectors the export covers."""
        return ", ".join(self.sector_names) if self.sectors else t("ctl.filter_none", self.lang)

    @property
    def filter_text(self) -> str:
        """A sentence for captions: '분야 필터 적용 중: 클라우드' / '분야 필터 없음(전체 분야)'."""
        if not self.sectors:
            return t("export.filter.none", self.lang)
        return t("ctl.filter_active", self.lang, names=self.filter_value)

    def view_link(self, view) -> str:
        """The link that reopens the page of this view with the same language and filter."""
        return f"{self.base_url}/{view.page}{self.query or query_string(self.lang, self.sectors)}"

    def present_link(self, view) -> str:
        """The link that opens this exact view alone, full screen, in presentation mode."""
        query = self.query or query_string(self.lang, self.sectors)
        return f"{self.base_url}/{view.page}{query}&present=1&view={view.view_id}"

    def header_rows(self, view=None) -> list[tuple[str, str]]:
        """The label/value block printed above every exported table (CSV and XLSX alike), terms of use included."""
        lang = self.lang
        rows = []
        if view is not None:
            rows += [(t("meta.title", lang), view.title), (t("meta.sources", lang), view.source_line)]
        rows += [
            (t("meta.version", lang), self.version),
            (t("meta.asof", lang), self.as_of),
            (t("meta.filter", lang), self.filter_value),
            (t("meta.generated", lang), self.generated),
            (t("meta.terms", lang), t("common.terms", lang)),
        ]
        if view is not None:
            rows.append((t("meta.link", lang), self.view_link(view)))
        return rows

    def file_name(self, stem: str, ext: str, *, all_data: bool = False) -> str:
        """ASCII file name that says what is inside: apecgpu-split-org-ko-6b9c4c1f-cloud.csv."""
        scope = "all" if all_data else "-".join(self.sectors)
        parts = ["apecgpu", stem, self.lang, self.version] + ([scope] if scope else [])
        return re.sub(r"[^A-Za-z0-9._-]", "_", "-".join(parts)) + "." + ext


def make_meta(tables: dict, version: str, lang: str, sectors: Iterable[str] = (), *,
              base_url: Optional[str] = None, query: Optional[str] = None,
              today: Optional[dt.date] = None) -> ExportMeta:
    sectors = tuple(sectors)
    names = tables["sectors"].set_index("sector_id")[f"name_{lang}"] if not tables["sectors"].empty else {}
    labels = model.source_labels(tables, lang, t("common.unknown_outlet", lang), t("common.unknown_date", lang))
    return ExportMeta(
        lang=lang, version=version, as_of=as_of_text(tables, lang),
        generated=fmt.day(today or dt.date.today(), lang),
        sectors=sectors, sector_names=tuple(str(names.get(s, s)) for s in sectors),
        sources=tuple(sorted(labels.items())),
        base_url=(base_url or base_url_from_env()).rstrip("/"),
        query=query if query is not None else query_string(lang, sectors),
    )


def without_repeats(chosen: Iterable) -> list:
    """The views for a file, each chart once: where a view and the one it repeats (`View.repeats`) are both chosen,
    the repeated one is left out (a deck had the overview's chart and the split page's first chart as two identical
    slides). The repeating view keeps its place and its own talking points (the overview's takeaways)."""
    chosen = list(chosen)
    repeated = {getattr(v, "repeats", None) for v in chosen} - {None}
    return [v for v in chosen if v.view_id not in repeated]
