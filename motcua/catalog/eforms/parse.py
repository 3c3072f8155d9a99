"""``parse_form``: the POSTed dotted names back into the form's JSON data.

It reads only the names the schema defines (anything else in the POST is ignored), turns
text into the schema's types, normalises money, dates and phone numbers, drops blank
answers, blank repeat rows and answers hidden by their condition. Text that cannot be read
(``31/02/2024`` as a date) is kept as typed: validation then says what is wrong and the
page shows what the person wrote.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from django.core.files import File

from motcua.catalog.eforms.conditions import drop_hidden
from motcua.catalog.eforms.expand import ADDRESS_PARTS_SCHEMA
from motcua.catalog.eforms.fields import Schema, as_text, fields, item_schema, join, widget_of
from motcua.catalog.eforms.formats import normalise_date, normalise_money, normalise_phone

_MISSING = object()
_INTEGER = re.compile(r"[+-]?[0-9]+")
_DECIMAL = re.compile(r"[+-]?[0-9]+(?:[.,][0-9]+)?")
_REQUEST = re.compile(r"_(?:add|refresh)_(.+)")
_PATH = re.compile(r"[A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*")
_TRUE = frozenset({"true", "on", "1"})


def parse_form(
    schema: Schema, post: Mapping[str, Any], files: Mapping[str, Any] | None = None, *, prefix: str = "f"
) -> tuple[dict[str, Any], set[str]]:
    """(data, requests): the answers, and the paths whose "add another" or "show the
    communes" button was pressed (the view then re-renders instead of submitting)."""
    reader = _Reader(post, files or {}, prefix)
    data = reader.section(schema, "")
    return drop_hidden(schema, data), _requests(post, prefix)


def add_rows(schema: Schema, data: Mapping[str, Any], requests: set[str]) -> dict[str, Any]:
    """``data`` with one more (empty) row in each repeating group named in ``requests``."""
    result = _copy(data)
    for path in sorted(requests):
        _add_row(schema, result, path.split("."))
    return result


def replace_uploads(data: Any, store: Callable[[str, File], str], path: str = "") -> Any:
    """``data`` with each uploaded file replaced by ``store(path, file)``, e.g. an attachment id.

    Store uploads before showing the form again, so a person on a slow connection does not
    send the same file twice when another answer needs correcting.
    """
    if isinstance(data, File):
        return store(path, data)
    if isinstance(data, Mapping):
        return {key: replace_uploads(value, store, join(path, key)) for key, value in data.items()}
    if isinstance(data, list):
        return [replace_uploads(value, store, join(path, index)) for index, value in enumerate(data)]
    return data


class _Reader:
    def __init__(self, post: Mapping[str, Any], files: Mapping[str, Any], prefix: str) -> None:
        self.post, self.files, self.prefix = post, files, prefix

    def section(self, node: Schema, path: str) -> dict[str, Any]:
        answers = {}
        for name, field in fields(node):
            value = self.field(field, join(path, name))
            if value is not _MISSING:
                answers[name] = value
        return answers

    def field(self, node: Schema, path: str) -> Any:
        widget = widget_of(node)
        if widget == "group":
            answers = self.section(node, path)
            return answers if _has_answer(answers) else _MISSING
        if widget == "repeat":
            items = item_schema(node)
            rows = [self.section(items, join(path, index)) for index in self._row_indices(path)]
            return [row for row in rows if _has_answer(row)] or _MISSING
        if widget == "address":
            parts = {part: self.text(join(path, part)) for part in ADDRESS_PARTS_SCHEMA}
            return {part: text for part, text in parts.items() if text} or _MISSING
        if widget == "checkbox":
            # An unticked box sends nothing: absence is the answer "no".
            return self.text(path).lower() in _TRUE
        if widget == "file":
            upload = self.files.get(f"file:{self.prefix}.{path}")
            return upload if upload else (self.text(path) or _MISSING)
        text = self.text(path)
        return _coerce(node, widget, text) if text else _MISSING

    def text(self, path: str) -> str:
        value = self.post.get(f"{self.prefix}.{path}", "")
        return value.strip() if isinstance(value, str) else ""

    def _row_indices(self, path: str) -> list[str]:
        # Rows are found from the names sent (Django caps how many fields a POST may hold);
        # canonical numbers only, so "01" and "1" cannot both name the same row.
        pattern = re.compile(rf"(?:file:)?{re.escape(f'{self.prefix}.{path}')}\.(0|[1-9][0-9]*)\.")
        found = {int(match.group(1)) for key in [*self.post, *self.files] if (match := pattern.match(key))}
        return [str(index) for index in sorted(found)]


def _coerce(node: Schema, widget: str, text: str) -> Any:
    if "enum" in node:
        return next((value for value in node["enum"] if as_text(value) == text), text)
    if widget == "money":
        amount = normalise_money(text)
        return text if amount is None else amount
    if widget == "date" or node.get("format") == "date":
        return normalise_date(text) or text
    if node.get("type") == "integer":
        return int(text) if _INTEGER.fullmatch(text) else text
    if node.get("type") == "number":
        return _number(text)
    if widget == "citizen_id" or node.get("format") == "citizen-id":
        return "".join(text.split())
    if widget == "phone" or node.get("format") == "phone-vn":
        return normalise_phone(text)
    return text.replace("\r\n", "\n")  # browsers send CRLF; lengths count characters people typed


def _number(text: str) -> Any:
    if _INTEGER.fullmatch(text):
        return int(text)
    if _DECIMAL.fullmatch(text):
        return float(text.replace(",", "."))
    return text


def _has_answer(value: Any) -> bool:
    """Anything but unticked boxes: a section of only "no"s was not filled in."""
    if isinstance(value, Mapping):
        return any(_has_answer(item) for item in value.values())
    if isinstance(value, list):
        return bool(value)
    return value is not False


def _requests(post: Mapping[str, Any], prefix: str) -> set[str]:
    start = f"{prefix}."
    paths = set()
    for key in post:
        match = _REQUEST.fullmatch(key)
        if match and match.group(1).startswith(start):
            path = match.group(1)[len(start) :]
            if _PATH.fullmatch(path):
                paths.add(path)
    return paths


def _add_row(node: Schema, data: Any, keys: list[str]) -> None:
    """Append an empty row to the repeating group at ``keys``, if that is one."""
    field = node.get("properties", {}).get(keys[0]) if isinstance(data, dict) else None
    if field is None:
        return
    key, rest, widget = keys[0], keys[1:], widget_of(field)
    if not rest:
        if widget == "repeat":
            rows = data.get(key)
            data[key] = [*(rows if isinstance(rows, list) else []), {}]
    elif widget == "group":
        _add_row(field, data.setdefault(key, {}), rest)
    elif widget == "repeat" and rest[0].isdigit() and len(rest) > 1:
        rows = data.get(key)
        if isinstance(rows, list) and int(rest[0]) < len(rows):
            _add_row(item_schema(field), rows[int(rest[0])], rest[1:])


def _copy(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {key: _copy(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copy(item) for item in value]
    return value
