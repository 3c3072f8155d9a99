"""A period's counts added up from the rollups, reading as few rows as the period allows.

A period is cut into its whole months, read from month rows, and the days before and
after them, read from day rows. A month is whole when the period covers it to its last day, or to
the last day that has rows yet (this month up to today, when nothing is dated later).
Sums come from ``MonthlyAgencyRollup`` (no procedure: a tenth of the rows) unless the
period is filtered by procedure; which procedures were used comes from the index
``rollup_monthly_used_idx`` of ``MonthlyRollup``. The default period, eleven months and
this month so far, is then a few thousand month rows and no day row at all.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.db import connection
from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth

from motcua.agencies import selectors as agency_selectors
from motcua.agencies.types import UnitLevel
from motcua.reporting.models import DAILY_COUNTS, DailyRollup, MonthlyAgencyRollup, MonthlyRollup

if TYPE_CHECKING:
    from motcua.reporting.selectors import Filters, Scope

__all__ = ["GROUPINGS", "month_key", "period_sums", "restrict", "sums_by_month", "unit_ids", "whole_months"]


def unit_ids(unit: Any) -> list[int]:
    """A commune's id, or a province's and its communes'."""
    if unit.level == UnitLevel.PROVINCE:
        return [unit.pk, *agency_selectors.admin_units(parent=unit.code).values_list("pk", flat=True)]
    return [unit.pk]


def restrict(queryset: QuerySet, filters: Filters, scope: Scope, *, day: str) -> QuerySet:
    """Rollup rows of the period (``day``: the model's date column), scope and filters."""
    queryset = queryset.filter(**{f"{day}__range": (filters.start, filters.end)})
    if not scope.everything:
        queryset = queryset.filter(agency_id__in=scope.agency_ids)
    if filters.unit is not None:
        queryset = queryset.filter(unit_id__in=unit_ids(filters.unit))
    if filters.agency is not None:
        queryset = queryset.filter(agency_id=filters.agency.pk)
    if filters.procedure is not None:
        queryset = queryset.filter(procedure_id=filters.procedure.pk)
    if filters.channel:
        queryset = queryset.filter(channel=filters.channel)
    return queryset


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _previous_month(day: date) -> date:
    return date(day.year - (day.month == 1), (day.month - 2) % 12 + 1, 1)


def _nothing_after(end: date) -> bool:
    """No day row later than ``end`` in its month: the month's rows are its days up to ``end``."""
    return not DailyRollup.objects.filter(day__gt=end, day__lt=_next_month(end)).exists()


def whole_months(start: date, end: date) -> tuple[date, date] | None:
    """The first days of the first and last months read from month rows, if any."""
    first = start if start.day == 1 else _next_month(start)
    complete = (end + timedelta(days=1)).day == 1 or _nothing_after(end)
    last = date(end.year, end.month, 1) if complete else _previous_month(end)
    return (first, last) if first <= last else None


def _parts(filters: Filters, scope: Scope, months_model: type[Any], months: tuple[date, date] | None) -> list:
    if months is None:
        return [restrict(DailyRollup.objects.all(), filters, scope, day="day")]
    parts = [restrict(months_model.objects.all(), replace(filters, start=months[0], end=months[1]), scope,
                      day="month")]  # fmt: skip
    if filters.start < months[0]:
        before = replace(filters, end=months[0] - timedelta(days=1))
        parts.append(restrict(DailyRollup.objects.all(), before, scope, day="day"))
    if filters.end >= _next_month(months[1]):
        after = replace(filters, start=_next_month(months[1]))
        parts.append(restrict(DailyRollup.objects.all(), after, scope, day="day"))
    return parts


def _sum_parts(filters: Filters, scope: Scope, months: tuple[date, date] | None) -> list[QuerySet]:
    model = MonthlyRollup if filters.procedure is not None else MonthlyAgencyRollup
    return _parts(filters, scope, model, months)


def _used_parts(filters: Filters, scope: Scope, months: tuple[date, date] | None) -> list[QuerySet]:
    """The rows where a procedure received dossiers (the month rows' partial index matches)."""
    return [part.filter(received__gt=0) for part in _parts(filters, scope, MonthlyRollup, months)]


