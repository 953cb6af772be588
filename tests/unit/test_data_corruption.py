"""Corrupt one thing in a copy of data/ and check the loader names it precisely, never raises, and serves the rest."""
from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

import pytest

from apecgpu.data import load_dataset
from apecgpu.schema import MAX_PLAUSIBLE_GPUS, TABLES

from .conftest import (DATA_DIR, add_column, append_row, delete_rows, drop_column, edit, headline_value, read_rows,
                       set_cell, sheet_row, split_ids, unquote_row)

# A fixed "today" so that history checks do not depend on when the tests run; well after the data's dates.
TODAY = dt.date(2026, 1, 1)

# The data model's cross-references, stated here independently of the loader's own list (test_loader checks
# the two agree): (table, column, referenced table, referenced id column).
DEPENDS = [
    ("organisations", "parent_id", "organisations", "org_id"),
    ("organisations", "sector_ids", "sectors", "sector_id"),
    ("organisations", "source_ids", "sources", "source_id"),
    ("gpu_models", "source_ids", "sources", "source_id"),
    ("commitments", "holder_id", "organisations", "org_id"),
    ("commitments", "partner_ids", "organisations", "org_id"),
    ("commitments", "primary_sector", "sectors", "sector_id"),
    ("commitments", "sector_ids", "sectors", "sector_id"),
    ("commitments", "gpu_model_ids", "gpu_models", "model_id"),
    ("commitments", "announced_event_id", "events", "event_id"),
    ("commitments", "source_ids", "sources", "source_id"),
    ("claims", "topic", "topics", "topic_id"),
    ("claims", "commitment_id", "commitments", "commitment_id"),
    ("claims", "org_id", "organisations", "org_id"),
    ("claims", "party_ids", "organisations", "org_id"),
    ("claims", "source_id", "sources", "source_id"),
    ("events", "party_ids", "organisations", "org_id"),
    ("events", "sector_ids", "sectors", "sector_id"),
    ("events", "commitment_ids", "commitments", "commitment_id"),
    ("events", "source_ids", "sources", "source_id"),
    ("milestones", "commitment_id", "commitments", "commitment_id"),
    ("milestones", "source_id", "sources", "source_id"),
]
TABLE_NAMES = [file.removesuffix(".csv") for file in TABLES]


# --- what the loader should serve, computed from the corrupted copy with the csv module ---

def _raw_rows(data_dir: Path, table: str) -> list[tuple[int, dict]]:
    """(spreadsheet row, raw row) for one table; a file the csv module cannot read counts as empty."""
    path = data_dir / f"{table}.csv"
    if not path.exists():
        return []
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "cp949"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        return []
    return list(enumerate(csv.DictReader(io.StringIO(text)), start=2))


from apecgpu.data import SOFT_REFERENCES  # noqa: E402  (the list of detail links is the loader's contract)


def expected_served(data_dir: Path, dropped: dict[str, object]) -> dict[str, set[int]]:
    """Rows that must still be served: everything except the dropped rows and whatever depends on them.

    `dropped` maps a table to the set of rows the corruption itself breaks, or to "all".
    """
    rows = {t: ([] if dropped.get(t) == "all" else _raw_rows(data_dir, t)) for t in TABLE_NAMES}
    alive = {t: {line for line, _ in rows[t]} - set(dropped.get(t) or ()) if dropped.get(t) != "all" else set()
             for t in TABLE_NAMES}
    while True:
        before = {t: set(lines) for t, lines in alive.items()}
        for table, column, ref_table, ref_column in DEPENDS:
            known = {r[ref_column].strip() for line, r in rows[ref_table] if line in alive[ref_table]}
            for line, r in rows[table]:
                ids = set(split_ids(r[column]))
                if line not in alive[table] or not ids - known:
                    continue
                # A detail link (SOFT_REFERENCES) loses only the unknown id; a list of parties left empty, or any
                # load-bearing link, takes the row with it.
                if (table, column) in SOFT_REFERENCES and not (column == "party_ids" and not ids & known):
                    continue
                alive[table].discard(line)
        # A commitment must keep its 'announced' milestone.
        announced = {r["commitment_id"].strip() for line, r in rows["milestones"]
                     if line in alive["milestones"] and r["stage"].strip() == "announced"}
        for line, r in rows["commitments"]:
            if r["commitment_id"].strip() not in announced:
                alive["commitments"].discard(line)
        if alive == before:
            return alive


