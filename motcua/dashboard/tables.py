"""Every table of a dashboard as plain rows: rendered on the page and exported as CSV/XLSX.

One definition per table, so the page and its exports never disagree. A cell holds a raw
value (a count, a ratio 0–1, a score 0–100, text) or None for missing data, and a link.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from motcua.dashboard.figures import Dashboard, RankRow

if TYPE_CHECKING:
    from motcua.reporting.indicators import Counts, Index

__all__ = ["TABLES", "Cell", "Column", "Linker", "Table", "table_of", "tables_of"]

# (kind, code) → URL; kinds: "drill" (a headline figure), "unit", "agency". "" for no link.
Linker = Callable[[str, str], str]


@dataclass(frozen=True)
class Column:
    label: Any
    kind: str = "text"  # text, count, percent (ratio 0–1), score (0–100), points


@dataclass(frozen=True)
class Cell:
    value: Any  # None: no data
    href: str = ""


@dataclass(frozen=True)
class Table:
    key: str
    title: Any
    columns: list[Column]
    rows: list[list[Cell]] = field(default_factory=list)


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def _on_time(index: Index | None) -> float | None:
    return index.indicator("progress.on_time").ratio if index else None


def _figures(board: Dashboard, link: Linker) -> Table:
    columns = [
        Column(_("Figure")),
        Column(_("Dossiers"), "count"),
        Column(_("Share"), "percent"),
        Column(_("Of")),
    ]
    rows = [
        [Cell(str(f.label)), Cell(f.count, link("drill", f.drill)), Cell(f.ratio), Cell(str(f.base_label))]
        for f in board.figures
    ]
    return Table("figures", _("Headline figures"), columns, rows)


def _indicators(board: Dashboard, link: Linker) -> Table:
    columns = [
        Column(_("Group")), Column(_("Indicator")), Column(_("Numerator"), "count"),
        Column(_("Denominator"), "count"), Column(_("Ratio"), "percent"), Column(_("Points"), "points"),
        Column(_("Maximum"), "points"), Column(_("Note")),
    ]  # fmt: skip
    rows = [
        [
            Cell(group.label),
            Cell(v.label),
            Cell(v.numerator),
            Cell(v.denominator),
            Cell(v.ratio),
            Cell(v.points),
            Cell(v.max_points),
            Cell(v.missing_reason),
        ]
        for group in board.index.groups
        for v in group.indicators
    ]
    return Table("indicators", _("Service index, indicator by indicator"), columns, rows)


def _counts_cells(counts: Counts | None, index: Index | None) -> list[Cell]:
    if counts is None:
        return [Cell(None)] * 5
    return [
        Cell(index.score if index else None),
        Cell(counts.received),
        Cell(counts.finished),
        Cell(_on_time(index)),
        Cell(_ratio(counts.received_online, counts.received)),
    ]


_COUNT_COLUMNS = [
    Column(_("Score"), "score"),
    Column(_("Received"), "count"),
    Column(_("Finished"), "count"),
    Column(_("On time"), "percent"),
    Column(_("Online"), "percent"),
]


def _months(board: Dashboard, link: Linker) -> Table:
    rows = [[Cell(date_format(m.month, "m/Y")), *_counts_cells(m.counts, m.index)] for m in board.months]
    return Table("months", _("Month by month"), [Column(_("Month")), *_COUNT_COLUMNS], rows)


def _ranking(key: str, title: Any, name: Any, rows: list[RankRow], link: Linker) -> Table:
    columns = [Column(_("Rank"), "count"), Column(name), Column(_("Code")), *_COUNT_COLUMNS]
    cells = [
        [Cell(r.rank), Cell(r.name, link(r.kind, r.code)), Cell(r.code), *_counts_cells(r.counts, r.index)]
        for r in rows
    ]
    return Table(key, title, columns, cells)


def _communes(board: Dashboard, link: Linker) -> Table | None:
    if board.communes is None:
        return None
    return _ranking("communes", _("Ranking of communes and wards"), _("Commune"), board.communes, link)


def _agencies(board: Dashboard, link: Linker) -> Table | None:
    if board.filters.agency is not None:
        return None
    title = _("Ranking of departments") if board.communes is not None else _("Agencies")
    return _ranking("agencies", title, _("Agency"), board.agencies, link)


TABLES: dict[str, Callable[[Dashboard, Linker], Table | None]] = {
    "figures": _figures,
    "indicators": _indicators,
    "months": _months,
    "communes": _communes,
    "agencies": _agencies,
}


def _no_links(kind: str, code: str) -> str:
    return ""


def table_of(board: Dashboard, key: str) -> Table | None:
    """One table of a dashboard (an export), or None where this dashboard has no such table."""
    make = TABLES.get(key)
    return make(board, _no_links) if make is not None else None


def tables_of(board: Dashboard, link: Linker = _no_links) -> dict[str, Table]:
    """The tables this dashboard shows (a commune's has no ranking of communes), by key."""
    built = {key: make(board, link) for key, make in TABLES.items()}
    return {key: table for key, table in built.items() if table is not None}
