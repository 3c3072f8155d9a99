"""What a schema node means to the engine: its widget, its fields in order, its condition; pure.

Every other module walks the schema through these helpers, so a default (say, enum means
select) is decided in one place.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from motcua.catalog.eforms.types import FormError, SchemaProblem

Schema = Mapping[str, Any]
_FORMAT_WIDGETS = {"date": "date", "email": "email", "citizen-id": "citizen_id", "phone-vn": "phone"}
DEFAULT_EXTRA_ROWS = 1


def widget_of(node: Schema) -> str:
    explicit = node.get("x-widget")
    if explicit:
        return explicit
    kind = node.get("type")
    if "enum" in node:
        return "select"
    if kind == "string":
        return _FORMAT_WIDGETS.get(node.get("format", ""), "text")
    if kind == "boolean":
        return "checkbox"
    if kind == "object":
        return "group"
    if kind == "array":
        return "repeat"
    return "text"  # integer and number: a text box with a numeric keyboard


def fields(node: Schema) -> Iterator[tuple[str, Schema]]:
    """(name, schema) in display order: ``x-order`` first, then the rest as written."""
    properties = node.get("properties", {})
    listed = [name for name in node.get("x-order", []) if name in properties]
    for name in listed + [name for name in properties if name not in listed]:
        yield name, properties[name]


def item_schema(node: Schema) -> Schema:
    items = node.get("items")
    if not isinstance(items, Mapping):
        raise FormError((SchemaProblem("", "a repeating group without an items schema"),))
    return items


def is_required(parent: Schema, name: str) -> bool:
    return name in parent.get("required", [])


def extra_rows(node: Schema) -> int:
    return node.get("x-extra", DEFAULT_EXTRA_ROWS)


def is_shown(node: Schema, siblings: Mapping[str, Any]) -> bool:
    """A field with ``x-show-if`` counts only when its sibling holds the given value."""
    condition = node.get("x-show-if")
    if not condition:
        return True
    if condition["field"] not in siblings:
        return False
    value, expected = siblings[condition["field"]], condition["equals"]
    # In Python True == 1; in a form "ticked" and "one" are different answers.
    return value == expected and isinstance(value, bool) == isinstance(expected, bool)


def join(path: str, key: str | int) -> str:
    return f"{path}.{key}" if path else str(key)


def enum_choices(node: Schema) -> list[tuple[Any, str]]:
    """(value, label) for each option; labels from ``x-enum-titles`` when given."""
    values = node.get("enum", [])
    titles = node.get("x-enum-titles") or [as_text(value) for value in values]
    return list(zip(values, titles, strict=False))


def as_text(value: Any) -> str:
    """How a value travels in HTML: booleans as JSON does, everything else as ``str``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)
