"""A simulator served over HTTP (run_simulator): the wire over keep-alive HTTP, switches, record."""

import json
import threading
import urllib.request

import pytest
from django.core.management import CommandError, call_command

from motcua.integrations.base import RetryableError
from motcua.integrations.national_portal.client import NationalPortalClient
from motcua.integrations.simulator_server import make_server
from motcua.integrations.transport import HttpTransport

BODY = {
    "MaHoSo": "H14-261124-0001",
    "MaTTHC": "1.004884",
    "TrangThaiHoSo": 2,
    "KenhThucHien": 1,
    "ThuTuSuKien": 2,
    "ThoiDiemSuKien": "20261124090000",
}


@pytest.fixture
def served(simulator):
    server = make_server(simulator, host="127.0.0.1", port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
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


def test_the_portal_simulator_over_http_applies_a_key_once_and_reports_what_it_holds(served, simulator):
    client = NationalPortalClient(transport=HttpTransport(), base_url=served)
    assert client.push_status(BODY, idempotency_key="k1", timeout=5) == {"id": "k1", "duplicate": False}
    assert client.push_status(BODY, idempotency_key="k1", timeout=5)["duplicate"] is True
    assert client.fetch_dossier("H14-261124-0001", timeout=5)["TrangThaiHoSo"] == 2
    assert client.fetch_dossier("H14-261124-9999", timeout=5) is None
    status, state = control(served, "/")
    assert status == 200
    assert state["record"] == {"applied": 1, "requests": 2, "duplicates": 1, "refused": 0, "dossiers": 1}


def test_switches_are_set_over_http_and_down_drops_the_connection(served, simulator):
    client = NationalPortalClient(transport=HttpTransport(), base_url=served)
    status, state = control(served, "/switches", {"down": True, "error_rate": 0})
    assert status == 200 and state["switches"]["down"] is True
    with pytest.raises(RetryableError):
        client.push_status(BODY, idempotency_key="k2", timeout=2)
    assert control(served, "/switches", {"speed": 3}) == (
        400,
        {"error": "unknown switch 'speed'; known: down, error_rate, latency, outages, refuse_codes"},
    )
    assert control(served, "/switches", {"latency": -1})[0] == 400
    control(served, "/reset", {})
    assert client.push_status(BODY, idempotency_key="k2", timeout=5)["duplicate"] is False


def test_run_simulator_refuses_an_unknown_system_and_a_bad_rate():
    with pytest.raises(CommandError, match=r"no simulator named 'nowhere'; known: .*national-portal"):
        call_command("run_simulator", "nowhere", "--port", "9")
    with pytest.raises(CommandError, match="between 0 and 1"):
        call_command("run_simulator", "national-portal", "--port", "9", "--error-rate", "3")


@pytest.fixture
def shared_server(settings):
    """A portal simulator of its own served over HTTP, as ``make run`` serves one for all."""
    from motcua.integrations.base import registry
    from motcua.integrations.national_portal.simulator import NationalPortalSimulator

    shared = NationalPortalSimulator()
    server = make_server(shared, host="127.0.0.1", port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.SIMULATOR_SERVERS = {"national-portal": f"http://127.0.0.1:{server.server_address[1]}"}
    registry.reset()  # adapters are built once per process: rebuild with the setting
    yield shared
    server.shutdown()
    server.server_close()
    registry.reset()


def test_in_simulated_mode_a_served_simulator_is_the_one_every_process_talks_to(shared_server, simulator):
    from motcua.integrations import health
    from motcua.integrations.base import Outgoing, registry

    payload = {"code": BODY["MaHoSo"], "procedure": "1.004884", "event_seq": 2, "action": "receive"}
    payload |= {"status": "received", "at": "2026-11-24T09:00:00+07:00", "channel": 1}
    message = Outgoing(1, "national_portal", "dossier.status", "k-shared", BODY["MaHoSo"], payload, 1)
    registry.get("national_portal").deliver(message, timeout=5)
    assert shared_server.holding(BODY["MaHoSo"])["TrangThaiHoSo"] == 2  # the server's simulator has it
    assert simulator.holding(BODY["MaHoSo"]) is None  # this process's own one does not
    assert registry.get("national_portal").holding(BODY["MaHoSo"])["TrangThaiHoSo"] == 2
    shown = health._simulator("national_portal")
    assert shown["url"].startswith("http://127.0.0.1:") and shown["record"]["applied"] == 1


def test_the_health_page_says_when_the_simulator_server_does_not_answer(settings):
    from motcua.integrations import health

    settings.SIMULATOR_SERVERS = {"national-portal": "http://127.0.0.1:9"}  # nobody listens
    shown = health._simulator("national_portal")
    assert "connection failed" in shown["error"] and shown["switches"] == {}
