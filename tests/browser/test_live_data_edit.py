"""A data file edited while the app runs (second app on a copy of data/): the next page load shows the new figure
without a restart; an invalid edit is reported on the page (file, row, column) while the last valid data stays on
screen, marked as such; fixing the file makes the report go away."""
from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from helpers import read_plot
from settle import open_page, reload_page
from playwright.sync_api import expect

from apecgpu import data
from apecgpu.i18n import t

REPO_DATA = Path(__file__).resolve().parents[2] / "data"
FILE, ORG, TOPIC = "claims.csv", "naver-cloud", "gpu_allocation"
NEW_VALUE, NEW_TEXT = 61234, "61,234"
BAD_VALUE = "lots"
PAGE, LANG = "gpu-split", "en"
EXCEPTION = '[data-testid="stException"]'


def _rows(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


def _set_values(data_dir: Path, value: str, *, only_first: bool = False) -> int:
    """Set `value` in every claim row of ORG's GPU allocation (or only the first); returns the first row's
    spreadsheet row number (header = 1)."""
    path = data_dir / FILE
    records = _rows(path)
    header = records[0]
    col = {name: header.index(name) for name in ("org_id", "topic", "value")}
    hits = [i for i, r in enumerate(records[1:], start=1) if r[col["org_id"]] == ORG and r[col["topic"]] == TOPIC]
    assert hits, f"{FILE}: no {TOPIC} claim for {ORG}"
    for i in hits[:1] if only_first else hits:
        records[i][col["value"]] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(records)
    path.write_text(out.getvalue(), encoding="utf-8", newline="")
    return hits[0] + 1


def _chart_values(page) -> list[float]:
    """Every x value of the first chart on the page (the GPU split bar chart: GPUs by recipient)."""
    # _fullData: plotly.py sends numbers as base64 typed arrays, which plotly.js decodes there.
    return read_plot(page, "gd => gd._fullData.flatMap(trace => Array.from(trace.x || []))")


@pytest.fixture
def live_copy(start_app, tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(REPO_DATA, copy)
    with start_app({data.DATA_DIR_ENV: str(copy)}) as base:
        yield base, copy


def test_edit_shows_on_next_load_and_invalid_edit_keeps_last_valid_data(page, live_copy):
    base, copy = live_copy
    records = _rows(copy / FILE)
    header = records[0]
    original = {float(r[header.index("value")]) for r in records[1:]
                if r[header.index("org_id")] == ORG and r[header.index("topic")] == TOPIC}
    open_page(page, base, PAGE, {"lang": LANG})
    shown = _chart_values(page)
    assert original & set(shown) and NEW_VALUE not in shown  # the chart reads the claim we are about to edit

    # 1. A valid edit: the next page load shows the new figure, without a restart.
    _set_values(copy, str(NEW_VALUE))
    valid_version = data.data_version(copy)
    reload_page(page)
    assert NEW_VALUE in _chart_values(page)
    expect(page.get_by_text(NEW_TEXT, exact=False).first).to_be_visible()
    expect(page.get_by_text(t("common.data_error", LANG))).to_have_count(0)

    # 2. An invalid edit (text in a number column): a clear panel naming file, row and column, and the last valid
    #    data still on screen with the notice that it is the last valid version.
    row = _set_values(copy, BAD_VALUE, only_first=True)
    reload_page(page)
    expect(page.get_by_text(t("common.data_error", LANG))).to_be_visible()
    expect(page.get_by_text(f"{FILE}, row {row}, column 'value'", exact=False).first).to_be_visible()
    expect(page.get_by_text(BAD_VALUE, exact=False).first).to_be_visible()
    expect(page.get_by_text(t("common.stale", LANG, version=valid_version))).to_be_visible()
    assert NEW_VALUE in _chart_values(page), "the last valid data is no longer on screen"
    expect(page.locator(EXCEPTION)).to_have_count(0)

    # 3. The file fixed: the panel and the stale notice go away, the data is the file's again.
    _set_values(copy, str(NEW_VALUE))
    reload_page(page)
    expect(page.get_by_text(t("common.data_error", LANG))).to_have_count(0)
    expect(page.get_by_text(t("common.stale", LANG, version=valid_version))).to_have_count(0)
    assert NEW_VALUE in _chart_values(page)
    expect(page.locator(EXCEPTION)).to_have_count(0)
    assert page.foreign_requests == []
