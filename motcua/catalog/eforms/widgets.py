"""The HTML of one answer: a label, its help and error, and the control; pure.

Everything an admin wrote (titles, help, option labels) is escaped by ``format_html``.
No ``required`` attribute: the browser's own checks would block the "add another" and
"show communes" buttons and speak another language than our messages; the server checks,
and ``aria-required`` tells assistive technology.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.files import File
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from motcua.catalog.eforms.fields import Schema, as_text, enum_choices
from motcua.catalog.eforms.formats import format_money

# WCAG 1.3.5: the applicant's own data says what it is, so browsers can fill it in.
_AUTOCOMPLETE = {"full_name": "name", "date_of_birth": "bday", "sex": "sex"}


@dataclass(frozen=True)
class Slot:
    """Where one answer lives: its schema node, dotted path, input name and HTML id."""

    node: Schema
    path: str
    name: str
    value: Any
    required: bool
    error: str | None

    @property
    def id(self) -> str:
        return self.name.replace(".", "-")

    @property
    def described_by(self) -> str:
        ids = [f"{self.id}-help"] if self.node.get("description") else []
        return " ".join([*ids, f"{self.id}-error"] if self.error else ids)

    def aria(self, *, control: bool = True) -> SafeString:
        """aria-describedby, and for controls aria-invalid / aria-required.

        A plain fieldset (role "group") may not carry aria-invalid or aria-required.
        """
        pairs = [("aria-describedby", self.described_by)] if self.described_by else []
        pairs += [("aria-invalid", "true")] if control and self.error else []
        pairs += [("aria-required", "true")] if control and self.required else []
        return join(format_html(' {}="{}"', key, value) for key, value in pairs)


def join(parts: Iterable[SafeString]) -> SafeString:
    return format_html_join("", "{}", ((part,) for part in parts))


def required_mark(required: bool) -> SafeString:
    # The word, not only a star: a star alone is lost on screen readers and newcomers.
    return format_html(' <span class="eform-required">{}</span>', _("(required)")) if required else join([])


def help_and_error(slot: Slot) -> SafeString:
    parts = []
    if slot.node.get("description"):
        parts.append(
            format_html('<p class="eform-help" id="{}-help">{}</p>', slot.id, slot.node["description"])
        )
    if slot.error:
        parts.append(
            format_html('<p class="eform-error" id="{}-error" role="alert">{}</p>', slot.id, slot.error)
        )
    return join(parts)


def labelled(slot: Slot, control: SafeString) -> SafeString:
    css = "eform-field eform-field--error" if slot.error else "eform-field"
    return format_html(
        '<div class="{}"><label for="{}">{}{}</label>{}{}</div>',
        css,
        slot.id,
        slot.node.get("title", ""),
        required_mark(slot.required),
        help_and_error(slot),
        control,
    )


def text_input(slot: Slot, widget: str) -> SafeString:
    attributes = _INPUT_ATTRIBUTES.get(widget, {"type": "text"})
    if slot.node.get("type") in ("integer", "number") and widget == "text":
        attributes = {"type": "text", "inputmode": "numeric" if slot.node["type"] == "integer" else "decimal"}
    if "maxLength" in slot.node:
        attributes = {**attributes, "maxlength": str(slot.node["maxLength"])}
    if slot.node.get("x-prefill") in _AUTOCOMPLETE:
        attributes = {**attributes, "autocomplete": _AUTOCOMPLETE[slot.node["x-prefill"]]}
    extra = join(format_html(' {}="{}"', key, value) for key, value in attributes.items())
    return labelled(
        slot,
        format_html(
            '<input id="{}" name="{}" value="{}"{}{}>',
            slot.id,
            slot.name,
            _shown(slot.value, widget),
            extra,
            slot.aria(),
        ),
    )


_INPUT_ATTRIBUTES = {
    "citizen_id": {
        "type": "text",
        "inputmode": "numeric",
        "maxlength": "12",
        "autocomplete": "off",
        "spellcheck": "false",
    },
    "phone": {"type": "tel", "autocomplete": "tel"},
    "email": {"type": "email", "autocomplete": "email", "spellcheck": "false"},
    "date": {"type": "date"},
    "money": {"type": "text", "inputmode": "numeric", "autocomplete": "off"},
}


def _shown(value: Any, widget: str) -> str:
    if widget == "money" and isinstance(value, int) and not isinstance(value, bool):
        return format_money(value)  # people read 1.500.000 more easily than 1500000
    return as_text(value)


def textarea(slot: Slot) -> SafeString:
    return labelled(
        slot,
        format_html(
            '<textarea id="{}" name="{}" rows="4"{}>{}</textarea>',
            slot.id,
            slot.name,
            slot.aria(),
            as_text(slot.value),
        ),
    )


def select(slot: Slot) -> SafeString:
    chosen = as_text(slot.value)
    options = [format_html('<option value="">{}</option>', _("— Choose —"))]
    options += [
        format_html(
            '<option value="{}"{}>{}</option>', as_text(value), _selected(as_text(value) == chosen), label
        )
        for value, label in enum_choices(slot.node)
    ]
    return labelled(
        slot,
        format_html(
            '<select id="{}" name="{}"{}>{}</select>', slot.id, slot.name, slot.aria(), join(options)
        ),
    )


def _selected(flag: bool) -> SafeString:
    return format_html("{}", " selected") if flag else join([])


def radio(slot: Slot) -> SafeString:
    chosen = as_text(slot.value)
    options = []
    for index, (value, label) in enumerate(enum_choices(slot.node)):
        # The first option takes the field's id, so links to the field land on it.
        option_id = slot.id if index == 0 else f"{slot.id}-{index}"
        checked = format_html("{}", " checked") if as_text(value) == chosen else join([])
        options.append(
            format_html(
                '<div class="eform-option"><input type="radio" id="{}" name="{}" value="{}"{}>'
                '<label for="{}">{}</label></div>',
                option_id,
                slot.name,
                as_text(value),
                checked,
                option_id,
                label,
            )
        )
    return fieldset(
        slot, "eform-field eform-radios", join(options), set_id=f"{slot.id}-options", role="radiogroup"
    )


def checkbox(slot: Slot) -> SafeString:
    checked = format_html("{}", " checked") if slot.value is True else join([])
    css = "eform-field eform-checkbox eform-field--error" if slot.error else "eform-field eform-checkbox"
    return format_html(
        '<div class="{}"><input type="checkbox" id="{}" name="{}" value="true"{}{}>'
        '<label for="{}">{}{}</label>{}</div>',
        css,
        slot.id,
        slot.name,
        checked,
        slot.aria(),
        slot.id,
        slot.node.get("title", ""),
        required_mark(slot.required),
        help_and_error(slot),
    )


def file_input(slot: Slot) -> SafeString:
    control = format_html('<input type="file" id="{}" name="file:{}"{}>', slot.id, slot.name, slot.aria())
    if isinstance(slot.value, str) and slot.value and not isinstance(slot.value, File):
        # The stored reference travels in a hidden field, so an error elsewhere on the page
        # does not make the person upload the file again on a slow connection.
        control = format_html(
            '{}<p class="eform-current-file">{} {}</p><input type="hidden" name="{}" value="{}">',
            control,
            _("Current file:"),
            slot.value,
            slot.name,
            slot.value,
        )
    return labelled(slot, control)


def fieldset(
    slot: Slot, css: str, body: SafeString, *, set_id: str | None = None, role: str | None = None
) -> SafeString:
    """A section or a group of options: the legend labels everything inside."""
    if slot.error:
        css = f"{css} eform-field--error"
    role_attribute = format_html(' role="{}"', role) if role else join([])
    return format_html(
        '<fieldset class="{}" id="{}"{}{}><legend>{}{}</legend>{}{}</fieldset>',
        css,
        set_id or slot.id,
        role_attribute,
        slot.aria(control=role is not None),
        slot.node.get("title", ""),
        required_mark(slot.required),
        help_and_error(slot),
        body,
    )
