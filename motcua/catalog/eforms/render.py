"""``render_form``: the form as accessible HTML that works without JavaScript.

The page around it supplies ``<form method="post" enctype="multipart/form-data"
novalidate>``, the CSRF token and the submit button. Sections are fieldsets with legends;
a repeating group shows its rows plus ``x-extra`` empty ones and an "add another" submit
button; a conditional part stays visible with a note saying when to fill it in (a script
may hide it using the ``data-show-if-*`` attributes). Errors appear beside their field and
in a summary at the top whose links lead to the fields.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from motcua.catalog.eforms.expand import ADDRESS_REQUIRED
from motcua.catalog.eforms.fields import (
    Schema,
    as_text,
    enum_choices,
    extra_rows,
    fields,
    is_required,
    item_schema,
    join,
    widget_of,
)
from motcua.catalog.eforms.types import FieldError, Units
from motcua.catalog.eforms.widgets import (
    Slot,
    checkbox,
    fieldset,
    file_input,
    radio,
    select,
    text_input,
    textarea,
)
from motcua.catalog.eforms.widgets import join as join_html


def render_form(
    schema: Schema,
    *,
    data: Mapping[str, Any] | None = None,
    errors: Iterable[FieldError] | None = None,
    prefix: str = "f",
    units: Units | None = None,
) -> SafeString:
    """The form's fields (inputs named ``<prefix>.<dotted path>``) with ``data`` and ``errors``."""
    errors = list(errors or [])
    form = _Form(prefix=prefix, errors={error.path: error.message for error in reversed(errors)}, units=units)
    body = form.section(schema, data or {}, path="", context="")
    return format_html('<div class="eform">{}{}</div>', form.summary(errors), body)


