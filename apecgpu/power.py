"""Power and energy ESTIMATE for the GPUs (from stated assumptions, not from the articles), and its URL parameters."""
from __future__ import annotations

import functools
import math
import numbers
import re
import unicodedata
from pathlib import Path
from typing import Mapping, Optional, Union

import pandas as pd

from .data import DataError, DataIssue, _short, data_dir_from_env, read_rows
from .schema import AssumptionRow

ASSUMPTIONS_FILE = "assumptions.csv"
HOURS_PER_YEAR = 8760
# The ids the estimate needs; assumptions.csv may hold more, never fewer.
REQUIRED_ASSUMPTIONS = ("kw_per_gpu", "pue", "utilisation", "hours_per_year")
# assumption_id -> URL query key. Short keys keep shared links readable.
PARAM_KEYS = {"kw_per_gpu": "kw", "pue": "pue", "utilisation": "util"}
RAMP_PARAM = "ramp"
# Cumulative share of GPUs installed by the end of each year. Illustrative only: the articles give no
# schedule (Samsung's GPUs come "over the coming years"); see data/assumptions.md.
DEFAULT_RAMP = {2026: 0.3, 2027: 0.7, 2028: 1.0}
RAMP_YEARS = (2025, 2040)  # earliest and latest year a ramp may name
MAX_RAMP_ENTRIES = RAMP_YEARS[1] - RAMP_YEARS[0] + 1
# Longest URL value read at all: a number needs a dozen characters, a full ramp about 200.
MAX_NUMBER_CHARS = 32
MAX_RAMP_CHARS = 256
SHOWN_CHARS = 40  # how much of a rejected value a message repeats

POWER_COLUMNS = ["it_mw", "meter_mw", "average_mw", "gwh_per_year"]
ESTIMATE_COLUMNS = ["commitment_id", "recipient", "gpus", *POWER_COLUMNS, "is_total"]
SCHEDULE_COLUMNS = ["year", "commitment_id", "recipient", "share", "gpus", "gpus_added"]
BY_YEAR_COLUMNS = ["year", "share", "gpus", *POWER_COLUMNS]

_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_YEAR = re.compile(r"^\d{4}$")


# --- assumptions file -----------------------------------------------------------------------------------------

ASSUMPTION_COLUMNS = list(AssumptionRow.model_fields)


def _row_rules(row) -> list[tuple[str, str, str]]:
    """(column, found, expected) for every rule the row model cannot state alone (row: one row of the frame)."""
    problems = []
    step = None if pd.isna(row.step) else row.step  # a blank step is NaN in the frame
    for col, x in (("value", row.value), ("min", row.min), ("max", row.max), ("step", step)):
        if x is not None and not math.isfinite(x):
            problems.append((col, _short(x), "a finite number"))
    if problems:
        return problems
    if row.min > row.max:
        problems.append(("max", _short(row.max), f"a number no smaller than min ({row.min:g})"))
    elif not row.min <= row.value <= row.max:
        problems.append(("value", _short(row.value), f"a default between min ({row.min:g}) and max ({row.max:g})"))
    if row.min < row.max and (step is None or step <= 0):
        problems.append(("step", _short(step if step is not None else ""),
                         "a step above zero (the slider moves by it), since min and max differ"))
    return problems


def load_assumptions(path: Union[str, Path]) -> pd.DataFrame:
    """Read and validate assumptions.csv; raise DataError naming every bad file, row and column."""
    path = Path(path)
    issues: list[DataIssue] = []
    rows = read_rows(path, AssumptionRow, issues)
    if any(i.severity == "error" and i.row in (None, 1) for i in issues):
        raise DataError([i for i in issues if i.severity == "error"])  # no file, no header: nothing more to say
    seen = {}
    for row, line in zip(rows.itertuples(index=False), rows["_line"].tolist()):  # itertuples renames _line
        problems = _row_rules(row)
        for col, found, expected in problems:
            issues.append(DataIssue(path.name, line, col, found, expected))
        if row.assumption_id in seen:
            issues.append(DataIssue(path.name, line, "assumption_id", _short(row.assumption_id),
                                    f"a unique id (already used on row {seen[row.assumption_id]})"))
            continue
        seen[row.assumption_id] = line
    for required in REQUIRED_ASSUMPTIONS:
        if required not in seen:
            issues.append(DataIssue(path.name, None, "assumption_id", f"no row for '{required}'",
                                    f"one row for each of {', '.join(REQUIRED_ASSUMPTIONS)}"))
    errors = [i for i in issues if i.severity == "error"]
    if errors:
        raise DataError(sorted(errors, key=lambda i: (i.row is None, i.row or 0)))  # by row, file-wide last
    return rows


