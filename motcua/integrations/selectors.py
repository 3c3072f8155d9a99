"""Reads of the integrations app for other apps."""

from __future__ import annotations

from django.db.models import QuerySet

from motcua.integrations.health import SystemHealth, integration_health
from motcua.integrations.models import (
    DeliveryState,
    OutboxMessage,
    ReconciliationDifference,
    ReconciliationRun,
    SyncState,
)


def messages_for(*, ordering_key: str) -> QuerySet[OutboxMessage]:
    return OutboxMessage.objects.filter(ordering_key=ordering_key).order_by("id")


def dead_letters(*, system: str = "") -> QuerySet[OutboxMessage]:
    """Messages that will not be retried until an operator replays them."""
    rows = OutboxMessage.objects.filter(state=DeliveryState.DEAD)
    return rows.filter(system=system) if system else rows


def sync_state_for(*, system: str, ordering_key: str) -> SyncState | None:
    """Where one dossier stands with one system; None before its first delivery attempt."""
    return SyncState.objects.filter(system=system, ordering_key=ordering_key).first()


def reconciliation_runs(*, system: str = "") -> QuerySet[ReconciliationRun]:
    runs = ReconciliationRun.objects.all()
    return runs.filter(system=system) if system else runs


def differences_of(run: ReconciliationRun, *, kind: str = "") -> QuerySet[ReconciliationDifference]:
    rows = run.differences.order_by("id")
    return rows.filter(kind=kind) if kind else rows


def difference(difference_id: int) -> ReconciliationDifference | None:
    return ReconciliationDifference.objects.select_related("run").filter(pk=difference_id).first()


__all__ = [
    "SystemHealth",
    "dead_letters",
    "difference",
    "differences_of",
    "integration_health",
    "messages_for",
    "reconciliation_runs",
    "sync_state_for",
]
