"""The task and the command that run delivery in the worker."""

import pytest
from django.core.management import call_command
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from motcua.integrations.models import OutboxMessage
from motcua.integrations.services import enqueue_message
from motcua.integrations.tasks import deliver_outbox

pytestmark = pytest.mark.django_db


def _enqueue(count: int) -> None:
    with transaction.atomic():
        for n in range(count):
            enqueue_message(
                system="national_portal", topic="dossier.status", key=f"k{n}", payload=_payload(n)
            )


def _payload(n: int) -> dict:
    return {
        "code": f"C{n}",
        "procedure": "1.004884",
        "event_seq": 2,
        "action": "receive",
        "status": "received",
        "at": "2026-03-02T09:00:00+07:00",
        "channel": 1,
    }


def test_the_task_delivers_a_batch_and_enqueues_itself_while_batches_are_full(simulator):
    _enqueue(3)
    result = deliver_outbox.call(limit=2)
    assert result == {"claimed": 2, "acknowledged": 2, "sent": 0, "failed": 0, "dead": 0}
    follow_up = DBTaskResult.objects.get()
    assert (follow_up.queue_name, follow_up.args_kwargs["kwargs"]) == ("integrations", {"limit": 2})
    assert deliver_outbox.call(limit=2)["claimed"] == 1
    assert DBTaskResult.objects.count() == 1  # a half-full batch does not go again


def test_run_delivery_once_drains_what_is_due(simulator):
    _enqueue(5)
    call_command("run_delivery", "--once", "--batch", "2")
    assert set(OutboxMessage.objects.values_list("state", flat=True)) == {"acknowledged"}
    assert len(simulator.received) == 5
