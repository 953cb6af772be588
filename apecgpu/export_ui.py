"""Streamlit glue for the briefing kit: a row of downloads under each chart, and the sidebar kit (deck, workbook,
offline report, presentation mode). Files are made on click (deferred downloads) and cached per data version."""
from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from typing import Callable

import streamlit as st

from . import present, ui, views
from .exports import ExportError, ExportMeta, deck, images, make_meta, report, tables
from .exports.meta import base_url_from_env, without_repeats
from .i18n import LANGS, t

LOG = logging.getLogger(__name__)

MIME = {
    "png": "image/png",
    "svg": "image/svg+xml",
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "html": "text/html",
}
KIT_VIEWS, KIT_CHOOSER, KIT_EXCLUDED = "_kit_views", "_kit_chooser", ui.KIT_EXCLUDED
TITLE_CHARS = 34


# --- the shared pieces, built once per (data, language, filter) --------------------------------------------------

def _version(state: ui.AppState) -> str:
    return state.dataset.version + ("-stale" if state.stale_version else "")


@st.cache_resource(show_spinner=False, max_entries=64)
def _meta_cached(version: str, lang: str, sectors: tuple[str, ...], base_url: str, query: str, today: str,
                 _tables: dict) -> ExportMeta:
    return make_meta(_tables, version, lang, sectors, base_url=base_url, query=query,
                     today=dt.date.fromisoformat(today))


def export_meta(state: ui.AppState, lang: str | None = None, *, all_data: bool = False) -> ExportMeta:
    """ExportMeta for the current state (or another language, or without the sector filter)."""
    target = dataclasses.replace(state, lang=lang or state.lang, sectors=() if all_data else state.sectors)
    return _meta_cached(state.dataset.version, target.lang, target.sectors, base_url_from_env(), target.query(),
                        dt.date.today().isoformat(), state.tables)


def all_views(state: ui.AppState, lang: str | None = None) -> list[views.View]:
    """Every view of every page, in page order, for the state's filter (cached per page by ui.page_views)."""
    target = dataclasses.replace(state, lang=lang or state.lang)
    return [v for page in views.PAGE_VIEWS for v in ui.page_views(target, page).values()]


def unfiltered_view(view: views.View, state: ui.AppState) -> views.View:
    """The same view built without the sector filter: the 'all data' downloads."""
    if not state.sectors:
        return view
    built = ui.page_views(dataclasses.replace(state, sectors=()), view.page)
    return built.get(view.view_id, view)


# --- file builders, cached by what determines their content ------------------------------------------------------

@st.cache_resource(show_spinner=False, max_entries=64)
def _image(fmt: str, version: str, lang: str, sectors: tuple[str, ...], view_id: str, _view: views.View,
           _meta: ExportMeta) -> bytes:
    return images.export_png(_view, _meta) if fmt == "png" else images.export_svg(_view, _meta)


@st.cache_resource(show_spinner=False, max_entries=16)
def _kit_file(kind: str, version: str, lang: str, sectors: tuple[str, ...], view_ids: tuple[str, ...] | None,
              base_url: str, query: str, today: str, _state: ui.AppState) -> bytes:
    """One kit file for the chosen views (`view_ids`; None: every view)."""
    state = dataclasses.replace(_state, lang=lang)
    chosen = [v for v in all_views(state) if view_ids is None or v.view_id in set(view_ids)]
    meta = export_meta(state)
    ctx = ui.page_context(state)
    source_table, disagreements = views.source_table(ctx), views.disagreement_table(ctx)
    if kind == "pptx":
        return deck.build_deck(chosen, meta, disagreements=disagreements, source_table=source_table)
    if kind == "xlsx":
        return tables.export_workbook(chosen, meta, source_table=source_table, disagreements=disagreements)
    if kind == "html":
        return report.build_report(chosen, meta, source_table=source_table, disagreements=disagreements)
    raise ValueError(kind)


