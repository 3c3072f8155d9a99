"""A dashboard table as CSV (UTF-8 with BOM, so spreadsheet programs read Vietnamese) or XLSX.

Ratios are written as percentages with one decimal, like the page; missing data is an
empty cell, never 0.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from motcua.dashboard.tables import Column, Table

__all__ = ["FORMATS", "to_csv", "to_xlsx"]

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _header(column: Column) -> str:
    return f"{column.label} (%)" if column.kind == "percent" else str(column.label)


def _value(column: Column, value: Any) -> Any:
    if value is None:
        return None
    if column.kind == "percent":
        return round(value * 100, 1)
    if column.kind in ("score", "points"):
        return round(float(value), 2)
    return value if isinstance(value, int | float) else str(value)


def _rows(table: Table) -> list[list[Any]]:
    return [
        [_value(col, cell.value) for col, cell in zip(table.columns, row, strict=True)] for row in table.rows
    ]


def to_csv(table: Table) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_header(c) for c in table.columns])
    writer.writerows([["" if v is None else v for v in row] for row in _rows(table)])
    return out.getvalue().encode("utf-8-sig")


def to_xlsx(table: Table, *, subtitle: str = "") -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = table.key[:31]
    sheet.append([str(table.title)])
    sheet.append([subtitle])
    sheet.append([_header(c) for c in table.columns])
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for row in _rows(table):
        sheet.append(row)
    sheet.freeze_panes = "A4"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
