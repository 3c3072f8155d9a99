"""Turning jsonschema's errors into a field path and a message a citizen understands.

jsonschema words its messages for developers ("'x' is a required property"); people get
one short translated sentence per field instead, chosen by the failing keyword and the
field's widget (a money field gets a money message, not "not of type integer").
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from jsonschema import ValidationError

from motcua.catalog.eforms.fields import Schema, join, widget_of
from motcua.catalog.eforms.formats import format_money


def describe(error: ValidationError) -> Iterator[tuple[str, str]]:
    """(dotted path, message) for each field the error is about."""
    path = ".".join(str(part) for part in error.absolute_path)
    if error.validator == "required":
        # One error per missing name, each carrying the whole list: the caller de-duplicates.
        for name in error.validator_value:
            if isinstance(error.instance, dict) and name not in error.instance:
                yield join(path, name), _("This field is required.")
        return
    node = error.schema if isinstance(error.schema, dict) else {}
    yield path, _message(str(error.validator), error.validator_value, node)


def _message(keyword: str, limit: Any, node: Schema) -> str:
    if keyword in _BY_KEYWORD:
        return _BY_KEYWORD[keyword](limit, node)
    return _("Enter a valid value.")


def _type(limit: Any, node: Schema) -> str:
    widget = widget_of(node)
    if widget == "money":
        return _("Enter an amount in VND using digits only, for example 1.500.000.")
    if limit == "integer":
        return _("Enter a whole number.")
    if limit == "number":
        return _("Enter a number.")
    if limit in ("object", "array"):
        return _("This section is not filled in correctly.")
    return _("Enter a valid value.")


def _pattern(limit: Any, node: Schema) -> str:
    part = node.get("x-address-part")
    if part == "province":
        return _("Choose a province from the list.")
    if part == "commune":
        return _("Choose a commune from the list.")
    return _("Enter a value in the expected format.")


def _const(limit: Any, node: Schema) -> str:
    if limit is True:
        return _("Tick this box to continue.")
    return _("Enter the expected value.")


def _number(limit: Any, node: Schema) -> str:
    return format_money(limit) if widget_of(node) == "money" and isinstance(limit, int) else str(limit)


def _minimum(limit: Any, node: Schema) -> str:
    if widget_of(node) == "money":
        return _("Enter an amount of at least %(limit)s VND.") % {"limit": _number(limit, node)}
    return _("Enter a number of at least %(limit)s.") % {"limit": _number(limit, node)}


def _maximum(limit: Any, node: Schema) -> str:
    if widget_of(node) == "money":
        return _("Enter an amount of at most %(limit)s VND.") % {"limit": _number(limit, node)}
    return _("Enter a number of at most %(limit)s.") % {"limit": _number(limit, node)}


def _exclusive_minimum(limit: Any, node: Schema) -> str:
    return _("Enter a number greater than %(limit)s.") % {"limit": _number(limit, node)}


def _exclusive_maximum(limit: Any, node: Schema) -> str:
    return _("Enter a number less than %(limit)s.") % {"limit": _number(limit, node)}


def _min_length(limit: Any, node: Schema) -> str:
    return ngettext("Enter at least %(limit)d character.", "Enter at least %(limit)d characters.", limit) % {
        "limit": limit
    }


def _max_length(limit: Any, node: Schema) -> str:
    return ngettext("Enter at most %(limit)d character.", "Enter at most %(limit)d characters.", limit) % {
        "limit": limit
    }


def _min_items(limit: Any, node: Schema) -> str:
    return ngettext("Add at least %(limit)d entry.", "Add at least %(limit)d entries.", limit) % {
        "limit": limit
    }


def _max_items(limit: Any, node: Schema) -> str:
    return ngettext("Enter at most %(limit)d entry.", "Enter at most %(limit)d entries.", limit) % {
        "limit": limit
    }


_BY_KEYWORD = {
    "type": _type,
    "pattern": _pattern,
    "enum": lambda limit, node: _("Choose one of the options."),
    "const": _const,
    "minimum": _minimum,
    "maximum": _maximum,
    "exclusiveMinimum": _exclusive_minimum,
    "exclusiveMaximum": _exclusive_maximum,
    "minLength": _min_length,
    "maxLength": _max_length,
    "minItems": _min_items,
    "maxItems": _max_items,
    "additionalProperties": lambda limit, node: _("This section contains answers the form does not ask for."),
    "uniqueItems": lambda limit, node: _("Each entry must be different."),
}
