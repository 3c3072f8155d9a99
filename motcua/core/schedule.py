"""Periodic jobs: what runs every N minutes, claimed through the database so it runs once.

Apps declare jobs in a ``periodic.py`` module (found at start-up)::

    @periodic("payments.reconcile", every=timedelta(minutes=15))
    def reconcile_pending() -> str: ...

``run_scheduler`` calls :func:`run_due` in a loop. Each job has a :class:`ScheduledJob`
row; a pass claims a due row with ``SELECT … FOR UPDATE SKIP LOCKED`` (PostgreSQL) and
moves its next run forward before the job starts, so two schedulers never run the same
job at once and a crashed run is tried again at the next interval, not in a tight loop.
A job returns a short summary (logged and kept on the row) or raises (kept as the error).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import connection, transaction

from motcua.core import clock

logger = logging.getLogger(__name__)

__all__ = ["PeriodicJob", "jobs", "periodic", "run_due", "run_job"]

MAX_SUMMARY = 1000


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    every: timedelta
    func: Callable[[], object]
    description: str = ""


_jobs: dict[str, PeriodicJob] = {}


def periodic(name: str, *, every: timedelta) -> Callable[[Callable[[], object]], Callable[[], object]]:
    """Register a zero-argument function to run every ``every``; the name is its identity."""

    def decorator(func: Callable[[], object]) -> Callable[[], object]:
        doc = (func.__doc__ or "").strip().splitlines()
        _jobs[name] = PeriodicJob(name, every, func, doc[0] if doc else "")
        return func

    return decorator


def jobs() -> list[PeriodicJob]:
    return sorted(_jobs.values(), key=lambda job: job.name)


def run_due(*, now: datetime | None = None) -> list[str]:
    """Run every registered job whose time has come; the names of those that ran."""
    ran = []
    for job in jobs():
        if _claim(job, now=now or clock.now()):
            run_job(job)
            ran.append(job.name)
    return ran


def run_job(job: PeriodicJob) -> str:
    """Run one job now and record how it went; never raises (the loop must go on)."""
    from motcua.core.models import ScheduledJob

    started = clock.now()
    try:
        summary, error = str(job.func() or "")[:MAX_SUMMARY], ""
    except Exception as exc:  # one failing job must not stop the others
        logger.exception("periodic job %s failed", job.name)
        summary, error = "", f"{type(exc).__name__}: {exc}"[:MAX_SUMMARY]
    else:
        logger.info("periodic job %s: %s", job.name, summary or "done")
    ScheduledJob.objects.update_or_create(
        name=job.name,
        defaults={
            "last_started_at": started,
            "last_finished_at": clock.now(),
            "last_summary": summary,
            "last_error": error,
        },
        create_defaults={
            "next_run_at": started + job.every,
            "last_started_at": started,
            "last_finished_at": clock.now(),
            "last_summary": summary,
            "last_error": error,
        },
    )
    return error or summary


def _claim(job: PeriodicJob, *, now: datetime) -> bool:
    from motcua.core.models import ScheduledJob

    with transaction.atomic():
        ScheduledJob.objects.get_or_create(name=job.name, defaults={"next_run_at": now})
        rows = ScheduledJob.objects.filter(name=job.name, next_run_at__lte=now)
        if connection.features.has_select_for_update_skip_locked:
            rows = rows.select_for_update(skip_locked=True)
        row = rows.first()
        if row is None:
            return False
        row.next_run_at = now + job.every
        row.save(update_fields=["next_run_at"])
    return True
