"""AppTest smoke: every page runs in both languages, with and without a sector filter, with no exception."""
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from apecgpu.i18n import t

ENTRY = str(Path(__file__).resolve().parents[2] / "dashboard.py")
PAGES = ["app_pages/overview.py", "app_pages/gpu_split.py", "app_pages/installed_base.py", "app_pages/timeline.py",
         "app_pages/sources.py"]


def run_page(page: str, query: dict) -> AppTest:
    at = AppTest.from_file(ENTRY, default_timeout=60)
    at.query_params.update(query)
    at.run()
    if page != PAGES[0]:
        at.switch_page(page)
        at.run()
    return at


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("sectors", [[], ["mobility", "cloud"]])
def test_page_runs_without_exception(page, lang, sectors):
    at = run_page(page, {"lang": lang, **({"sector": sectors} if sectors else {})})
    assert not at.exception, [e.value for e in at.exception]
    # The page is drawn in the asked language: its sidebar shows the catalogue's filter label for that language.
    assert at.multiselect[0].label == t("ctl.sector", lang)
    assert list(at.multiselect[0].value) == sectors


def test_unknown_sector_and_language_fall_back_with_a_message():
    at = run_page(PAGES[1], {"lang": "xx", "sector": ["cloud", "<b>nope</b>"]})
    assert not at.exception
    assert at.multiselect[0].value == ["cloud"]
    infos = " ".join(i.value for i in at.info)
    assert "nope" in infos and "<b>" not in infos  # told, but never echoed as markup
    assert at.multiselect[0].label == t("ctl.sector", "ko")