@functools.lru_cache(maxsize=8)
def _load_cached(path: str, signature: tuple) -> pd.DataFrame:
    return load_assumptions(path)


def load_data_assumptions(data_dir: Optional[Union[str, Path]] = None) -> pd.DataFrame:
    """assumptions.csv of the data folder (APECGPU_DATA_DIR or data/), re-read only when the file changes.

    Callers must not modify the returned frame: it is shared. Raises DataError like load_assumptions.
    """
    path = Path(data_dir if data_dir is not None else data_dir_from_env()) / ASSUMPTIONS_FILE
    stat = path.stat() if path.exists() else None
    return _load_cached(str(path), (stat.st_size, stat.st_mtime_ns) if stat else ("missing",))


def assumption_defaults(assumptions: pd.DataFrame) -> dict[str, float]:
    """assumption_id -> default value."""
    return {r.assumption_id: float(r.value) for r in assumptions.itertuples()}


# --- the estimate ---------------------------------------------------------------------------------------------

def _check_factors(kw_per_gpu: float, pue: float, utilisation: float, hours_per_year: float) -> None:
    checks = [
        ("kw_per_gpu", kw_per_gpu, lambda x: x > 0, "above 0"),
        ("pue", pue, lambda x: x >= 1, "at least 1 (a facility cannot use less power than its IT load)"),
        ("utilisation", utilisation, lambda x: 0 < x <= 1, "above 0 and at most 1"),
        ("hours_per_year", hours_per_year, lambda x: 0 < x <= 8784, "above 0 and at most 8784"),
    ]
    for name, x, ok, expected in checks:
        if isinstance(x, bool) or not isinstance(x, numbers.Real) or not math.isfinite(x) or not ok(x):
            raise ValueError(f"{name} must be a finite number {expected}, not {x!r}")


def _power(gpus: pd.Series, kw_per_gpu: float, pue: float, utilisation: float, hours_per_year: float) -> dict:
    it_mw = gpus * kw_per_gpu / 1000  # kW -> MW
    meter_mw = it_mw * pue  # cooling, power conversion and the rest of the building on top of the IT load
    average_mw = meter_mw * utilisation
    return {"it_mw": it_mw, "meter_mw": meter_mw, "average_mw": average_mw,
            "gwh_per_year": average_mw * hours_per_year / 1000}  # MWh -> GWh


def _gpus(allocations: pd.DataFrame) -> pd.Series:
    missing = [c for c in ("commitment_id", "recipient", "gpus") if c not in allocations.columns]
    if missing:
        raise ValueError(f"allocations is missing columns: {missing}")
    gpus = pd.to_numeric(allocations["gpus"], errors="coerce").astype(float)
    bad = allocations.loc[gpus.isna() | (gpus < 0) | ~gpus.map(math.isfinite), "commitment_id"]
    if not bad.empty:
        raise ValueError(f"allocations has GPU counts that are not finite numbers of zero or more for: {list(bad)}")
    return gpus


def estimate_power(allocations: pd.DataFrame, *, kw_per_gpu: float, pue: float, utilisation: float,
                   hours_per_year: float = HOURS_PER_YEAR, total_label: str = "total") -> pd.DataFrame:
    """Per recipient and in total: MW of IT load at full power, MW at the meter, average MW and GWh per year.

    it_mw = gpus × kW/GPU ÷ 1000; meter_mw = it_mw × PUE; average_mw = meter_mw × utilisation;
    gwh_per_year = average_mw × hours ÷ 1000. The last row (is_total) sums all recipients.
    """
    _check_factors(kw_per_gpu, pue, utilisation, hours_per_year)
    gpus = _gpus(allocations)
    per = pd.DataFrame({"commitment_id": allocations["commitment_id"].to_numpy(),
                        "recipient": allocations["recipient"].to_numpy(), "gpus": gpus.to_numpy()})
    total_gpus = float(per["gpus"].sum())
    total = pd.DataFrame({"commitment_id": [None], "recipient": [total_label], "gpus": [total_gpus]})
    # Computed from the summed GPU count, not by summing rounded parts, so the total is exact.
    out = pd.concat([per, total], ignore_index=True) if not per.empty else total
    out = out.assign(**_power(out["gpus"], kw_per_gpu, pue, utilisation, hours_per_year))
    out["is_total"] = [False] * (len(out) - 1) + [True]
    return out[ESTIMATE_COLUMNS]


