"""The real data loads cleanly, the dashboard's numbers follow from the CSVs, and `check`/`version` work."""
from __future__ import annotations

import os
import subprocess
import sys

import pandas as pd
import pytest

from apecgpu import cli, model
from apecgpu.data import REFERENCES, DataError, data_version, load_dataset, load_dataset_strict
from apecgpu.schema import TABLES

from .conftest import DATA_DIR, REPO_ROOT, append_row, headline_value, read_rows, set_cell, split_ids
from .test_data_corruption import DEPENDS


@pytest.fixture(scope="module")
def result():
    return load_dataset(DATA_DIR)  # real today: no milestone may lie in the future


@pytest.fixture(scope="module")
def tables(result):
    return result.dataset.tables


@pytest.fixture(scope="module")
def raw():
    return {file.removesuffix(".csv"): read_rows(DATA_DIR, file) for file in TABLES}


# --- the real data ---

class TestRealData:
    def test_loads_without_errors(self, result):
        assert result.errors == (), "\n".join(i.message() for i in result.errors)

    def test_loads_without_warnings(self, result):
        # Warnings are for hand edits (stray spaces, CP949): the committed data should have none.
        assert result.issues == (), "\n".join(i.message() for i in result.issues)

    def test_strict_loading_agrees(self):
        dataset = load_dataset_strict(DATA_DIR)
        assert set(dataset.tables) == {f.removesuffix(".csv") for f in TABLES}

    def test_strict_loading_raises_with_every_issue(self, data_copy):
        set_cell(data_copy, "claims.csv", {"claim_id": "c-gov-s1"}, "value", "-5")
        set_cell(data_copy, "events.csv", {"event_id": "ev-sk-meeting"}, "date", "2025-02-30")
        with pytest.raises(DataError) as error:
            load_dataset_strict(data_copy)
        found = sorted((i.file, i.column) for i in error.value.issues)
        assert found == [("claims.csv", "value"), ("events.csv", "date")]
        assert str(error.value).splitlines() == [i.message() for i in error.value.issues]

    def test_every_row_is_served(self, tables, raw):
        for name, rows in raw.items():
            assert len(tables[name]) == len(rows), name
            assert list(tables[name]["_line"]) == list(range(2, len(rows) + 2)), name

    def test_text_comes_through_unchanged(self, tables, raw):
        # Korean and English text, ids and id lists: what the CSV says is what the pages get.
        for name, rows in raw.items():
            df = tables[name]
            for position, row in enumerate(rows):
                for column, cell in row.items():
                    value = df.iloc[position][column]
                    if isinstance(value, tuple):
                        assert list(value) == split_ids(cell), (name, position + 2, column)
                    elif isinstance(value, str) or value is None:
                        assert value == (cell.strip() or None), (name, position + 2, column)

    def test_dataset_attribute_access(self, result):
        assert result.dataset.claims is result.dataset.tables["claims"]
        with pytest.raises(AttributeError):
            result.dataset.no_such_table


class TestReferences:
    def test_loader_checks_the_documented_references(self):
        assert sorted(REFERENCES) == sorted(DEPENDS)

    def test_every_id_column_is_checked(self):
        # Any column naming ids of another table must be in REFERENCES, or a typo there would pass silently.
        checked = {(table, column) for table, column, _, _ in REFERENCES}
        for file, (row_model, id_column) in TABLES.items():
            table = file.removesuffix(".csv")
            for column in row_model.model_fields:
                names_ids = column.endswith(("_id", "_ids")) or column in ("topic", "primary_sector")
                if names_ids and column != id_column:
                    assert (table, column) in checked, f"{file}: column {column} is not checked against its table"

    def test_no_dangling_ids(self, tables):
        for table, column, ref_table, ref_column in REFERENCES:
            known = set(tables[ref_table][ref_column])
            for cell in tables[table][column].dropna():
                ids = cell if isinstance(cell, tuple) else (cell,)
                assert set(ids) <= known, (table, column, set(ids) - known)


# --- the numbers the dashboard shows, computed twice: by apecgpu.model and straight from the CSVs ---

def _gpu_allocation_ids(raw) -> list[str]:
    return [r["commitment_id"] for r in raw["commitments"] if r["kind"] == "gpu_allocation"]


def _claim(raw, claim_id: str) -> dict:
    return next(r for r in raw["claims"] if r["claim_id"] == claim_id)


