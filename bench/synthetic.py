"""Write a synthetic data folder about a hundred times the real one, valid for `python -m apecgpu check`.

    .venv/bin/python bench/synthetic.py bench/_work/synthetic            # x100, seed 1
    .venv/bin/python bench/synthetic.py OUT --copies 10 --seed 3         # smaller
    APECGPU_DATA_DIR=bench/_work/synthetic .venv/bin/streamlit run dashboard.py

How: the real story (commitments, claims, events, milestones) is copied `--copies` times with ids suffixed
(`gpu-samsung-x007`), each copy's GPU figures scaled by a seeded factor (the same factor for every article's claim
about one commitment, so disagreements keep their shape), its dates shifted by one day per copy, and extra
contracted/delivered milestones added to its GPU allocations (never more than committed, never after today).
Organisations are copied `--org-copies` times (hundreds, not thousands: copy k of the story uses organisation copy
k mod org-copies), except that each copy's GPU recipients are its own organisations (their names label the bars),
and articles are copied `--source-copies` times; sectors, topics and GPU models are vocabularies and stay
as they are. Every other file of the data folder (e.g. assumptions.csv) is copied unchanged. Copy 0 is the real data
unchanged, so the headline figures of the real data are still there. Deterministic for a given seed and input.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from apecgpu.data import DEFAULT_DATA_DIR  # noqa: E402
from apecgpu.schema import TABLES  # noqa: E402

VOCABULARIES = ("sectors.csv", "topics.csv", "gpu_models.csv")


def _read(path: Path) -> tuple[list[str], list[dict]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


def _write(path: Path, header: list[str], rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _suffix(k: int) -> str:
    return "" if k == 0 else f"-x{k:03d}"


def _ids(cell: str, k: int) -> str:
    """A ';'-separated id list (or one id, or blank) with every id given copy k's suffix."""
    return ";".join(p.strip() + _suffix(k) for p in cell.split(";") if p.strip()) if cell else cell


def _label(text: str, k: int) -> str:
    return text if k == 0 or not text else f"{text} {k}"


def _shift(day: str, days: int) -> str:
    return (dt.date.fromisoformat(day) + dt.timedelta(days=days)).isoformat() if day else day


