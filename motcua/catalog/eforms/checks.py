"""The checks JSON Schema cannot express: citizen IDs, phone numbers, dates, addresses; pure.

They run on values of the right JSON type only; a value of the wrong type already has
jsonschema's error, and one message per field is enough.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from django.utils.translation import gettext as _

from motcua.catalog.eforms.citizen_id import parse_citizen_id
from motcua.catalog.eforms.fields import Schema, fields, item_schema, join, widget_of
from motcua.catalog.eforms.formats import is_email, is_phone_vn, read_date
from motcua.catalog.eforms.types import Units

_FORMAT_CHECKS = {"date": "date", "email": "email", "citizen-id": "citizen_id", "phone-vn": "phone"}


def widget_errors(
    node: Schema, data: Mapping[str, Any], *, units: Units | None, path: str = ""
) -> Iterator[tuple[str, str]]:
    for name, field in fields(node):
        if name not in data:
            continue
        value, where, widget = data[name], join(path, name), widget_of(field)
        if widget == "group" and isinstance(value, Mapping):
            yield from widget_errors(field, value, units=units, path=where)
        elif widget == "repeat" and isinstance(value, list):
            items = item_schema(field)
            for index, item in enumerate(value):
                if isinstance(item, Mapping):
                    yield from widget_errors(items, item, units=units, path=join(where, index))
        elif widget == "address" and isinstance(value, Mapping):
            yield from _address_errors(value, units=units, path=where)
        elif isinstance(value, str):
            message = _leaf_error(_check_of(field, widget), value, node=node, siblings=data)
            if message:
                yield where, message


def _check_of(field: Schema, widget: str) -> str:
    # A format applies whatever the widget (an admin may show a date as plain text).
    return _FORMAT_CHECKS.get(field.get("format", ""), widget)


def _leaf_error(check: str, value: str, *, node: Schema, siblings: Mapping[str, Any]) -> str | None:
    if check == "citizen_id":
        return _citizen_id_error(value, date_of_birth=_date_of_birth(node, siblings))
    if check == "phone" and not is_phone_vn(value):
        return _("Enter a Vietnamese phone number: 0 or +84 followed by 9 or 10 digits.")
    if check == "email" and not is_email(value):
        return _("Enter a valid email address.")
    if check == "date" and read_date(value) is None:
        return _("Enter a real date as dd/mm/yyyy.")
    return None


def _citizen_id_error(value: str, *, date_of_birth: str | None = None) -> str | None:
    number = parse_citizen_id(value)
    if number is None:
        return _("Enter a 12-digit citizen ID number.")
    if not number.has_known_province:
        return _("The first three digits of the citizen ID number are not a valid province code.")
    born = read_date(date_of_birth) if date_of_birth else None
    if born is not None and not number.agrees_with(born):
        return _("The citizen ID number does not match the date of birth.")
    return None


def _date_of_birth(node: Schema, siblings: Mapping[str, Any]) -> str | None:
    """The person's date of birth beside the ID: the field prefilled as such, or so named."""
    for name, field in fields(node):
        if field.get("x-prefill") == "date_of_birth" or name == "date_of_birth":
            value = siblings.get(name)
            return value if isinstance(value, str) else None
    return None


def _address_errors(value: Mapping[str, Any], *, units: Units | None, path: str) -> Iterator[tuple[str, str]]:
    province, commune = value.get("province"), value.get("commune")
    if units is None or not isinstance(province, str):
        return  # without a directory only the codes' shapes are checked (by the schema)
    if not units.province_exists(province):
        yield join(path, "province"), _("Choose a province from the list.")
    elif isinstance(commune, str) and not units.commune_in_province(commune, province):
        yield join(path, "commune"), _("The commune does not belong to the chosen province.")
