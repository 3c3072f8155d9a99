"""Explicit sync state per dossier (ordering key) and system, derived from its messages."""

from __future__ import annotations

from datetime import datetime

from motcua.integrations.models import DeliveryState, OutboxMessage, SyncState

# The first state present among a key's messages wins.
PRECEDENCE = (
    DeliveryState.DEAD,
    DeliveryState.FAILED,
    DeliveryState.PENDING,
    DeliveryState.SENT,
)


def refresh_sync_state(*, system: str, ordering_key: str, now: datetime) -> SyncState | None:
    """Recompute the row of (system, ordering_key) from its messages; None without a key."""
    if not ordering_key:
        return None
    messages = OutboxMessage.objects.filter(system=system, ordering_key=ordering_key)
    present = set(messages.values_list("state", flat=True).distinct())
    state = next((s for s in PRECEDENCE if s in present), DeliveryState.ACKNOWLEDGED)
    last = messages.filter(state=DeliveryState.ACKNOWLEDGED).order_by("-id").values("key", "payload").first()
    failing = messages.exclude(last_error="").filter(state__in=PRECEDENCE[:3]).order_by("id").first()
    values = {
        "state": state,
        "last_error": failing.last_error if failing else "",
        "updated_at": now,
    }
    if last:
        values["last_acknowledged_key"] = last["key"]
        values["last_acknowledged_seq"] = _seq(last["payload"])
    sync, _created = SyncState.objects.update_or_create(
        system=system, ordering_key=ordering_key, defaults=values
    )
    return sync


def _seq(payload: object) -> int | None:
    seq = payload.get("event_seq") if isinstance(payload, dict) else None
    return seq if isinstance(seq, int) and seq >= 0 else None
