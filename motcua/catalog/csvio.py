"""CSV form of the interchange format: one row per procedure; pure."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

COLUMNS = (
    "code",
    "name",
    "field",
    "levels",
    "agency_kinds",
    "applicants",
    "online_level",
    "time_limit_value",
    "time_limit_unit",
    "time_limit_note",
    "exemptions",
    "legal_basis",
    "life_events",
    "keywords",
    "fees",
    "components",
    "results",
    "form",
    "process",
)
_LISTS = ("levels", "agency_kinds", "applicants", "exemptions", "legal_basis", "life_events", "keywords")
_JSON = ("fees", "components", "results", "form", "process")
SEPARATOR = "; "


class CsvShapeError(ValueError):
    """The header does not have the expected columns."""

    def __init__(self, missing: list[str], unknown: list[str]) -> None:
        self.missing, self.unknown = missing, unknown
        super().__init__(f"missing columns: {missing}; unknown columns: {unknown}")


def read_csv(text: str) -> list[dict[str, Any]]:
    """Records from CSV text; a cell that is not valid JSON is kept as text for the checks."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = reader.fieldnames or []
    missing = [
        c
        for c in ("code", "name", "field", "levels", "time_limit_value", "time_limit_unit")
        if c not in header
    ]
    unknown = [c for c in header if c not in COLUMNS]
    if missing or unknown:
        raise CsvShapeError(missing, unknown)
    return [_record(row) for row in reader]


def _record(row: dict[str, str]) -> dict[str, Any]:
    record: dict[str, Any] = {
        "code": row.get("code", ""),
        "name": row.get("name", ""),
        "field": row.get("field", ""),
        "online_level": row.get("online_level") or None,
        "time_limit": {
            "value": _number(row.get("time_limit_value", "")),
            "unit": row.get("time_limit_unit", ""),
            "note": row.get("time_limit_note", ""),
        },
    }
    for key in _LISTS:
        if key in row:
            record[key] = [part.strip() for part in (row[key] or "").split(";") if part.strip()]
    for key in _JSON:
        cell = (row.get(key) or "").strip()
        if cell:
            try:
                record[key] = json.loads(cell)
            except ValueError:
                record[key] = cell  # reported by the checks as "expected a list"
    return record


def _number(text: str) -> Any:
    try:
        return float(text) if "." in text else int(text)
    except ValueError:
        return text or None


def write_csv(records: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for record in records:
        row = {key: SEPARATOR.join(record.get(key) or []) for key in _LISTS}
        row.update(
            {key: json.dumps(record.get(key), ensure_ascii=False) if record.get(key) else "" for key in _JSON}
        )
        limit = record["time_limit"]
        row.update(
            code=record["code"],
            name=record["name"],
            field=record["field"],
            online_level=record.get("online_level") or "",
            time_limit_value=limit["value"],
            time_limit_unit=limit["unit"],
            time_limit_note=limit.get("note", ""),
        )
        writer.writerow(row)
    return out.getvalue()