def served(result) -> dict[str, set[int]]:
    return {t: {int(x) for x in result.dataset.tables[t]["_line"]} for t in TABLE_NAMES}


def assert_no_dangling_ids(result) -> None:
    """Every id a served row mentions is served too: a dropped row never leaves a reference behind."""
    tables = result.dataset.tables
    for table, column, ref_table, ref_column in DEPENDS:
        known = set(tables[ref_table][ref_column])
        for cell in tables[table][column]:
            ids = cell if isinstance(cell, tuple) else (() if cell is None or cell != cell else (cell,))
            assert set(ids) <= known, f"{table}.{column} serves {set(ids) - known} missing from {ref_table}"


# --- the cases ---

@dataclass(frozen=True)
class Case:
    """One corruption: `corrupt` edits a data copy and returns the row the issue must name (None: whole file)."""
    name: str
    corrupt: Callable[[Path], Optional[int]]
    file: str
    column: Optional[str]
    expected: str  # a fragment the issue's 'expected' text must contain: what the user should write instead
    severity: str = "error"
    drops: str = "row"  # "row": that row (and its dependents) goes; "all": the whole table; "none": nothing
    today: dt.date = TODAY
    found: Optional[str] = None  # a fragment the issue's 'found' text must contain


def _bytes(file: str, data: bytes) -> Callable[[Path], None]:
    def corrupt(d: Path) -> None:
        (d / file).write_bytes(data)
    return corrupt


def _unlink(file: str) -> Callable[[Path], None]:
    def corrupt(d: Path) -> None:
        (d / file).unlink()
    return corrupt


def _claim(claim_id: str, column: str, value: str) -> Callable[[Path], int]:
    return lambda d: set_cell(d, "claims.csv", {"claim_id": claim_id}, column, value)


def _event(event_id: str, column: str, value: str) -> Callable[[Path], int]:
    return lambda d: set_cell(d, "events.csv", {"event_id": event_id}, column, value)


def _milestone(**values: str) -> Callable[[Path], int]:
    return lambda d: append_row(d, "milestones.csv", {"source_id": "s5", **values})


def _committed(commitment_id: str) -> float:
    return headline_value(read_rows(DATA_DIR, "claims.csv"), "gpu_allocation", commitment_id)


def _stages_backwards(d: Path) -> int:
    _milestone(commitment_id="gpu-sk", stage="delivered", date="2025-11-05", quantity="1000")(d)
    return _milestone(commitment_id="gpu-sk", stage="contracted", date="2025-11-10")(d)


def _operational_exceeds_delivered(d: Path) -> int:
    _milestone(commitment_id="gpu-sk", stage="delivered", date="2025-11-05", quantity="1000")(d)
    return _milestone(commitment_id="gpu-sk", stage="operational", date="2025-11-20", quantity="2000")(d)


def _missing_announced(d: Path) -> int:
    delete_rows(d, "milestones.csv", {"commitment_id": "gpu-sk", "stage": "announced"})
    return sheet_row(d, "commitments.csv", "commitment_id", "gpu-sk")


def _duplicate_sector(d: Path) -> int:
    return append_row(d, "sectors.csv", {"sector_id": "cloud", "name_ko": "클라우드(중복)",
                                         "name_en": "Cloud (again)", "sort_order": "11"})


def _duplicate_topic(d: Path) -> int:
    return append_row(d, "topics.csv", {"topic_id": "gpu_total", "kind": "number", "unit": "gpu",
                                        "label_ko": "중복", "label_en": "Duplicate"})


_GPU_SK = _committed("gpu-sk")
_FIRST_CLOUD_ROW = sheet_row(DATA_DIR, "sectors.csv", "sector_id", "cloud")

