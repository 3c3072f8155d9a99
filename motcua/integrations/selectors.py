"""Reads of the integrations app for other apps."""

from __future__ import annotations

from django.db.models import QuerySet

from motcua.integrations.models import DeliveryState, OutboxMessage, SyncState


def messages_for(*, ordering_key: str) -> QuerySet[OutboxMessage]:
    return OutboxMessage.objects.filter(ordering_key=ordering_key).order_by("id")


def dead_letters(*, system: str = "") -> QuerySet[OutboxMessage]:
    """Messages that will not be retried until an operator replays them."""
    rows = OutboxMessage.objects.filter(state=DeliveryState.DEAD)
    return rows.filter(system=system) if system else rows


def sync_state_for(*, system: str, ordering_key: str) -> SyncState | None:
    """Where one dossier stands with one system; None before its first delivery attempt."""
    return SyncState.objects.filter(system=system, ordering_key=ordering_key).first()
