"""Large tables: above ui.LARGE_TABLE_ROWS rows a table is a scrollable grid, not one HTML row per record."""
import importlib.util
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from apecgpu import data, views
from apecgpu.i18n import t

REPO = Path(__file__).resolve().parents[2]
ENTRY = str(REPO / "dashboard.py")


def _synthetic():
    spec = importlib.util.spec_from_file_location("synthetic", REPO / "bench" / "synthetic.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _tables_script():
    import pandas as pd

    from apecgpu import ui

    n = ui.LARGE_TABLE_ROWS
    # Text that st.table would read as Markdown, and a quantity that needs a thousands separator.
    ui.show_table(pd.DataFrame({"name": ["*not bold* <b>x</b>"] * (n + 1), "GPUs": [50000] * (n + 1)}))
    ui.show_table(pd.DataFrame({"name": ["*not bold* <b>x</b>"] * n, "GPUs": [50000] * n}))


def test_a_table_above_the_limit_is_a_grid_with_its_text_as_typed():
    at = AppTest.from_function(_tables_script, default_timeout=30).run()
    assert not at.exception
    assert len(at.dataframe) == 1 and len(at.table) == 1  # the first table became a grid, the second did not
    grid = at.dataframe[0].value
    assert grid["name"].iloc[0] == "*not bold* <b>x</b>"  # no Markdown escaping in a grid: it shows plain text
    assert grid["GPUs"].iloc[0] == 50000


@pytest.fixture(scope="module")
def many_events(tmp_path_factory):
    """Synthetic data with more events than the limit (bench/synthetic.py, the scale benchmark's generator)."""
    out = tmp_path_factory.mktemp("synthetic")
    _synthetic().make_synthetic(out, copies=10, org_copies=2, source_copies=2, seed=1, src=data.DEFAULT_DATA_DIR)
    return out


def test_timeline_with_many_events_shows_one_grid_instead_of_an_expander_per_event(many_events, monkeypatch):
    monkeypatch.setenv(data.DATA_DIR_ENV, str(many_events))
    dataset = data.load_dataset_strict(many_events)
    n_events = len(views.event_frame(views.Context(dataset.tables, dataset.version, "en", ())))
    from apecgpu import ui
    assert n_events > ui.LARGE_TABLE_ROWS
    at = AppTest.from_file(ENTRY, default_timeout=120)
    at.query_params.update({"lang": "en"})
    at.run()
    at.switch_page("app_pages/timeline.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    grids = [d.value for d in at.dataframe]
    assert any(len(g) == n_events for g in grids), [len(g) for g in grids]
    detail_labels = [e.label for e in at.main.expander if e.label != t("common.table", "en")]
    assert detail_labels == [], f"{len(detail_labels)} per-event expanders drawn"
