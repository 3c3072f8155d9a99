"""The tamper-evident audit trail: every entry hashes the one before it.

``record_audit`` appends inside the caller's transaction, so an action and its audit
entry commit together. Appends are serialised (an advisory lock on PostgreSQL, the
database write lock on SQLite) so the chain stays a single line under concurrency.
``verify_audit_chain`` recomputes every hash and reports the first entry that does not
match, or a missing sequence number.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction

from motcua.core import clock
from motcua.core.models import AuditEntry

GENESIS_HASH = "0" * 64
_ADVISORY_LOCK_KEY = 7_160_401  # any constant; only motcua's audit append takes it


def canonical_payload(
    *,
    seq: int,
    at: datetime,
    actor: str,
    action: str,
    object_type: str,
    object_id: str,
    scope: str,
    data: dict[str, Any],
) -> str:
    return json.dumps(
        {
            "seq": seq,
            "at": at.astimezone(UTC).isoformat(timespec="microseconds"),
            "actor": actor,
            "action": action,
            "object_type": object_type,
            "object_id": object_id,
            "scope": scope,
            "data": data,
        },
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
        cls=DjangoJSONEncoder,
    )


def entry_hash(prev_hash: str, payload: str) -> str:
    return hashlib.sha256(f"{prev_hash}\n{payload}".encode()).hexdigest()


def _normalise(data: dict[str, Any]) -> dict[str, Any]:
    # Store exactly what is hashed: a JSON round trip turns dates and UUIDs into strings.
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False))


def _lock_chain() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_ADVISORY_LOCK_KEY])


@transaction.atomic
def record_audit(
    *,
    actor: Any,
    action: str,
    object_type: str,
    object_id: Any,
    scope: Any = "",
    data: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry. ``actor`` is a user, a string such as ``"system"``, or None."""
    _lock_chain()
    last = AuditEntry.objects.order_by("-seq").values("seq", "hash").first()
    seq = (last["seq"] + 1) if last else 1
    prev_hash = last["hash"] if last else GENESIS_HASH
    at = clock.now()
    actor_name, actor_id = _actor_fields(actor)
    payload_data = _normalise(data or {})
    fields = {
        "seq": seq,
        "at": at,
        "actor": actor_name,
        "action": action,
        "object_type": object_type,
        "object_id": str(object_id),
        "scope": "" if scope is None else str(scope),
        "data": payload_data,
    }
    digest = entry_hash(prev_hash, canonical_payload(**fields))
    return AuditEntry.objects.create(**fields, actor_user_id=actor_id, prev_hash=prev_hash, hash=digest)


def _actor_fields(actor: Any) -> tuple[str, int | None]:
    if actor is None:
        return "system", None
    if isinstance(actor, str):
        return actor, None
    return actor.get_username(), actor.pk


@dataclass(frozen=True)
class ChainBreak:
    seq: int
    reason: str


@dataclass(frozen=True)
class ChainReport:
    checked: int
    first_break: ChainBreak | None

    @property
    def ok(self) -> bool:
        return self.first_break is None


def verify_audit_chain(*, chunk_size: int = 2000) -> ChainReport:
    expected_prev = GENESIS_HASH
    expected_seq = 1
    checked = 0
    for entry in _entries(chunk_size):
        problem = _check_entry(entry, expected_seq, expected_prev)
        if problem:
            return ChainReport(checked=checked, first_break=ChainBreak(entry.seq, problem))
        expected_prev, expected_seq = entry.hash, entry.seq + 1
        checked += 1
    return ChainReport(checked=checked, first_break=None)


def _entries(chunk_size: int) -> Iterator[AuditEntry]:
    return AuditEntry.objects.order_by("seq").iterator(chunk_size=chunk_size)


def _check_entry(entry: AuditEntry, expected_seq: int, expected_prev: str) -> str | None:
    if entry.seq != expected_seq:
        return f"entry #{expected_seq} is missing (next present is #{entry.seq})"
    if entry.prev_hash != expected_prev:
        return "does not link to the entry before it (an entry was removed or altered)"
    payload = canonical_payload(
        seq=entry.seq,
        at=entry.at,
        actor=entry.actor,
        action=entry.action,
        object_type=entry.object_type,
        object_id=entry.object_id,
        scope=entry.scope,
        data=entry.data,
    )
    if entry_hash(entry.prev_hash, payload) != entry.hash:
        return "content does not match its hash (the entry was altered)"
    return None