CASES = [
    # Whole files.
    Case("missing-file", _unlink("gpu_models.csv"), "gpu_models.csv", None, "a CSV file with columns model_id",
         drops="all", found="no such file"),
    Case("empty-file", lambda d: edit(d, "claims.csv", lambda t: "") and None, "claims.csv", None,
         "a header line: claim_id,topic", drops="all", found="empty file"),
    Case("header-only", lambda d: edit(d, "events.csv", lambda t: t.splitlines(True)[0]) and None, "events.csv",
         None, "at least one data row", drops="all", found="no data rows"),
    Case("missing-column", lambda d: drop_column(d, "claims.csv", "quote_ko") or 1, "claims.csv", "quote_ko",
         "this column to be present", drops="all"),
    Case("extra-column", lambda d: add_column(d, "sectors.csv", "comment", "x") or 1, "sectors.csv", "comment",
         "only the columns sector_id, name_ko, name_en, sort_order", drops="none"),
    Case("duplicated-column", lambda d: add_column(d, "sectors.csv", "name_en", "x") or 1, "sectors.csv", "name_en",
         "each column once", drops="all"),
    Case("not-utf8-nor-cp949", _bytes("sectors.csv", b"\xff\xfe\x00\x81\x00sector_id\n"), "sectors.csv", None,
         "CSV UTF-8", drops="all"),
    Case("cp949-korean-excel",
         lambda d: (d / "organisations.csv").write_bytes(
             (d / "organisations.csv").read_text(encoding="utf-8").encode("cp949")) and None,
         "organisations.csv", None, "Re-save with 'CSV UTF-8'", severity="warning", drops="none", found="CP949"),
    # Row shape.
    Case("too-many-cells-unquoted-comma", lambda d: unquote_row(d, "events.csv", {"event_id": "ev-sk-meeting"}),
         "events.csv", None, "one per header column (quote text that contains commas)"),
    # Types and ranges.
    Case("text-in-number-column", _claim("c-gov-s1", "value", "5만"), "claims.csv", "value", "a number"),
    Case("thousands-separator", _claim("c-gov-s1", "value", "50,000"), "claims.csv", "value",
         "no thousands separators"),
    Case("text-in-integer-column", lambda d: set_cell(d, "sectors.csv", {"sector_id": "robotics"}, "sort_order",
                                                      "eighth"), "sectors.csv", "sort_order", "a number"),
    Case("negative-gpu-count", _claim("c-gov-s1", "value", "-50000"), "claims.csv", "value", "zero or more"),
    Case("absurd-gpu-count", _claim("c-gov-s1", "value", "99999999999"), "claims.csv", "value",
         f"no larger than {MAX_PLAUSIBLE_GPUS:,}"),
    Case("non-integer-gpu-count", _claim("c-gov-s1", "value", "50000.5"), "claims.csv", "value",
         "a whole number of GPUs"),
    Case("percentage-over-100", _claim("c-nokia-pct-s3", "value", "290"), "claims.csv", "value",
         "between 0 and 100"),
    Case("negative-milestone-quantity",
         _milestone(commitment_id="gpu-sk", stage="delivered", date="2025-11-05", quantity="-10"),
         "milestones.csv", "quantity", "zero or more"),
    Case("absurd-milestone-quantity",
         _milestone(commitment_id="mou-naver-cloud", stage="delivered", date="2025-11-05", quantity="99999999999"),
         "milestones.csv", "quantity", f"no larger than {MAX_PLAUSIBLE_GPUS:,}"),
    Case("non-integer-milestone-quantity",
         _milestone(commitment_id="gpu-sk", stage="delivered", date="2025-11-05", quantity="10.5"),
         "milestones.csv", "quantity", "a whole number of GPUs"),
    # Ids and references.
    Case("unknown-organisation-id", _claim("c-gov-s1", "org_id", "goverment"), "claims.csv", "org_id",
         "ids listed in organisations.csv", found="goverment"),
    Case("unknown-sector-id", _event("ev-sk-meeting", "sector_ids", "semiconductors;spaceflight"), "events.csv",
         "sector_ids", "ids listed in sectors.csv", found="spaceflight"),
    Case("unknown-source-id", _claim("c-gov-s1", "source_id", "s9"), "claims.csv", "source_id",
         "ids listed in sources.csv", found="s9"),
    Case("unknown-topic", _claim("c-gov-s1", "topic", "gpu_alocation"), "claims.csv", "topic",
         "ids listed in topics.csv", found="gpu_alocation"),
    Case("malformed-id", _claim("c-gov-s1", "org_id", "Samsung Electronics"), "claims.csv", "org_id",
         "lowercase letters, digits and hyphens"),
    Case("duplicate-id", _duplicate_sector, "sectors.csv", "sector_id",
         f"a unique id (already used on row {_FIRST_CLOUD_ROW})"),
    Case("duplicate-topic-id", _duplicate_topic, "topics.csv", "topic_id", "a unique id"),
    Case("stray-whitespace-around-id", _claim("c-gov-s1", "source_id", " s1 "), "claims.csv", "source_id",
         "no leading or trailing spaces", severity="warning", drops="none"),
    # Dates and times.
    Case("bad-date-format", _event("ev-sk-meeting", "date", "31/10/2025"), "events.csv", "date",
         "a real date written YYYY-MM-DD"),
    Case("impossible-date", _event("ev-sk-meeting", "date", "2025-02-30"), "events.csv", "date",
         "a real date written YYYY-MM-DD"),
    Case("bad-date-on-referenced-event", _event("ev-msit-press", "date", "2025.10.31"), "events.csv", "date",
         "YYYY-MM-DD"),
    Case("bad-datetime", lambda d: set_cell(d, "sources.csv", {"source_id": "s4"}, "published_kst",
                                            "2025-11-01 오후 2:32"), "sources.csv", "published_kst",
         "YYYY-MM-DDTHH:MM"),
    Case("bad-time", _event("ev-sk-meeting", "time_kst", "25:00"), "events.csv", "time_kst", "HH:MM"),
    # Sources.
    Case("claim-citing-no-source", _claim("c-gov-s1", "source_id", ""), "claims.csv", "source_id", "an id"),
    Case("claim-without-quote", _claim("c-gov-s1", "quote_ko", ""), "claims.csv", "quote_ko", "a value"),
    Case("commitment-without-source-ids",
         lambda d: set_cell(d, "commitments.csv", {"commitment_id": "prog-lg-robotics"}, "source_ids", ""),
         "commitments.csv", "source_ids", "at least one id"),
    Case("event-without-source-ids", _event("ev-sk-meeting", "source_ids", ""), "events.csv", "source_ids",
         "at least one id"),
    # Allowed values and topic rules.
    Case("unknown-qualifier", _claim("c-total-s1", "qualifier", "approximately"), "claims.csv", "qualifier",
         "one of 'up_to', 'at_least', 'over', 'about' or 'exactly'"),
    Case("missing-qualifier", _claim("c-total-s1", "qualifier", ""), "claims.csv", "qualifier",
         "how the article qualifies the figure"),
    Case("unit-mismatch-for-topic", _claim("c-total-s1", "unit", "usd"), "claims.csv", "unit",
         "'gpu' for topic 'gpu_total'"),
    Case("figure-without-value", _claim("c-total-s1", "value", ""), "claims.csv", "value",
         "a number for topic 'gpu_total'"),
    Case("parties-topic-without-parties", _claim("c-airan-s3", "party_ids", ""), "claims.csv", "party_ids",
         "the parties for topic 'agreement_parties'"),
    Case("unknown-stage", _milestone(commitment_id="gpu-sk", stage="shipped", date="2025-11-05"), "milestones.csv",
         "stage", "one of 'announced'"),
    Case("milestone-date-stated-not-yes-or-no",
         _milestone(commitment_id="gpu-sk", stage="contracted", date="2025-11-05", date_stated="maybe"),
         "milestones.csv", "date_stated", "one of 'yes' or 'no'"),
    Case("primary-sector-not-in-sectors",
         lambda d: set_cell(d, "commitments.csv", {"commitment_id": "prog-lg-robotics"}, "primary_sector", "cloud"),
         "commitments.csv", "primary_sector", "one of the ids in sector_ids"),
    # Milestone histories.
    Case("stage-before-announcement",
         _milestone(commitment_id="gpu-samsung", stage="contracted", date="2025-10-01"), "milestones.csv", "date",
         "a date on or after the announcement (2025-10-31)"),
    Case("stage-going-backwards", _stages_backwards, "milestones.csv", "stage",
         "a stage no earlier than 'delivered'"),
    Case("delivered-more-than-committed",
         _milestone(commitment_id="gpu-sk", stage="delivered", date="2025-11-05", quantity=str(int(_GPU_SK) + 10_000)),
         "milestones.csv", "quantity", f"no more than the {_GPU_SK:,.0f} GPUs committed to 'gpu-sk'"),
    Case("operational-more-than-delivered", _operational_exceeds_delivered, "milestones.csv", "quantity",
         "no more than the 1,000 delivered"),
    Case("stage-in-the-future",
         _milestone(commitment_id="gpu-sk", stage="delivered", date="2025-12-01", quantity="1000"), "milestones.csv",
         "date", "a date on or before today (2025-11-15)", today=dt.date(2025, 11, 15)),
    Case("announced-twice", _milestone(commitment_id="gpu-sk", stage="announced", date="2025-11-02"),
         "milestones.csv", "stage", "at most once"),
    Case("commitment-missing-announced-row", _missing_announced, "commitments.csv", "commitment_id",
         "an 'announced' row for this commitment in milestones.csv"),
]

