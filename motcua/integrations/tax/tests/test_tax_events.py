"""The tax office's status callbacks through the real endpoint drive the dossier."""

from datetime import date

import pytest

from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.helpers import at, frozen
from motcua.integrations.models import InboundEvent
from motcua.integrations.tax.tests.helpers import envelope, post_event, sent_to_tax

pytestmark = pytest.mark.django_db


def _tax_events(dossier):
    tax = ("send-to-tax", "tax-assessed", "tax-paid", "tax-rejected")
    return list(dossier.events.filter(action__in=tax).values_list("action", "to_status"))


def _sent():
    with frozen(2026, 3, 2, 9, 0):
        return sent_to_tax()


def test_assessed_records_the_amount_on_the_timeline_and_the_dossier_stays_paused(demo_catalog, client):
    dossier = _sent()
    with frozen(2026, 3, 3, 14, 0):
        response = post_event(
            client,
            envelope(
                dossier.code, "tax.assessed", 1, amount=12_500_000, due_on="2026-04-02", notice_number="TB-7"
            ),
        )
    assert response.status_code == 200
    assert response.json() == {
        "id": f"{dossier.code}:1",
        "duplicate": False,
        "outcome": {"applied": True, "sequence": 1, "status": "paused"},
    }
    event = dossier.events.get(action="tax-assessed")
    assert (event.actor_kind, event.from_status, event.to_status, event.at) == (
        "system",
        "paused",
        "paused",
        at(2026, 3, 3, 14, 0),
    )
    assert event.data == {
        "tax_sequence": 1,
        "tax_event": f"{dossier.code}:1",
        "amount": 12_500_000,
        "due_on": "2026-04-02",
        "notice": "TB-7",
    }
    dossier.refresh_from_db()
    assert dossier.status == "paused"


def test_paid_resumes_the_dossier_and_the_appointment_moves_by_the_pause(demo_catalog, client):
    dossier = _sent()
    assert dossier.appointment_on == date(2026, 3, 9)
    with frozen(2026, 3, 3, 14, 0):
        post_event(client, envelope(dossier.code, "tax.assessed", 1, amount=500_000))
    with frozen(2026, 3, 5, 10, 0):
        response = post_event(client, envelope(dossier.code, "tax.paid", 2))
    assert response.status_code == 200
    assert response.json()["outcome"] == {"applied": True, "sequence": 2, "status": "processing"}
    dossier.refresh_from_db()
    assert dossier.status == "processing"
    assert dossier.appointment_on == date(2026, 3, 12)  # paused Tue, Wed, Thu: three working days
    paid = dossier.events.get(action="tax-paid")
    assert (paid.from_status, paid.to_status, paid.data["paused_working_days"]) == ("paused", "processing", 3)
    pause = dossier.pauses.get()
    assert (pause.started_at, pause.ended_at) == (at(2026, 3, 2, 9, 0), at(2026, 3, 5, 10, 0))
    assert pause.reason.endswith("Chuyển nhượng quyền sử dụng đất")


def test_the_same_event_again_answers_duplicate_and_is_applied_once(demo_catalog, client):
    dossier = _sent()
    paid = envelope(dossier.code, "tax.paid", 1)
    with frozen(2026, 3, 5, 10, 0):
        first = post_event(client, paid)
        again = post_event(client, paid)
    assert (first.status_code, again.status_code) == (200, 200)
    assert again.json() == {**first.json(), "duplicate": True}
    assert _tax_events(Dossier.objects.get(pk=dossier.pk)) == [
        ("send-to-tax", "paused"),
        ("tax-paid", "processing"),
    ]
    assert InboundEvent.objects.filter(system="tax").count() == 1


