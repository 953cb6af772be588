"""Contracts on data/ itself: every file and column documented, every source used and on disk, every claim quoted."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import DATA_DIR, REPO_ROOT, read_rows, split_ids

README = DATA_DIR / "README.md"
CSV_FILES = sorted(p.name for p in DATA_DIR.glob("*.csv"))
# The seed articles live in the shared folder beside the repository (CI checks it out there too).
SEED_DIRS = [REPO_ROOT.parent / "shared" / "seeds", Path("/work/shared/seeds")]


def _header(file: str) -> list[str]:
    with open(DATA_DIR / file, encoding="utf-8-sig") as fh:
        return [c.strip() for c in fh.readline().rstrip("\r\n").split(",")]


def _sections(markdown: str) -> list[tuple[str, str]]:
    """(heading, body) for each markdown heading; text before the first heading has heading ''."""
    sections, heading, body = [], "", []
    for line in markdown.splitlines():
        if re.match(r"^#{1,6}\s", line):
            sections.append((heading, "\n".join(body)))
            heading, body = line, []
        else:
            body.append(line)
    sections.append((heading, "\n".join(body)))
    return sections


def _names(text: str, word: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text) is not None


def _documentation_for(file: str, readme: str) -> str:
    """Where a file's columns are documented: the README sections whose heading names the file, or the whole README
    if no heading does; plus `<name>.md` beside the CSV when it exists (assumptions.md documents assumptions.csv)."""
    own = [body for heading, body in _sections(readme) if file in heading]
    text = "\n".join(own) if own else readme
    sibling = DATA_DIR / f"{file.removesuffix('.csv')}.md"
    if sibling.exists():
        text += "\n" + sibling.read_text(encoding="utf-8")
    return text


@pytest.fixture(scope="module")
def readme() -> str:
    if not README.exists():
        pytest.skip("data/README.md does not exist yet (it is being written); the contract applies once it does")
    return README.read_text(encoding="utf-8")


@pytest.mark.parametrize("file", CSV_FILES)
def test_every_csv_is_documented_with_every_column(readme: str, file: str):
    assert file in readme, f"data/README.md does not mention {file}"
    documentation = _documentation_for(file, readme)
    missing = [column for column in _header(file) if not _names(documentation, column)]
    assert not missing, f"data/README.md does not name these columns of {file}: {', '.join(missing)}"


def test_every_source_is_cited():
    cited = {r["source_id"].strip() for r in read_rows(DATA_DIR, "claims.csv")}
    for row in read_rows(DATA_DIR, "events.csv"):
        cited.update(split_ids(row["source_ids"]))
    uncited = [r["source_id"] for r in read_rows(DATA_DIR, "sources.csv") if r["source_id"].strip() not in cited]
    assert not uncited, f"sources.csv lists sources no claim or event cites: {', '.join(uncited)}"


def test_every_claim_has_a_quote():
    unquoted = [f"row {n} ({r['claim_id']})" for n, r in enumerate(read_rows(DATA_DIR, "claims.csv"), start=2)
                if not r["quote_ko"].strip()]
    assert not unquoted, f"claims.csv, column 'quote_ko' is empty on {', '.join(unquoted)}"


@pytest.fixture(scope="module")
def seed_dir() -> Path:
    for folder in SEED_DIRS:
        if folder.is_dir():
            return folder
    pytest.skip(f"no seed folder at {' or '.join(map(str, SEED_DIRS))}")


def test_every_seed_file_exists(seed_dir: Path):
    missing = [f"row {n}: {r['seed_file']}" for n, r in enumerate(read_rows(DATA_DIR, "sources.csv"), start=2)
               if not (seed_dir / r["seed_file"].strip()).is_file()]
    assert not missing, f"sources.csv, column 'seed_file' names files not in {seed_dir}: {'; '.join(missing)}"


def _normalise(text: str) -> str:
    # Korean news text tags listed companies with their stock code, e.g. 삼성전자[005930]; quotes leave it out.
    return re.sub(r"\s+", " ", re.sub(r"\[\d{6}\]", "", text)).strip()


def test_every_quote_is_in_its_article(seed_dir: Path):
    # A quote may skip words with '…'; each remaining piece must appear in the article as written.
    seeds = {r["source_id"]: r["seed_file"] for r in read_rows(DATA_DIR, "sources.csv")}
    texts = {sid: _normalise((seed_dir / name).read_text(encoding="utf-8")) for sid, name in seeds.items()
             if (seed_dir / name).is_file()}
    wrong = []
    for n, r in enumerate(read_rows(DATA_DIR, "claims.csv"), start=2):
        if r["source_id"] not in texts:
            continue
        pieces = [_normalise(p) for p in r["quote_ko"].split("…") if p.strip()]
        absent = [p for p in pieces if p not in texts[r["source_id"]]]
        if absent:
            wrong.append(f"row {n} ({r['claim_id']}): {absent[0]!r} not in {seeds[r['source_id']]}")
    assert not wrong, "claims.csv, column 'quote_ko':\n" + "\n".join(wrong)
