"""``validate_form``: every problem of a filled-in form, one translated message per field.

The order of work: drop the answers hidden by their condition, let jsonschema check the
expanded schema (types, required, lengths, options), then run the dialect's own checks
(citizen ID, phone, date, address). Messages come out in the order the fields are shown,
so the error summary at the top of the page reads like the form.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from django.core.files import File
from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator

from motcua.catalog.eforms.checks import widget_errors
from motcua.catalog.eforms.conditions import drop_hidden
from motcua.catalog.eforms.expand import expand
from motcua.catalog.eforms.fields import Schema, fields, item_schema, join, widget_of
from motcua.catalog.eforms.messages import describe
from motcua.catalog.eforms.types import FieldError, Units


def validate_form(schema: Schema, data: Any, *, units: Units | None = None) -> list[FieldError]:
    """Errors of ``data`` against the form ``schema`` (already accepted by ``check_schema``).

    Empty strings count as not answered. ``units`` checks that an address's commune lies
    in its province; without it only the shape of the codes is checked.
    """
    if not isinstance(data, Mapping):
        return [FieldError("", _("The form data must be a JSON object."))]
    answers = _answered(drop_hidden(schema, data))
    found: dict[str, str] = {}
    for error in Draft202012Validator(expand(schema)).iter_errors(answers):
        for path, message in describe(error):
            found.setdefault(path, message)
    for path, message in widget_errors(schema, answers, units=units):
        found.setdefault(path, message)
    rank = {path: index for index, path in enumerate(_display_paths(schema, answers))}
    ordered = sorted(found, key=lambda path: rank.get(path, len(rank)))
    return [FieldError(path, found[path]) for path in ordered]


def _answered(value: Any) -> Any:
    """The data as jsonschema should see it: blanks removed, an upload counted as an answer."""
    if isinstance(value, Mapping):
        return {key: _answered(item) for key, item in value.items() if not _is_blank(item)}
    if isinstance(value, list):
        return [_answered(item) for item in value]
    if isinstance(value, File):
        return value.name or "upload"  # stored and replaced by a reference before saving
    return value


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _display_paths(node: Schema, data: Mapping[str, Any], path: str = "") -> Iterator[str]:
    for name, field in fields(node):
        where = join(path, name)
        yield where
        value, widget = data.get(name), widget_of(field)
        if widget == "group" and isinstance(value, Mapping):
            yield from _display_paths(field, value, where)
        elif widget == "repeat" and isinstance(value, list):
            for index, item in enumerate(value):
                yield join(where, index)
                if isinstance(item, Mapping):
                    yield from _display_paths(item_schema(field), item, join(where, index))
        elif widget == "address":
            yield from (join(where, part) for part in ("province", "commune", "street"))
