"""Briefing kit in the app (AppTest): the download row under each chart, the sidebar kit's view choice (default all,
a deselection survives a filter change), and a clear, non-crashing state when no browser can render images."""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from apecgpu import export_ui
from apecgpu.exports import images
from apecgpu.i18n import t

DASHBOARD = str(Path(__file__).resolve().parents[2] / "dashboard.py")


def _run(page: str = "", **query) -> AppTest:
    at = AppTest.from_file(DASHBOARD, default_timeout=90)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(f"app_pages/{page}.py").run()
    return at


def _downloads(at: AppTest) -> dict[str, object]:
    return {d.key: d for d in at.get("download_button")}


@pytest.fixture(scope="module")
def split_cloud():
    return _run("gpu_split", lang="ko", sector="cloud")


class TestChartRow:
    def test_each_chart_has_png_svg_csv_xlsx_and_all_data_variants(self, split_cloud):
        assert not split_cloud.exception
        keys = set(_downloads(split_cloud))
        for view_id in ("split-org", "split-share", "split-sector"):
            for kind in ("png", "svg", "csv", "xlsx", "csv-all", "xlsx-all"):
                assert f"dl-{view_id}-{kind}" in keys

    def test_without_a_filter_there_is_no_all_data_twin(self):
        at = _run("gpu_split", lang="en")
        keys = set(_downloads(at))
        assert "dl-split-org-csv" in keys and "dl-split-org-csv-all" not in keys

    def test_a_missing_browser_disables_images_with_the_reason(self, monkeypatch):
        monkeypatch.setenv(images.CHROMIUM_ENV, "/nonexistent/chromium")
        at = _run("gpu_split", lang="en")
        assert not at.exception
        buttons = _downloads(at)
        assert buttons["dl-split-org-png"].proto.disabled and buttons["dl-split-org-svg"].proto.disabled
        assert not buttons["dl-split-org-csv"].proto.disabled
        notes = [c.value for c in at.caption if "/nonexistent/chromium" in c.value]
        assert notes and notes[0].startswith(t("export.image.unavailable", "en", reason="").split(":")[0])


def _open_chooser(at: AppTest) -> AppTest:
    """Open the kit's "charts to include" (a stateful expander: its list is drawn only while open)."""
    at.session_state[export_ui.KIT_CHOOSER] = True
    return at.run()


class TestSidebarKit:
    def test_defaults_to_every_view_and_offers_three_files(self):
        at = _run(lang="ko")
        assert t("kit.views.all", "ko") in [c.value for c in at.caption]
        keys = _downloads(at)
        assert {"kit-pptx", "kit-xlsx", "kit-html"} <= set(keys)
        assert not any(keys[k].proto.disabled for k in ("kit-pptx", "kit-xlsx", "kit-html"))
        chooser = _open_chooser(at).multiselect(key="_kit_views")
        assert len(chooser.value) == len(chooser.options) >= 8
        assert chooser.options[0].startswith("1. ")  # numbered: two views may share a title
        assert t("kit.views.count", "ko", n=len(chooser.options), total=len(chooser.options)) in \
            [c.value for c in at.caption]

    def test_every_view_is_listed_only_when_the_chooser_is_open(self, monkeypatch):
        calls = []
        listed = export_ui.all_views
        monkeypatch.setattr(export_ui, "all_views", lambda *a, **k: calls.append(1) or listed(*a, **k))
        at = _run(lang="ko")
        at.multiselect(key="_sector_widget").select("cloud").run()
        assert not at.exception and calls == []
        _open_chooser(at)
        assert calls and at.multiselect(key="_kit_views").options

    def test_a_deselected_view_stays_out_when_the_filter_changes(self):
        at = _open_chooser(_run(lang="ko"))
        at.multiselect(key="_kit_views").unselect("timeline").run()
        assert "timeline" not in at.multiselect(key="_kit_views").value
        at.multiselect(key="_sector_widget").select("cloud").run()
        chooser = at.multiselect(key="_kit_views")
        assert "timeline" not in chooser.value
        assert len(chooser.value) == len(chooser.options) - 1

    def test_a_deselection_is_counted_with_the_chooser_closed(self):
        at = _open_chooser(_run(lang="en"))
        total = len(at.multiselect(key="_kit_views").options)
        at.multiselect(key="_kit_views").unselect("timeline").run()
        at.session_state[export_ui.KIT_CHOOSER] = False
        at.run()
        assert t("kit.views.count", "en", n=total - 1, total=total) in [c.value for c in at.caption]

    def test_nothing_selected_disables_the_files(self):
        at = _open_chooser(_run(lang="en"))
        chooser = at.multiselect(key="_kit_views")
        chooser.set_value([]).run()
        buttons = _downloads(at)
        assert all(buttons[k].proto.disabled for k in ("kit-pptx", "kit-xlsx", "kit-html"))
        assert t("kit.none", "en") in [c.value for c in at.caption]

    def test_kit_language_defaults_to_the_page_language(self):
        at = _run(lang="en")
        control = next(b for b in at.get("button_group") if b.key == "_kit_lang_en")
        assert control.value == "en"
        assert not at.exception
