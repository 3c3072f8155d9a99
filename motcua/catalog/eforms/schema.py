"""``check_schema``: is this JSON Schema a form the engine can show, check and read back?

Two layers: the 2020-12 meta-schema (is it JSON Schema at all?), then our dialect (every
field has a label, widgets fit their types, conditions point at real fields, …). Each
problem carries the JSON pointer of the offending node, so an admin screen or an import
report can say exactly where to look.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator

from motcua.catalog.eforms.fields import Schema, widget_of
from motcua.catalog.eforms.types import (
    ADDRESS_PARTS,
    FORMATS,
    KEYWORDS,
    PREFILL_KEYS,
    WIDGETS,
    SchemaProblem,
)

# Dots and digits-only names would make dotted paths (children.1.name) ambiguous.
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
_TYPES = frozenset({"string", "integer", "number", "boolean", "object", "array"})
_WIDGET_TYPES = {
    "text": {"string", "integer", "number"},
    "textarea": {"string"},
    "citizen_id": {"string"},
    "phone": {"string"},
    "email": {"string"},
    "date": {"string"},
    "money": {"integer"},
    "address": {"object"},
    "select": {"string", "integer", None},
    "radio": {"string", "integer", None},
    "checkbox": {"boolean"},
    "file": {"string"},
    "group": {"object"},
    "repeat": {"array"},
}
_PREFILL_WIDGETS = {
    "full_name": {"text"},
    "date_of_birth": {"date"},
    "sex": {"select", "radio", "text"},
    "citizen_id": {"citizen_id", "text"},
    "permanent_address": {"address", "text", "textarea"},
}
_CONDITION_WIDGETS = {"text", "citizen_id", "phone", "email", "date", "money", "select", "radio", "checkbox"}
_PYTHON_TYPES = {"boolean": bool, "integer": int, "number": (int, float), "string": str}
_META = Draft202012Validator(Draft202012Validator.META_SCHEMA)
MAX_EXTRA_ROWS = 20


def check_schema(schema: Any) -> list[SchemaProblem]:
    """Every problem of ``schema`` as an e-form; an empty list means it is usable."""
    if not isinstance(schema, Mapping):
        return [SchemaProblem("", _("An e-form must be a JSON Schema object."))]
    problems = [
        SchemaProblem(
            _pointer(*error.absolute_path),
            _("Not valid JSON Schema (2020-12): %(detail)s") % {"detail": error.message},
        )
        for error in _META.iter_errors(schema)
    ]
    if problems:
        return problems  # the dialect checks below assume the basic shapes are right
    if schema.get("type") != "object":
        return [SchemaProblem("/type", _("An e-form must be of type “object”."))]
    return _keyword_problems(schema, "") + _section_problems(schema, "", in_repeat=False)


def _section_problems(node: Schema, pointer: str, *, in_repeat: bool) -> list[SchemaProblem]:
    properties = node.get("properties")
    if not isinstance(properties, Mapping) or not properties:
        return [SchemaProblem(pointer, _("A section needs fields (“properties”)."))]
    problems = _order_problems(node, pointer) + [
        SchemaProblem(
            f"{pointer}/required", _("“required” names “%(field)s”, which is not a field.") % {"field": name}
        )
        for name in node.get("required", [])
        if name not in properties
    ]
    for name, field in properties.items():
        problems += _field_problems(
            name, field, f"{pointer}/properties/{_escape(name)}", siblings=properties, in_repeat=in_repeat
        )
    return problems


def _order_problems(node: Schema, pointer: str) -> list[SchemaProblem]:
    order = node.get("x-order")
    if order is None:
        return []
    if not isinstance(order, list) or not all(isinstance(name, str) for name in order):
        return [SchemaProblem(f"{pointer}/x-order", _("“x-order” must be a list of field names."))]
    unknown = [name for name in order if name not in node["properties"]]
    if unknown or len(set(order)) != len(order):
        return [
            SchemaProblem(f"{pointer}/x-order", _("“x-order” must name fields of this section, each once."))
        ]
    return []


def _field_problems(
    name: str, node: Any, pointer: str, *, siblings: Mapping[str, Any], in_repeat: bool
) -> list[SchemaProblem]:
    if not _NAME.fullmatch(name):
        return [
            SchemaProblem(
                pointer,
                _(
                    "A field name may contain only letters, digits and "
                    "underscores, and must start with a letter."
                ),
            )
        ]
    if not isinstance(node, Mapping):
        return [SchemaProblem(pointer, _("A field must be described by a schema object."))]
    problems = _keyword_problems(node, pointer) + _label_problems(node, pointer)
    if "$ref" in node or "$dynamicRef" in node:
        return problems  # what the field is lies elsewhere: nothing more to check here
    widget = node.get("x-widget")
    if widget is not None and widget not in WIDGETS:
        return [
            *problems,
            SchemaProblem(f"{pointer}/x-widget", _("Unknown widget “%(widget)s”.") % {"widget": widget}),
        ]
    type_problems = _type_problems(node, pointer)
    if type_problems:
        return problems + type_problems
    widget = widget_of(node)
    problems += _choice_problems(node, pointer, widget)
    problems += _prefill_problems(node, pointer, widget, in_repeat=in_repeat)
    problems += _condition_problems(name, node, pointer, siblings)
    return problems + _nested_problems(node, pointer, widget, in_repeat=in_repeat)


def _keyword_problems(node: Schema, pointer: str) -> list[SchemaProblem]:
    problems = [
        SchemaProblem(f"{pointer}/{_escape(key)}", _("Unknown keyword “%(keyword)s”.") % {"keyword": key})
        for key in node
        if key.startswith("x-") and key not in KEYWORDS
    ]
    # References would make the form's fields depend on text elsewhere; write them out.
    problems += [
        SchemaProblem(
            f"{pointer}/{key}",
            _("References (“%(keyword)s”) are not supported in e-forms; write the fields out.")
            % {"keyword": key},
        )
        for key in ("$ref", "$dynamicRef")
        if key in node
    ]
    return problems


def _label_problems(node: Schema, pointer: str) -> list[SchemaProblem]:
    title = node.get("title")
    if not isinstance(title, str) or not title.strip():
        return [SchemaProblem(pointer, _("Every field needs a “title”: the label people see."))]
    return []


def _type_problems(node: Schema, pointer: str) -> list[SchemaProblem]:
    kind = node.get("type")
    # One type only (no ["string", "null"]); a bare enum without a type is a choice of its values.
    known = kind in _TYPES if isinstance(kind, str) else kind is None and "enum" in node
    if not known:
        return [
            SchemaProblem(
                f"{pointer}/type",
                _("A field needs one “type”: string, integer, number, boolean, object or array."),
            )
        ]
    widget = widget_of(node)
    if kind not in _WIDGET_TYPES[widget]:
        return [
            SchemaProblem(
                f"{pointer}/x-widget",
                _("The “%(widget)s” widget cannot be used for a field of type “%(type)s”.")
                % {"widget": widget, "type": kind or "enum"},
            )
        ]
    fmt = node.get("format")
    if fmt is not None and fmt not in FORMATS:
        return [
            SchemaProblem(
                f"{pointer}/format",
                _("Unknown format “%(format)s”; use one of: %(formats)s.")
                % {"format": fmt, "formats": ", ".join(sorted(FORMATS))},
            )
        ]
    return []


def _choice_problems(node: Schema, pointer: str, widget: str) -> list[SchemaProblem]:
    if widget in ("select", "radio") and not node.get("enum"):
        return [SchemaProblem(pointer, _("A choice field needs an “enum” list of options."))]
    titles = node.get("x-enum-titles")
    if titles is not None and (
        not isinstance(titles, list)
        or len(titles) != len(node.get("enum", []))
        or not all(isinstance(title, str) and title.strip() for title in titles)
    ):
        return [
            SchemaProblem(
                f"{pointer}/x-enum-titles",
                _("“x-enum-titles” must give one title for each option in “enum”."),
            )
        ]
    return []


def _prefill_problems(node: Schema, pointer: str, widget: str, *, in_repeat: bool) -> list[SchemaProblem]:
    key = node.get("x-prefill")
    if key is None:
        return []
    where = f"{pointer}/x-prefill"
    if key not in PREFILL_KEYS:
        return [
            SchemaProblem(
                where,
                _("Unknown prefill key “%(key)s”; use one of: %(keys)s.")
                % {"key": key, "keys": ", ".join(sorted(PREFILL_KEYS))},
            )
        ]
    if in_repeat:
        # Rows of a repeating group are other people (children, heirs), never the applicant.
        return [SchemaProblem(where, _("A field inside a repeating group cannot be prefilled."))]
    if widget not in _PREFILL_WIDGETS[key]:
        return [
            SchemaProblem(
                where,
                _("The prefill key “%(key)s” does not fit the “%(widget)s” widget.")
                % {"key": key, "widget": widget},
            )
        ]
    return []


def _condition_problems(
    name: str, node: Schema, pointer: str, siblings: Mapping[str, Any]
) -> list[SchemaProblem]:
    condition = node.get("x-show-if")
    if condition is None:
        return []
    where = f"{pointer}/x-show-if"
    if not isinstance(condition, Mapping) or set(condition) != {"field", "equals"}:
        return [SchemaProblem(where, _('“x-show-if” must be {"field": …, "equals": …}.'))]
    other = condition["field"]
    target = siblings.get(other) if isinstance(other, str) and other != name else None
    if not isinstance(target, Mapping):
        return [
            SchemaProblem(
                where,
                _("“x-show-if” refers to “%(field)s”, which is not another field of the same section.")
                % {"field": other},
            )
        ]
    if widget_of(target) not in _CONDITION_WIDGETS:
        return [SchemaProblem(where, _("“x-show-if” must refer to a field with a single value."))]
    if not _fits(target, condition["equals"]):
        return [
            SchemaProblem(
                where,
                _("The value in “x-show-if” is not a possible answer to “%(field)s”.") % {"field": other},
            )
        ]
    return []


def _fits(target: Schema, value: Any) -> bool:
    if "enum" in target:
        return any(value == option and type(value) is type(option) for option in target["enum"])
    expected = _PYTHON_TYPES.get(target.get("type"))
    return (
        expected is not None
        and isinstance(value, expected)
        and (target["type"] == "boolean" or not isinstance(value, bool))
    )


def _nested_problems(node: Schema, pointer: str, widget: str, *, in_repeat: bool) -> list[SchemaProblem]:
    problems = []
    if "x-extra" in node:
        extra = node["x-extra"]
        if widget != "repeat" or not _is_count(extra) or extra > MAX_EXTRA_ROWS:
            problems.append(
                SchemaProblem(
                    f"{pointer}/x-extra",
                    _("“x-extra” is a whole number from 0 to %(max)d, on a repeating group only.")
                    % {"max": MAX_EXTRA_ROWS},
                )
            )
    if widget == "group":
        problems += _section_problems(node, pointer, in_repeat=in_repeat)
    elif widget == "repeat":
        problems += _repeat_problems(node, pointer)
    elif widget == "address":
        problems += _address_problems(node, pointer)
    return problems


def _repeat_problems(node: Schema, pointer: str) -> list[SchemaProblem]:
    items = node.get("items")
    if not isinstance(items, Mapping) or items.get("type") != "object":
        return [
            SchemaProblem(
                f"{pointer}/items", _("A repeating group needs “items” of type “object” with its fields.")
            )
        ]
    return _keyword_problems(items, f"{pointer}/items") + _section_problems(
        items, f"{pointer}/items", in_repeat=True
    )


def _address_problems(node: Schema, pointer: str) -> list[SchemaProblem]:
    parts = list(node.get("properties", {})) + list(node.get("required", []))
    if any(part not in ADDRESS_PARTS for part in parts):
        return [SchemaProblem(pointer, _("An address has only the parts province, commune and street."))]
    return []


def _is_count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


def _pointer(*parts: Any) -> str:
    return "".join(f"/{_escape(str(part))}" for part in parts)
