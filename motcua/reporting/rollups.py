"""Keeping the rollups: facts from dossiers, their contributions, and adding the difference.

The worker's job (``reporting.rollup``, every minute) reads the dossier events after the
stored cursor, recomputes the fact of each dossier they touch and adds the difference
between its new and its old contribution; nothing is rescanned. ``rebuild`` does the
same arithmetic over every dossier (or those of a period). Because a dossier's
contribution is recomputed from the dossier, taking in the same event twice changes
nothing.
"""

from __future__ import annotations

import logging
import time
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import connection, transaction

from motcua.core import clock
from motcua.dossiers import selectors as dossier_selectors
from motcua.dossiers.types import LOCAL_TIME, Outcome, Satisfaction, Status
from motcua.reporting.models import (
    DAILY_COUNTS,
    DailyRollup,
    DossierFact,
    MonthlyAgencyRollup,
    MonthlyRollup,
    OpenRollup,
    RollupCursor,
)

logger = logging.getLogger(__name__)

__all__ = ["contributions", "fact_from_row", "process_new_events", "rebuild", "refresh_dossiers"]

CURSOR = "dossier_events"
BATCH = 5000
DIMENSIONS = ("agency_id", "unit_id", "procedure_id", "channel", "online_level")
AGENCY_DIMENSIONS = ("agency_id", "unit_id", "channel", "online_level")
FACT_FIELDS = (
    "dossier_id",
    *DIMENSIONS,
    "status",
    "received_on",
    "finished_on",
    "appointment_on",
    "outcome",
    "supplement_requests",
    "extensions",
    "satisfaction",
    "digitised",
    "from_store",
    "from_population",
    "with_fees",
    "paid_online",
    "e_result",
)
_INDEX = {name: position for position, name in enumerate(DAILY_COUNTS)}
_PROCESSED = {Status.SIGNED, Status.RETURNED}
_ON_TIME = {Outcome.EARLY, Outcome.ON_TIME}

DailyKey = tuple  # (day, agency_id, unit_id, procedure_id, channel, online_level)
# (received_on, appointment_on, late_anyway, agency_id, unit_id, procedure_id, channel, online_level)
OpenKey = tuple


def fact_from_row(row: dict[str, Any]) -> dict[str, Any]:
    """A dossier's fact from ``dossiers.selectors.reporting_rows``."""
    finished_at: datetime | None = row["finished_at"]
    return {
        "dossier_id": row["id"],
        "agency_id": row["competent_agency_id"],
        "unit_id": row["competent_agency__unit_id"],
        "procedure_id": row["procedure_id"],
        "channel": row["channel"],
        "online_level": row["procedure__online_level"] or "",
        "status": row["status"],
        "received_on": row["received_on"],
        "finished_on": finished_at.astimezone(LOCAL_TIME).date() if finished_at else None,
        "appointment_on": row["appointment_on"],
        "outcome": row["outcome"] or "",
        "supplement_requests": row["supplement_requests"],
        "extensions": row["extensions"],
        "satisfaction": row["satisfaction"],
        "digitised": bool(row["digitised"]),
        "from_store": bool(row["from_store"]),
        "from_population": bool(row["from_population"]),
        "with_fees": bool(row["with_fees"]),
        "paid_online": bool(row["with_fees"]) and not row["unpaid_online"],
        "e_result": bool(row["e_result"]),
    }


def contributions(fact: dict[str, Any] | None) -> tuple[dict[DailyKey, list[int]], dict[OpenKey, int]]:
    """What one dossier adds to the daily and the open rollups (nothing before its receipt).

    Receipt-day counts go to the day of receipt, end-day counts to the day processing
    ended (signing the result, refusal, stop or withdrawal); a received dossier whose
    processing has not ended is open. More than one supplement request makes a dossier
    late on the national portal whatever its dates (domain.md §4).
    """
    daily: dict[DailyKey, list[int]] = {}
    if fact is None or fact["received_on"] is None:
        return daily, {}
    dims = tuple(fact[name] for name in DIMENSIONS)
    many_supplements = fact["supplement_requests"] > 1
    counts = [0] * len(DAILY_COUNTS)
    online = fact["channel"] == "online"
    full = fact["online_level"] == "full"
    for name, value in (
        ("received", True),
        ("received_online", online),
        ("received_full_eligible", full),
        ("received_full_online", full and online),
        ("digitised", fact["digitised"]),
        ("from_store", fact["from_store"]),
        ("from_population", fact["from_population"]),
        ("reused", fact["from_store"] or fact["from_population"]),
        ("with_fees", fact["with_fees"]),
        ("paid_online", fact["with_fees"] and fact["paid_online"]),
        ("supplement_requested", fact["supplement_requests"] > 0),
        ("multi_supplement", many_supplements),
        ("extended", fact["extensions"] > 0),
    ):
        counts[_INDEX[name]] = int(bool(value))
    daily[(fact["received_on"], *dims)] = counts
    if fact["finished_on"] is None:
        return daily, {(fact["received_on"], fact["appointment_on"], many_supplements, *dims): 1}
    end = daily.setdefault((fact["finished_on"], *dims), [0] * len(DAILY_COUNTS))
    on_time = fact["outcome"] in _ON_TIME and not many_supplements
    processed = fact["status"] in _PROCESSED
    satisfaction = fact["satisfaction"]
    for name, value in (
        ("finished", True),
        ("finished_on_time", on_time),
        ("finished_late", not on_time),
        ("withdrawn", fact["status"] == Status.WITHDRAWN),
        ("refused", fact["status"] == Status.REFUSED),
        ("stopped", fact["status"] == Status.STOPPED),
        ("processed", processed),
        ("e_results", processed and fact["e_result"]),
        ("rated", satisfaction is not None),
        ("rated_very", satisfaction == Satisfaction.VERY_SATISFIED),
        ("rated_satisfied", satisfaction == Satisfaction.SATISFIED),
        ("rated_unsatisfied", satisfaction == Satisfaction.NOT_SATISFIED),
        ("satisfaction_bad", satisfaction == Satisfaction.NOT_SATISFIED or not on_time),
    ):
        end[_INDEX[name]] += int(bool(value))
    return daily, {}


