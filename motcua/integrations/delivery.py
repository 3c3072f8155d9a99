"""Outbox delivery: claim due messages, call their adapter, record the outcome.

A claim takes due messages (pending or failed, ``next_attempt_at <= now``) that are the
oldest undelivered message of their ordering key, with ``SELECT … FOR UPDATE SKIP LOCKED``
on PostgreSQL, counts the attempt and pushes ``next_attempt_at`` one lease ahead, and
commits. The remote call then runs outside any transaction, with a timeout shorter than
the lease. If the worker dies before the outcome commits, the lease runs out and the
message goes again with the same idempotency key, which the remote system applies once.
"""

from __future__ import annotations

import logging
import random
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import connection, transaction
from django.db.models import Exists, F, OuterRef, QuerySet
from django.db.models.functions import Coalesce

from motcua.core import clock
from motcua.integrations.backoff import BASE, CAP, backoff_delay
from motcua.integrations.base import (
    Outgoing,
    RetryableError,
    TerminalError,
    UnknownSystem,
    registry,
)
from motcua.integrations.models import DeliveryState, OutboxMessage
from motcua.integrations.sync import refresh_sync_states

logger = logging.getLogger(__name__)

UNDELIVERED = (DeliveryState.PENDING, DeliveryState.FAILED)
MAX_ERROR_LENGTH = 2000


@dataclass(frozen=True)
class DeliveryPolicy:
    base: timedelta = BASE
    cap: timedelta = CAP
    budget: timedelta = timedelta(hours=24)  # from creation; then the message is dead
    timeout: float = 10.0  # seconds for one remote call
    lease: timedelta = timedelta(seconds=60)  # longer than the timeout: a claim's lifetime


DEFAULT_POLICY = DeliveryPolicy()


@dataclass
class DeliveryReport:
    claimed: int = 0
    acknowledged: int = 0
    sent: int = 0
    failed: int = 0
    dead: int = 0
    limit: int = 0

    @property
    def full(self) -> bool:
        """Whether the batch was full, so more may be due right now."""
        return self.claimed > 0 and self.claimed >= self.limit


def deliver_due(
    *,
    limit: int = 100,
    now: datetime | None = None,
    policy: DeliveryPolicy = DEFAULT_POLICY,
    rng: random.Random | None = None,
) -> DeliveryReport:
    """Deliver up to ``limit`` due messages, at most one per ordering key.

    The calls run one after the other outside any transaction; their outcomes are then
    written together, in one transaction, so a batch costs one commit rather than one per
    message. Adapter failures are recorded on their message and never escape; database
    errors do.
    """
    now = now or clock.now()
    rng = rng or random.Random()
    report = DeliveryReport(limit=limit)
    attempts = [attempt(message, policy=policy) for message in claim_due(limit=limit, now=now, policy=policy)]
    for outcome in record_outcomes(attempts, now=now, policy=policy, rng=rng):
        report.claimed += 1
        setattr(report, outcome, getattr(report, outcome) + 1)
    return report


def due_messages(*, now: datetime) -> QuerySet[OutboxMessage]:
    """Due messages with no earlier undelivered message of the same ordering key."""
    # Messages without an ordering key wait for nobody: the subquery never matches them,
    # which keeps the condition a plain anti-join (an OR would make it a per-row subplan).
    earlier = OutboxMessage.objects.filter(
        ordering_key=OuterRef("ordering_key"), id__lt=OuterRef("id"), state__in=UNDELIVERED
    ).exclude(ordering_key="")
    return (
        OutboxMessage.objects.filter(state__in=UNDELIVERED, next_attempt_at__lte=now)
        .filter(~Exists(earlier))
        .order_by("id")
    )


def claim_due(*, limit: int, now: datetime, policy: DeliveryPolicy = DEFAULT_POLICY) -> list[Outgoing]:
    """Take up to ``limit`` due messages for this worker: count the attempt, lease them."""
    with transaction.atomic():
        rows = due_messages(now=now)
        if connection.features.has_select_for_update_skip_locked:
            rows = rows.select_for_update(skip_locked=True)
        claimed = list(rows[:limit])
        # One plain UPDATE: Django's bulk_update builds a CASE per row, slower than the calls.
        OutboxMessage.objects.filter(pk__in=[row.pk for row in claimed]).update(
            attempts=F("attempts") + 1, next_attempt_at=now + policy.lease
        )
        for row in claimed:
            row.attempts += 1
    return [_snapshot(row) for row in claimed]


@dataclass(frozen=True)
class Attempt:
    """One remote call's result, not yet written: acknowledged, sent, failed or dead."""

    message: Outgoing
    outcome: str
    took: int
    error: str = ""


