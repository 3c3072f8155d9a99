"""Writes of the integrations app for other apps."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.transaction import TransactionManagementError

from motcua.core import clock
from motcua.core.audit import record_audit
from motcua.integrations.errors import NotADeadLetter
from motcua.integrations.inbound import receive_event
from motcua.integrations.models import DeliveryState, OutboxMessage, ReconciliationDifference
from motcua.integrations.payment.adapter import NewPayment
from motcua.integrations.payment.port import payment_platform, payment_simulated, simulate_payer
from motcua.integrations.population.service import lookup_citizen, register_simulated_citizens
from motcua.integrations.reconciliation import reconcile_national_portal
from motcua.integrations.sync import refresh_sync_state
from motcua.integrations.vneid.login import begin_login as begin_vneid_login
from motcua.integrations.vneid.login import finish_login as finish_vneid_login

__all__ = [
    "NewPayment",
    "begin_vneid_login",
    "enqueue_message",
    "enqueue_messages",
    "finish_vneid_login",
    "lookup_citizen",
    "mark_resynced",
    "outbox_message",
    "payment_platform",
    "payment_simulated",
    "receive_event",
    "reconcile_national_portal",
    "register_simulated_citizens",
    "replay_message",
    "simulate_payer",
]


def enqueue_message(
    *, system: str, topic: str, key: str, payload: dict[str, Any], ordering_key: str = ""
) -> OutboxMessage:
    """Queue a message for ``system`` in the caller's transaction; a repeated key is a no-op.

    Returns the message as queued (without its id; read the row by ``key`` if needed).
    """
    message = outbox_message(system=system, topic=topic, key=key, payload=payload, ordering_key=ordering_key)
    enqueue_messages([message])
    return message


def outbox_message(
    *,
    system: str,
    topic: str,
    key: str,
    payload: dict[str, Any],
    ordering_key: str = "",
    now: datetime | None = None,
) -> OutboxMessage:
    """An unsaved outbox row, due now: queue it with others through ``enqueue_messages``."""
    now = now or clock.now()
    return OutboxMessage(
        key=key,
        system=system,
        topic=topic,
        payload=payload,
        ordering_key=ordering_key,
        created_at=now,
        next_attempt_at=now,
    )


def enqueue_messages(messages: list[OutboxMessage]) -> list[OutboxMessage]:
    """Queue unsaved outbox rows in the caller's transaction, in one statement and in order.

    One INSERT … ON CONFLICT DO NOTHING: a dossier action pays one round trip for all its
    messages, not a SELECT and a savepoint each; a repeated key is a no-op. The rows carry
    no primary key afterwards (a row may already exist); read them by ``key`` if needed.
    """
    if not transaction.get_connection().in_atomic_block:
        raise TransactionManagementError(
            "enqueue_message() must run in the transaction of the change it reports, "
            "so that the message and the change commit or roll back together."
        )
    if messages:
        OutboxMessage.objects.bulk_create(messages, ignore_conflicts=True)
    return messages


@transaction.atomic
def replay_message(*, message_id: int, by: Any) -> OutboxMessage:
    """Send a dead letter again: back to pending, due now, with a fresh time budget; audited.

    The idempotency key stays the same, so a message the remote system did apply before
    it went dead is not applied twice.
    """
    message = OutboxMessage.objects.select_for_update().get(pk=message_id)
    if message.state != DeliveryState.DEAD:
        raise NotADeadLetter(state=message.get_state_display())
    now = clock.now()
    previous_error = message.last_error
    message.state = DeliveryState.PENDING
    message.replayed_at = now  # a fresh time budget
    message.next_attempt_at = now
    message.save(update_fields=["state", "replayed_at", "next_attempt_at"])
    refresh_sync_state(system=message.system, ordering_key=message.ordering_key, now=now)
    record_audit(
        actor=by,
        action="integrations.replay",
        object_type="integrations.outboxmessage",
        object_id=message.pk,
        data={"key": message.key, "system": message.system, "last_error": previous_error[:500]},
    )
    return message


def mark_resynced(*, difference_id: int) -> ReconciliationDifference:
    """Note that a difference's dossier was sent again (the caller queued the message)."""
    difference = ReconciliationDifference.objects.select_for_update().get(pk=difference_id)
    if difference.resynced_at is None:
        difference.resynced_at = clock.now()
        difference.save(update_fields=["resynced_at"])
    return difference
