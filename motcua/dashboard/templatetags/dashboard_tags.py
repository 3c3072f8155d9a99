"""Formatting of dashboard cells: counts grouped, ratios as percentages, missing as "no data"."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from motcua.dashboard.tables import Cell, Column, Table

register = template.Library()


def format_value(kind: str, value: Any) -> str:
    if kind == "percent":
        return f"{number_format(value * 100, 1)} %"
    if kind == "score":
        return number_format(value, 1)
    if kind == "points":
        return number_format(round(value, 2), 2).rstrip("0").rstrip(",.")
    if kind == "count":
        return number_format(value, 0, force_grouping=True)
    return str(value)


@register.simple_tag
def cell(column: Column, item: Cell) -> SafeString:
    """One table cell's content; a missing value says so (never 0)."""
    if item.value is None or item.value == "":
        if column.kind == "text":
            return SafeString("")
        # A dash, not 0; its title (and the note under the tables) says it is missing data.
        return format_html('<span class="missing" title="{}">—</span>', _("no data"))
    text = format_value(column.kind, item.value)
    return format_html('<a href="{}">{}</a>', item.href, text) if item.href else format_html("{}", text)


@register.simple_tag
def table_rows(table: Table) -> SafeString:
    """A table's body, built here rather than cell by cell in the template (a province's
    tables have a few thousand cells: ten times faster)."""
    if not table.rows:
        return format_html('<tr><td colspan="{}">{}</td></tr>', len(table.columns), _("No data."))
    numeric = [' class="num"' if column.kind != "text" else "" for column in table.columns]
    rows = (
        "".join(
            f"<td{numeric[position]}>{cell(column, item)}</td>"
            for position, (column, item) in enumerate(zip(table.columns, row, strict=True))
        )
        for row in table.rows
    )
    return SafeString("\n".join(f"<tr>{cells}</tr>" for cells in rows))  # every cell escaped by cell()


@register.filter
def percent(value: float | None) -> str:
    return "" if value is None else format_value("percent", value)


@register.filter
def score(value: float | None) -> str:
    return "" if value is None else format_value("score", value)


@register.filter
def count(value: int | None) -> str:
    return "" if value is None else format_value("count", value)
