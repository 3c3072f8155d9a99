"""Explicit sync state per dossier (ordering key) and system, derived from its messages."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime

from motcua.integrations.models import DeliveryState, OutboxMessage, SyncState

# The first state present among a key's messages wins.
PRECEDENCE = (
    DeliveryState.DEAD,
    DeliveryState.FAILED,
    DeliveryState.PENDING,
    DeliveryState.SENT,
)
_FIELDS = ["state", "last_error", "last_acknowledged_key", "last_acknowledged_seq", "updated_at"]


def refresh_sync_state(*, system: str, ordering_key: str, now: datetime) -> SyncState | None:
    """Recompute the row of (system, ordering_key) from its messages; None without a key."""
    if not ordering_key:
        return None
    refresh_sync_states([(system, ordering_key)], now=now)
    return SyncState.objects.get(system=system, ordering_key=ordering_key)


def refresh_sync_states(pairs: Iterable[tuple[str, str]], *, now: datetime) -> int:
    """Recompute the rows of many (system, ordering_key) pairs in a few queries; how many.

    The outbox worker calls this once per batch, so a drained batch of a hundred messages
    costs three queries here rather than five per message.
    """
    keys_of: dict[str, set[str]] = defaultdict(set)
    for system, ordering_key in pairs:
        if ordering_key:
            keys_of[system].add(ordering_key)
    rows = [row for system, keys in keys_of.items() for row in _states_of(system, keys, now)]
    SyncState.objects.bulk_create(
        rows, update_conflicts=True, unique_fields=["system", "ordering_key"], update_fields=_FIELDS
    )
    return len(rows)


def _states_of(system: str, keys: set[str], now: datetime) -> list[SyncState]:
    messages = (
        OutboxMessage.objects.filter(system=system, ordering_key__in=keys)
        .order_by("id")
        .values_list("id", "ordering_key", "state", "key", "last_error")
    )
    present: dict[str, set[str]] = defaultdict(set)
    last_ack: dict[str, tuple[int, str]] = {}
    failing: dict[str, str] = {}
    for pk, ordering_key, state, key, last_error in messages:
        present[ordering_key].add(state)
        if state == DeliveryState.ACKNOWLEDGED:
            last_ack[ordering_key] = (pk, key)
        elif last_error and state in PRECEDENCE[:3]:
            failing.setdefault(ordering_key, last_error)
    payloads = dict(
        OutboxMessage.objects.filter(pk__in=[pk for pk, _key in last_ack.values()]).values_list(
            "pk", "payload"
        )
    )
    return [
        SyncState(
            system=system,
            ordering_key=ordering_key,
            state=next((s for s in PRECEDENCE if s in states), DeliveryState.ACKNOWLEDGED),
            last_error=failing.get(ordering_key, ""),
            last_acknowledged_key=last_ack[ordering_key][1] if ordering_key in last_ack else "",
            last_acknowledged_seq=_seq(payloads.get(last_ack[ordering_key][0]))
            if ordering_key in last_ack
            else None,
            updated_at=now,
        )
        for ordering_key, states in present.items()
    ]


def _seq(payload: object) -> int | None:
    seq = payload.get("event_seq") if isinstance(payload, dict) else None
    return seq if isinstance(seq, int) and seq >= 0 else None
