"""The province's working-day calendar: the national one, with the province's days laid over it.

The national days come from the ``holidays`` package (Labour Code Art. 112 holidays, the
days off in lieu — "(nghỉ bù)" — and the swaps the government announces, with their
make-up Saturdays); ``CalendarDay`` rows add what the package does not know yet or
correct it, and win for their date. Building the national part takes tens of
milliseconds, so it is kept per process; the province's rows are read on every call (one
small query) so that a change made in /admin/ applies at once in every process.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import lru_cache

import holidays

from motcua.dossiers.deadlines import WorkCalendar
from motcua.dossiers.models import CalendarDay, CalendarDayKind

# Wide enough for any dossier of the system's life; the package knows the lunar calendar
# until 2100. Before 2000 nobody will file a dossier.
YEARS = range(2000, 2101)

Rows = tuple[tuple[date, str, str], ...]

_cache: dict[tuple[int, ...], tuple[Rows, WorkCalendar]] = {}


@lru_cache(maxsize=8)
def national_calendar(years: tuple[int, ...]) -> WorkCalendar:
    """The national calendar (names in Vietnamese) for consecutive ``years``; no database."""
    if not years or list(years) != list(range(years[0], years[-1] + 1)):
        raise ValueError("years must be consecutive")
    official = holidays.country_holidays("VN", years=years, language="vi")
    # weekend_workdays keeps make-up Saturdays of other years too (2014, 2019); keep ours.
    worked = {day for day in official.weekend_workdays if day.year in years}
    return WorkCalendar(
        days_off=dict(official.items()),
        extra_working_days=frozenset(worked),
        first=date(years[0], 1, 1),
        last=date(years[-1], 12, 31),
    )


def province_calendar(years: Iterable[int] = YEARS) -> WorkCalendar:
    """The national calendar with the province's ``CalendarDay`` rows applied.

    Cached per process and per set of years; the cached calendar is reused as long as the
    rows are the same as when it was built (compared whole, so a deletion, an edit in
    /admin/ and a bulk ``update()`` are all noticed).
    """
    key = tuple(sorted(set(years)))
    base = national_calendar(key)
    rows: Rows = tuple(
        CalendarDay.objects.filter(date__range=(base.first, base.last))
        .order_by("date")
        .values_list("date", "kind", "name")
    )
    cached = _cache.get(key)
    if cached is not None and cached[0] == rows:
        return cached[1]
    calendar = _overlay(base, rows)
    _cache[key] = (rows, calendar)  # one assignment: safe for threads sharing the process
    return calendar


def _overlay(base: WorkCalendar, rows: Rows) -> WorkCalendar:
    days_off = dict(base.days_off)
    worked = set(base.extra_working_days)
    for day, kind, name in rows:
        if kind == CalendarDayKind.DAY_OFF:
            days_off[day] = name
            worked.discard(day)
        else:
            # A working day cancels whatever the national calendar says about that date.
            worked.add(day)
            days_off.pop(day, None)
    return WorkCalendar(
        days_off=days_off, extra_working_days=frozenset(worked), first=base.first, last=base.last
    )