def test_paid_before_assessed_never_moves_the_dossier_back(demo_catalog, client):
    dossier = _sent()
    with frozen(2026, 3, 5, 10, 0):
        paid = post_event(client, envelope(dossier.code, "tax.paid", 2))
        late = post_event(client, envelope(dossier.code, "tax.assessed", 1, amount=500_000))
    assert paid.json()["outcome"]["status"] == "processing"
    assert late.status_code == 200
    assert late.json()["outcome"] == {
        "applied": False,
        "stale": True,
        "last_sequence": 2,
        "status": "processing",
    }
    dossier.refresh_from_db()
    assert dossier.status == "processing"
    assert _tax_events(dossier) == [("send-to-tax", "paused"), ("tax-paid", "processing")]
    assert InboundEvent.objects.filter(system="tax").count() == 2  # the late one is recorded all the same


def test_an_older_rejection_after_the_payment_changes_nothing(demo_catalog, client):
    dossier = _sent()
    with frozen(2026, 3, 5, 10, 0):
        post_event(client, envelope(dossier.code, "tax.paid", 3))
        version = Dossier.objects.get(pk=dossier.pk).version
        late = post_event(client, envelope(dossier.code, "tax.rejected", 2, reason="Thiếu tờ khai"))
    assert late.json()["outcome"]["applied"] is False
    dossier.refresh_from_db()
    assert (dossier.status, dossier.version) == ("processing", version)
    assert not dossier.events.filter(action="tax-rejected").exists()


def test_rejected_keeps_the_dossier_paused_and_tells_the_handler_why(demo_catalog, client):
    dossier = _sent()
    with frozen(2026, 3, 3, 9, 0):
        response = post_event(
            client, envelope(dossier.code, "tax.rejected", 1, reason="Thiếu hợp đồng chuyển nhượng")
        )
    assert response.status_code == 200
    dossier.refresh_from_db()
    assert dossier.status == "paused"
    event = dossier.events.get(action="tax-rejected")
    assert (event.note, event.to_status) == ("Thiếu hợp đồng chuyển nhượng", "paused")
    assert dossier.pauses.get().ended_at is None


@pytest.mark.parametrize("secret", ["", "not-the-tax-secret"])
def test_an_unsigned_or_wrongly_signed_event_is_401_and_changes_nothing(demo_catalog, client, secret):
    dossier = _sent()
    with frozen(2026, 3, 5, 10, 0):
        response = post_event(
            client, envelope(dossier.code, "tax.paid", 1), secret=secret, signed=bool(secret)
        )
    assert response.status_code == 401
    assert response.json()["code"] == "integrations.bad_signature"
    dossier.refresh_from_db()
    assert dossier.status == "paused"
    assert not InboundEvent.objects.exists()


@pytest.mark.parametrize(
    ("body", "why"),
    [
        (b"{not json", "JSON"),
        ({"id": "x", "type": "tax.paid", "data": {"dossier_code": "X"}}, "sequence"),
        ({"id": "x", "type": "tax.paid", "data": {"dossier_code": "X", "sequence": True}}, "sequence"),
        ({"id": "x", "type": "tax.assessed", "data": {"dossier_code": "X", "sequence": 1}}, "amount"),
        ({"id": "x", "type": "tax.rejected", "data": {"dossier_code": "X", "sequence": 1}}, "reason"),
        ({"id": "x", "type": "tax.refunded", "data": {"dossier_code": "X", "sequence": 1}}, "tax.refunded"),
    ],
)
def test_a_malformed_event_is_400(demo_catalog, client, body, why):
    with frozen(2026, 3, 5, 10, 0):
        response = post_event(client, body)
    assert response.status_code == 400
    assert response.json()["code"] == "integrations.malformed_event"
    assert why in response.json()["detail"]
    assert not InboundEvent.objects.exists()


def test_an_unknown_dossier_is_404_with_the_error_code(demo_catalog, client):
    code = "001.01.50.H14-260302-9999"
    with frozen(2026, 3, 5, 10, 0):
        response = post_event(client, envelope(code, "tax.paid", 1))
    assert response.status_code == 404
    assert response.json()["code"] == "integrations.unknown_dossier"
    assert code in response.json()["detail"]
    assert not InboundEvent.objects.exists()
