"""The platform's signed callback through the real endpoint: applied once, forgeries refused."""

import pytest
from django.test import Client

from motcua.dossiers.tests.helpers import user
from motcua.integrations.models import InboundEvent
from motcua.payments.models import PaymentMismatch
from motcua.payments.services import start_payment
from motcua.payments.tests.conftest import DESK, envelope, signed

pytestmark = pytest.mark.django_db
URL = "/api/v1/integrations/payment/events/"


@pytest.fixture
def captured(platform):
    """The simulator's callbacks are kept (body, signature) instead of being sent in-process."""
    sent = []

    def keep(body, signature):
        sent.append((body, signature))
        return 202, {}

    platform.deliver = keep
    return sent


def post(body: bytes, headers: dict) -> object:
    return Client().post(URL, body, content_type="application/json", **headers)


def post_signature(body: bytes, signature: str) -> object:
    return post(body, {"HTTP_X_MOTCUA_SIGNATURE": signature})


def pay_events(dossier) -> int:
    return dossier.events.filter(action="pay").count()


def test_a_good_callback_pays_once_and_a_replay_is_a_duplicate(dossier, platform, captured):
    payment = start_payment(dossier=dossier, by=user(DESK), method="vietqr")
    platform.pay(payment.platform_ref)
    [(body, signature)] = captured

    first = post_signature(body, signature)
    assert first.status_code == 200 and first.json()["duplicate"] is False
    assert first.json()["outcome"] == {"payment": str(payment.reference), "state": "paid", "outcome": "paid"}
    fee = dossier.fees.get()
    assert fee.paid_at is not None and fee.channel == "national"
    assert pay_events(dossier) == 1
    event = dossier.events.get(action="pay")
    assert event.actor_name == "payment_platform" and event.data["channel"] == "national"

    again = post_signature(body, signature)
    assert again.status_code == 200 and again.json()["duplicate"] is True
    assert pay_events(dossier) == 1 and dossier.fees.get().paid_at == fee.paid_at


def test_forged_or_unsigned_callbacks_change_nothing(dossier, platform, captured):
    payment = start_payment(dossier=dossier, by=user(DESK), method="vietqr")
    platform.pay(payment.platform_ref)
    [(body, _signature)] = captured
    assert post(body, signed(body, secret="not-the-secret")).status_code == 401
    unsigned = post(body, {})
    assert unsigned.status_code == 401 and unsigned.json()["code"] == "integrations.bad_signature"
    payment.refresh_from_db()
    assert payment.state == "pending" and dossier.fees.get().paid_at is None
    assert pay_events(dossier) == 0 and not InboundEvent.objects.exists()


def test_malformed_json_is_400(dossier):
    body = b'{"id": "evt-1", "type": '
    response = post(body, signed(body))
    assert response.status_code == 400 and response.json()["code"] == "integrations.malformed_event"
    data = envelope(id="evt-2", type="payment.succeeded", data={"payment_ref": 12})
    response = post(data, signed(data))
    assert response.status_code == 400 and "payment record" in response.json()["detail"]


def test_an_unknown_payment_is_404_with_its_code(dossier):
    data = envelope(
        id="evt-3",
        type="payment.succeeded",
        data={"payment_ref": "SIMNOSUCH", "merchant_ref": "", "status": "succeeded", "amount": 50000},
    )
    response = post(data, signed(data))
    assert response.status_code == 404
    assert (
        response.json()["code"] == "integrations.unknown_payment" and "SIMNOSUCH" in response.json()["detail"]
    )
    assert not InboundEvent.objects.exists()  # the platform may send it again


def test_a_wrong_amount_is_not_applied_but_recorded(dossier, platform):
    payment = start_payment(dossier=dossier, by=user(DESK), method="vietqr")
    [sent] = platform.pay(payment.platform_ref, amount=40000)  # in-process, the same code as HTTP
    assert (sent.status, sent.outcome) == (200, "delivered")
    payment.refresh_from_db()
    assert payment.state == "failed" and payment.paid_amount == 40000
    assert dossier.fees.get().paid_at is None and pay_events(dossier) == 0
    mismatch = PaymentMismatch.objects.get()
    assert (mismatch.kind, mismatch.expected_amount, mismatch.platform_amount, mismatch.payment) == (
        "amount_differs",
        50000,
        40000,
        payment,
    )
    assert InboundEvent.objects.get().outcome["outcome"] == "amount_differs"


def test_duplicate_callbacks_pay_once(dossier, platform):
    platform.duplicate_callbacks = True
    payment = start_payment(dossier=dossier, by=user(DESK), method="vietqr")
    sent = platform.pay(payment.platform_ref)
    assert [callback.outcome for callback in sent] == ["delivered", "duplicate"]
    assert pay_events(dossier) == 1


def test_out_of_order_callbacks_end_paid(dossier, platform):
    platform.out_of_order = True
    payment = start_payment(dossier=dossier, by=user(DESK), method="card")
    platform.decline(payment.platform_ref, retry=True)  # first card refused, then a second one accepted
    platform.pay(payment.platform_ref)
    flushed = platform.flush_callbacks()  # the success arrives first, the old failure after it
    assert [callback.type for callback in flushed] == ["payment.succeeded", "payment.failed"]
    payment.refresh_from_db()
    assert payment.state == "paid" and pay_events(dossier) == 1


def test_a_failure_then_a_success_in_order_also_ends_paid(dossier, platform):
    payment = start_payment(dossier=dossier, by=user(DESK), method="card")
    platform.decline(payment.platform_ref, retry=True)
    payment.refresh_from_db()
    assert payment.state == "failed"
    platform.pay(payment.platform_ref)
    payment.refresh_from_db()
    assert payment.state == "paid" and dossier.fees.get().channel == "national"


def test_an_old_or_altered_callback_is_refused_and_logged(dossier, platform, captured, now, caplog):
    from datetime import timedelta

    payment = start_payment(dossier=dossier, by=user(DESK), method="vietqr")
    platform.pay(payment.platform_ref)
    [(body, signature)] = captured
    # a captured callback replayed ten minutes later (outside the 5-minute window)
    stale = post(body, signed(body, when=now.at - timedelta(minutes=10)))
    # a callback whose amount was changed after signing
    altered = body.replace(b'"paid_amount": 50000', b'"paid_amount": 5000')
    assert altered != body
    forged = post_signature(altered, signature)
    assert (stale.status_code, forged.status_code) == (401, 401)
    assert "refused an event for payment" in caplog.text
    payment.refresh_from_db()
    assert payment.state == "pending" and pay_events(dossier) == 0 and not InboundEvent.objects.exists()