# Issues that only report a consequence of the corruption (a row dropped because what it points at was dropped).
_CONSEQUENCE_MARKERS = ("ids listed in", "an 'announced' row for this commitment")


@dataclass(frozen=True)
class Outcome:
    case: Case
    data_dir: Path
    row: Optional[int]
    result: object

    @property
    def primary(self) -> list:
        c = self.case
        return [i for i in self.result.issues
                if (i.file, i.row, i.column, i.severity) == (c.file, self.row, c.column, c.severity)]


@pytest.fixture(scope="module", params=CASES, ids=[c.name for c in CASES])
def outcome(request, tmp_path_factory) -> Outcome:
    """Corrupt a fresh copy of data/ once per case and load it (the loader must not raise, whatever the data)."""
    case: Case = request.param
    data_dir = tmp_path_factory.mktemp(case.name) / "data"
    shutil.copytree(DATA_DIR, data_dir)
    row = case.corrupt(data_dir)
    return Outcome(case, data_dir, row, load_dataset(data_dir, today=case.today))


class TestCorruption:
    def test_issue_names_file_row_and_column(self, outcome: Outcome):
        case = outcome.case
        assert outcome.primary, (f"no {case.severity} for {case.file} row {outcome.row} column {case.column}; got:\n"
                                 + "\n".join(i.message() for i in outcome.result.issues))
        assert any(case.expected in i.expected for i in outcome.primary), [i.expected for i in outcome.primary]
        if case.found:
            assert any(case.found in i.found for i in outcome.primary), [i.found for i in outcome.primary]

    def test_message_is_useful(self, outcome: Outcome):
        case = outcome.case
        messages = [i.message() for i in outcome.primary if case.expected in i.expected]
        assert messages
        message = messages[0]
        assert message.startswith(case.file)
        if outcome.row is not None:
            assert f", row {outcome.row}" in message
        if case.column:
            assert f"column '{case.column}'" in message
        assert case.expected in message.split("; expected ", 1)[1]

    def test_nothing_else_is_reported(self, outcome: Outcome):
        others = [i for i in outcome.result.issues if i not in outcome.primary
                  and not any(m in i.expected for m in _CONSEQUENCE_MARKERS)]
        assert not others, "\n".join(i.message() for i in others)

    def test_valid_rows_are_still_served(self, outcome: Outcome):
        case = outcome.case
        table = case.file.removesuffix(".csv")
        dropped = {"all": {table: "all"}, "row": {table: {outcome.row}}, "none": {}}[case.drops]
        assert served(outcome.result) == expected_served(outcome.data_dir, dropped)
        assert_no_dangling_ids(outcome.result)


