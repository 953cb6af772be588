"""Command line for the data: `python -m apecgpu check` validates data/*.csv (the tables and the power page's
assumptions.csv); `version` prints the data version."""
from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path
from typing import Optional, Sequence

from .data import DATA_DIR_ENV, DataError, DataIssue, data_dir_from_env, data_version, load_dataset
from .power import ASSUMPTIONS_FILE, load_assumptions
from .schema import TABLES

# Exit codes: 1 means "the data has errors" (fix the CSVs); 2 means the check itself could not run.
EXIT_OK, EXIT_DATA_ERRORS, EXIT_CRASH = 0, 1, 2


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _file_from_traceback(exc: BaseException) -> Optional[str]:
    """The data file the loader was working on when it failed, read from the loader's own frames (innermost first)."""
    tb = exc.__traceback__
    frames = []
    while tb is not None:
        frames.append(tb.tb_frame)
        tb = tb.tb_next
    for frame in reversed(frames):
        if not frame.f_globals.get("__name__", "").startswith("apecgpu"):
            continue
        for name in ("path", "name", "file", "table"):
            value = frame.f_locals.get(name)
            if isinstance(value, Path):
                return value.name
            if isinstance(value, str) and (value in TABLES or f"{value}.csv" in TABLES):
                return value if value in TABLES else f"{value}.csv"
    return None


def _crash_issue(exc: BaseException, data_dir: Path) -> DataIssue:
    file = _file_from_traceback(exc) or str(data_dir)
    detail = str(exc).strip() or "no details"
    return DataIssue(file, None, None, f"an unexpected {type(exc).__name__} while loading ({detail})",
                     "a readable data file; if the file looks right, report this with the output of the check")


def _print(line: str) -> None:
    print(line, flush=True)


def cmd_check(data_dir: Path, verbose: bool = False) -> int:
    try:
        result = load_dataset(data_dir)
    except Exception as exc:  # the loader reports bad data as issues; anything raised is a bug or an OS error
        _print(_crash_issue(exc, data_dir).message())
        if verbose:
            traceback.print_exc(file=sys.stderr)
        _print(f"check failed: could not finish loading {data_dir}")
        return EXIT_CRASH
    issues, rows = list(result.issues), sum(len(df) for df in result.dataset.tables.values())
    if data_dir.is_dir():  # a missing folder is already one error; not a second one for this file
        try:
            rows += len(load_assumptions(data_dir / ASSUMPTIONS_FILE))
        except DataError as exc:  # read by the power page on its own: strict, so every issue is an error
            issues += exc.issues
    errors = [i for i in issues if i.severity == "error"]
    warnings = [i for i in issues if i.severity != "error"]
    for issue in errors:
        _print(issue.message())
    for issue in warnings:
        _print(f"warning: {issue.message()}")
    _print(f"{_plural(len(errors), 'error')}, {_plural(len(warnings), 'warning')}; "
           f"{_plural(rows, 'valid row')} in {data_dir} (data version {result.dataset.version})")
    return EXIT_DATA_ERRORS if errors else EXIT_OK


def cmd_version(data_dir: Path) -> int:
    if not data_dir.is_dir():
        _print(DataIssue(str(data_dir), None, None, "no such folder", "the data folder with the CSV files").message())
        return EXIT_DATA_ERRORS
    _print(data_version(data_dir))
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m apecgpu", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    data_dir_help = f"folder with the CSV files (default: ${DATA_DIR_ENV} or the repository's data/)"
    check = commands.add_parser("check", help="validate every CSV; exit 1 if any error (warnings alone pass)")
    check.add_argument("--data-dir", type=Path, default=None, help=data_dir_help)
    check.add_argument("--verbose", action="store_true", help="on an unexpected failure, also print the traceback")
    version = commands.add_parser("version", help="print the data version (short hash of the CSV files)")
    version.add_argument("--data-dir", type=Path, default=None, help=data_dir_help)
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    # Messages quote Korean cells; never die on a terminal that cannot print them.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(errors="backslashreplace")
            except (ValueError, OSError):
                pass
    args = build_parser().parse_args(argv)
    data_dir = args.data_dir if args.data_dir is not None else data_dir_from_env()
    if args.command == "check":
        return cmd_check(data_dir, verbose=args.verbose)
    return cmd_version(data_dir)