def attempt(message: Outgoing, *, policy: DeliveryPolicy) -> Attempt:
    """Call the adapter for one claimed message; never raises for the adapter's failures."""
    started = time.monotonic()
    try:
        adapter = registry.get(message.system)
        ack = adapter.deliver(message, timeout=policy.timeout)
    except (TerminalError, UnknownSystem) as error:
        return Attempt(message, "dead", _since(started), _describe(error))
    except RetryableError as error:
        return Attempt(message, "failed", _since(started), _describe(error))
    except Exception as error:  # a bug in an adapter: retry (it may be fixed), but say so
        logger.exception("adapter %s crashed on message %s", message.system, message.id)
        return Attempt(message, "failed", _since(started), _describe(error))
    return Attempt(message, "acknowledged" if ack.final else "sent", _since(started))


def record_outcomes(
    attempts: list[Attempt], *, now: datetime, policy: DeliveryPolicy, rng: random.Random
) -> list[str]:
    """Write the attempts' outcomes and their dossiers' sync state; the outcome of each.

    An outcome is written only if the message was not claimed again since (its lease ran
    out while the call hung): the later claim's outcome is the one that counts.
    """
    if not attempts:
        return []
    retry_at = _retry_times(attempts, now=now, policy=policy, rng=rng)
    with transaction.atomic():
        current = dict(
            OutboxMessage.objects.select_for_update()
            .filter(pk__in=[a.message.id for a in attempts])
            .values_list("pk", "attempts")
        )
        groups: dict[tuple[tuple[str, object], ...], list[Outgoing]] = {}
        for item in attempts:
            if current.get(item.message.id) != item.message.attempt:
                logger.warning(
                    "outbox message %s was claimed again before its outcome was written", item.message.id
                )
                continue
            values = _outcome_values(item, now=now, retry_at=retry_at.get(item.message.id), policy=policy)
            groups.setdefault(tuple(sorted(values.items())), []).append(item.message)
        # Messages with the same outcome (and call time, in ms) share one UPDATE.
        for values, messages in groups.items():
            OutboxMessage.objects.filter(pk__in=[m.id for m in messages]).update(**dict(values))
        refresh_sync_states(((m.system, m.ordering_key) for group in groups.values() for m in group), now=now)
    return [_final_outcome(item, retry_at) for item in attempts]


def _retry_times(
    attempts: list[Attempt], *, now: datetime, policy: DeliveryPolicy, rng: random.Random
) -> dict[int, datetime | None]:
    """When each failed message goes again; None once its time budget is spent (it dies)."""
    failed = [a for a in attempts if a.outcome == "failed"]
    if not failed:
        return {}
    started = dict(
        OutboxMessage.objects.filter(pk__in=[a.message.id for a in failed]).values_list(
            "pk", Coalesce("replayed_at", "created_at")
        )
    )
    times: dict[int, datetime | None] = {}
    for item in failed:
        at = now + backoff_delay(item.message.attempt, draw=rng.random(), base=policy.base, cap=policy.cap)
        times[item.message.id] = at if at <= started[item.message.id] + policy.budget else None
    return times


def _final_outcome(item: Attempt, retry_at: dict[int, datetime | None]) -> str:
    if item.outcome == "failed" and retry_at[item.message.id] is None:
        return "dead"
    return item.outcome


def _outcome_values(
    item: Attempt, *, now: datetime, retry_at: datetime | None, policy: DeliveryPolicy
) -> dict[str, object]:
    """The fields the outcome sets on the message."""
    message = item.message
    values: dict[str, object] = {"last_duration_ms": item.took, "last_error": item.error}
    if item.outcome in ("acknowledged", "sent"):
        state = DeliveryState.ACKNOWLEDGED if item.outcome == "acknowledged" else DeliveryState.SENT
        values.update(state=state, delivered_at=now)
    elif item.outcome == "failed" and retry_at is not None:
        values.update(state=DeliveryState.FAILED, next_attempt_at=retry_at)
    else:
        if item.outcome == "failed":
            values["last_error"] = f"time budget of {policy.budget} spent; last error: {item.error}"[
                :MAX_ERROR_LENGTH
            ]
        logger.warning("outbox message %s (%s) is dead: %s", message.id, message.key, values["last_error"])
        values["state"] = DeliveryState.DEAD
    return values


def _since(started: float) -> int:
    return round((time.monotonic() - started) * 1000)


def _snapshot(row: OutboxMessage) -> Outgoing:
    return Outgoing(
        id=row.pk,
        system=row.system,
        topic=row.topic,
        key=row.key,
        ordering_key=row.ordering_key,
        payload=row.payload,
        attempt=row.attempts,
    )


def _describe(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"[:MAX_ERROR_LENGTH]