class TestHeadlineNumbers:
    def test_each_allocation_is_the_majority_figure(self, tables, raw):
        allocations = model.gpu_allocations(tables).set_index("commitment_id")
        assert sorted(allocations.index) == sorted(_gpu_allocation_ids(raw))
        for commitment_id in _gpu_allocation_ids(raw):
            assert allocations.at[commitment_id, "gpus"] == headline_value(raw["claims"], "gpu_allocation",
                                                                           commitment_id)

    def test_allocations_add_up_to_the_stated_total(self, tables, raw):
        from_csv = sum(headline_value(raw["claims"], "gpu_allocation", c) for c in _gpu_allocation_ids(raw))
        stated_total = headline_value(raw["claims"], "gpu_total")
        allocations = model.gpu_allocations(tables)
        assert allocations["gpus"].sum() == from_csv == stated_total
        assert model.installed_base(tables, allocations)["total_stated"]["value"] == stated_total

    def test_sector_split_adds_up_to_the_same_total(self, tables, raw):
        allocations = model.gpu_allocations(tables)
        by_sector = model.gpus_by_sector(allocations)
        assert by_sector["gpus"].sum() == allocations["gpus"].sum()
        primary = {r["commitment_id"]: r["primary_sector"] for r in raw["commitments"]}
        expected: dict[str, float] = {}
        for c in _gpu_allocation_ids(raw):
            expected[primary[c]] = expected.get(primary[c], 0) + headline_value(raw["claims"], "gpu_allocation", c)
        assert dict(zip(by_sector["primary_sector"], by_sector["gpus"])) == expected

    @pytest.mark.parametrize("terms, expected", [
        ([], "exactly"), (["exactly", None, "exactly"], "exactly"), ([float("nan"), "exactly"], "exactly"),
        (["exactly", "at_least"], "at_least"), (["over", "over"], "over"), (["at_least", "over"], "at_least"),
        (["up_to", "exactly", "up_to"], "up_to"),
        (["up_to", "at_least"], "about"), (["about", "exactly"], "about"), (["over", "about"], "about"),
    ])
    def test_a_sum_is_exact_only_when_every_term_is(self, terms, expected):
        assert model.sum_qualifier(terms) == expected

    def test_installed_base_after_is_before_plus_allocations(self, tables, raw):
        allocations = model.gpu_allocations(tables)
        base = model.installed_base(tables, allocations)
        before = headline_value(raw["claims"], "installed_base_before")
        added = sum(headline_value(raw["claims"], "gpu_allocation", c) for c in _gpu_allocation_ids(raw))
        assert base["before"]["value"] == before
        assert base["added"] == added
        assert base["after_computed"] == before + added

    def test_computed_installed_base_is_consistent_with_the_stated_one(self, tables, raw):
        # s5 says the installed base grows to "at least" its stated figure; before + allocations must not be less.
        base = model.installed_base(tables, model.gpu_allocations(tables))
        stated = [r for r in raw["claims"] if r["topic"] == "installed_base_after"]
        assert stated and all(r["qualifier"] == "at_least" for r in stated)
        assert base["after_computed"] >= base["after_stated"]["value"] == headline_value(raw["claims"],
                                                                                          "installed_base_after")

    def test_source_facts(self, tables, raw):
        # A few figures as the articles state them, read by claim id from claims.csv.
        assert float(_claim(raw, "c-total-s3")["value"]) == 260_000
        assert float(_claim(raw, "c-gov-s3")["value"]) == 50_000
        assert float(_claim(raw, "c-naver-s1")["value"]) == 60_000
        assert float(_claim(raw, "c-base-before-s5")["value"]) == 65_000
        claims = tables["claims"].set_index("claim_id")
        for claim_id in ("c-total-s3", "c-gov-s3", "c-naver-s1", "c-base-before-s5", "c-hyundai-s5b"):
            assert claims.at[claim_id, "value"] == float(_claim(raw, claim_id)["value"])

    def test_a_minority_figure_is_kept_and_flagged_not_used(self, tables, raw):
        # s5 once writes 5000 for Hyundai where every other statement says 50,000 (likely a typo in the article).
        minority = float(_claim(raw, "c-hyundai-s5b")["value"])
        headline = model.headline(tables["claims"], "gpu_allocation", commitment_id="gpu-hyundai")
        assert headline["value"] == headline_value(raw["claims"], "gpu_allocation", "gpu-hyundai") != minority
        assert headline["differs_value"] and headline["disputed"]
        assert "c-hyundai-s5b" in headline["claim_ids"]
        versions = model.disagreements(tables, "en")
        assert minority in set(versions.loc[versions["commitment_id"] == "gpu-hyundai", "value"])


# --- the data version ---

