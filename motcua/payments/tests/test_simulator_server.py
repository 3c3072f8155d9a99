"""``run_simulator payment --port N``: the platform over HTTP, the payer played at /_simulator/."""

import json
import threading
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from motcua.core import clock
from motcua.dossiers.tests.helpers import user
from motcua.integrations.base import registry
from motcua.integrations.errors import PaymentPlatformUnavailable, PaymentSimulatorRefused
from motcua.integrations.services import NewPayment, payment_platform, simulate_payer
from motcua.integrations.signatures import HEADER
from motcua.integrations.simulator_server import make_server
from motcua.integrations.transport import HttpTransport, WireRequest, WireResponse
from motcua.payments.services import start_payment
from motcua.payments.tests.conftest import DESK


@pytest.fixture
def served(platform, settings):
    """The simulator served on a free port, and motcua pointed at it (SIMULATOR_SERVERS)."""
    server = make_server(platform, host="127.0.0.1", port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    settings.SIMULATOR_SERVERS = {"payment": url}
    registry.reset()
    yield url
    server.shutdown()
    server.server_close()
    registry.reset()


@pytest.fixture
def kept(platform):
    """Callbacks are kept here (the server thread has no test database to apply them to)."""
    sent = []
    platform.deliver = lambda body, signature: sent.append(json.loads(body)) or (200, {"outcome": "kept"})
    return sent


def control(url: str, path: str, body: dict | None = None, method: str = "POST") -> tuple[int, dict]:
    data = json.dumps(body or {}).encode() if method == "POST" else b""
    reply = HttpTransport().send(WireRequest(method, f"{url}/_simulator/{path}", {}, data), timeout=5)
    return reply.status, reply.json()


def new_payment(amount: int = 50000) -> NewPayment:
    return NewPayment(
        reference="1b4e28ba-2fa1-11d2-883f-0016d3cca427",
        amount=amount,
        method="vietqr",
        description="LE PHI 001.01.50.H14",
        expires_at=clock.now() + timedelta(minutes=15),
    )


def test_the_served_platform_creates_reads_and_is_paid_over_http(served, platform, kept):
    # when motcua creates a payment over HTTP and the trainer plays the payer
    created = payment_platform().create_payment(new_payment())
    assert created.state == "pending" and created.qr_payload.startswith("000201") and created.amount == 50000
    assert platform.received[-1].path == "/payments" and platform.received[-1].status == 201
    callbacks = simulate_payer(platform_ref=created.platform_ref)
    # then the platform holds it paid and sent one signed callback
    assert [(c["status"], c["outcome"]) for c in callbacks] == [(200, "delivered")]
    assert (
        kept[0]["type"] == "payment.succeeded" and kept[0]["data"]["merchant_ref"] == new_payment().reference
    )
    assert payment_platform().get_payment(created.platform_ref).state == "paid"
    status, state = control(served, "", method="GET")
    assert status == 200 and state["record"]["paid"] == 1 and state["switches"]["drop_callbacks"] is False


def test_switches_and_bad_trainer_actions(served, platform, kept):
    assert control(served, "switches", {"drop_callbacks": True})[1]["switches"]["drop_callbacks"] is True
    assert control(served, "switches", {"nonsense": 1})[0] == 400
    assert control(served, "refund", {"payment_ref": "X"})[0] == 400
    assert control(served, "pay", {"payment_ref": "X", "amount": "lots"})[0] == 400
    with pytest.raises(PaymentSimulatorRefused):
        simulate_payer(platform_ref="SIMUNKNOWN")
    created = payment_platform().create_payment(new_payment())
    [dropped] = simulate_payer(platform_ref=created.platform_ref)
    assert dropped["outcome"] == "dropped" and kept == []
    control(served, "switches", {"down": True})
    with pytest.raises(PaymentPlatformUnavailable):
        payment_platform().get_payment(created.platform_ref)


@pytest.mark.django_db
def test_callbacks_to_a_callback_url_are_signed_and_applied(dossier, platform):
    # given a standalone simulator that posts to motcua's endpoint (here the test client)
    class ToMotcua:
        def send(self, request: WireRequest, *, timeout: float) -> WireResponse:
            assert request.url == "http://motcua.test/api/v1/integrations/payment/events/"
            answer = Client().post(
                "/api/v1/integrations/payment/events/",
                request.body,
                content_type="application/json",
                HTTP_X_MOTCUA_SIGNATURE=request.headers[HEADER],
            )
            return WireResponse(answer.status_code, answer.content, {})

    platform.callback_url = "http://motcua.test/api/v1/integrations/payment/events/"
    platform.callback_transport = ToMotcua()
    platform.duplicate_callbacks = True
    payment = start_payment(dossier=dossier, by=user(DESK), method="vietqr")
    # when the applicant pays
    first, second = platform.pay(payment.platform_ref)
    # then it is applied once, the copy is a duplicate
    assert (first.status, first.outcome, second.status, second.outcome) == (
        200,
        "delivered",
        200,
        "duplicate",
    )
    payment.refresh_from_db()
    assert payment.state == "paid" and dossier.events.filter(action="pay").count() == 1


def test_an_unreachable_callback_url_is_recorded(platform):
    platform.callback_url = "http://127.0.0.1:9/events/"  # the discard port: nothing listens
    created = payment_platform().create_payment(new_payment())
    [callback] = platform.pay(created.platform_ref)
    assert (callback.status, callback.outcome) == (0, "unreachable")


def test_the_command_knows_the_payment_simulator():
    with pytest.raises(CommandError, match="--port"):
        call_command("run_simulator", "payment", "--port", "0")
    with pytest.raises(CommandError, match="payment"):
        call_command("run_simulator", "no-such-system", "--port", "1")


@pytest.mark.django_db
def test_the_checkout_page_plays_the_payer_at_the_served_platform(served, platform, kept):
    created = payment_platform().create_payment(
        NewPayment(
            reference="2b4e28ba-2fa1-11d2-883f-0016d3cca427",
            amount=30000,
            method="card",
            description="LE PHI 001.01.50.H14",
            expires_at=clock.now() + timedelta(minutes=15),
            return_url="/tra-cuu/",
        )
    )
    page = Client().get(created.checkout_url)
    assert page.status_code == 200 and "30.000 đồng" in page.content.decode()
    paid = Client().post(created.checkout_url, {"decision": "pay"})
    assert paid.status_code == 302 and paid["Location"] == "/tra-cuu/"
    assert [event["type"] for event in kept] == ["payment.succeeded"]
    assert Client().post(created.checkout_url, {"decision": "pay"}).status_code == 409
    assert Client().get("/gia-lap/thanh-toan/SIMUNKNOWN/").status_code == 404
