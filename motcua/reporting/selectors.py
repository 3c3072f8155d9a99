"""Reads of the service indicators, from the rollups, scoped to the caller.

Scope: a superuser, a province administrator and a leader of a provincial People's
Committee see the whole province; any other official sees the agencies of their scope
(``agencies.selectors.agency_scope``: their agency and those below it); the public
summary sees the whole province (counts only, never a dossier). Counts belong to the
*competent* agency of a dossier and to that agency's administrative unit.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _

from motcua.agencies import selectors as agency_selectors
from motcua.agencies.types import AgencyKind, AgencyLevel, Role, UnitLevel
from motcua.catalog import selectors as catalog_selectors
from motcua.core import clock
from motcua.core.errors import InvalidInput, MotcuaError, NotFound
from motcua.dossiers import selectors as dossier_selectors
from motcua.dossiers.types import Channel
from motcua.reporting import sums
from motcua.reporting.indicators import Counts, Index, compute_index
from motcua.reporting.models import OpenRollup

__all__ = [
    "MAX_PERIOD_DAYS",
    "Filters",
    "InvalidFilter",
    "Scope",
    "counts_by",
    "counts_for",
    "counts_grouped",
    "default_period",
    "drilldown",
    "index_for",
    "parse_filters",
    "province_scope",
    "scope_of",
]

MAX_PERIOD_DAYS = 3 * 366 + 1
_UNIT = re.compile(r"[0-9]{2}|[0-9]{5}")
_PROCEDURE = re.compile(r"[0-9A-Za-z.\-]{1,60}")


class InvalidFilter(InvalidInput):
    code = "indicators.invalid_filter"


@dataclass(frozen=True)
class Scope:
    """Which competent agencies' counts the caller may see; ``None``: the whole province."""

    agency_ids: frozenset[int] | None
    province_id: int | None

    @property
    def everything(self) -> bool:
        return self.agency_ids is None


@dataclass(frozen=True)
class Filters:
    start: date
    end: date
    unit: Any = None  # AdminUnit
    agency: Any = None  # Agency
    procedure: Any = None  # Procedure
    channel: str = ""

    def as_query(self) -> dict[str, str]:
        query = {"from": self.start.isoformat(), "to": self.end.isoformat()}
        if self.unit is not None:
            query["unit"] = self.unit.code
        if self.agency is not None:
            query["agency"] = self.agency.code
        if self.procedure is not None:
            query["procedure"] = self.procedure.code
        if self.channel:
            query["channel"] = self.channel
        return query


def _province() -> Any:
    return agency_selectors.get_province(code=settings.MOTCUA_PROVINCE_CODE)


def province_scope() -> Scope:
    """The whole province: the public summary and the province's leaders."""
    return Scope(agency_ids=None, province_id=_province().pk)


def scope_of(user: Any) -> Scope:
    """What the caller may see; an official without any agency sees nothing (NotFound)."""
    scope = agency_selectors.agency_scope(user)
    if scope.everything:
        return province_scope()
    leads_province = any(
        held.role in (Role.LEADER, Role.PROVINCE_ADMIN, Role.SIGNER)
        and held.agency.level == AgencyLevel.PROVINCE
        and held.agency.kind == AgencyKind.PEOPLES_COMMITTEE
        for held in agency_selectors.roles_of(user)
    )
    if leads_province or (scope.agency_ids and _holds_province_admin(user)):
        return province_scope()
    if not scope.agency_ids:
        raise NotFound(code="indicators.not_found")
    return Scope(agency_ids=frozenset(scope.agency_ids), province_id=_province().pk)


def _holds_province_admin(user: Any) -> bool:
    return agency_selectors.has_role(user, Role.PROVINCE_ADMIN)


def default_period(today: date | None = None) -> tuple[date, date]:
    """From the first day of the month eleven months ago to today: a year of monthly trends."""
    today = today or clock.today()
    month = today.month - 11
    year = today.year + (month - 1) // 12
    return date(year, (month - 1) % 12 + 1, 1), today


def parse_filters(params: Mapping[str, Any], *, scope: Scope, user: Any = None) -> Filters:
    """Check the filters of a request; a malformed one is a 400 with a message saying which and why.

    An agency or a unit outside the caller's scope answers like one that does not exist (404).
    """
    start, end = default_period()
    if params.get("from") or params.get("to"):
        start = _date(params.get("from") or start.isoformat(), "from")
        end = _date(params.get("to") or end.isoformat(), "to")
    if end < start:
        raise InvalidFilter(_("The end of the period (to) is before its start (from)."))
    if (end - start).days > MAX_PERIOD_DAYS:
        raise InvalidFilter(_("Choose a period of at most three years."))
    filters = Filters(start=start, end=end)
    if unit := (params.get("unit") or "").strip():
        filters = replace(filters, unit=_unit(unit, scope))
    if agency := (params.get("agency") or "").strip():
        filters = replace(filters, agency=_agency(agency, scope, user))
    if procedure := (params.get("procedure") or "").strip():
        filters = replace(filters, procedure=_procedure_filter(procedure))
    if channel := (params.get("channel") or "").strip():
        if channel not in Channel.values:
            raise InvalidFilter(
                _("Unknown channel “%(value)s”: use desk, online or post."), value=channel[:20]
            )
        filters = replace(filters, channel=channel)
    return filters


def _date(text: str, name: str) -> date:
    try:
        return date.fromisoformat(str(text)[:10]) if len(str(text)) == 10 else _bad_date(text, name)
    except ValueError:
        return _bad_date(text, name)


def _bad_date(text: str, name: str) -> date:
    raise InvalidFilter(
        _("“%(name)s” must be a date in ISO format, YYYY-MM-DD (got “%(value)s”)."),
        name=name,
        value=str(text)[:20],
    )