def refresh_dossiers(dossier_ids: Iterable[int]) -> int:
    """Recompute these dossiers' facts and add the differences to the rollups; how many changed."""
    ids = list(dossier_ids)
    if not ids:
        return 0
    new = {row["id"]: fact_from_row(row) for row in dossier_selectors.reporting_rows(ids=ids)}
    old = {fact["dossier_id"]: fact for fact in DossierFact.objects.filter(pk__in=ids).values(*FACT_FIELDS)}
    changed = [pk for pk in ids if new.get(pk) != old.get(pk)]
    daily: dict[DailyKey, list[int]] = defaultdict(lambda: [0] * len(DAILY_COUNTS))
    open_: dict[OpenKey, int] = defaultdict(int)
    for pk in changed:
        _add(daily, open_, contributions(new.get(pk)), sign=1)
        _add(daily, open_, contributions(old.get(pk)), sign=-1)
    _apply_daily(daily)
    _apply_open(open_)
    DossierFact.objects.filter(pk__in=changed).delete()
    DossierFact.objects.bulk_create([DossierFact(**new[pk]) for pk in changed if pk in new], batch_size=2000)
    return len(changed)


def _add(daily: dict, open_: dict, contribution: tuple[dict, dict], *, sign: int) -> None:
    their_daily, their_open = contribution
    for key, counts in their_daily.items():
        target = daily[key]
        for position, value in enumerate(counts):
            if value:
                target[position] += sign * value
    for key, value in their_open.items():
        open_[key] += sign * value


def _apply_daily(delta: dict[DailyKey, list[int]]) -> None:
    """Add the differences to the day rows and, summed by month, to the two kinds of month rows."""
    delta = {key: counts for key, counts in delta.items() if any(counts)}
    if not delta:
        return
    _apply_counts(DailyRollup, "day", DIMENSIONS, delta)
    _apply_counts(MonthlyRollup, "month", DIMENSIONS, _by_month(delta, keep=DIMENSIONS))
    _apply_counts(MonthlyAgencyRollup, "month", AGENCY_DIMENSIONS, _by_month(delta, keep=AGENCY_DIMENSIONS))


def _by_month(delta: dict[DailyKey, list[int]], *, keep: tuple[str, ...]) -> dict[tuple, list[int]]:
    """The day differences summed by month and by the dimensions ``keep`` (of ``DIMENSIONS``)."""
    positions = [DIMENSIONS.index(name) for name in keep]
    months: dict[tuple, list[int]] = defaultdict(lambda: [0] * len(DAILY_COUNTS))
    for (day, *dims), counts in delta.items():
        target = months[(day.replace(day=1), *(dims[position] for position in positions))]
        for position, value in enumerate(counts):
            target[position] += value
    return {key: counts for key, counts in months.items() if any(counts)}


def _apply_counts(model: type[Any], period: str, dimensions: tuple[str, ...], delta: dict) -> None:
    """Add the differences in the database: an upsert per row, then drop the rows fallen to zero.

    ``INSERT … ON CONFLICT DO UPDATE SET n = n + excluded.n`` (PostgreSQL and SQLite) adds
    without reading the rows first; the caller holds the cursor's lock, so no other
    writer adds at the same time.
    """
    if not delta:
        return
    quote = connection.ops.quote_name
    columns = [period, *dimensions, *DAILY_COUNTS]
    key = ", ".join(quote(name) for name in (period, *dimensions))
    table = quote(model._meta.db_table)
    adds = ", ".join(f"{quote(n)} = {table}.{quote(n)} + excluded.{quote(n)}" for n in DAILY_COUNTS)
    one_row = "(" + ", ".join(["%s"] * len(columns)) + ")"
    with connection.cursor() as cursor:
        # One statement, many rows: the driver parses it once (psycopg pipelines the rows).
        cursor.executemany(
            f"INSERT INTO {table} ({', '.join(quote(name) for name in columns)}) "
            f"VALUES {one_row} ON CONFLICT ({key}) DO UPDATE SET {adds}",
            [(*row_key, *counts) for row_key, counts in delta.items()],
        )
    model.objects.filter(
        **{f"{period}__in": {row_key[0] for row_key in delta}}, **dict.fromkeys(DAILY_COUNTS, 0)
    ).delete()


