"""Writes of the integrations app for other apps."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.transaction import TransactionManagementError

from motcua.core import clock
from motcua.integrations.models import OutboxMessage

__all__ = ["enqueue_message"]


def enqueue_message(
    *, system: str, topic: str, key: str, payload: dict[str, Any], ordering_key: str = ""
) -> OutboxMessage:
    """Queue a message for ``system`` in the caller's transaction; a repeated key is a no-op."""
    if not transaction.get_connection().in_atomic_block:
        raise TransactionManagementError(
            "enqueue_message() must run in the transaction of the change it reports, "
            "so that the message and the change commit or roll back together."
        )
    now = clock.now()
    message, _created = OutboxMessage.objects.get_or_create(
        key=key,
        defaults={
            "system": system,
            "topic": topic,
            "payload": payload,
            "ordering_key": ordering_key,
            "created_at": now,
            "next_attempt_at": now,
        },
    )
    return message
