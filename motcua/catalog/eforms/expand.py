"""The schema jsonschema checks: the admin's schema plus what the dialect implies; pure.

An admin writes ``{"type": "object", "x-widget": "address", "title": …}``; validation
needs the address's parts and their code shapes. A money field is never negative. A field
with ``x-show-if`` is required only when its condition holds: it leaves ``required`` and
comes back as a standard ``if``/``then`` rule, so the expanded schema is plain 2020-12
that any JSON Schema tool (an API client, say) understands the same way.
"""

from __future__ import annotations

from functools import lru_cache
from json import dumps, loads
from typing import Any

from motcua.catalog.eforms.fields import Schema, widget_of

ADDRESS_PARTS_SCHEMA = {
    "province": {"type": "string", "pattern": "^[0-9]{2}$", "x-address-part": "province"},
    "commune": {"type": "string", "pattern": "^[0-9]{5}$", "x-address-part": "commune"},
    "street": {"type": "string", "maxLength": 300, "x-address-part": "street"},
}
ADDRESS_REQUIRED = ["province", "commune"]


def expand(schema: Schema) -> dict[str, Any]:
    # Forms are few and validated often: cache by content, copy out so callers cannot
    # change the cached value.
    return loads(_expand_text(dumps(schema, sort_keys=True)))


@lru_cache(maxsize=256)
def _expand_text(text: str) -> str:
    return dumps(_expand_node(loads(text)))


def _expand_node(node: dict[str, Any]) -> dict[str, Any]:
    widget = widget_of(node)
    if widget == "address":
        return _expand_address(node)
    if widget == "money":
        return {**node, "minimum": max(node.get("minimum", 0), 0)}
    if widget == "repeat" and isinstance(node.get("items"), dict):
        return {**node, "items": _expand_section(node["items"])}
    if widget == "group" or "properties" in node:
        return _expand_section(node)
    return node


def _expand_section(node: dict[str, Any]) -> dict[str, Any]:
    properties = {name: _expand_node(field) for name, field in node.get("properties", {}).items()}
    conditional = {name for name, field in properties.items() if field.get("x-show-if")}
    required = [name for name in node.get("required", []) if name not in conditional]
    rules = [
        _rule(name, properties[name]["x-show-if"]) for name in node.get("required", []) if name in conditional
    ]
    expanded = {**node, "properties": properties, "required": required}
    if rules:
        expanded["allOf"] = [*node.get("allOf", []), *rules]
    return expanded


def _rule(name: str, condition: dict[str, Any]) -> dict[str, Any]:
    field = condition["field"]
    return {
        "if": {"properties": {field: {"const": condition["equals"]}}, "required": [field]},
        "then": {"required": [name]},
    }


def _expand_address(node: dict[str, Any]) -> dict[str, Any]:
    given = node.get("properties", {})
    parts = {name: {**default, **given.get(name, {})} for name, default in ADDRESS_PARTS_SCHEMA.items()}
    return {
        **node,
        "properties": parts,
        "required": node.get("required", ADDRESS_REQUIRED),
        "additionalProperties": False,
    }
