"""Conditional fields (``x-show-if``): what is hidden is not asked, not required, not kept; pure."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from motcua.catalog.eforms.fields import Schema, is_shown, item_schema, widget_of


def drop_hidden(schema: Schema, data: Mapping[str, Any]) -> dict[str, Any]:
    """``data`` without the answers to fields whose condition does not hold, at every depth.

    A person may fill in a conditional section and then change the answer it depends on
    (no JavaScript hides it): the stale answers must not be stored or checked.
    """
    properties = schema.get("properties", {})
    kept = dict(data)
    # Until nothing changes: a condition may depend on a field that is itself hidden.
    changed = True
    while changed:
        hidden = [name for name in kept if name in properties and not is_shown(properties[name], kept)]
        for name in hidden:
            del kept[name]
        changed = bool(hidden)
    # Answers to names the schema does not define stay: validation reports them if it must.
    return {
        name: _drop_below(properties[name], value) if name in properties else value
        for name, value in kept.items()
    }


def _drop_below(node: Schema, value: Any) -> Any:
    widget = widget_of(node)
    if widget == "group" and isinstance(value, Mapping):
        return drop_hidden(node, value)
    if widget == "repeat" and isinstance(value, list):
        items = item_schema(node)
        return [drop_hidden(items, item) if isinstance(item, Mapping) else item for item in value]
    return value