class _Form:
    """One rendering: remembers each field's label on the way, for the error summary."""

    def __init__(self, *, prefix: str, errors: dict[str, str], units: Units | None) -> None:
        self.prefix, self.errors, self.units = prefix, errors, units
        self.labels: dict[str, str] = {}
        # A form may hold several addresses (child, father, mother, delivery): ask the
        # directory (a database in production) once per list, not once per field.
        self._provinces: list[tuple[str, str]] | None = None
        self._communes: dict[str, list[tuple[str, str]]] = {}

    def provinces(self, units: Units) -> list[tuple[str, str]]:
        if self._provinces is None:
            self._provinces = list(units.provinces())
        return self._provinces

    def communes(self, units: Units, province: str) -> list[tuple[str, str]]:
        if province not in self._communes:
            self._communes[province] = list(units.communes(province))
        return self._communes[province]

    def slot(self, node: Schema, path: str, value: Any, *, required: bool, context: str) -> Slot:
        self.labels[path] = _label(context, node.get("title", ""))
        return Slot(
            node=node,
            path=path,
            name=f"{self.prefix}.{path}",
            value=value,
            required=required,
            error=self.errors.get(path),
        )

    def section(self, node: Schema, data: Mapping[str, Any], *, path: str, context: str) -> SafeString:
        parts = []
        for name, field in fields(node):
            slot = self.slot(
                field, join(path, name), data.get(name), required=_must_answer(node, name), context=context
            )
            html = self.control(slot, context)
            if field.get("x-show-if"):
                html = self.conditional(node, field["x-show-if"], path, html)
            parts.append(html)
        return join_html(parts)

    def control(self, slot: Slot, context: str) -> SafeString:
        widget = widget_of(slot.node)
        inner = _label(context, slot.node.get("title", ""))
        if widget == "group":
            value = slot.value if isinstance(slot.value, Mapping) else {}
            body = self.section(slot.node, value, path=slot.path, context=inner)
            return fieldset(slot, "eform-group", body)
        if widget == "repeat":
            return self.repeat(slot, inner)
        if widget == "address":
            return self.address(slot, inner)
        simple = {
            "select": select,
            "radio": radio,
            "checkbox": checkbox,
            "textarea": textarea,
            "file": file_input,
        }
        return simple[widget](slot) if widget in simple else text_input(slot, widget)

    def repeat(self, slot: Slot, context: str) -> SafeString:
        items = item_schema(slot.node)
        given = slot.value if isinstance(slot.value, list) else []
        values = [value if isinstance(value, Mapping) else {} for value in given]
        rows = _row_count(slot.node, len(values))
        item_title = items.get("title") or slot.node.get("title", "")
        parts = [format_html('<p class="eform-help">{}</p>', _("To remove an entry, clear its fields."))]
        for index in range(rows):
            row_title = f"{item_title} {index + 1}"
            body = self.section(
                items,
                values[index] if index < len(values) else {},
                path=join(slot.path, index),
                context=_label(context, row_title),
            )
            parts.append(
                format_html(
                    '<fieldset class="eform-item" id="{}-{}"><legend>{}</legend>{}</fieldset>',
                    slot.id,
                    index,
                    row_title,
                    body,
                )
            )
        if rows < slot.node.get("maxItems", rows + 1):
            parts.append(_button(f"_add_{slot.name}", _("Add another")))
        return fieldset(slot, "eform-repeat", join_html(parts))

    def address(self, slot: Slot, context: str) -> SafeString:
        value = slot.value if isinstance(slot.value, Mapping) else {}
        required = set(slot.node.get("required", ADDRESS_REQUIRED)) if slot.required else set()
        given = slot.node.get("properties", {})

        def part(name: str, title: str, **hints: Any) -> Slot:
            node = {"title": title, **hints, **given.get(name, {})}
            return self.slot(
                node, join(slot.path, name), value.get(name), required=name in required, context=context
            )

        province = part("province", _("Province or city"), maxLength=2)
        commune = part("commune", _("Commune, ward or special zone"), maxLength=5)
        street = part("street", _("House number, street, hamlet"), maxLength=300)
        body = [
            self.province_control(province, refresh=f"_refresh_{slot.name}"),
            self.commune_control(commune, value.get("province")),
            text_input(street, "text"),
        ]
        return fieldset(slot, "eform-address", join_html(body))

    def province_control(self, slot: Slot, *, refresh: str) -> SafeString:
        if self.units is None:
            return text_input(slot, "text")  # codes typed by hand; checked for shape only
        choice = _choices(slot, self.provinces(self.units))
        # Without JavaScript the commune list can only follow the province after a round trip.
        return join_html([select(choice), _button(refresh, _("Show the communes of this province"))])

    def commune_control(self, slot: Slot, province: Any) -> SafeString:
        if self.units is None:
            return text_input(slot, "text")
        if isinstance(province, str) and province in dict(self.provinces(self.units)):
            return select(_choices(slot, self.communes(self.units, province)))
        hint = _("Choose the province first, then press “Show the communes of this province”.")
        return select(_choices(replace(slot, node={**slot.node, "description": hint}), []))

    def conditional(
        self, parent: Schema, condition: Mapping[str, Any], path: str, html: SafeString
    ) -> SafeString:
        other = parent["properties"][condition["field"]]
        return format_html(
            '<div class="eform-conditional" data-show-if-field="{}" data-show-if-value="{}">'
            '<p class="eform-condition">{}</p>{}</div>',
            f"{self.prefix}.{join(path, condition['field'])}",
            as_text(condition["equals"]),
            _condition_note(other, condition["equals"]),
            html,
        )

    def summary(self, errors: list[FieldError]) -> SafeString:
        if not errors:
            return join_html([])
        items = [
            format_html(
                '<li><a href="#{}">{}: {}</a></li>',
                f"{self.prefix}.{error.path}".replace(".", "-"),
                self.labels[error.path],
                error.message,
            )
            if error.path in self.labels
            else format_html("<li>{}</li>", error.message)
            for error in errors
        ]
        return format_html(
            '<div class="eform-error-summary" role="alert" tabindex="-1" aria-labelledby="{}-error-summary">'
            '<h2 id="{}-error-summary">{}</h2><ul>{}</ul></div>',
            self.prefix,
            self.prefix,
            _("There is a problem with your answers"),
            join_html(items),
        )


def _must_answer(parent: Schema, name: str) -> bool:
    field = parent["properties"][name]
    if widget_of(field) == "checkbox":
        # An unticked box is an answer ("no"); only a box that must be ticked is required.
        return field.get("const") is True
    return is_required(parent, name)


def _label(context: str, title: str) -> str:
    # "Father – Full name": the same label appears in several sections of one form.
    return f"{context} – {title}" if context else title


def _row_count(node: Schema, filled: int) -> int:
    rows = max(filled + extra_rows(node), node.get("minItems", 0))
    return max(filled, min(rows, node.get("maxItems", rows)))


def _choices(slot: Slot, options: list[tuple[str, str]]) -> Slot:
    node = {
        **slot.node,
        "enum": [code for code, _name in options],
        "x-enum-titles": [name for _code, name in options],
    }
    return replace(slot, node=node)


def _button(name: str, text: str) -> SafeString:
    # formnovalidate: asking for another row must never be blocked by unfinished answers.
    return format_html(
        '<button type="submit" class="eform-secondary" name="{}" value="1" formnovalidate>{}</button>',
        name,
        text,
    )


def _condition_note(other: Schema, expected: Any) -> str:
    title = other.get("title", "")
    if widget_of(other) == "checkbox":
        if expected is True:
            return _("Fill in only if you ticked “%(field)s”.") % {"field": title}
        return _("Fill in only if you did not tick “%(field)s”.") % {"field": title}
    labels = {as_text(value): label for value, label in enum_choices(other)}
    value = labels.get(as_text(expected), as_text(expected))
    return _("Fill in only if the answer to “%(field)s” is “%(value)s”.") % {"field": title, "value": value}