_SUM_COLUMNS = ("unit_id", "agency_id", *DAILY_COUNTS)
_SUM_NAMES = tuple(f"n_{name}" for name in DAILY_COUNTS)
_SUMS_SQL = ", ".join(f"SUM({name}) AS n_{name}" for name in DAILY_COUNTS)
_USED_COLUMNS = ("unit_id", "agency_id", "procedure_id", "online_level")

# How each grouping keys a row that carries ``unit_id`` and ``agency_id``.
GROUPINGS: dict[str, Callable[[Mapping[str, Any]], Any]] = {
    "all": lambda row: None,
    "unit": lambda row: row["unit_id"],
    "agency": lambda row: row["agency_id"],
}


def _union(parts: list[QuerySet], columns: tuple[str, ...]) -> tuple[str, list[Any]]:
    """The parts' rows as one set, in SQL."""
    selects, params = [], []
    for part in parts:
        sql, part_params = part.order_by().values_list(*columns).query.sql_with_params()
        selects.append(f"SELECT {', '.join(columns)} FROM ({sql}) part_{len(selects)}")
        params.extend(part_params)
    return " UNION ALL ".join(selects), params


def _fetch(sql: str, params: list[Any]) -> list[dict[str, Any]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def period_sums(
    filters: Filters, scope: Scope, *, by: tuple[str, ...]
) -> dict[str, dict[Any, dict[str, Any]]]:
    """The period's sums (``n_<count>``) and procedures used, for each grouping of ``by`` (``GROUPINGS``).

    Two queries whatever the groupings: the sums per agency (a unit's and the total are
    added up from them: an agency belongs to one unit) and the distinct (agency,
    procedure) pairs used, counted per grouping here.
    """
    months = whole_months(filters.start, filters.end)
    union, params = _union(_sum_parts(filters, scope, months), _SUM_COLUMNS)
    per_agency = _fetch(
        f"SELECT agency_id, unit_id, {_SUMS_SQL} FROM ({union}) parts GROUP BY agency_id, unit_id", params
    )
    union, params = _union(_used_parts(filters, scope, months), _USED_COLUMNS)
    used = _fetch(f"SELECT DISTINCT {', '.join(_USED_COLUMNS)} FROM ({union}) parts", params)
    return {name: _grouped(per_agency, used, GROUPINGS[name]) for name in by}


def _grouped(per_agency: list[dict], used: list[dict], key: Callable[[Mapping[str, Any]], Any]) -> dict:
    groups: dict[Any, dict[str, Any]] = {}
    for row in per_agency:
        target = groups.setdefault(key(row), dict.fromkeys(_SUM_NAMES, 0))
        for name in _SUM_NAMES:
            target[name] += row[name] or 0
    procedures: dict[Any, set[int]] = defaultdict(set)
    online: dict[Any, set[int]] = defaultdict(set)
    for row in used:  # offered online: the procedure has an online level
        procedures[key(row)].add(row["procedure_id"])
        if row["online_level"]:
            online[key(row)].add(row["procedure_id"])
    for group, ids in procedures.items():
        groups.setdefault(group, {}).update(
            n_procedures_used=len(ids), n_procedures_online=len(online[group])
        )
    return groups


def _month_of(part: QuerySet) -> Any:
    return TruncMonth("day") if part.model is DailyRollup else F("month")


def sums_by_month(filters: Filters, scope: Scope) -> dict[date, dict[str, Any]]:
    """Like ``period_sums`` per month: a whole month from its month rows, a partial one from its day rows."""
    sums: dict[date, dict[str, Any]] = {}
    months = whole_months(filters.start, filters.end)
    for parts, aggregates in ((_sum_parts, _MONTH_SUMS), (_used_parts, _MONTH_USED)):
        for part in parts(filters, scope, months):
            for row in part.annotate(grp=_month_of(part)).values("grp").annotate(**aggregates).order_by():
                sums.setdefault(month_key(row["grp"]), {}).update(row)
    return sums


def month_key(value: Any) -> Any:
    """A month as a date (PostgreSQL truncates a date to a timestamp)."""
    return value.date() if hasattr(value, "date") and callable(value.date) else value


_MONTH_SUMS = {f"n_{name}": Sum(name) for name in DAILY_COUNTS}
_MONTH_USED = {
    "n_procedures_used": Count("procedure_id", distinct=True),
    "n_procedures_online": Count("procedure_id", distinct=True, filter=~Q(online_level="")),
}