class TestDataVersion:
    def test_same_content_same_version(self, data_copy):
        assert data_version(data_copy) == data_version(DATA_DIR)
        assert load_dataset(data_copy).dataset.version == data_version(data_copy)

    def test_is_a_short_hex_hash(self):
        version = data_version(DATA_DIR)
        assert len(version) == 8 and int(version, 16) >= 0

    @pytest.mark.parametrize("file", sorted(TABLES))
    def test_changes_when_any_file_changes(self, data_copy, file):
        before = data_version(data_copy)
        path = data_copy / file
        path.write_bytes(path.read_bytes() + b"\n")
        assert data_version(data_copy) != before

    def test_changes_when_a_cell_changes(self, data_copy):
        before = data_version(data_copy)
        set_cell(data_copy, "claims.csv", {"claim_id": "c-gov-s1"}, "note_en", "edited")
        assert data_version(data_copy) != before

    def test_ignores_files_that_are_not_csv(self, data_copy):
        before = data_version(data_copy)
        (data_copy / "notes.txt").write_text("scratch")
        assert data_version(data_copy) == before


# --- consensus on tiny synthetic claims ---

def _claims(*rows) -> pd.DataFrame:
    """Claims for one figure unless a row overrides topic/commitment: (claim_id, source_id, value, qualifier, ...)."""
    records = []
    for row in rows:
        claim_id, source_id, value, qualifier, *rest = row
        extra = rest[0] if rest else {}
        records.append({"claim_id": claim_id, "topic": "gpu_allocation", "commitment_id": "gpu-x", "org_id": "org-x",
                        "value": value, "unit": "gpu" if value is not None else None, "qualifier": qualifier,
                        "party_ids": (), "source_id": source_id, **extra})
    return pd.DataFrame.from_records(records)


class TestConsensus:
    def test_majority_value_wins_and_disagreement_is_flagged(self):
        out = model.claim_consensus(_claims(("a", "s1", 50000.0, "exactly"), ("b", "s2", 50000.0, "up_to"),
                                            ("c", "s3", 5000.0, "exactly")))
        assert len(out) == 1
        row = out.iloc[0]
        assert row["value"] == 50000.0
        assert row["differs_value"] and row["disputed"]
        assert row["n_sources"] == 3 and row["claim_ids"] == ("a", "b", "c")

    def test_unanimous_figure_is_not_disputed(self):
        row = model.claim_consensus(_claims(("a", "s1", 60000.0, "exactly"), ("b", "s2", 60000.0, "exactly"))).iloc[0]
        assert row["value"] == 60000.0 and row["qualifier"] == "exactly"
        assert not row["differs_value"] and not row["differs_qualifier"] and not row["disputed"]

    def test_sources_are_counted_once(self):
        # One article repeating a figure does not outvote another article: 1 source each, so the tie goes larger.
        row = model.claim_consensus(_claims(("a", "s5", 5000.0, "exactly"), ("b", "s5", 5000.0, "about"),
                                            ("c", "s1", 50000.0, "exactly"))).iloc[0]
        assert row["value"] == 50000.0 and row["differs_value"]

    def test_qualifier_is_the_most_common_for_the_headline_value(self):
        row = model.claim_consensus(_claims(("a", "s1", 50000.0, "up_to"), ("b", "s2", 50000.0, "up_to"),
                                            ("c", "s3", 50000.0, "at_least"))).iloc[0]
        assert row["qualifier"] == "up_to"
        assert row["differs_qualifier"] and not row["differs_value"] and row["disputed"]

    def test_different_parties_are_flagged(self):
        parties = model.claim_consensus(_claims(
            ("a", "s1", None, None, {"topic": "agreement_parties", "party_ids": ("nvidia", "msit")}),
            ("b", "s2", None, None, {"topic": "agreement_parties", "party_ids": ("msit", "nvidia", "etri")}),
        )).iloc[0]
        assert parties["differs_parties"] and parties["disputed"] and parties["value"] is None

    def test_each_figure_gets_its_own_row(self):
        out = model.claim_consensus(_claims(("a", "s1", 50000.0, "exactly"),
                                            ("b", "s1", 60000.0, "exactly", {"commitment_id": "gpu-y"})))
        assert dict(zip(out["commitment_id"], out["value"])) == {"gpu-x": 50000.0, "gpu-y": 60000.0}
        assert not out["disputed"].any()


# --- python -m apecgpu check / version ---

def _run(capsys, *argv) -> tuple[int, list[str]]:
    code = cli.main(list(map(str, argv)))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out.splitlines()