def _deferred(what: str, build: Callable[[], bytes]) -> Callable[[], bytes]:
    """A download callable that logs a failure with its cause. Streamlit then shows its own short error under the
    button (never a traceback); image buttons are disabled beforehand when no browser can render."""
    def run() -> bytes:
        try:
            return build()
        except ExportError as exc:
            LOG.warning("export %s failed: %s", what, exc)
            raise
        except Exception as exc:  # noqa: BLE001
            LOG.exception("export %s failed", what)
            raise ExportError(f"{what}: {type(exc).__name__}") from exc
    return run


# --- under each chart ----------------------------------------------------------------------------------------------

def view_downloads(view: views.View, state: ui.AppState) -> None:
    """PNG · SVG · CSV · XLSX for the view as shown, plus CSV/XLSX of the same view without the sector filter when
    a filter is on, and a button that presents this view full screen."""
    lang, version = state.lang, _version(state)
    meta = export_meta(state)
    problem = images.renderer_problem() if view.figure is not None else None
    with st.container(horizontal=True, gap="small", key=f"dl-{view.view_id}"):
        if view.figure is not None:
            for fmt in ("png", "svg"):
                st.download_button(
                    t(f"export.{fmt}", lang), key=f"dl-{view.view_id}-{fmt}", mime=MIME[fmt],
                    data=_deferred(f"{view.view_id}.{fmt}", lambda fmt=fmt: _image(
                        fmt, version, lang, state.sectors, view.view_id, view, meta)),
                    file_name=meta.file_name(view.view_id, fmt), help=t(f"export.{fmt}.help", lang),
                    icon=":material/image:", on_click="ignore", disabled=problem is not None)
        st.download_button(
            t("export.csv", lang), key=f"dl-{view.view_id}-csv", mime=MIME["csv"],
            data=_deferred(f"{view.view_id}.csv", lambda: tables.export_csv(view, meta)),
            file_name=meta.file_name(view.view_id, "csv"), help=t("export.csv.help", lang),
            icon=":material/table:", on_click="ignore")
        st.download_button(
            t("export.xlsx", lang), key=f"dl-{view.view_id}-xlsx", mime=MIME["xlsx"],
            data=_deferred(f"{view.view_id}.xlsx", lambda: tables.export_xlsx(
                view, meta, source_table=views.source_table(ui.page_context(state)))),
            file_name=meta.file_name(view.view_id, "xlsx"), help=t("export.xlsx.help", lang),
            icon=":material/table:", on_click="ignore")
        if state.sectors:
            full = unfiltered_view(view, state)
            full_meta = export_meta(state, all_data=True)
            st.download_button(
                t("export.csv.all", lang), key=f"dl-{view.view_id}-csv-all", mime=MIME["csv"],
                data=_deferred(f"{view.view_id}-all.csv", lambda: tables.export_csv(full, full_meta, all_data=True)),
                file_name=meta.file_name(view.view_id, "csv", all_data=True), help=t("export.all.help", lang),
                icon=":material/dataset:", on_click="ignore")
            st.download_button(
                t("export.xlsx.all", lang), key=f"dl-{view.view_id}-xlsx-all", mime=MIME["xlsx"],
                data=_deferred(f"{view.view_id}-all.xlsx", lambda: tables.export_xlsx(
                    full, full_meta, all_data=True, source_table=views.source_table(ui.page_context(state)))),
                file_name=meta.file_name(view.view_id, "xlsx", all_data=True), help=t("export.all.help", lang),
                icon=":material/dataset:", on_click="ignore")
        if view.figure is not None:
            present_button(state, view.view_id, label=t("export.present_view", lang),
                           help=t("export.present_view.help", lang), key=f"present-{view.view_id}")
    if problem:
        st.caption(t("export.image.unavailable", lang, reason=problem))


def present_button(state: ui.AppState, view_id: str | None = None, *, label: str, help: str, key: str) -> None:
    """Enter presentation mode (?present=1), at one view or at the first slide."""
    st.button(label, key=key, help=help, icon=":material/slideshow:", type="tertiary",
              on_click=present.enter, kwargs={"view_id": view_id})