class RampError(ValueError):
    """A roll-out schedule that cannot be used, said in Korean and English (str() gives both)."""

    def __init__(self, ko: str, en: str):
        self.ko, self.en = ko, en
        super().__init__(f"{ko} / {en}")

    def message(self, lang: str = "ko") -> str:
        return self.ko if lang == "ko" else self.en


def validate_ramp(shares_by_year: Mapping[int, float]) -> dict[int, float]:
    """The schedule sorted by year; RampError if a year or share is invalid or shares ever decrease."""
    if not shares_by_year:
        raise RampError("연도별 설치 비율이 하나도 없습니다.", "The roll-out schedule has no years.")
    if len(shares_by_year) > MAX_RAMP_ENTRIES:
        raise RampError(f"연도는 {MAX_RAMP_ENTRIES}개까지 넣을 수 있습니다.",
                        f"The schedule may name at most {MAX_RAMP_ENTRIES} years.")
    lo, hi = RAMP_YEARS
    clean: dict[int, float] = {}
    for year, share in shares_by_year.items():
        if isinstance(year, bool) or not isinstance(year, numbers.Integral) or not lo <= year <= hi:
            raise RampError(f"연도 {_shown(year)}: {lo}–{hi} 사이의 연도여야 합니다.",
                            f"Year {_shown(year)}: expected a year from {lo} to {hi}.")
        if isinstance(share, bool) or not isinstance(share, numbers.Real) or not math.isfinite(share) \
                or not 0 <= share <= 1:
            raise RampError(f"{year}년 비율 {_shown(share)}: 0과 1 사이의 숫자여야 합니다.",
                            f"Share for {year} is {_shown(share)}: expected a number from 0 to 1.")
        clean[int(year)] = float(share)
    ordered = dict(sorted(clean.items()))
    years = list(ordered)
    for before, after in zip(years, years[1:]):
        if ordered[after] < ordered[before]:
            raise RampError(
                f"{after}년 비율({ordered[after]:g})이 {before}년({ordered[before]:g})보다 작습니다. "
                "누적 비율이므로 해마다 같거나 커야 합니다.",
                f"Share for {after} ({ordered[after]:g}) is lower than for {before} ({ordered[before]:g}): "
                "shares are cumulative, so each year must be at least the year before.")
    return ordered


def rollout_schedule(allocations: pd.DataFrame, shares_by_year: Mapping[int, float]) -> pd.DataFrame:
    """GPUs installed by the end of each year per recipient, applying the same cumulative share to every allocation."""
    ramp = validate_ramp(shares_by_year)
    gpus = _gpus(allocations)
    rows, previous = [], 0.0
    for year, share in ramp.items():
        for cid, recipient, n in zip(allocations["commitment_id"], allocations["recipient"], gpus):
            rows.append({"year": year, "commitment_id": cid, "recipient": recipient, "share": share,
                         "gpus": n * share, "gpus_added": n * (share - previous)})
        previous = share
    return pd.DataFrame(rows, columns=SCHEDULE_COLUMNS)


def power_by_year(allocations: pd.DataFrame, shares_by_year: Mapping[int, float], *, kw_per_gpu: float,
                  pue: float, utilisation: float, hours_per_year: float = HOURS_PER_YEAR) -> pd.DataFrame:
    """Power of the GPUs installed by the end of each year (a year-end run rate, not the energy used in that year)."""
    _check_factors(kw_per_gpu, pue, utilisation, hours_per_year)
    ramp = validate_ramp(shares_by_year)
    total = float(_gpus(allocations).sum())
    out = pd.DataFrame({"year": list(ramp), "share": list(ramp.values())})
    out["gpus"] = out["share"] * total
    out = out.assign(**_power(out["gpus"], kw_per_gpu, pue, utilisation, hours_per_year))
    return out[BY_YEAR_COLUMNS]


# --- URL parameters -------------------------------------------------------------------------------------------

def _shown(raw) -> str:
    """A rejected value made safe to repeat: control characters dropped, markup characters masked, truncated."""
    text = "".join(ch for ch in str(raw) if not unicodedata.category(ch).startswith("C"))
    # Only letters, digits and a few separators survive, so no Markdown or HTML can form in a message.
    text = "".join(ch if ch.isalnum() or ch in ".,:+- " else "?" for ch in text)
    return text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS] + "…"


def _last(value) -> Optional[str]:
    # st.query_params gives a string; get_all() and parse_qs give lists. The last value wins, as in Streamlit.
    if isinstance(value, (list, tuple)):
        return str(value[-1]) if value else None
    return None if value is None else str(value)