class TestCheckCommand:
    def test_real_data_passes(self, capsys):
        code, lines = _run(capsys, "check", "--data-dir", DATA_DIR)
        assert code == 0
        assert lines == [lines[-1]] and lines[-1].startswith("0 errors, 0 warnings")
        assert data_version(DATA_DIR) in lines[-1]

    def test_errors_exit_1_and_print_each_issue(self, capsys, data_copy):
        set_cell(data_copy, "claims.csv", {"claim_id": "c-gov-s1"}, "value", "-5")
        set_cell(data_copy, "events.csv", {"event_id": "ev-sk-meeting"}, "date", "2025-02-30")
        code, lines = _run(capsys, "check", "--data-dir", data_copy)
        assert code == 1
        errors = load_dataset(data_copy).errors
        assert lines[:-1] == [i.message() for i in errors]
        assert lines[-1].startswith(f"{len(errors)} errors, 0 warnings")

    def test_assumptions_file_is_checked_too(self, capsys, data_copy):
        from apecgpu.power import ASSUMPTIONS_FILE, load_assumptions

        set_cell(data_copy, ASSUMPTIONS_FILE, {"assumption_id": "pue"}, "value", "high")
        code, lines = _run(capsys, "check", "--data-dir", data_copy)
        assert code == 1
        with pytest.raises(DataError) as raised:
            load_assumptions(data_copy / ASSUMPTIONS_FILE)
        assert lines[:-1] == [i.message() for i in raised.value.issues]
        assert lines[0].startswith(f"{ASSUMPTIONS_FILE}, row ") and "column 'value'" in lines[0]

    def test_warnings_alone_exit_0(self, capsys, data_copy):
        set_cell(data_copy, "claims.csv", {"claim_id": "c-gov-s1"}, "source_id", " s1 ")
        code, lines = _run(capsys, "check", "--data-dir", data_copy)
        assert code == 0
        assert lines[0].startswith("warning: claims.csv, row ") and "source_id" in lines[0]
        assert lines[-1].startswith("0 errors, 1 warning;")

    def test_errors_come_before_warnings(self, capsys, data_copy):
        set_cell(data_copy, "claims.csv", {"claim_id": "c-gov-s1"}, "source_id", " s1 ")  # warning, early row
        append_row(data_copy, "sectors.csv", {"sector_id": "cloud", "name_ko": "x", "name_en": "x", "sort_order": "11"})
        code, lines = _run(capsys, "check", "--data-dir", data_copy)
        assert code == 1
        assert lines[0].startswith("sectors.csv, row 12, column 'sector_id'")
        assert lines[1].startswith("warning: claims.csv")
        assert lines[2].startswith("1 error, 1 warning;")

    def test_missing_folder_is_an_error_line(self, capsys, tmp_path):
        code, lines = _run(capsys, "check", "--data-dir", tmp_path / "nowhere")
        assert code == 1
        assert lines[0].startswith(f"{tmp_path / 'nowhere'}: found no such folder")

    def test_unexpected_failure_exits_2_naming_the_file(self, capsys, data_copy):
        # A folder where a CSV should be: the loader does not expect it, the command must still answer plainly.
        (data_copy / "claims.csv").unlink()
        (data_copy / "claims.csv").mkdir()
        code, lines = _run(capsys, "check", "--data-dir", data_copy)
        assert code == 2
        assert lines[0].startswith("claims.csv: found an unexpected ")
        assert lines[-1].startswith("check failed")

    def test_data_dir_from_environment(self, capsys, data_copy, monkeypatch):
        set_cell(data_copy, "claims.csv", {"claim_id": "c-gov-s1"}, "value", "-5")
        monkeypatch.setenv("APECGPU_DATA_DIR", str(data_copy))
        code, _ = _run(capsys, "check")
        assert code == 1

    def test_version_prints_the_data_version(self, capsys, data_copy):
        code, lines = _run(capsys, "version", "--data-dir", data_copy)
        assert (code, lines) == (0, [data_version(data_copy)])
        set_cell(data_copy, "sectors.csv", {"sector_id": "cloud"}, "name_en", "Cloud computing")
        code, lines = _run(capsys, "version", "--data-dir", data_copy)
        assert (code, lines) == (0, [data_version(data_copy)])

    def test_version_of_missing_folder(self, capsys, tmp_path):
        code, lines = _run(capsys, "version", "--data-dir", tmp_path / "nowhere")
        assert code == 1 and "no such folder" in lines[0]

    def test_no_command_is_a_usage_error(self, capsys):
        with pytest.raises(SystemExit) as exit_info:
            cli.main([])
        assert exit_info.value.code == 2
        assert "usage:" in capsys.readouterr().err

    def test_runs_as_a_module_without_streamlit(self):
        code = ("import runpy, sys; sys.argv = ['apecgpu', 'version']\n"
                "try:\n    runpy.run_module('apecgpu', run_name='__main__')\n"
                "except SystemExit as e:\n    assert e.code == 0, e.code\n"
                "assert 'streamlit' not in sys.modules, 'the CLI imported streamlit'\n")
        env = {**os.environ, "APECGPU_DATA_DIR": str(DATA_DIR)}
        done = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, env=env, capture_output=True, text=True,
                              timeout=60)
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == data_version(DATA_DIR)
