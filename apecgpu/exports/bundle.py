"""Everything the builders need for one (data, language, filter), made without Streamlit: for the CLI, bench, tests."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Optional

import pandas as pd

from .. import views
from .meta import ExportMeta, make_meta


@dataclass(frozen=True)
class Bundle:
    views: list            # list[views.View], in page order
    meta: ExportMeta
    source_table: pd.DataFrame
    disagreements: pd.DataFrame


def build_bundle(tables: dict, version: str, lang: str, sectors: Iterable[str] = (), *,
                 pages: Optional[Iterable[str]] = None, base_url: Optional[str] = None) -> Bundle:
    sectors = tuple(sectors)
    ctx = views.Context(tables, version, lang, sectors)
    return Bundle(
        views=views.build_views(tables, version, lang, sectors, pages=pages),
        meta=make_meta(tables, version, lang, sectors, base_url=base_url),
        source_table=views.source_table(ctx),
        disagreements=views.disagreement_table(ctx),
    )