_OPEN_KEY = ("received_on", "appointment_on", "late_anyway", *DIMENSIONS)


def _apply_open(delta: dict[OpenKey, int]) -> None:
    delta = {key: value for key, value in delta.items() if value}
    if not delta:
        return
    existing = {
        tuple(getattr(row, name) for name in _OPEN_KEY): row
        for row in OpenRollup.objects.filter(
            received_on__in={key[0] for key in delta}, agency_id__in={key[3] for key in delta}
        )
    }
    to_create, to_update, to_delete = [], [], []
    for key, value in delta.items():
        row = existing.get(key)
        if row is None:
            to_create.append(OpenRollup(count=value, **dict(zip(_OPEN_KEY, key, strict=True))))
            continue
        row.count += value
        (to_update if row.count else to_delete).append(row)
    OpenRollup.objects.filter(pk__in=[row.pk for row in to_delete]).delete()
    OpenRollup.objects.bulk_update(to_update, ["count"], batch_size=500)
    OpenRollup.objects.bulk_create(to_create, batch_size=2000)


def _cursor() -> RollupCursor:
    RollupCursor.objects.get_or_create(name=CURSOR)
    return RollupCursor.objects.select_for_update().get(name=CURSOR)


def process_new_events(*, limit: int = BATCH, budget_seconds: float = 50.0) -> int:
    """Take in the dossier events after the cursor, batch by batch; how many were taken in.

    Events younger than ``REPORTING_ROLLUP_LAG_SECONDS`` wait for the next run, so a
    transaction that committed a smaller event id late is not skipped.
    """
    lag = timedelta(seconds=getattr(settings, "REPORTING_ROLLUP_LAG_SECONDS", 5))
    started, total = time.monotonic(), 0
    while time.monotonic() - started < budget_seconds:
        with transaction.atomic():
            cursor = _cursor()
            events = dossier_selectors.events_after(
                event_id=cursor.last_event_id, until=clock.now() - lag, limit=limit
            )
            if not events:
                break
            refresh_dossiers({dossier_id for _event, dossier_id in events})
            cursor.last_event_id, cursor.updated_at = events[-1][0], clock.now()
            cursor.save(update_fields=["last_event_id", "updated_at"])
        total += len(events)
        if len(events) < limit:
            break
    return total


def rebuild(*, start: date | None = None, end: date | None = None, chunk: int = 20000) -> int:
    """Recompute the rollups from the dossiers: all of them, or those received or ended in [start, end].

    The whole rebuild empties the rollups first and moves the cursor to the last event,
    so the job does not take those events in again (it would change nothing if it did).
    """
    if start is not None and end is not None:
        ids = dossier_selectors.dossiers_touching(start=start, end=end)
        for first in range(0, len(ids), chunk):
            with transaction.atomic():
                _cursor()  # one writer at a time
                refresh_dossiers(ids[first : first + chunk])
        return len(ids)
    with transaction.atomic():
        cursor = _cursor()
        cursor.last_event_id, cursor.updated_at = dossier_selectors.last_event_id(), clock.now()
        cursor.save(update_fields=["last_event_id", "updated_at"])
        DailyRollup.objects.all().delete()
        MonthlyRollup.objects.all().delete()
        MonthlyAgencyRollup.objects.all().delete()
        OpenRollup.objects.all().delete()
        DossierFact.objects.all().delete()
    low, high = dossier_selectors.dossier_id_bounds()
    done = 0
    for first in range(low, high + 1, chunk):
        with transaction.atomic():
            _cursor()
            done += _add_new_dossiers((first, first + chunk))
    return done


def _add_new_dossiers(id_range: tuple[int, int]) -> int:
    """The rebuild's step: facts of a range of dossiers that have none yet."""
    known = set(
        DossierFact.objects.filter(pk__gte=id_range[0], pk__lt=id_range[1]).values_list("pk", flat=True)
    )
    rows = dossier_selectors.reporting_rows(id_range=id_range)
    facts = [fact_from_row(row) for row in rows if row["id"] not in known]  # the job got there first
    daily: dict[DailyKey, list[int]] = defaultdict(lambda: [0] * len(DAILY_COUNTS))
    open_: dict[OpenKey, int] = defaultdict(int)
    for fact in facts:
        _add(daily, open_, contributions(fact), sign=1)
    _apply_daily(daily)
    _apply_open(open_)
    DossierFact.objects.bulk_create([DossierFact(**fact) for fact in facts], batch_size=5000)
    return len(facts)