# --- cases that need their own assertions ---

def test_missing_data_folder_is_reported_not_raised(tmp_path: Path):
    missing = tmp_path / "no-such-folder"
    result = load_dataset(missing, today=TODAY)
    folder = [i for i in result.issues if i.file == str(missing)]
    assert len(folder) == 1 and folder[0].row is None and folder[0].column is None
    assert "no such folder" in folder[0].message() and "CSV files" in folder[0].expected
    assert {i.file for i in result.issues if "no such file" in i.found} == set(TABLES)
    assert all(df.empty for df in result.dataset.tables.values())
    assert result.dataset.version == "none"


def test_data_folder_is_a_file(tmp_path: Path):
    not_a_folder = tmp_path / "data"
    not_a_folder.write_text("oops")
    result = load_dataset(not_a_folder, today=TODAY)
    assert result.errors and result.errors[0].file == str(not_a_folder)


def test_utf8_bom_loads_without_any_issue(data_copy: Path):
    for path in data_copy.glob("*.csv"):
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())  # what Excel's 'CSV UTF-8' writes
    result = load_dataset(data_copy, today=TODAY)
    assert result.issues == ()
    reference = load_dataset(DATA_DIR, today=TODAY).dataset
    for name, df in reference.tables.items():
        assert result.dataset.tables[name].equals(df), name


