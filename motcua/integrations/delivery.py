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
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import connection, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet

from motcua.core import clock
from motcua.integrations.backoff import BASE, CAP, backoff_delay
from motcua.integrations.base import (
    Acknowledgement,
    Outgoing,
    RetryableError,
    TerminalError,
    UnknownSystem,
    registry,
)
from motcua.integrations.models import DeliveryState, OutboxMessage
from motcua.integrations.sync import refresh_sync_state

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

    Adapter failures are recorded on their message and never escape; database errors do.
    """
    now = now or clock.now()
    rng = rng or random.Random()
    report = DeliveryReport(limit=limit)
    for message in claim_due(limit=limit, now=now, policy=policy):
        report.claimed += 1
        outcome = deliver_one(message, now=now, policy=policy, rng=rng)
        setattr(report, outcome, getattr(report, outcome) + 1)
    return report


def due_messages(*, now: datetime) -> QuerySet[OutboxMessage]:
    """Due messages with no earlier undelivered message of the same ordering key."""
    earlier = OutboxMessage.objects.filter(
        ordering_key=OuterRef("ordering_key"), id__lt=OuterRef("id"), state__in=UNDELIVERED
    )
    return (
        OutboxMessage.objects.filter(state__in=UNDELIVERED, next_attempt_at__lte=now)
        .filter(Q(ordering_key="") | ~Exists(earlier))
        .order_by("id")
    )


def claim_due(*, limit: int, now: datetime, policy: DeliveryPolicy = DEFAULT_POLICY) -> list[Outgoing]:
    """Take up to ``limit`` due messages for this worker: count the attempt, lease them."""
    with transaction.atomic():
        rows = due_messages(now=now)
        if connection.features.has_select_for_update_skip_locked:
            rows = rows.select_for_update(skip_locked=True)
        claimed = list(rows[:limit])
        for row in claimed:
            row.attempts += 1
            row.next_attempt_at = now + policy.lease
        OutboxMessage.objects.bulk_update(claimed, ["attempts", "next_attempt_at"])
    return [_snapshot(row) for row in claimed]


def deliver_one(message: Outgoing, *, now: datetime, policy: DeliveryPolicy, rng: random.Random) -> str:
    """Call the adapter for one claimed message and record what happened; the outcome name."""
    try:
        adapter = registry.get(message.system)
        ack = adapter.deliver(message, timeout=policy.timeout)
    except (TerminalError, UnknownSystem) as error:
        return _record_dead(message, now=now, error=_describe(error))
    except RetryableError as error:
        return _record_failure(message, now=now, policy=policy, rng=rng, error=_describe(error))
    except Exception as error:  # a bug in an adapter: retry (it may be fixed), but say so
        logger.exception("adapter %s crashed on message %s", message.system, message.id)
        return _record_failure(message, now=now, policy=policy, rng=rng, error=_describe(error))
    return _record_success(message, now=now, ack=ack)


def _record_success(message: Outgoing, *, now: datetime, ack: Acknowledgement) -> str:
    state = DeliveryState.ACKNOWLEDGED if ack.final else DeliveryState.SENT
    _finish(message, now=now, state=state, delivered_at=now, last_error="")
    return "acknowledged" if ack.final else "sent"


def _record_failure(
    message: Outgoing, *, now: datetime, policy: DeliveryPolicy, rng: random.Random, error: str
) -> str:
    retry_at = now + backoff_delay(message.attempt, draw=rng.random(), base=policy.base, cap=policy.cap)
    created_at, replayed_at = OutboxMessage.objects.values_list("created_at", "replayed_at").get(
        pk=message.id
    )
    if retry_at > (replayed_at or created_at) + policy.budget:
        return _record_dead(
            message, now=now, error=f"time budget of {policy.budget} spent; last error: {error}"
        )
    _finish(message, now=now, state=DeliveryState.FAILED, next_attempt_at=retry_at, last_error=error)
    return "failed"


def _record_dead(message: Outgoing, *, now: datetime, error: str) -> str:
    logger.warning("outbox message %s (%s) is dead: %s", message.id, message.key, error)
    _finish(message, now=now, state=DeliveryState.DEAD, last_error=error)
    return "dead"


def _finish(message: Outgoing, *, now: datetime, **values: object) -> None:
    """Write the outcome unless another worker has claimed the message since (lease ran out)."""
    with transaction.atomic():
        updated = OutboxMessage.objects.filter(pk=message.id, attempts=message.attempt).update(**values)
        if updated:
            refresh_sync_state(system=message.system, ordering_key=message.ordering_key, now=now)
    if not updated:
        logger.warning("outbox message %s was claimed again before its outcome was written", message.id)


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
