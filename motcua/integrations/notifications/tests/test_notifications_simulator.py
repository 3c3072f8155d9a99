"""The providers as one simulator (``run_simulator notifications``): switches, failover over
HTTP, the health page."""

import json
import random
import threading
import urllib.request

import pytest
from django.core.management import CommandError, call_command

from motcua.dossiers import services
from motcua.dossiers.tests.helpers import desk_dossier, frozen, user
from motcua.integrations.base import registry
from motcua.integrations.delivery import deliver_due
from motcua.integrations.health import integration_health
from motcua.integrations.models import OutboxMessage
from motcua.integrations.simulator_server import make_server
from motcua.integrations.simulators import simulator_for


@pytest.fixture
def gateway(notify):
    return simulator_for("notifications")


@pytest.fixture
def served(gateway, settings):
    """The gateway on a local port, and motcua (simulated mode) pointed at it."""
    server = make_server(gateway, host="127.0.0.1", port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    settings.SIMULATOR_SERVERS = {"notifications": url}
    registry.reset()  # the adapter is built again, for the server
    yield url
    server.shutdown()
    server.server_close()


def control(url, path, data=None):
    body = json.dumps(data).encode() if data is not None else None
    request = urllib.request.Request(  # noqa: S310 (a local http URL)
        url + "/_simulator" + path, data=body, method="POST" if body else "GET"
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as reply:  # noqa: S310
            return reply.status, json.loads(reply.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_gateway_switches_set_every_provider_and_providers_down_names_some(gateway, notify):
    gateway.latency = 0.5
    assert (notify.sms_primary.latency, notify.email_secondary.latency, gateway.latency) == (0.5, 0.5, 0.5)
    gateway.providers_down = ["sms-primary"]
    assert (gateway.providers_down, gateway.down) == (["sms-primary"], False)
    with pytest.raises(ValueError, match="unknown providers"):
        gateway.providers_down = ["sms-tertiary"]
    gateway.down = True
    assert gateway.is_down() and notify.sms_secondary.down
    gateway.reset()
    assert (gateway.down, gateway.latency, gateway.providers_down) == (False, 0.0, [])


def test_run_simulator_knows_the_notifications_simulator():
    with pytest.raises(CommandError, match="between 0 and 1"):
        call_command("run_simulator", "notifications", "--port", "9", "--error-rate", "3")


@pytest.mark.django_db
def test_served_with_the_primary_out_the_secondary_sends_the_sms(demo_catalog, served, notify):
    status, state = control(served, "/switches", {"providers_down": ["sms-primary"]})
    assert status == 200 and state["switches"]["providers_down"] == ["sms-primary"]
    with frozen(2026, 3, 2, 9, 0):
        dossier = services.receive_dossier(dossier=desk_dossier(), by=user("thucphan.motcua"))
        deliver_due(rng=random.Random(3))
    message = OutboxMessage.objects.get(
        system="notify", ordering_key__startswith=f"notify:{dossier.reference}"
    )
    assert message.state == "acknowledged"
    assert notify.sms_primary.sent == [] and len(notify.sms_secondary.sent) == 1
    status, state = control(served, "/")
    assert state["record"]["sms-secondary sent"] == 1 and state["record"]["refused"] == 0


def test_served_bad_switches_and_unknown_providers_are_refused(served):
    assert control(served, "/switches", {"providers_down": ["nobody"]})[0] == 400
    assert control(served, "/switches", {"providers_down": "sms-primary"})[0] == 400
    request = urllib.request.Request(served + "/nobody/messages", data=b"{}", method="POST")  # noqa: S310
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(request, timeout=5)  # noqa: S310
    assert error.value.code == 404


@pytest.mark.django_db
def test_the_health_page_lists_notifications_with_their_simulator(gateway):
    gateway.providers_down = ["sms-primary"]
    [notify] = [health for health in integration_health() if health.system == "notify"]
    assert notify.outgoing
    assert notify.simulator["name"] == "notifications"
    assert notify.simulator["switches"]["providers_down"] == ["sms-primary"]
