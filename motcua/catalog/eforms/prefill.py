"""``prefill``: the answers the National Population Database already holds ("declare once"); pure."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from motcua.catalog.eforms.fields import Schema, as_text, fields, widget_of


def prefill(schema: Schema, citizen: Mapping[str, Any]) -> dict[str, Any]:
    """Initial data: every field marked ``x-prefill`` whose key ``citizen`` holds.

    ``citizen`` maps prefill keys (``PREFILL_KEYS``) to the record's values. Sections are
    followed, repeating groups are not: their rows are other people.
    """
    answers: dict[str, Any] = {}
    for name, field in fields(schema):
        if widget_of(field) == "group":
            inner = prefill(field, citizen)
            if inner:
                answers[name] = inner
            continue
        value = _stored(citizen.get(field.get("x-prefill", "")))
        if value is not None and _fits(field, value):
            answers[name] = value
    return answers


def _stored(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {key: as_text(part) for key, part in value.items() if part not in (None, "")} or None
    return None if value == "" else value


def _fits(field: Schema, value: Any) -> bool:
    # A record's value outside the field's options ("Nam" against ["male", "female"]) is not
    # offered: a wrong pre-ticked choice is worse than an empty one.
    if "enum" in field:
        return value in field["enum"]
    return isinstance(value, Mapping) == (widget_of(field) == "address")
