"""Shared fixtures for the fast unit tests: a private copy of data/ and helpers to corrupt one cell, row or header."""
from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path
from typing import Callable, Optional

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = REPO_ROOT / "data"


# --- reading the CSVs independently of the loader (plain csv module, no pydantic, no pandas) ---

def read_rows(data_dir: Path, file: str) -> list[dict[str, str]]:
    """Rows of one CSV as dicts of raw text, straight from the csv module."""
    with open(Path(data_dir) / file, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def sheet_row(data_dir: Path, file: str, id_column: str, id_value: str) -> int:
    """The spreadsheet row number (header = 1) of the first record whose id_column is id_value."""
    for number, row in enumerate(read_rows(data_dir, file), start=2):
        if row[id_column] == id_value:
            return number
    raise KeyError(f"{file}: no row with {id_column}={id_value!r}")


# --- editing a copy of the data ---

def edit(data_dir: Path, file: str, transform: Callable[[str], str]) -> Path:
    """Rewrite one CSV in place: transform gets the file text and returns the new text."""
    path = Path(data_dir) / file
    path.write_text(transform(path.read_text(encoding="utf-8")), encoding="utf-8", newline="")
    return path


def _write_records(path: Path, records: list[list[str]]) -> None:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(records)
    path.write_text(out.getvalue(), encoding="utf-8", newline="")


def _records(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def _find(records: list[list[str]], file: str, match: dict[str, str]) -> int:
    header = records[0]
    for i, cells in enumerate(records[1:], start=1):
        if all(cells[header.index(k)] == v for k, v in match.items()):
            return i
    raise KeyError(f"{file}: no row matching {match}")


def set_cell(data_dir: Path, file: str, match: dict[str, str], column: str, value: str) -> int:
    """Set one cell of the first row matching every column=value in `match`; returns its spreadsheet row."""
    path = Path(data_dir) / file
    records = _records(path)
    i = _find(records, file, match)
    records[i][records[0].index(column)] = value
    _write_records(path, records)
    return i + 1


def append_row(data_dir: Path, file: str, values: dict[str, str]) -> int:
    """Append a row (missing columns left empty); returns its spreadsheet row."""
    path = Path(data_dir) / file
    records = [r for r in _records(path) if r]
    records.append([values.get(col, "") for col in records[0]])
    _write_records(path, records)
    return len(records)


def delete_rows(data_dir: Path, file: str, match: dict[str, str]) -> int:
    """Delete every row matching `match`; returns how many went."""
    path = Path(data_dir) / file
    records = _records(path)
    header = records[0]
    keep = [header] + [r for r in records[1:] if not all(r[header.index(k)] == v for k, v in match.items())]
    _write_records(path, keep)
    return len(records) - len(keep)


def drop_column(data_dir: Path, file: str, column: str) -> None:
    path = Path(data_dir) / file
    records = _records(path)
    index = records[0].index(column)
    _write_records(path, [r[:index] + r[index + 1:] for r in records])


def add_column(data_dir: Path, file: str, column: str, value: str = "") -> None:
    path = Path(data_dir) / file
    records = _records(path)
    _write_records(path, [records[0] + [column]] + [r + [value] for r in records[1:]])


# --- fixtures ---

@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of the real data/ folder, safe to corrupt."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def unquote_row(data_dir: Path, file: str, match: dict[str, str]) -> int:
    """Write one row with its cells joined by bare commas, as a hand edit that forgot the quotes would;
    returns its spreadsheet row."""
    path = Path(data_dir) / file
    records = _records(path)
    i = _find(records, file, match)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for j, cells in enumerate(records):
        if j == i:
            out.write(",".join(cells) + "\n")
        else:
            writer.writerow(cells)
    path.write_text(out.getvalue(), encoding="utf-8", newline="")
    return i + 1


def split_ids(cell: Optional[str]) -> list[str]:
    return [part.strip() for part in (cell or "").split(";") if part.strip()]


def headline_value(claim_rows: list[dict[str, str]], topic: str, commitment_id: str = "") -> float:
    """The figure most distinct sources state (ties: the larger), computed straight from raw claim rows.

    Written independently of apecgpu.model so that the two computations check each other.
    """
    sources_by_value: dict[float, set[str]] = {}
    for row in claim_rows:
        if row["topic"] == topic and row["commitment_id"] == commitment_id and row["value"]:
            sources_by_value.setdefault(float(row["value"]), set()).add(row["source_id"])
    if not sources_by_value:
        raise KeyError(f"no figure for topic={topic!r} commitment_id={commitment_id!r}")
    return max(sources_by_value, key=lambda v: (len(sources_by_value[v]), v))
