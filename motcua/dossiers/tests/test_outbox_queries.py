"""What writing an action's outbox rows costs in queries (issue 8: the outbox at speed)."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.db.models import Prefetch
from django.db.transaction import TransactionManagementError
from django.test.utils import CaptureQueriesContext

from motcua.core import clock
from motcua.dossiers import services
from motcua.dossiers.models import Dossier, DossierEvent, DossierFee, DossierResult
from motcua.dossiers.services import acting, messages
from motcua.dossiers.tests.helpers import desk_dossier, frozen, user
from motcua.integrations.models import OutboxMessage
from motcua.integrations.services import enqueue_messages, outbox_message

pytestmark = pytest.mark.django_db

# Receipt: the payload's facts (results, fees, components in one query) and one INSERT for
# the portal's row and the owner's SMS. Assignment reads the procedure too (not loaded yet).
MAX_QUERIES = {"receive": 2, "assign": 3}


@pytest.fixture
def outbox_queries(monkeypatch):
    """The queries of each action's ``queue_messages``, by action; the slip's job left out."""
    captured: dict[str, list[str]] = {}
    real = acting.queue_messages
    monkeypatch.setattr(messages, "schedule_slip", lambda **kwargs: None)  # a background job

    def counted(**kwargs) -> None:
        with CaptureQueriesContext(connection) as queries:
            real(**kwargs)
        captured[kwargs["event"].action] = [query["sql"] for query in queries.captured_queries]

    monkeypatch.setattr(acting, "queue_messages", counted)
    return captured


def test_an_action_writes_its_outbox_rows_in_few_queries(demo_catalog, outbox_queries):
    desk = user("thucphan.motcua")
    with frozen(2026, 3, 2, 9, 0):
        dossier = services.receive_dossier(dossier=desk_dossier(), by=desk)
        services.assign_dossier(dossier=dossier.code, by=desk)
    for action, most in MAX_QUERIES.items():
        queries = outbox_queries[action]
        assert len(queries) <= most, (action, queries)
        assert sum("integrations_outboxmessage" in sql for sql in queries) == 1, (action, queries)
    keys = list(OutboxMessage.objects.order_by("id").values_list("key", flat=True))
    ref = dossier.reference
    assert keys == [
        f"national_portal:{ref}:2",
        f"notify:{ref}:2:sms",
        f"national_portal:{ref}:3",
    ]


def test_status_payload_is_the_same_from_the_query_and_from_prefetched_rows(demo_catalog):
    with frozen(2026, 3, 2, 9, 0):
        dossier = services.receive_dossier(dossier=desk_dossier(), by=user("thucphan.motcua"))
    now = clock.now()
    DossierFee.objects.create(dossier=dossier, name="Lệ phí", amount=50_000, paid_at=now, channel="cash")
    DossierFee.objects.create(dossier=dossier, name="Phí", amount=0)
    for number in (2, 1):
        DossierResult.objects.create(
            dossier=dossier, number=number, code=f"{dossier.code}-KQ{number}", name="KQ", issued_at=now
        )
    dossier.components.filter(position=1).update(digitised=True, from_store=True)
    event = DossierEvent.objects.filter(dossier=dossier).order_by("-seq").first()
    queried = messages.status_payload(Dossier.objects.get(pk=dossier.pk), event)
    prefetched = (
        Dossier.objects.select_related("procedure")
        .prefetch_related(
            Prefetch("fees", queryset=DossierFee.objects.order_by("-id")),
            "components",
            Prefetch("results", queryset=DossierResult.objects.order_by("-number")),
        )
        .get(pk=dossier.pk)
    )
    with CaptureQueriesContext(connection) as queries:
        from_cache = messages.status_payload(prefetched, event)
    assert from_cache == queried
    assert len(queries) == 0
    assert [r["code"] for r in queried["results"]] == [f"{dossier.code}-KQ1", f"{dossier.code}-KQ2"]
    assert queried["fees"] == [
        {"name": "Lệ phí", "amount": 50_000, "paid": True, "channel": "cash"},
        {"name": "Phí", "amount": 0, "paid": False, "channel": ""},
    ]
    first = queried["components"][0]
    assert first == {"digitised": True, "from_store": True, "from_population": False}
    assert all(type(value) is bool for part in queried["components"] for value in part.values())


def test_enqueue_messages_refuses_to_run_outside_a_transaction():
    row = outbox_message(system="nowhere", topic="x", key="nowhere:1", payload={})
    wrapper = transaction.get_connection()
    wrapper.in_atomic_block = False  # as in autocommit, without a transactional test's flush
    try:
        with pytest.raises(TransactionManagementError):
            enqueue_messages([row])
    finally:
        wrapper.in_atomic_block = True
    with transaction.atomic():
        enqueue_messages([row, outbox_message(system="nowhere", topic="x", key="nowhere:1", payload={})])
    assert OutboxMessage.objects.filter(key="nowhere:1").count() == 1
