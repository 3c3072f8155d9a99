"""The tax office simulator served over HTTP (``run_simulator tax``): filings, switches, the
officer's buttons, and callbacks posted over HTTP to motcua's endpoint."""

import json
import random
import threading
import urllib.request
from urllib.parse import urlsplit

import pytest
from django.core.management import CommandError, call_command

from motcua.dossiers.tests.helpers import frozen
from motcua.integrations.base import RetryableError, registry
from motcua.integrations.delivery import deliver_due
from motcua.integrations.health import integration_health
from motcua.integrations.models import OutboxMessage
from motcua.integrations.simulator_server import make_server
from motcua.integrations.simulators import simulator_for
from motcua.integrations.tax.client import TaxOfficeClient
from motcua.integrations.tax.tests.helpers import sent_to_tax
from motcua.integrations.transport import HttpTransport, WireRequest, WireResponse

FILING = {"MaHoSo": "H14-261124-0001", "MaTTHC": "1.004884", "MaCoQuan": "X", "NguoiNopThue": {"HoTen": "A"}}


@pytest.fixture
def served(tax_office):
    server = make_server(simulator_for("tax"), host="127.0.0.1", port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def post(url, path, data):
    request = urllib.request.Request(url + path, data=json.dumps(data).encode(), method="POST")  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=5) as reply:  # noqa: S310 (a local http URL)
            return reply.status, json.loads(reply.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


class ClientTransport:
    """motcua's HTTP endpoint through Django's test client: the callback's real path, no server."""

    def __init__(self, client):
        self.client = client

    def send(self, request: WireRequest, *, timeout: float) -> WireResponse:
        headers = {f"HTTP_{name.upper().replace('-', '_')}": value for name, value in request.headers.items()}
        headers.pop("HTTP_CONTENT_TYPE", None)
        reply = self.client.post(
            urlsplit(request.url).path, request.body, content_type="application/json", **headers
        )
        return WireResponse(reply.status_code, reply.content, {})


def test_the_simulator_is_registered_for_run_simulator_and_the_health_page(tax_office):
    assert simulator_for("tax") is tax_office
    with pytest.raises(CommandError, match="between 0 and 1"):
        call_command("run_simulator", "tax", "--port", "9", "--error-rate", "3")


@pytest.mark.django_db
def test_the_health_page_shows_the_tax_office_and_its_switches(tax_office):
    tax_office.out_of_order = True
    [tax] = [health for health in integration_health() if health.system == "tax"]
    assert tax.outgoing and tax.events_received == 0
    assert tax.simulator["name"] == "tax"
    assert tax.simulator["switches"]["out_of_order"] is True
    assert tax.simulator["record"]["filings"] == 0


def test_served_it_applies_a_filing_once_and_reports_it(served, tax_office):
    client = TaxOfficeClient(transport=HttpTransport(), base_url=served)
    assert client.submit_dossier(FILING, idempotency_key="k1", timeout=5) == {"id": "k1", "duplicate": False}
    assert client.submit_dossier(FILING, idempotency_key="k1", timeout=5)["duplicate"] is True
    assert tax_office.dossiers("H14-261124-0001") == [FILING]
    status, state = post(served, "/_simulator/switches", {"duplicate_callbacks": True, "down": True})
    assert status == 200 and state["switches"]["duplicate_callbacks"] is True
    with pytest.raises(RetryableError):  # down: the connection drops
        client.submit_dossier(FILING, idempotency_key="k2", timeout=2)
    assert tax_office.record()["requests"] == 2 and tax_office.record()["duplicates"] == 1


def test_served_the_officer_buttons_answer_bad_input_400(served, tax_office):
    assert post(served, "/officer/paid", {})[0] == 400
    assert post(served, "/officer/assessed", {"dossier_code": "X", "amount": "lots"})[0] == 400
    assert post(served, "/officer/rejected", {"dossier_code": "X"})[0] == 400
    assert post(served, "/officer/refunded", {"dossier_code": "X"})[0] == 404
    assert tax_office.callbacks == []


def test_served_a_callback_to_an_unreachable_motcua_is_recorded_as_such(served, tax_office):
    tax_office.callback_url = "http://127.0.0.1:9/api/v1/integrations/tax/events/"  # nobody listens
    status, reply = post(served, "/officer/paid", {"dossier_code": "H14-261124-0001"})
    assert status == 200
    [callback] = reply["callbacks"]
    assert (callback["type"], callback["status"], callback["code"]) == ("tax.paid", 0, "unreachable")
    assert tax_office.record()["callbacks_refused"] == 1


@pytest.mark.django_db
def test_callbacks_over_http_drive_the_dossier_even_twice_and_out_of_order(demo_catalog, client, tax_office):
    with frozen(2026, 3, 2, 9, 0):
        dossier = sent_to_tax()
    tax_office.callback_url = "http://testserver/api/v1/integrations/tax/events/"
    tax_office.callback_transport = ClientTransport(client)
    tax_office.duplicate_callbacks = tax_office.out_of_order = True
    officer = {"dossier_code": dossier.code}
    with frozen(2026, 3, 4, 9, 0):
        held = tax_office.handle(
            WireRequest("POST", "/officer/assessed", {}, json.dumps(officer | {"amount": 9}).encode())
        )
        paid = tax_office.handle(WireRequest("POST", "/officer/paid", {}, json.dumps(officer).encode()))
    assert held.json() == {"callbacks": []}
    sent = [
        (c["type"], c["status"], c["duplicate"], c["outcome"]["applied"]) for c in paid.json()["callbacks"]
    ]
    assert sent == [
        ("tax.paid", 200, False, True),
        ("tax.paid", 200, True, True),
        ("tax.assessed", 200, False, False),  # older than the payment: recorded, changes nothing
        ("tax.assessed", 200, True, False),
    ]
    dossier.refresh_from_db()
    assert dossier.status == "processing"
    assert not dossier.events.filter(action="tax-assessed").exists()


@pytest.mark.django_db
def test_with_a_shared_simulator_server_the_outbox_files_the_dossier_there(
    demo_catalog, served, tax_office, settings
):
    settings.SIMULATOR_SERVERS = {"tax": served}
    registry.reset()  # the adapter is built again, for the server
    with frozen(2026, 3, 2, 9, 0):
        dossier = sent_to_tax()
        deliver_due(rng=random.Random(1))
    [filing] = tax_office.dossiers(dossier.code)
    assert filing["MaCoQuan"] == dossier.competent_agency.code
    assert OutboxMessage.objects.get(system="tax").state == "acknowledged"