def test_cp949_file_keeps_its_korean_text(data_copy: Path):
    path = data_copy / "organisations.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp949"))
    result = load_dataset(data_copy, today=TODAY)
    assert [(i.file, i.severity) for i in result.issues] == [("organisations.csv", "warning")]
    message = result.issues[0].message()
    assert "CP949" in message and "UTF-8" in message  # says what happened and what to do
    raw = read_rows(DATA_DIR, "organisations.csv")
    orgs = result.dataset.organisations
    assert list(orgs["name_ko"]) == [r["name_ko"] for r in raw]
    assert "삼성전자" in set(orgs["name_ko"])


@pytest.mark.parametrize("column, text", [
    ("title_en", "<script>alert(1)</script>"),
    ("summary_en", "**bold** and [a link](https://example.com) and <b>tags</b>"),
    ("title_ko", "<img src=x onerror=alert(1)> **굵게**"),
])
def test_html_and_markdown_load_verbatim(data_copy: Path, column: str, text: str):
    set_cell(data_copy, "events.csv", {"event_id": "ev-sk-meeting"}, column, text)
    result = load_dataset(data_copy, today=TODAY)
    assert result.issues == ()
    events = result.dataset.events.set_index("event_id")
    assert events.at["ev-sk-meeting", column] == text


def test_row_numbers_count_records_not_physical_lines(data_copy: Path):
    # A quoted cell with a line break is one spreadsheet row; later rows must keep their spreadsheet numbers.
    set_cell(data_copy, "events.csv", {"event_id": "ev-prebriefing"}, "summary_en", "first line\nsecond line")
    row = set_cell(data_copy, "events.csv", {"event_id": "ev-sk-meeting"}, "date", "2025-02-30")
    result = load_dataset(data_copy, today=TODAY)
    assert [(i.file, i.row, i.column) for i in result.issues] == [("events.csv", row, "date")]
    events = result.dataset.events.set_index("event_id")
    assert events.at["ev-prebriefing", "summary_en"] == "first line\nsecond line"
    assert int(events.at["ev-ceo-summit-speech", "_line"]) == sheet_row(data_copy, "events.csv", "event_id",
                                                                        "ev-ceo-summit-speech")


def test_whitespace_around_id_is_removed(data_copy: Path):
    set_cell(data_copy, "claims.csv", {"claim_id": "c-gov-s1"}, "source_id", " s1 ")
    result = load_dataset(data_copy, today=TODAY)
    claims = result.dataset.claims.set_index("claim_id")
    assert claims.at["c-gov-s1", "source_id"] == "s1"
    assert not result.errors


