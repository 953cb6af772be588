"""The one loader: reads data/*.csv, validates every row and every cross-reference, and returns DataFrames (no Streamlit)."""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import pandas as pd
from pydantic import BaseModel, ValidationError

from . import model
from .schema import EVENT_STAGES, MAX_PLAUSIBLE_GPUS, STAGES, TABLES

DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DATA_DIR_ENV = "APECGPU_DATA_DIR"


def data_dir_from_env() -> Path:
    """The data folder: $APECGPU_DATA_DIR if set, else the repository's data/."""
    return Path(os.environ.get(DATA_DIR_ENV) or DEFAULT_DATA_DIR)


@dataclass(frozen=True)
class DataIssue:
    """One problem in one cell (or line, or file) of the data, said precisely enough to fix it."""
    file: str
    row: Optional[int]  # line number in the file as a spreadsheet shows it (header = 1); None for the whole file
    column: Optional[str]
    found: str
    expected: str
    severity: str = "error"  # "error" rows are dropped; "warning" rows are kept

    def message(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column:
            where += f", column '{self.column}'"
        return f"{where}: found {self.found}; expected {self.expected}"


class DataError(Exception):
    """Raised by strict loading; carries every issue found, not just the first."""

    def __init__(self, issues: list[DataIssue]):
        self.issues = issues
        super().__init__("\n".join(i.message() for i in issues))


@dataclass(frozen=True)
class Dataset:
    """All tables as DataFrames; list columns hold tuples of ids; `_line` is the source line of each row."""
    tables: dict[str, pd.DataFrame]
    version: str
    notices: tuple[DataIssue, ...] = field(default=())

    def __getattr__(self, name: str) -> pd.DataFrame:
        tables = object.__getattribute__(self, "tables")
        if name in tables:
            return tables[name]
        raise AttributeError(name)


@dataclass(frozen=True)
class LoadResult:
    dataset: Dataset
    issues: tuple[DataIssue, ...]

    @property
    def errors(self) -> tuple[DataIssue, ...]:
        return tuple(i for i in self.issues if i.severity == "error")


def data_version(data_dir: Path) -> str:
    """Short content hash of every CSV in the data folder: the 'data version' printed on pages and exports."""
    digest = hashlib.sha256()
    for path in sorted(Path(data_dir).glob("*.csv")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:8]


def _short(value, limit: int = 60) -> str:
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= limit else text[: limit - 1] + "…'"


def _decode(path: Path, issues: list[DataIssue]) -> Optional[str]:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        try:
            text = raw.decode("cp949")
        except UnicodeDecodeError:
            issues.append(DataIssue(path.name, None, None, f"bytes that are not UTF-8 (at byte {exc.start})",
                                    "a UTF-8 CSV: in Excel use 'Save As > CSV UTF-8 (comma delimited)'"))
            return None
        issues.append(DataIssue(path.name, None, None, "a file saved in CP949 (Korean Excel's default)",
                                "UTF-8; it was read as CP949 this time. Re-save with 'CSV UTF-8' to silence this",
                                severity="warning"))
        return text


def _expected_for(error: dict) -> str:
    kind = error["type"]
    if kind == "string_pattern_mismatch":
        if "a-z0-9" in str(error.get("ctx", {}).get("pattern", "")):
            return "an id of lowercase letters, digits and hyphens (e.g. 'naver-cloud')"
        return "HH:MM (24-hour, KST)"
    if kind in ("date_from_datetime_parsing", "date_parsing", "date_type", "date_from_datetime_inexact"):
        return "a real date written YYYY-MM-DD"
    if kind in ("datetime_from_date_parsing", "datetime_parsing", "datetime_type"):
        return "a real date and time written YYYY-MM-DDTHH:MM"
    if kind in ("float_parsing", "float_type", "int_parsing", "int_type", "int_from_float"):
        return "a number (digits only, no thousands separators or units)"
    if kind == "too_short":
        return "at least one id (separate several with ';')"
    if kind in ("missing", "string_too_short"):
        return "a value (this column may not be empty)"
    if kind == "literal_error":
        return "one of " + str(error.get("ctx", {}).get("expected", ""))
    return error.get("msg", "a valid value")


def _read_table(data_dir: Path, name: str, issues: list[DataIssue]) -> pd.DataFrame:
    row_model, _ = TABLES[name]
    return read_rows(data_dir / name, row_model, issues)


def read_rows(path: Path, row_model: type[BaseModel], issues: list[DataIssue]) -> pd.DataFrame:
    """Read one CSV file into a frame of valid rows (plus `_line`, its row number in a spreadsheet), each checked
    against `row_model`; every problem (file, row, column, what was found, what was expected) goes into `issues`.
    The one CSV reader of the project: data tables and power.py's assumptions.csv both come through here."""
    name = path.name
    columns = list(row_model.model_fields)
    empty = pd.DataFrame(columns=columns + ["_line"])
    if not path.exists():
        issues.append(DataIssue(name, None, None, "no such file", f"a CSV file with columns {', '.join(columns)}"))
        return empty
    text = _decode(path, issues)
    if text is None:
        return empty
    if text.strip() == "":
        issues.append(DataIssue(name, None, None, "an empty file", f"a header line: {','.join(columns)}"))
        return empty
    reader = csv.reader(io.StringIO(text))
    header = [h.strip() for h in next(reader)]
    missing = [c for c in columns if c not in header and c not in row_model.may_be_absent]
    extra = [h for h in header if h not in columns]
    for col in missing:
        issues.append(DataIssue(name, 1, col, "no such column in the header", "this column to be present"))
    for col in extra:
        issues.append(DataIssue(name, 1, col or "(blank)", "a column the data does not define",
                                f"only the columns {', '.join(columns)}"))
    duplicates = sorted({h for h in header if header.count(h) > 1})
    for col in duplicates:
        issues.append(DataIssue(name, 1, col, "this column twice", "each column once"))
    if missing or duplicates:
        return empty
    records = []
    # Count records, not physical lines: a quoted cell with a line break is still one spreadsheet row.
    for line, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue  # blank lines, common at the end of hand-edited files
        if len(cells) != len(header):
            issues.append(DataIssue(name, line, None, f"{len(cells)} cells",
                                    f"{len(header)} cells, one per header column (quote text that contains commas)"))
            continue
        raw = {h: c for h, c in zip(header, cells) if h in columns}
        for col, cell in raw.items():
            if cell != cell.strip() and cell.strip():
                issues.append(DataIssue(name, line, col, f"spaces around {_short(cell)}",
                                        "no leading or trailing spaces (they were removed)", severity="warning"))
        try:
            parsed = row_model.model_validate(raw)
        except ValidationError as exc:
            for err in exc.errors():
                col = str(err["loc"][0]) if err["loc"] else None
                issues.append(DataIssue(name, line, col, _short(raw.get(col, "")), _expected_for(err)))
            continue
        records.append({**parsed.model_dump(), "_line": line})
    if not records:
        if not any(i.file == name and i.severity == "error" for i in issues):
            issues.append(DataIssue(name, None, None, "a header but no data rows", "at least one data row"))
        return empty
    df = pd.DataFrame.from_records(records, columns=columns + ["_line"])
    # Text columns stay plain objects with None for blanks (pandas 3 would infer a NaN-backed string dtype).
    for col in df.columns:
        if df[col].dtype != object and not pd.api.types.is_numeric_dtype(df[col]):
            df[col] = df[col].astype(object).where(df[col].notna(), None)
    return df


# (table, column, referenced table, referenced id column): every id that must exist elsewhere.
REFERENCES = [
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


def _as_ids(cell) -> tuple:
    if cell is None or (isinstance(cell, float) and pd.isna(cell)):
        return ()
    return cell if isinstance(cell, tuple) else (cell,)


def _check_duplicates(tables, issues) -> dict[str, set[int]]:
    bad: dict[str, set[int]] = {}
    for file, (_, id_col) in TABLES.items():
        name = file.removesuffix(".csv")
        df = tables[name]
        if id_col is None or df.empty:
            continue
        dup = df[df[id_col].duplicated(keep="first")]
        for _, r in dup.iterrows():
            first = int(df.loc[df[id_col] == r[id_col], "_line"].iloc[0])
            issues.append(DataIssue(file, int(r["_line"]), id_col, _short(r[id_col]),
                                    f"a unique id (already used on row {first})"))
            bad.setdefault(name, set()).add(int(r["_line"]))
    return bad


# Links that only add detail: an unknown id here is reported, then struck from the list, and the row stays.
# Anything else (a source, a sector, the holder, the announcing event) is load-bearing: the row is left out.
SOFT_REFERENCES = {("events", "commitment_ids"), ("events", "party_ids"), ("commitments", "partner_ids"),
                   ("commitments", "gpu_model_ids"), ("organisations", "parent_id"), ("claims", "party_ids")}


def _check_references(tables, issues) -> dict[str, set[int]]:
    bad: dict[str, set[int]] = {}
    for table, col, ref_table, ref_col in REFERENCES:
        df = tables[table]
        known = set(tables[ref_table][ref_col])
        struck = {}
        # Plain columns, not iterrows(): this runs for every reference on every row (bench/results.md, scale).
        for idx, cell, line in zip(df.index, df[col].tolist(), df["_line"].tolist()):
            unknown = sorted(set(_as_ids(cell)) - known)
            if unknown:
                issues.append(DataIssue(f"{table}.csv", int(line), col, ", ".join(map(_short, unknown)),
                                        f"ids listed in {ref_table}.csv ({ref_col})"))
                kept = tuple(i for i in _as_ids(cell) if i in known)
                if (table, col) in SOFT_REFERENCES and (kept or col not in ("party_ids",)):
                    struck[idx] = kept if isinstance(cell, tuple) else None
                else:
                    bad.setdefault(table, set()).add(int(line))
        if struck:
            df = df.copy()
            for idx, kept in struck.items():
                df.at[idx, col] = kept
            tables[table] = df
    return bad


def _check_rules(tables, issues) -> dict[str, set[int]]:
    """Rules within a row that the row model cannot state alone."""
    bad: dict[str, set[int]] = {}

    def flag(table, line, col, found, expected):
        issues.append(DataIssue(f"{table}.csv", int(line), col, found, expected))
        bad.setdefault(table, set()).add(int(line))

    # A duplicated topic id is reported by _check_duplicates; the first row defines the topic meanwhile.
    topics = (tables["topics"].drop_duplicates("topic_id").set_index("topic_id")
              if not tables["topics"].empty else None)
    for _, r in tables["claims"].iterrows():
        if topics is None or r["topic"] not in topics.index:
            continue
        topic = topics.loc[r["topic"]]
        if topic["kind"] == "number":
            if r["value"] is None or pd.isna(r["value"]):
                flag("claims", r["_line"], "value", "an empty cell", f"a number for topic '{r['topic']}'")
                continue
            if r["unit"] != topic["unit"]:
                flag("claims", r["_line"], "unit", _short(r["unit"] or ""), f"'{topic['unit']}' for topic '{r['topic']}'")
            if r["qualifier"] is None:
                flag("claims", r["_line"], "qualifier", "an empty cell",
                     "how the article qualifies the figure: up_to, at_least, over, about or exactly")
            if r["value"] < 0:
                flag("claims", r["_line"], "value", _short(r["value"]), "a figure of zero or more")
            elif r["unit"] == "gpu" and (r["value"] > MAX_PLAUSIBLE_GPUS or r["value"] != int(r["value"])):
                flag("claims", r["_line"], "value", _short(r["value"]),
                     f"a whole number of GPUs no larger than {MAX_PLAUSIBLE_GPUS:,}")
            elif r["unit"] == "pct" and r["value"] > 100:
                flag("claims", r["_line"], "value", _short(r["value"]), "a percentage between 0 and 100")
        elif not r["party_ids"]:
            flag("claims", r["_line"], "party_ids", "an empty cell", f"the parties for topic '{r['topic']}'")
    for _, r in tables["commitments"].iterrows():
        if r["primary_sector"] not in r["sector_ids"]:
            flag("commitments", r["_line"], "primary_sector", _short(r["primary_sector"]),
                 "one of the ids in sector_ids on the same row")
    for _, r in tables["milestones"].iterrows():
        if r["quantity"] is not None and not pd.isna(r["quantity"]) and r["quantity"] < 0:
            flag("milestones", r["_line"], "quantity", _short(r["quantity"]), "a quantity of zero or more")
        elif r["quantity"] is not None and not pd.isna(r["quantity"]) and (
                r["quantity"] > MAX_PLAUSIBLE_GPUS or r["quantity"] != int(r["quantity"])):
            flag("milestones", r["_line"], "quantity", _short(r["quantity"]),
                 f"a whole number of GPUs no larger than {MAX_PLAUSIBLE_GPUS:,}")
    return bad


def _check_histories(tables, issues, today: dt.date) -> dict[str, set[int]]:
    """Milestone histories must be possible: announced first, stages in date order, no more delivered than committed."""
    bad: dict[str, set[int]] = {}
    ms, commitments = tables["milestones"], tables["commitments"]
    committed = model.committed_gpus(tables["claims"])

    def flag(line, col, found, expected, table="milestones"):
        issues.append(DataIssue(f"{table}.csv", int(line), col, found, expected))
        bad.setdefault(table, set()).add(int(line))

    # Milestones grouped once by commitment, in file order, as plain rows: filtering the whole table again for
    # every commitment grew with commitments x milestones (bench/results.md, scale).
    by_commitment: dict[str, list[dict]] = {}
    for r in ms.to_dict("records"):
        by_commitment.setdefault(r["commitment_id"], []).append(r)

    def quantity(r) -> float:
        q = r["quantity"]
        return 0 if q is None or pd.isna(q) else q

    inferred_days = model.inferred_announcement_days(tables)
    for c in commitments[["commitment_id", "announced_event_id", "_line"]].to_dict("records"):
        rows = by_commitment.get(c["commitment_id"], [])
        inferred_day = inferred_days.get(c["commitment_id"])
        for r in rows:
            # Two files disagreeing on whether a day is known: shown as inferred, and said so (the row stays).
            if r["stage"] in EVENT_STAGES and r.get("date_stated") == "yes" and r["date"] == inferred_day:
                issues.append(DataIssue(
                    "milestones.csv", int(r["_line"]), "date_stated", "yes",
                    f"'no' or an empty cell: events.csv gives no date for '{c['announced_event_id']}', where this "
                    "commitment was announced, and this stage is placed on its day (shown as inferred)",
                    severity="warning"))
        announced = [r for r in rows if r["stage"] == "announced"]
        if not announced:
            flag(c["_line"], "commitment_id", _short(c["commitment_id"]),
                 "an 'announced' row for this commitment in milestones.csv", table="commitments")
            continue
        announced_on = min(r["date"] for r in announced)
        for r in rows:
            if r["date"] > today:
                flag(r["_line"], "date", str(r["date"]), f"a date on or before today ({today}): stages record what has happened")
            elif r["date"] < announced_on:
                flag(r["_line"], "date", str(r["date"]), f"a date on or after the announcement ({announced_on})")
        seen = set()
        for r in rows:
            if r["stage"] in ("announced", "mou_signed", "contracted"):
                if r["stage"] in seen:
                    flag(r["_line"], "stage", _short(r["stage"]), "each of announced, mou_signed, contracted at most once")
                seen.add(r["stage"])
        # Rows already flagged for their date (future, or before the announcement) are left out of the order
        # check, or a stage dated before the announcement would also flag the 'announced' row itself.
        dated = [r for r in rows if announced_on <= r["date"] <= today]
        ordered = sorted(dated, key=lambda r: (r["date"], STAGES.index(r["stage"])))  # stable, as pandas' lexsort
        highest = None
        for r in ordered:
            rank = STAGES.index(r["stage"])
            if highest is not None and rank < highest[0]:
                flag(r["_line"], "stage", _short(r["stage"]),
                     f"a stage no earlier than '{STAGES[highest[0]]}', reached on {highest[1]} (row {highest[2]})")
            elif highest is None or rank >= highest[0]:
                highest = (rank, r["date"], int(r["_line"]))
        target = committed.get(c["commitment_id"])
        totals = {}
        for stage in ("delivered", "operational"):
            running = 0.0
            for r in sorted((r for r in rows if r["stage"] == stage), key=lambda r: r["date"]):
                running += quantity(r)
                if target is not None and running > target:
                    flag(r["_line"], "quantity", f"{running:,.0f} {stage} in total",
                         f"no more than the {target:,.0f} GPUs committed to '{c['commitment_id']}'")
            totals[stage] = running
        if totals.get("operational", 0) > totals.get("delivered", 0) and totals.get("delivered", 0) > 0:
            last = max(r["_line"] for r in rows if r["stage"] == "operational")
            flag(last, "quantity", f"{totals['operational']:,.0f} operational",
                 f"no more than the {totals['delivered']:,.0f} delivered")
    return bad


def load_dataset(data_dir: Optional[Path] = None, *, today: Optional[dt.date] = None) -> LoadResult:
    """Load and validate every table; rows with errors (and rows that depend on them) are left out and reported."""
    data_dir = Path(data_dir) if data_dir is not None else data_dir_from_env()
    today = today or dt.date.today()
    issues: list[DataIssue] = []
    if not data_dir.is_dir():
        issues.append(DataIssue(str(data_dir), None, None, "no such folder", "the data folder with the CSV files"))
    tables = {file.removesuffix(".csv"): _read_table(data_dir, file, issues) for file in TABLES}
    # Drop bad rows until nothing more depends on a dropped row: serve what is valid, never a dangling id.
    # Histories run inside the loop: a commitment dropped for its history must take its claims and events along.
    # Each pass that finds something drops at least one row, so the loop ends.
    def histories(tables, issues):
        return _check_histories(tables, issues, today)

    while True:
        bad: dict[str, set[int]] = {}
        for check in (_check_duplicates, _check_references, _check_rules, histories):
            for table, lines in check(tables, issues).items():
                bad.setdefault(table, set()).update(lines)
        if not bad:
            break
        for table, lines in bad.items():
            tables[table] = tables[table][~tables[table]["_line"].isin(lines)].reset_index(drop=True)
    unique = tuple(dict.fromkeys(issues))
    version = data_version(data_dir) if data_dir.is_dir() else "none"
    dataset = Dataset(tables=tables, version=version,
                      notices=tuple(i for i in unique if i.severity == "warning"))
    return LoadResult(dataset=dataset, issues=unique)


def load_dataset_strict(data_dir: Optional[Path] = None) -> Dataset:
    """Load and raise DataError if anything at all is wrong (for scripts and tests)."""
    result = load_dataset(data_dir)
    if result.errors:
        raise DataError(list(result.errors))
    return result.dataset