def make_synthetic(out: Path, *, copies: int = 100, org_copies: int = 25, source_copies: int = 20, seed: int = 1,
                   src: Path = DEFAULT_DATA_DIR, today: dt.date | None = None) -> dict[str, int]:
    """Write the folder; return rows per file."""
    today = today or dt.date.today()
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.csv"):
        old.unlink()
    tables = {name: _read(src / name) for name in TABLES}
    rows: dict[str, list[dict]] = {name: [] for name in TABLES}

    def org(cell: str, k: int) -> str:
        return _ids(cell, k % org_copies)

    # Holders of GPU allocations are the chart's recipients: each copy gets its own (an extra organisation row where
    # copy k has no organisation copy), so two bars never share a name.
    commitments = tables["commitments.csv"][1]
    allocation_of = {r["commitment_id"]: r["holder_id"] for r in commitments if r["kind"] == "gpu_allocation"}
    holders = set(allocation_of.values())

    def source(cell: str, k: int) -> str:
        return _ids(cell, k % source_copies)

    # --- vocabularies, articles, organisations ---------------------------------------------------------------
    for name in VOCABULARIES:
        rows[name] = tables[name][1]
    for j in range(source_copies):
        for r in tables["sources.csv"][1]:
            rows["sources.csv"].append({**r, "source_id": _ids(r["source_id"], j),
                                        "headline_ko": _label(r["headline_ko"], j),
                                        "headline_en": _label(r["headline_en"], j)})
    for j in range(org_copies):
        for r in tables["organisations.csv"][1]:
            rows["organisations.csv"].append({**r, "org_id": _ids(r["org_id"], j), "parent_id": _ids(r["parent_id"], j),
                                              "name_ko": _label(r["name_ko"], j), "name_en": _label(r["name_en"], j),
                                              "source_ids": _ids(r["source_ids"], j % source_copies)})
    for k in range(org_copies, copies):
        for r in tables["organisations.csv"][1]:
            if r["org_id"] in holders:
                rows["organisations.csv"].append({
                    **r, "org_id": _ids(r["org_id"], k), "parent_id": org(r["parent_id"], k),
                    "name_ko": _label(r["name_ko"], k), "name_en": _label(r["name_en"], k),
                    "source_ids": _ids(r["source_ids"], k % source_copies)})

    # --- the story, copied ----------------------------------------------------------------------------------
    claims = tables["claims.csv"][1]
    for k in range(copies):
        shift = k  # one day later per copy: the timeline spreads over months
        factor = {}  # commitment -> GPU scale factor for this copy
        for r in tables["commitments.csv"][1]:
            factor[r["commitment_id"]] = 1.0 if k == 0 else rng.uniform(0.4, 1.6)
            rows["commitments.csv"].append({
                **r, "commitment_id": _ids(r["commitment_id"], k),
                "holder_id": _ids(r["holder_id"], k) if r["kind"] == "gpu_allocation" else org(r["holder_id"], k),
                "partner_ids": org(r["partner_ids"], k), "announced_event_id": _ids(r["announced_event_id"], k),
                "source_ids": source(r["source_ids"], k), "title_ko": _label(r["title_ko"], k),
                "title_en": _label(r["title_en"], k)})
        for r in claims:
            value = r["value"]
            if value and r["unit"] == "gpu" and r["commitment_id"] and k:
                value = str(max(100, round(float(value) * factor[r["commitment_id"]] / 100) * 100))
            rows["claims.csv"].append({
                **r, "claim_id": _ids(r["claim_id"], k), "commitment_id": _ids(r["commitment_id"], k),
                "org_id": (_ids(r["org_id"], k) if allocation_of.get(r["commitment_id"]) == r["org_id"]
                           else org(r["org_id"], k)),
                "party_ids": org(r["party_ids"], k),
                "source_id": source(r["source_id"], k), "value": value})
        for r in tables["events.csv"][1]:
            rows["events.csv"].append({
                **r, "event_id": _ids(r["event_id"], k), "date": _shift(r["date"], shift),
                "party_ids": org(r["party_ids"], k), "commitment_ids": _ids(r["commitment_ids"], k),
                "source_ids": source(r["source_ids"], k), "title_ko": _label(r["title_ko"], k),
                "title_en": _label(r["title_en"], k)})
        announced = {}
        for r in tables["milestones.csv"][1]:
            day = _shift(r["date"], shift)
            if r["stage"] == "announced":
                announced[r["commitment_id"]] = day
            rows["milestones.csv"].append({**r, "commitment_id": _ids(r["commitment_id"], k), "date": day,
                                           "source_id": source(r["source_id"], k)})
        if k == 0:
            continue
        # Progress on this copy's GPU allocations: contracted, then part delivered (never more than the smallest
        # figure any article gives, so never more than committed), never dated after today.
        for r in tables["commitments.csv"][1]:
            cid = r["commitment_id"]
            if r["kind"] != "gpu_allocation" or cid not in announced:
                continue
            figures = [float(c["value"]) for c in claims if c["commitment_id"] == cid and c["value"]]
            if not figures:
                continue
            committed = min(max(100, round(v * factor[cid] / 100) * 100) for v in figures)
            first = dt.date.fromisoformat(announced[cid])
            source_id = source(r["source_ids"].split(";")[0], k)
            for stage, after, share in (("contracted", rng.randint(10, 40), None),
                                        ("delivered", rng.randint(41, 120), rng.uniform(0.05, 0.5))):
                day = min(first + dt.timedelta(days=after), today)
                if rng.random() < 0.3 and stage == "delivered":
                    break  # some allocations are not delivered yet
                rows["milestones.csv"].append({
                    "commitment_id": _ids(cid, k), "stage": stage, "date": day.isoformat(),
                    "quantity": str(int(committed * share)) if share else "", "source_id": source_id,
                    "note_ko": "합성 데이터", "note_en": "synthetic data"})

    for name, (header, _) in tables.items():
        _write(out / name, header, rows[name])
    # Files the loader does not check (e.g. the power page's assumptions.csv) are copied as they are.
    for extra in sorted(src.glob("*.csv")):
        if extra.name not in TABLES:
            shutil.copyfile(extra, out / extra.name)
    return {name: len(r) for name, r in rows.items()}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, nargs="?", default=Path(__file__).resolve().parent / "_work" / "synthetic")
    parser.add_argument("--copies", type=int, default=100, help="copies of the story (commitments, claims, events)")
    parser.add_argument("--org-copies", type=int, default=25, help="copies of the organisations")
    parser.add_argument("--source-copies", type=int, default=20, help="copies of the articles")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--src", type=Path, default=DEFAULT_DATA_DIR, help="the real data folder to copy")
    args = parser.parse_args(argv)
    counts = make_synthetic(args.out, copies=args.copies, org_copies=args.org_copies,
                            source_copies=args.source_copies, seed=args.seed, src=args.src)
    real = {name: len(_read(args.src / name)[1]) for name in TABLES}
    for name, n in counts.items():
        print(f"{name:20s} {real[name]:6d} -> {n:7d} rows")
    print(f"{'total':20s} {sum(real.values()):6d} -> {sum(counts.values()):7d} rows  ({args.out})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