def test_bad_event_drops_only_that_event_and_what_references_it(data_copy: Path):
    # ev-msit-press announces the government allocation: that commitment, its claims and milestones go with it,
    # and so does any event listing that commitment; every other row stays.
    row = set_cell(data_copy, "events.csv", {"event_id": "ev-msit-press"}, "date", "31/10/2025")
    result = load_dataset(data_copy, today=TODAY)
    tables = result.dataset.tables
    assert "ev-msit-press" not in set(tables["events"]["event_id"])
    assert "gpu-government" not in set(tables["commitments"]["commitment_id"])
    assert "gpu-government" not in set(tables["claims"]["commitment_id"].dropna())
    assert "gpu-government" not in set(tables["milestones"]["commitment_id"])
    raw_claims = read_rows(DATA_DIR, "claims.csv")
    assert len(tables["claims"]) == sum(1 for r in raw_claims if r["commitment_id"] != "gpu-government")
    assert len(tables["organisations"]) == len(read_rows(DATA_DIR, "organisations.csv"))
    assert served(result) == expected_served(data_copy, {"events": {row}})


def test_milestones_without_a_date_stated_column_still_load(data_copy: Path):
    # The column came after milestones.csv was in use: a file without it loads, every day taken as before.
    rows = len(read_rows(data_copy, "milestones.csv"))
    drop_column(data_copy, "milestones.csv", "date_stated")
    result = load_dataset(data_copy)
    assert not result.issues
    assert result.dataset.tables["milestones"]["date_stated"].isna().all()
    assert len(result.dataset.tables["milestones"]) == rows


def test_a_stated_day_that_events_csv_calls_inferred_is_a_warning_naming_both(data_copy: Path):
    events = load_dataset(data_copy).dataset.tables["events"]
    undated = set(events.loc[events["date_stated"] == "no", "event_id"])
    commitments = load_dataset(data_copy).dataset.tables["commitments"]
    commitment = commitments[commitments["announced_event_id"].isin(undated)].iloc[0]
    row = set_cell(data_copy, "milestones.csv", {"commitment_id": commitment.commitment_id, "stage": "announced"},
                   "date_stated", "yes")
    result = load_dataset(data_copy)
    assert not result.errors
    (warning,) = [w for w in result.issues if w.column == "date_stated"]
    assert warning.severity == "warning"
    assert (warning.file, warning.row) == ("milestones.csv", row)
    assert commitment.announced_event_id in warning.expected and "events.csv" in warning.expected


def test_the_data_readmes_delivery_example_loads_and_shows_on_the_tracker(data_copy: Path):
    # The worked example editors copy: it must stay valid as the columns change (date_stated was added).
    from apecgpu import tracker

    readme = (DATA_DIR / "README.md").read_text(encoding="utf-8")
    section = readme.split("## How to record a delivery", 1)[1]
    example = section.split("```csv\n", 1)[1].split("```", 1)[0]
    header = list(read_rows(data_copy, "milestones.csv")[0])
    added = list(csv.DictReader(io.StringIO(example), fieldnames=header))
    template = read_rows(data_copy, "sources.csv")[-1]  # the example cites a new article: add it as step 1 says
    for source_id in sorted({r["source_id"] for r in added} - {r["source_id"] for r in read_rows(data_copy,
                                                                                                 "sources.csv")}):
        append_row(data_copy, "sources.csv", {**template, "source_id": source_id})
    path = data_copy / "milestones.csv"
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + example, encoding="utf-8")
    result = load_dataset(data_copy, today=dt.date(2100, 1, 1))
    assert not result.errors, [i.message() for i in result.errors]
    status = tracker.commitment_status(result.dataset.tables).set_index("commitment_id")
    delivered = sum(float(r["quantity"]) for r in added if r["stage"] == "delivered")
    assert status.at[added[0]["commitment_id"], "delivered_gpus"] == delivered > 0