# --- the sidebar kit -----------------------------------------------------------------------------------------------

def _short(text: str) -> str:
    return text if len(text) <= TITLE_CHARS else text[:TITLE_CHARS - 1] + "…"


def _remember_exclusions(ids: list[str]) -> None:
    """Store what the user took out, not what is in: a view that appears later (filter change) is in by default."""
    chosen = set(st.session_state.get(KIT_VIEWS, []))
    previous = set(st.session_state.get(KIT_EXCLUDED, set()))
    st.session_state[KIT_EXCLUDED] = {i for i in ids if i not in chosen} | (previous - set(ids))


def briefing_sidebar(state: ui.AppState) -> None:
    """Sidebar block: views to include (default all), language, and downloads of the deck, workbook and report."""
    if present.is_active():
        return
    lang = state.lang
    excluded = st.session_state.get(KIT_EXCLUDED, set())
    with st.container(border=True, key="briefing-kit"):
        st.markdown(f"**{t('kit.title', lang)}**")
        st.caption(t("kit.caption", lang, filter=export_meta(state).filter_value))
        kit_lang = st.segmented_control(
            t("kit.lang", lang), options=list(LANGS), format_func=ui.LANG_NAMES.get, default=lang,
            key=f"_kit_lang_{lang}", required=True) or lang
        chooser = st.expander(t("kit.views", lang), key=KIT_CHOOSER, on_change="rerun")
        # Every page's views are listed only when the chooser is open or a view was taken out (to count what is
        # left): for a filter the server has not seen, listing them cost more than the page itself, and the list
        # of every chart drawn in the sidebar cost every rerun (bench/results.md).
        if chooser.open or excluded:
            shown = without_repeats(all_views(state))  # each chart once, as the files have them
            ids = [v.view_id for v in shown]
            st.session_state[KIT_VIEWS] = [i for i in ids if i not in excluded]
            if chooser.open:
                # Numbered: two views may share a title (the overview repeats the split chart), and labels must
                # differ.
                titles = {v.view_id: f"{i}. {_short(v.title)}" for i, v in enumerate(shown, start=1)}
                with chooser:
                    chosen = st.multiselect(
                        t("kit.views", lang), options=ids, key=KIT_VIEWS, format_func=lambda i: titles.get(i, i),
                        help=t("kit.views.help", lang), label_visibility="collapsed",
                        on_change=_remember_exclusions, args=(ids,))
            else:
                chosen = st.session_state[KIT_VIEWS]
            st.caption(t("kit.views.count", lang, n=len(chosen), total=len(ids)))
            if not chosen:
                st.caption(t("kit.none", lang))
            chosen_ids = tuple(i for i in ids if i in set(chosen))
        else:
            st.caption(t("kit.views.all", lang))
            chosen_ids = None  # every view, listed when a file is made
        kit_meta = export_meta(state, kit_lang)
        key_args = (_version(state), kit_lang, state.sectors, chosen_ids, kit_meta.base_url, kit_meta.query,
                    kit_meta.generated)
        for kind, label, stem, icon in (("pptx", "kit.deck", "briefing", ":material/slideshow:"),
                                        ("xlsx", "kit.workbook", "data", ":material/table_view:"),
                                        ("html", "kit.report", "report", ":material/description:")):
            st.download_button(
                t(label, lang), key=f"kit-{kind}", mime=MIME[kind],
                data=_deferred(f"kit.{kind}", lambda kind=kind: _kit_file(kind, *key_args, _state=state)),
                file_name=kit_meta.file_name(stem, kind), help=t(f"{label}.help", lang), icon=icon,
                on_click="ignore", disabled=chosen_ids == (), width="stretch")
        present_button(state, None, label=t("kit.present", lang), help=t("kit.present.help", lang),
                       key="kit-present")
