"""What a dashboard shows, read from the rollups: headline figures, the index, months, rankings.

One ``build`` for the three dashboards: the province leader's (whole province, rankings of
communes and departments), a commune's or a department's (the same filtered by unit or
agency, or narrowed by the official's scope) and the public summary (the province, no
drill-down). A figure whose denominator is zero is *missing* (None), never 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from motcua.agencies import selectors as agency_selectors
from motcua.core import clock
from motcua.reporting import selectors as reporting

if TYPE_CHECKING:
    from motcua.reporting.indicators import Counts, Index

__all__ = ["Dashboard", "Figure", "MonthRow", "RankRow", "build", "headlines", "months_between"]


@dataclass(frozen=True)
class Figure:
    """A headline figure: a count, its share of a base (None: no base), the dossiers behind it."""

    key: str
    label: Any
    count: int
    base: int | None
    base_label: Any
    drill: str

    @property
    def ratio(self) -> float | None:
        return self.count / self.base if self.base else None


# (key, label, count, base, base label, drill-down figure of reporting.selectors.DRILLDOWNS)
_HEADLINES = (
    ("received", _("Received"), "received", None, "", "received"),
    ("finished", _("Finished"), "finished", None, "", "finished"),
    ("on_time", _("Finished on time"), "finished_on_time", "finished", _("of finished"), "finished"),
    ("late", _("Finished late"), "finished_late", "finished", _("of finished"), "late"),
    ("open", _("Still open"), "open", None, "", "open"),
    ("online", _("Submitted online"), "received_online", "received", _("of received"), "online"),
    ("digitised", _("Digitised"), "digitised", "received", _("of received"), "digitised"),
    ("e_results", _("Electronic results"), "e_results", "processed", _("of results issued"), "e_results"),
    ("paid_online", _("Fees paid online"), "paid_online", "with_fees", _("of dossiers with fees"),
     "paid_online"),
    ("satisfaction", _("Satisfied and on time"), "", "finished", _("of finished"), "unsatisfied"),
)  # fmt: skip


def headlines(counts: Counts) -> list[Figure]:
    """The headline figures of a scope and period (satisfaction as the index counts it)."""
    found = []
    for key, label, count, base, base_label, drill in _HEADLINES:
        value = counts.finished - counts.satisfaction_bad if key == "satisfaction" else getattr(counts, count)
        found.append(Figure(key, label, value, getattr(counts, base) if base else None, base_label, drill))
    return found


@dataclass(frozen=True)
class MonthRow:
    month: date
    counts: Counts | None  # None: nothing received, ended or open in that month
    index: Index | None

    @property
    def score(self) -> float | None:
        return self.index.score if self.index else None


@dataclass(frozen=True)
class RankRow:
    kind: str  # "unit" or "agency"
    code: str
    name: str
    counts: Counts | None
    index: Index | None
    rank: int | None = None

    @property
    def score(self) -> float | None:
        return self.index.score if self.index else None


@dataclass(frozen=True)
class Dashboard:
    filters: reporting.Filters
    scope: reporting.Scope
    subject: str
    counts: Counts
    index: Index
    figures: list[Figure]
    months: list[MonthRow]
    communes: list[RankRow] | None  # None: not a province-wide view
    agencies: list[RankRow]

    @property
    def has_data(self) -> bool:
        return _has_data(self.counts)


def _has_data(counts: Counts) -> bool:
    return bool(counts.received or counts.finished or counts.open)


def months_between(start: date, end: date) -> list[date]:
    first, months = date(start.year, start.month, 1), []
    while first <= end:
        months.append(first)
        first = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return months


def _months(filters: reporting.Filters, by_month: dict[date, Counts]) -> list[MonthRow]:
    rows = []
    for month in months_between(filters.start, filters.end):
        counts = by_month.get(month)
        has = counts is not None and _has_data(counts)
        rows.append(MonthRow(month, counts if has else None, reporting.index_for(counts) if has else None))
    return rows


def _ranked(rows: list[RankRow]) -> list[RankRow]:
    """Best score first; rows without data last, unranked (missing is not the lowest score)."""
    scored = sorted((r for r in rows if r.score is not None), key=lambda r: (-r.score, r.name))  # type: ignore[operator]
    missing = sorted((r for r in rows if r.score is None), key=lambda r: r.name)
    return [
        RankRow(r.kind, r.code, r.name, r.counts, r.index, rank=position)
        for position, r in enumerate(scored, start=1)
    ] + missing


def _row(kind: str, code: str, name: str, counts: Counts | None) -> RankRow:
    has = counts is not None and _has_data(counts)
    return RankRow(kind, code, name, counts if has else None, reporting.index_for(counts) if has else None)


def _communes(by_unit: dict[int, Counts]) -> list[RankRow]:
    """Every commune of the province, those without dossiers too (shown as no data)."""
    units = agency_selectors.admin_units(parent=settings.MOTCUA_PROVINCE_CODE, on=clock.today())
    return _ranked([_row("unit", u.code, u.name, by_unit.get(u.pk)) for u in units])


def _agencies(
    scope: reporting.Scope, by_agency: dict[int, Counts], *, departments_only: bool
) -> list[RankRow]:
    """Agencies with counts; in the province-wide view the provincial departments, all of them."""
    if departments_only:
        listed = [a for a in agency_selectors.agencies_in_province(province_id=scope.province_id)
                  if a.unit_id == scope.province_id]  # fmt: skip
        listed_ids = {a.pk for a in listed}
        listed += agency_selectors.agency_names(ids=[i for i in by_agency if i not in listed_ids]).values()
        listed = [a for a in listed if a.unit_id == scope.province_id]
    else:
        listed = list(agency_selectors.agency_names(ids=by_agency).values())
    return _ranked([_row("agency", a.code, a.name, by_agency.get(a.pk)) for a in listed])


def _subject(filters: reporting.Filters, scope: reporting.Scope) -> str:
    if filters.agency is not None:
        return filters.agency.name
    if filters.unit is not None:
        return filters.unit.full_name
    if scope.everything:
        return agency_selectors.get_province(code=settings.MOTCUA_PROVINCE_CODE).full_name
    units = {a.unit.full_name for a in agency_selectors.agency_names(ids=scope.agency_ids or ()).values()}
    return ", ".join(sorted(units)) if len(units) <= 2 else str(_("Your agencies"))


def build(filters: reporting.Filters, scope: reporting.Scope, *, table: str | None = None) -> Dashboard:
    """Everything one dashboard page shows (about a dozen queries on the rollups).

    ``table``: only what that table needs (an export), the other lists left empty: the
    headline counts always, the months, communes or agencies only when asked for.
    """
    province_wide = scope.everything and filters.unit is None and filters.agency is None
    wanted = {
        "month": table in (None, "months"),
        "unit": province_wide and table in (None, "communes"),
        "agency": filters.agency is None and table in (None, "agencies"),
    }
    grouped = reporting.counts_grouped(
        filters, scope, by=("all", *(name for name, on in wanted.items() if on))
    )
    counts = grouped["all"][None]
    return Dashboard(
        filters=filters,
        scope=scope,
        subject=_subject(filters, scope),
        counts=counts,
        index=reporting.index_for(counts),
        figures=headlines(counts),
        months=_months(filters, grouped["month"]) if wanted["month"] else [],
        communes=(_communes(grouped["unit"]) if wanted["unit"] else []) if province_wide else None,
        agencies=_agencies(scope, grouped["agency"], departments_only=province_wide)
        if wanted["agency"]
        else [],
    )
