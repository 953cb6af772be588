"""Power estimate: arithmetic against hand calculations, the assumptions file, roll-out schedules and URL params."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from apecgpu import model, power
from apecgpu.data import DEFAULT_DATA_DIR, DataError, load_dataset

# The total the articles state, read from claims.csv (never typed in): the real-data checks compare against it.
from apecgpu import data as _data, model as _model  # noqa: E402
STATED_TOTAL = _model.headline(_data.load_dataset_strict().tables["claims"], "gpu_total")["value"]

HEADER = ",".join(power.ASSUMPTION_COLUMNS)
GOOD_ROWS = [
    "kw_per_gpu,1.7,kW,전력,Power,0.5,3,0.05,출처,Source,,",
    "pue,1.3,PUE,PUE,PUE,1.1,2,0.05,출처,Source,,",
    "utilisation,0.8,비율,부하,Load,0.1,1,0.05,출처,Source,,",
    "hours_per_year,8760,h,시간,Hours,8760,8760,,출처,Source,,",
]


def write_assumptions(tmp_path, rows=GOOD_ROWS, header=HEADER):
    path = tmp_path / "assumptions.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def assumptions():
    return power.load_assumptions(DEFAULT_DATA_DIR / power.ASSUMPTIONS_FILE)


@pytest.fixture(scope="module")
def allocations():
    result = load_dataset(DEFAULT_DATA_DIR)
    assert not result.errors
    return model.gpu_allocations(result.dataset.tables)


def one(gpus=60_000):
    return pd.DataFrame({"commitment_id": ["gpu-naver-cloud"], "recipient": ["Naver Cloud"], "gpus": [gpus]})


DEFAULTS = {"kw_per_gpu": 1.7, "pue": 1.3, "utilisation": 0.8}


class TestEstimate:
    def test_hand_calculation(self):
        # 60,000 GPUs × 1.7 kW = 102 MW IT; × 1.3 PUE = 132.6 MW; × 0.8 = 106.08 MW; × 8,760 h = 929.2608 GWh.
        row = power.estimate_power(one(), **DEFAULTS).iloc[0]
        assert row["it_mw"] == pytest.approx(102.0)
        assert row["meter_mw"] == pytest.approx(132.6)
        assert row["average_mw"] == pytest.approx(106.08)
        assert row["gwh_per_year"] == pytest.approx(929.2608)

    def test_total_row_for_the_whole_deal(self, allocations):
        # 260,000 × 1.7 = 442 MW IT; × 1.3 = 574.6 MW; × 0.8 = 459.68 MW; × 8.76 = 4,026.7968 GWh.
        est = power.estimate_power(allocations, **DEFAULTS, total_label="합계")
        total = est[est["is_total"]].iloc[0]
        assert total["recipient"] == "합계"
        assert total["gpus"] == STATED_TOTAL
        assert (total["it_mw"], total["meter_mw"]) == (pytest.approx(442.0), pytest.approx(574.6))
        assert total["gwh_per_year"] == pytest.approx(4026.7968)
        parts = est[~est["is_total"]]
        assert len(parts) == len(allocations)
        assert parts["gwh_per_year"].sum() == pytest.approx(total["gwh_per_year"])

    @pytest.mark.parametrize("bad", [{"kw_per_gpu": 0}, {"pue": 0.9}, {"utilisation": 1.5}, {"utilisation": 0},
                                     {"kw_per_gpu": math.nan}, {"pue": math.inf}])
    def test_impossible_factors_are_refused(self, bad):
        with pytest.raises(ValueError):
            power.estimate_power(one(), **{**DEFAULTS, **bad})

    def test_bad_gpu_counts_are_refused(self):
        with pytest.raises(ValueError, match="gpu-naver-cloud"):
            power.estimate_power(one(-5), **DEFAULTS)
        with pytest.raises(ValueError, match="missing columns"):
            power.estimate_power(pd.DataFrame({"gpus": [1]}), **DEFAULTS)


class TestAssumptionsFile:
    def test_real_file_defaults(self, assumptions):
        defaults = power.assumption_defaults(assumptions)
        assert defaults == {"kw_per_gpu": 1.7, "pue": 1.3, "utilisation": 0.8, "hours_per_year": 8760}
        row = assumptions.set_index("assumption_id")
        assert (row.at["pue", "min"], row.at["pue", "max"]) == (1.1, 2.0)
        assert (row.at["utilisation", "min"], row.at["utilisation", "max"]) == (0.1, 1.0)
        assert row.at["hours_per_year", "min"] == row.at["hours_per_year", "max"]  # not a control
        assert "120" in row.at["kw_per_gpu", "note_en"] and "72" in row.at["kw_per_gpu", "note_en"]
        for col in ("label_ko", "label_en", "source_ko", "source_en"):
            assert row[col].str.len().min() > 0

    def test_notes_file_documents_every_assumption(self, assumptions):
        notes = (DEFAULT_DATA_DIR / "assumptions.md").read_text(encoding="utf-8")
        for assumption_id in assumptions["assumption_id"]:
            assert assumption_id in notes
        assert power.format_ramp(power.DEFAULT_RAMP) in notes

    def test_good_file_loads(self, tmp_path):
        assert len(power.load_assumptions(write_assumptions(tmp_path))) == 4

    @pytest.mark.parametrize("row, column, fragment", [
        ("pue,0.5,PUE,PUE,PUE,1.1,2,0.05,출처,Source,,", "value", "between min"),
        ("pue,abc,PUE,PUE,PUE,1.1,2,0.05,출처,Source,,", "value", "a number"),
        ("pue,1.3,PUE,PUE,PUE,2,1.1,0.05,출처,Source,,", "max", "no smaller than min"),
        ("pue,1.3,PUE,PUE,PUE,1.1,2,,출처,Source,,", "step", "step above zero"),
        ("pue,1.3,PUE,PUE,PUE,1.1,2,0.05,,Source,,", "source_ko", "may not be empty"),
        ("pue,nan,PUE,PUE,PUE,1.1,2,0.05,출처,Source,,", "value", "finite"),
    ])
    def test_bad_row_is_named_by_file_row_and_column(self, tmp_path, row, column, fragment):
        rows = [r for r in GOOD_ROWS if not r.startswith("pue,")] + [row]
        with pytest.raises(DataError) as info:
            power.load_assumptions(write_assumptions(tmp_path, rows))
        issue = info.value.issues[0]
        assert (issue.file, issue.row, issue.column) == ("assumptions.csv", 5, column)
        assert fragment in issue.message()

    def test_missing_column_and_required_row(self, tmp_path):
        with pytest.raises(DataError, match="column 'step'"):
            power.load_assumptions(write_assumptions(tmp_path, header=HEADER.replace(",step", "")))
        with pytest.raises(DataError, match="no row for 'pue'"):
            power.load_assumptions(write_assumptions(tmp_path, [r for r in GOOD_ROWS if not r.startswith("pue,")]))

    def test_duplicate_id(self, tmp_path):
        with pytest.raises(DataError, match="already used on row 2"):
            power.load_assumptions(write_assumptions(tmp_path, GOOD_ROWS + [GOOD_ROWS[0]]))

    def test_missing_file(self, tmp_path):
        with pytest.raises(DataError, match="no such file"):
            power.load_assumptions(tmp_path / "assumptions.csv")


class TestRollout:
    RAMP = {2026: 0.3, 2027: 0.7, 2028: 1.0}

    def test_schedule(self):
        sched = power.rollout_schedule(one(), {2028: 1.0, 2026: 0.3, 2027: 0.7})  # any order in, years sorted out
        assert list(sched["year"]) == [2026, 2027, 2028]
        assert list(sched["gpus"]) == pytest.approx([18_000, 42_000, 60_000])
        assert list(sched["gpus_added"]) == pytest.approx([18_000, 24_000, 18_000])

    def test_power_by_year(self, allocations):
        by_year = power.power_by_year(allocations, self.RAMP, **DEFAULTS).set_index("year")
        assert by_year.at[2026, "gpus"] == pytest.approx(78_000)
        assert by_year.at[2026, "it_mw"] == pytest.approx(78_000 * 1.7 / 1000)
        total = power.estimate_power(allocations, **DEFAULTS).iloc[-1]
        assert by_year.at[2028, "gwh_per_year"] == pytest.approx(total["gwh_per_year"])

    @pytest.mark.parametrize("ramp, fragment", [
        ({2026: 0.7, 2027: 0.3}, "Share for 2027 (0.3) is lower than for 2026 (0.7)"),
        ({2026: 1.5}, "Share for 2026 is 1.5: expected a number from 0 to 1"),
        ({2026: -0.1}, "expected a number from 0 to 1"),
        ({2026: math.nan}, "expected a number from 0 to 1"),
        ({1999: 0.5}, "expected a year from 2025 to 2040"),
        ({}, "no years"),
    ])
    def test_invalid_ramps_raise_precise_errors(self, ramp, fragment):
        with pytest.raises(ValueError, match=fragment.replace("(", r"\(").replace(")", r"\)")) as info:
            power.rollout_schedule(one(), ramp)
        assert info.value.message("ko") and info.value.message("en")


class TestUrlParams:
    def test_defaults_without_params(self, assumptions):
        values, messages = power.parse_assumption_params({}, assumptions)
        assert messages == []
        assert values == {"kw_per_gpu": 1.7, "pue": 1.3, "utilisation": 0.8, "hours_per_year": 8760,
                          "ramp": power.DEFAULT_RAMP}

    def test_good_params(self, assumptions):
        query = {"kw": "1.2", "pue": "1.5", "util": ["0.4", "0.6"], "ramp": "2026:0.5,2027:1", "lang": "en"}
        values, messages = power.parse_assumption_params(query, assumptions)
        assert messages == []
        assert (values["kw_per_gpu"], values["pue"], values["utilisation"]) == (1.2, 1.5, 0.6)  # last value wins
        assert values["ramp"] == {2026: 0.5, 2027: 1.0}

    @pytest.mark.parametrize("key, raw", [
        ("kw", "abc"), ("kw", "nan"), ("kw", "NaN"), ("kw", "inf"), ("kw", "-inf"), ("kw", "1e999"),
        ("kw", "1_000"), ("kw", "0x10"), ("kw", ""), ("pue", "9"), ("pue", "1.0"), ("util", "0"),
        ("util", "1" * 500), ("kw", "<script>alert(1)</script>"), ("kw", "[x](http://evil)"),
        ("pue", "1.3\x00\x1b[31m"), ("kw", "1,7"),
    ])
    def test_bad_value_falls_back_with_a_safe_message(self, assumptions, key, raw):
        values, messages = power.parse_assumption_params({key: raw}, assumptions, lang="en")
        defaults = power.assumption_defaults(assumptions)
        assumption_id = {v: k for k, v in power.PARAM_KEYS.items()}[key]
        assert values[assumption_id] == defaults[assumption_id]
        assert len(messages) == 1 and f"'{key}'" in messages[0]
        # Our own templates use parentheses; what must never appear is markup or control characters from the URL.
        assert not any(ch in messages[0] for ch in "<>[]`*_\x00\x1b")
        assert len(messages[0]) < 200

    def test_long_value_is_truncated_in_the_message(self, assumptions):
        _, messages = power.parse_assumption_params({"ramp": "2026:0.3," * 100}, assumptions, lang="en")
        assert "…" in messages[0]
        assert "2026:0.3," * 5 not in messages[0]

    @pytest.mark.parametrize("raw", ["2026:0.7,2027:0.3", "2026", "2026:x", "abcd:0.5", "2026:0.5,2026:0.6",
                                     "2026:2", "2026:0.5;2027:1", ""])
    def test_bad_ramp_falls_back(self, assumptions, raw):
        values, messages = power.parse_assumption_params({"ramp": raw}, assumptions)
        assert values["ramp"] == power.DEFAULT_RAMP
        assert len(messages) == 1 and "'ramp'" in messages[0]

    def test_messages_in_both_languages(self, assumptions):
        _, ko = power.parse_assumption_params({"kw": "abc"}, assumptions, lang="ko")
        _, en = power.parse_assumption_params({"kw": "abc"}, assumptions, lang="en")
        assert "숫자가 아닙니다" in ko[0] and "not a number" in en[0]

    def test_round_trip(self, assumptions):
        chosen = {"kw_per_gpu": 1.25, "pue": 1.45, "utilisation": 0.65, "ramp": {2026: 0.25, 2029: 1.0}}
        params = power.assumption_params(chosen)
        assert params == {"kw": "1.25", "pue": "1.45", "util": "0.65", "ramp": "2026:0.25,2029:1"}
        values, messages = power.parse_assumption_params(params, assumptions)
        assert messages == []
        assert {k: values[k] for k in chosen} == chosen
