"""The data behind the charts as CSV (UTF-8 with BOM, header block) and XLSX (header block, Sources sheet, workbook)."""
from __future__ import annotations

import csv
import io
import re
from typing import Iterable, Optional

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ..i18n import t
from .meta import ExportMeta, without_repeats

BOM = "\ufeff"
HEADER_FILL = PatternFill("solid", fgColor="E8E8F0")
MAX_COL_WIDTH = 60
SHEET_NAME_MAX = 31


def _frame_and_view(data) -> tuple[pd.DataFrame, Optional[object]]:
    if isinstance(data, pd.DataFrame):
        return data, None
    return data.table, data


def _scope_row(meta: ExportMeta, all_data: bool) -> tuple[str, str]:
    return t("meta.scope", meta.lang), t("meta.scope.all" if all_data else "meta.scope.filtered", meta.lang)


def header_block(meta: ExportMeta, view=None, *, all_data: bool = False) -> list[tuple[str, str]]:
    """Label/value rows that sit above the table: title, sources, data version, as-of, filter, date, link, scope."""
    rows = meta.header_rows(view)
    if view is not None:
        rows.append(_scope_row(meta, all_data))
    return rows


def _cell(value):
    """Plain Python values for the writers: no numpy scalars, no pandas NA."""
    if value is None or (not isinstance(value, (list, tuple, str)) and pd.isna(value)):
        return ""
    if hasattr(value, "item"):
        return value.item()
    return value


# --- CSV -----------------------------------------------------------------------------------------------------------

def export_csv(data, meta: ExportMeta, *, all_data: bool = False) -> bytes:
    """A View's table (or any DataFrame) as CSV for Excel: UTF-8 with BOM, a label/value header block, a blank row,
    then the table with its display headers."""
    frame, view = _frame_and_view(data)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for label, value in header_block(meta, view, all_data=all_data):
        writer.writerow([label, value])
    writer.writerow([])
    writer.writerow([str(c) for c in frame.columns])
    for row in frame.itertuples(index=False):
        writer.writerow([_cell(v) for v in row])
    return (BOM + out.getvalue()).encode("utf-8")


# --- XLSX ----------------------------------------------------------------------------------------------------------

def _sheet_name(name: str, taken: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", "_", name)[:SHEET_NAME_MAX] or "sheet"
    candidate, n = base, 2
    while candidate.lower() in taken:
        suffix = f"~{n}"
        candidate, n = base[:SHEET_NAME_MAX - len(suffix)] + suffix, n + 1
    taken.add(candidate.lower())
    return candidate


def _write_table(ws, frame: pd.DataFrame, start_row: int) -> None:
    """Header row (bold, shaded, frozen) and the rows; integer columns get thousands separators."""
    for j, column in enumerate(frame.columns, start=1):
        cell = ws.cell(row=start_row, column=j, value=str(column))
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
    numeric = [pd.api.types.is_numeric_dtype(frame[c]) for c in frame.columns]
    for i, row in enumerate(frame.itertuples(index=False), start=start_row + 1):
        for j, value in enumerate(row, start=1):
            cell = ws.cell(row=i, column=j, value=_cell(value))
            if numeric[j - 1]:
                cell.number_format = "#,##0"
            elif isinstance(cell.value, str) and len(cell.value) > 40:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = ws.cell(row=start_row + 1, column=1)
    for j, column in enumerate(frame.columns, start=1):
        lengths = [len(str(column))] + [len(str(_cell(v))) for v in frame[column]]
        # Hangul is about twice as wide as Latin in Excel's width unit.
        wide = max(lengths) + sum(1 for ch in str(column) if ord(ch) > 0x2E80)
        ws.column_dimensions[get_column_letter(j)].width = min(MAX_COL_WIDTH, max(8, wide + 2))


def _write_sheet(ws, frame: pd.DataFrame, header: list[tuple[str, str]]) -> None:
    for i, (label, value) in enumerate(header, start=1):
        ws.cell(row=i, column=1, value=label).font = Font(bold=True)
        ws.cell(row=i, column=2, value=value)
    _write_table(ws, frame, start_row=len(header) + 2)
    if header:
        # The header block's values are long sentences: let column B show them without widening the table.
        ws.column_dimensions["A"].width = max(ws.column_dimensions["A"].width or 0, 14)


def sources_frame(meta: ExportMeta, source_table: Optional[pd.DataFrame] = None,
                  source_ids: Optional[Iterable[str]] = None) -> pd.DataFrame:
    """The Sources sheet: the full source table when given, else id + citation; limited to `source_ids` if given."""
    if source_table is not None and not source_table.empty:
        frame = source_table
        if source_ids is not None:
            frame = frame[frame.iloc[:, 0].isin(set(source_ids))]
        return frame.reset_index(drop=True)
    rows = [(sid, label) for sid, label in meta.sources if source_ids is None or sid in set(source_ids)]
    return pd.DataFrame(rows, columns=[t("src.col.id", meta.lang), t("meta.sources", meta.lang)])


def _save(wb: Workbook) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def export_xlsx(data, meta: ExportMeta, *, all_data: bool = False,
                source_table: Optional[pd.DataFrame] = None) -> bytes:
    """One view's data: a data sheet (header block above the table) and a Sources sheet."""
    frame, view = _frame_and_view(data)
    wb = Workbook()
    ws = wb.active
    taken: set[str] = set()
    ws.title = _sheet_name(view.view_id if view is not None else "data", taken)
    _write_sheet(ws, frame, header_block(meta, view, all_data=all_data))
    src = wb.create_sheet(_sheet_name(t("meta.sources", meta.lang), taken))
    _write_sheet(src, sources_frame(meta, source_table, view.source_ids if view is not None else None),
                 [(t("meta.version", meta.lang), meta.version), (t("meta.asof", meta.lang), meta.as_of)])
    return _save(wb)


def export_workbook(views: Iterable, meta: ExportMeta, *, source_table: Optional[pd.DataFrame] = None,
                    disagreements: Optional[pd.DataFrame] = None) -> bytes:
    """Everything in one file: an About sheet, one sheet per view (in the given order), Sources, Disagreements."""
    lang = meta.lang
    wb = Workbook()
    taken: set[str] = set()
    about = wb.active
    about.title = _sheet_name(t("report.about", lang), taken)
    views = without_repeats(views)
    contents = pd.DataFrame({
        t("kit.sheet", lang): [v.view_id for v in views],
        t("meta.title", lang): [v.title for v in views],
        t("meta.link", lang): [meta.view_link(v) for v in views],
    })
    _write_sheet(about, contents, [(t("meta.title", lang), meta.app_title)] + meta.header_rows())
    for view in views:
        ws = wb.create_sheet(_sheet_name(view.view_id, taken))
        _write_sheet(ws, view.table, header_block(meta, view))
    src = wb.create_sheet(_sheet_name(t("meta.sources", lang), taken))
    _write_sheet(src, sources_frame(meta, source_table), [(t("meta.version", lang), meta.version),
                                                         (t("meta.asof", lang), meta.as_of)])
    dis = wb.create_sheet(_sheet_name(t("src.disagreements", lang), taken))
    frame = disagreements if disagreements is not None else pd.DataFrame()
    _write_sheet(dis, frame, [(t("meta.version", lang), meta.version), (t("meta.filter", lang),
                                                                        t("export.disagreements.scope", lang))])
    return _save(wb)


def read_sheet_names(data: bytes) -> list[str]:
    """Sheet names of an XLSX given as bytes (for tests and checks)."""
    from openpyxl import load_workbook
    return load_workbook(io.BytesIO(data), read_only=True).sheetnames