def _unit(code: str, scope: Scope) -> Any:
    if not _UNIT.fullmatch(code):
        raise InvalidFilter(
            _("“unit” must be a 2-digit province or a 5-digit commune code (got “%(value)s”)."),
            value=code[:20],
        )
    unit = agency_selectors.get_admin_unit(code=code)  # 404 when there is none
    province_id = unit.pk if unit.level == UnitLevel.PROVINCE else unit.parent_id
    if province_id != scope.province_id:
        raise NotFound(code="admin_unit.not_found")
    if not scope.everything and not _agency_ids_of_units(sums.unit_ids(unit)) & scope.agency_ids:
        raise NotFound(code="admin_unit.not_found")
    return unit


def _agency(code: str, scope: Scope, user: Any) -> Any:
    if scope.everything:
        found = agency_selectors.find_agency(code=code)
        if found is None or agency_selectors.province_id_of(found) != scope.province_id:
            raise NotFound(code="agency.not_found")
        return found
    return agency_selectors.get_visible_agency(user, code=code)


def _procedure_filter(code: str) -> Any:
    if not _PROCEDURE.fullmatch(code):
        raise InvalidFilter(_("“procedure” must be a procedure code such as 1.004884."))
    try:
        return catalog_selectors.get_procedure(code=code)
    except MotcuaError:
        raise InvalidFilter(_("There is no procedure with code “%(value)s”."), value=code) from None


def _agency_ids_of_units(unit_ids: list[int]) -> frozenset[int]:
    return frozenset(agency_selectors.agencies_of_units(unit_ids=unit_ids))


def _open_sums(today: date) -> dict[str, Any]:
    within = Q(late_anyway=False) & (Q(appointment_on__gte=today) | Q(appointment_on__isnull=True))
    return {"n_open": Sum("count"), "n_open_within_time": Sum("count", filter=within)}


def _counts(row: Mapping[str, Any]) -> Counts:
    return Counts(**{name: row.get(f"n_{name}") or 0 for name in Counts.names()})


def counts_for(filters: Filters, scope: Scope) -> Counts:
    """The counts of the period and scope, from the rollups."""
    return counts_grouped(filters, scope, by=("all",))["all"][None]


def counts_by(filters: Filters, scope: Scope, *, by: str) -> dict[Any, Counts]:
    """Counts per ``unit`` (unit id), ``agency`` (agency id) or ``month`` (first day of the month)."""
    return counts_grouped(filters, scope, by=(by,))[by]


def counts_grouped(filters: Filters, scope: Scope, *, by: tuple[str, ...]) -> dict[str, dict[Any, Counts]]:
    """Counts for each grouping of ``by``: ``all`` (key None), ``unit``, ``agency``, ``month``.

    What a dashboard shows in about six queries, whatever it groups by.
    """
    if unknown := set(by) - {*sums.GROUPINGS, "month"}:
        raise ValueError(f"unknown groupings: {sorted(unknown)}")
    found = sums.period_sums(filters, scope, by=tuple(name for name in by if name != "month"))
    if "month" in by:
        found["month"] = sums.sums_by_month(filters, scope)
    for name, groups in _open_counts(filters, scope, by).items():
        for group, row in groups.items():
            found[name].setdefault(group, {}).update(row)
    if "all" in found:
        found["all"].setdefault(None, {})
    return {name: {group: _counts(row) for group, row in groups.items()} for name, groups in found.items()}


def _open_counts(filters: Filters, scope: Scope, by: tuple[str, ...]) -> dict[str, dict[Any, dict[str, int]]]:
    """Open dossiers per grouping, added up from one query per agency and month of receipt."""
    rows = (
        sums.restrict(OpenRollup.objects.all(), filters, scope, day="received_on")
        .annotate(month=TruncMonth("received_on"))
        .values("agency_id", "unit_id", "month")
        .annotate(**_open_sums(clock.today()))
        .order_by()
    )
    keys = dict(sums.GROUPINGS) | {"month": lambda row: sums.month_key(row["month"])}
    found: dict[str, dict[Any, dict[str, int]]] = {name: {} for name in by}
    for row in rows:
        for name in by:
            target = found[name].setdefault(keys[name](row), {"n_open": 0, "n_open_within_time": 0})
            target["n_open"] += row["n_open"] or 0
            target["n_open_within_time"] += row["n_open_within_time"] or 0
    return found


def index_for(counts: Counts) -> Index:
    return compute_index(counts, overrides=getattr(settings, "REPORTING_INDICATORS", {}))


# What each drill-down shows: the dossiers behind a figure (scoped like every dossier list).
DRILLDOWNS: dict[str, Any] = {
    "received": _("received"),
    "online": _("submitted online"),
    "finished": _("finished"),
    "late": _("finished late"),
    "open": _("open"),
    "overdue": _("open and overdue"),
    "digitised": _("digitised"),
    "e_results": _("with an electronic result"),
    "paid_online": _("fees paid online"),
    "unsatisfied": _("rated not satisfied"),
}


def drilldown(filters: Filters, scope: Scope, *, figure: str) -> QuerySet:
    """The dossiers behind a figure, newest first, that the caller may see."""
    if figure not in DRILLDOWNS:
        raise NotFound(code="indicators.not_found")
    return dossier_selectors.indicator_dossiers(
        figure=figure,
        start=filters.start,
        end=filters.end,
        agency_ids=None if scope.everything else scope.agency_ids,
        unit_ids=sums.unit_ids(filters.unit) if filters.unit is not None else None,
        agency_id=filters.agency.pk if filters.agency is not None else None,
        procedure_id=filters.procedure.pk if filters.procedure is not None else None,
        channel=filters.channel,
    )
