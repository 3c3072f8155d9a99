"""Two deliverers at once on PostgreSQL: each message goes out once, in order per dossier."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, transaction

from motcua.integrations.delivery import deliver_due
from motcua.integrations.models import OutboxMessage
from motcua.integrations.services import enqueue_message

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres_only]

DOSSIERS, EVENTS = 60, 3


def _payload(dossier: int, seq: int) -> dict:
    return {
        "code": f"D{dossier}",
        "procedure": "1.004884",
        "event_seq": seq,
        "action": "assign",
        "status": "processing",
        "at": "2026-03-02T09:00:00+07:00",
        "channel": 1,
    }


def _drain(worker: int) -> int:
    delivered = 0
    try:
        for _ in range(500):
            report = deliver_due(limit=7)
            delivered += report.acknowledged
            if not report.claimed and not OutboxMessage.objects.filter(state="pending").exists():
                break
    finally:
        connection.close()
    return delivered


def test_two_deliverers_never_send_the_same_message_twice(simulator):
    simulator.latency = 0.001  # long enough for the two to overlap
    with transaction.atomic():
        for seq in range(1, EVENTS + 1):
            for dossier in range(DOSSIERS):
                enqueue_message(
                    system="national_portal",
                    topic="dossier.status",
                    key=f"np:{dossier}:{seq}",
                    ordering_key=f"D{dossier}",
                    payload=_payload(dossier, seq),
                )
    with ThreadPoolExecutor(max_workers=2) as pool:
        counts = list(pool.map(_drain, range(2)))
    assert sum(counts) == DOSSIERS * EVENTS
    assert all(counts)  # both took part
    assert len(simulator.calls) == DOSSIERS * EVENTS
    assert not any(call.duplicate for call in simulator.calls)
    for dossier in range(DOSSIERS):
        seqs = [body["ThuTuSuKien"] for body in simulator.statuses(f"D{dossier}")]
        assert seqs == [1, 2, 3]