_MESSAGES = {
    "long": ("URL의 '{key}' 값이 너무 깁니다({n}자). 기본값 {default}을(를) 씁니다.",
             "URL value '{key}' is too long ({n} characters); using the default {default}."),
    "nan": ("URL의 '{key}' 값 '{shown}'은(는) 숫자가 아닙니다. 기본값 {default}을(를) 씁니다.",
            "URL value '{key}'='{shown}' is not a number; using the default {default}."),
    "range": ("URL의 '{key}' 값 {shown}이(가) 허용 범위({lo}–{hi}) 밖입니다. 기본값 {default}을(를) 씁니다.",
              "URL value '{key}'={shown} is outside the allowed range {lo}–{hi}; using the default {default}."),
    "ramp": ("URL의 '{key}' 값 '{shown}'을(를) 읽을 수 없습니다({why}). 기본 일정 {default}을(를) 씁니다.",
             "URL value '{key}'='{shown}' cannot be used ({why}); using the default schedule {default}."),
}


def _message(kind: str, lang: str, **fields) -> str:
    return _MESSAGES[kind][0 if lang == "ko" else 1].format(**fields)


def _parse_number(text: str) -> Optional[float]:
    text = text.strip()
    if not _NUMBER.match(text):
        return None  # also refuses 'nan', 'inf', '1_000' and '0x10', which float() would take
    x = float(text)
    return x if math.isfinite(x) else None


def format_ramp(ramp: Mapping[int, float]) -> str:
    """A schedule as the URL writes it: '2026:0.3,2027:0.7,2028:1'."""
    return ",".join(f"{year}:{share:.6g}" for year, share in sorted(ramp.items()))


def parse_ramp(text: str) -> dict[int, float]:
    """Read '2026:0.3,2027:0.7,2028:1' into a validated schedule; RampError says what is wrong."""
    if len(text) > MAX_RAMP_CHARS:
        raise RampError(f"{len(text)}자로 너무 깁니다", f"{len(text)} characters is too long")
    ramp: dict[int, float] = {}
    for part in text.split(","):
        year_text, sep, share_text = part.strip().partition(":")
        share = _parse_number(share_text) if sep else None
        if not _YEAR.match(year_text.strip()) or share is None:
            raise RampError(f"'{_shown(part)}'이(가) '연도:비율' 형식이 아닙니다",
                            f"'{_shown(part)}' is not 'year:share'")
        year = int(year_text)
        if year in ramp:
            raise RampError(f"{year}년이 두 번 나옵니다", f"{year} appears twice")
        ramp[year] = share
    return validate_ramp(ramp)


def parse_assumption_params(query: Mapping[str, Union[str, list[str]]], assumptions: pd.DataFrame,
                            lang: str = "ko") -> tuple[dict, list[str]]:
    """Assumption values from URL query parameters, falling back to the defaults with a message for each bad one.

    Returns ({assumption_id: value, ..., "ramp": {year: share}}, messages). Every assumption in the table gets
    a value; only those in PARAM_KEYS can be set from the URL. Messages never repeat raw markup.
    """
    values = assumption_defaults(assumptions)
    limits = {r.assumption_id: (float(r.min), float(r.max)) for r in assumptions.itertuples()}
    messages: list[str] = []
    for assumption_id, key in PARAM_KEYS.items():
        raw = _last(query.get(key))
        if raw is None or assumption_id not in values:
            continue
        default = values[assumption_id]
        fields = {"key": key, "default": f"{default:g}", "shown": _shown(raw)}
        if len(raw) > MAX_NUMBER_CHARS:
            messages.append(_message("long", lang, n=len(raw), **fields))
            continue
        x = _parse_number(raw)
        if x is None:
            messages.append(_message("nan", lang, **fields))
            continue
        lo, hi = limits[assumption_id]
        if not lo <= x <= hi:
            messages.append(_message("range", lang, lo=f"{lo:g}", hi=f"{hi:g}", **fields))
            continue
        values[assumption_id] = x
    ramp = dict(DEFAULT_RAMP)
    raw = _last(query.get(RAMP_PARAM))
    if raw is not None:
        try:
            ramp = parse_ramp(raw)
        except RampError as err:
            messages.append(_message("ramp", lang, key=RAMP_PARAM, shown=_shown(raw), why=err.message(lang).rstrip("."),
                                     default=format_ramp(DEFAULT_RAMP)))
    values["ramp"] = ramp
    return values, messages


def assumption_params(values: Mapping) -> dict[str, str]:
    """URL query parameters for the given values (the inverse of parse_assumption_params)."""
    params = {key: f"{float(values[aid]):.6g}" for aid, key in PARAM_KEYS.items() if aid in values}
    if values.get("ramp"):
        params[RAMP_PARAM] = format_ramp(values["ramp"])
    return params
