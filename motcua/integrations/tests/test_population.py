"""The National Population Database: lookups within the budget, the simulator, the audit trail."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from motcua.core import clock
from motcua.core.models import AuditEntry
from motcua.integrations.base import registry
from motcua.integrations.errors import MalformedCitizenId
from motcua.integrations.population.adapter import (
    PopulationAdapter,
    PopulationUnavailable,
    build_adapter,
    record_from_wire,
    record_to_wire,
)
from motcua.integrations.population.client import PopulationClient
from motcua.integrations.population.simulator import PopulationSimulator, simulator
from motcua.integrations.services import lookup_citizen, register_simulated_citizens
from motcua.integrations.simulator_server import make_server
from motcua.integrations.simulators import SimulatorTransport, simulator_for
from motcua.integrations.transport import HttpTransport, WireRequest, WireResponse
from motcua.integrations.types import LookupOutcome, PersonRecord, Residence
from motcua.integrations.vneid.simulator.identities import FIXED as VNEID_IDENTITIES

MAI = "004190001234"  # Hoàng Thị Mai, a documented test identity
TOAN = "004203003456"  # Lý Văn Toàn: permanent residence in Bảo Lâm, living in Thục Phán
UNKNOWN = "004099999999"


@pytest.fixture(autouse=True)
def population(settings):
    settings.INTEGRATIONS_MODE = "simulated"
    settings.POPULATION_SIMULATOR_FILE = ""
    registry.reset()
    simulator.reset()
    yield simulator
    simulator.reset()
    registry.reset()


def adapter() -> PopulationAdapter:
    return registry.get("population")  # type: ignore[return-value]


def test_a_known_citizen_is_found_with_the_whole_record():
    record = adapter().lookup(MAI, purpose="desk_intake")
    assert record == PersonRecord(
        citizen_id=MAI,
        full_name="Hoàng Thị Mai",
        date_of_birth=date(1990, 3, 12),
        sex="female",
        nationality="VN",
        permanent_residence=Residence("01273", "Số 12, phố Kim Đồng, phường Thục Phán, tỉnh Cao Bằng"),
        current_residence=Residence("01273", "Số 12, phố Kim Đồng, phường Thục Phán, tỉnh Cao Bằng"),
    )
    assert [(x.citizen_id, x.status) for x in simulator.lookups] == [(MAI, 200)]


def test_current_residence_is_where_the_person_lives_now():
    record = adapter().lookup(TOAN, purpose="desk_intake")
    assert record.permanent_residence.commune_code == "01290"
    assert record.residence == record.current_residence and record.residence.commune_code == "01273"
    assert record.prefill_values() == {
        "citizen_id": TOAN,
        "full_name": "Lý Văn Toàn",
        "date_of_birth": date(2003, 6, 25),
        "sex": "male",
        "permanent_address": {"commune": "01290", "street": "Thôn Khuổi Lác, xã Bảo Lâm, tỉnh Cao Bằng"},
    }


def test_an_unknown_number_is_a_clean_not_found():
    assert adapter().lookup(UNKNOWN, purpose="desk_intake") is None
    assert [(x.citizen_id, x.status) for x in simulator.lookups] == [(UNKNOWN, 404)]


@pytest.mark.parametrize(
    "number", ["", "12345", "0041900012345", "00419000123a", "004 19000123", "٠٠٤١٩٠٠٠١٢٣٤", None]
)
def test_a_malformed_number_is_refused_before_any_call(number):
    with pytest.raises(MalformedCitizenId):
        adapter().lookup(number, purpose="desk_intake")
    assert simulator.lookups == []


def test_latency_beyond_the_budget_is_unavailable_within_the_budget():
    simulator.latency = 5.0
    started = time.monotonic()
    with pytest.raises(PopulationUnavailable):
        adapter().lookup(MAI, purpose="desk_intake", timeout=0.2)
    assert time.monotonic() - started < 0.5


def test_the_budget_holds_even_when_the_transport_ignores_its_timeout():
    class Hanging:  # a DNS lookup that hangs: the socket timeout does not apply
        def send(self, request: WireRequest, *, timeout: float) -> WireResponse:
            time.sleep(1.5)
            return WireResponse(200, b"{}")

    slow = PopulationAdapter(PopulationClient(transport=Hanging(), base_url="http://x"))
    started = time.monotonic()
    with pytest.raises(PopulationUnavailable, match=r"no answer within 0\.2 s"):
        slow.lookup(MAI, purpose="desk_intake", timeout=0.2)
    assert time.monotonic() - started < 0.5


def test_the_budget_comes_from_the_setting(settings):
    settings.POPULATION_TIMEOUT_SECONDS = 0.1
    simulator.latency = 0.3
    started = time.monotonic()
    with pytest.raises(PopulationUnavailable):
        adapter().lookup(MAI, purpose="desk_intake")
    assert time.monotonic() - started < 0.3
    simulator.latency = 0.02
    assert adapter().lookup(MAI, purpose="desk_intake").full_name == "Hoàng Thị Mai"


def test_an_outage_window_on_the_clock_is_unavailable_then_it_answers_again():
    start = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    simulator.outages = [(start, start + timedelta(hours=1))]
    with clock.frozen(start + timedelta(minutes=30)), pytest.raises(PopulationUnavailable, match="refused"):
        adapter().lookup(MAI, purpose="desk_intake")
    with clock.frozen(start + timedelta(hours=1)):
        assert adapter().lookup(MAI, purpose="desk_intake").citizen_id == MAI


def test_down_5xx_refusals_and_unreadable_answers_are_unavailable():
    simulator.down = True
    with pytest.raises(PopulationUnavailable):
        adapter().lookup(MAI, purpose="desk_intake")
    simulator.down, simulator.error_rate = False, 1.0
    with pytest.raises(PopulationUnavailable, match="503"):
        adapter().lookup(MAI, purpose="desk_intake")

    def answering(status: int, body: bytes) -> PopulationAdapter:
        class Fixed:
            def send(self, request: WireRequest, *, timeout: float) -> WireResponse:
                return WireResponse(status, body)

        return PopulationAdapter(PopulationClient(transport=Fixed(), base_url="http://x"))

    with pytest.raises(PopulationUnavailable, match="401"):  # a wrong token must not block a desk
        answering(401, b'{"error": "bad token"}').lookup(MAI, purpose="desk_intake")
    with pytest.raises(PopulationUnavailable, match="unreadable"):
        answering(200, b"<html>").lookup(MAI, purpose="desk_intake")
    with pytest.raises(PopulationUnavailable, match="unreadable record"):
        answering(200, b'{"SoDinhDanh": "004190001234"}').lookup(MAI, purpose="desk_intake")
    with pytest.raises(PopulationUnavailable, match="another citizen"):
        body = json.dumps(simulator.citizens[TOAN]).encode()
        answering(200, body).lookup(MAI, purpose="desk_intake")


def test_the_client_says_why_and_authenticates(settings):
    seen: list[WireRequest] = []

    class Recording:
        def send(self, request: WireRequest, *, timeout: float) -> WireResponse:
            seen.append(request)
            return WireResponse(404, b"{}")

    client = PopulationClient(transport=Recording(), base_url="https://dancu.example/api/", token="t0k")
    assert PopulationAdapter(client).lookup(MAI, purpose="desk_intake", timeout=1) is None
    (request,) = seen
    assert (request.method, request.url) == ("GET", f"https://dancu.example/api/citizens/{MAI}")
    assert request.headers["Authorization"] == "Bearer t0k" and request.headers["X-Purpose"] == "desk_intake"


def test_live_mode_uses_the_configured_url(settings):
    settings.INTEGRATIONS_MODE = "live"
    settings.POPULATION_URL, settings.POPULATION_TOKEN = "https://dancu.example", "secret"
    live = build_adapter()
    assert live.client.base_url == "https://dancu.example" and live.client.token == "secret"
    assert not isinstance(live.client.transport, SimulatorTransport)


def test_the_wire_mapping_round_trips():
    record = adapter().lookup(TOAN, purpose="desk_intake")
    assert record_from_wire(record_to_wire(record)) == record
    assert simulator_for("population") is simulator


@pytest.mark.django_db
def test_a_lookup_is_audited_without_the_personal_data(official_factory):
    official = official_factory()
    result = lookup_citizen(citizen_id=MAI, by=official.user, purpose="desk_intake")
    assert result.outcome == LookupOutcome.FOUND and result.record.full_name == "Hoàng Thị Mai"
    entry = AuditEntry.objects.order_by("-seq").first()
    assert (entry.action, entry.object_type, entry.object_id) == ("population.lookup", "citizen", MAI)
    assert entry.actor_user_id == official.user.pk
    assert entry.data == {"purpose": "desk_intake", "outcome": "found"}
    stored = json.dumps([entry.data, entry.actor, entry.scope], ensure_ascii=False)
    for personal in ("Hoàng", "Mai", "1990", "Kim Đồng", "01273", "female"):
        assert personal not in stored


@pytest.mark.django_db
def test_unavailable_and_not_found_are_answers_not_exceptions():
    simulator.down = True
    down = lookup_citizen(citizen_id=MAI, by="tester", purpose="population_backfill")
    assert down.unavailable and down.record is None and "refused" in down.reason
    simulator.down = False
    missing = lookup_citizen(citizen_id=UNKNOWN, by="tester", purpose="eform_prefill")
    assert missing.not_found and missing.record is None
    outcomes = list(
        AuditEntry.objects.filter(action="population.lookup").order_by("seq").values_list("data", flat=True)
    )
    assert outcomes == [
        {"purpose": "population_backfill", "outcome": "unavailable"},
        {"purpose": "eform_prefill", "outcome": "not_found"},
    ]


@pytest.mark.django_db
def test_a_malformed_number_is_neither_looked_up_nor_audited():
    with pytest.raises(MalformedCitizenId):
        lookup_citizen(citizen_id="004-190-001", by="tester", purpose="desk_intake")
    with pytest.raises(ValueError):
        lookup_citizen(citizen_id=MAI, by="tester", purpose="curiosity")  # a purpose must be declared
    assert not AuditEntry.objects.filter(action="population.lookup").exists()
    assert simulator.lookups == []


def test_registered_people_are_known_to_every_process(settings, tmp_path):
    settings.POPULATION_SIMULATOR_FILE = str(tmp_path / "people.json")
    person = PersonRecord("004301009999", "Ma Thị Sua", date(2001, 4, 5), "female")
    assert register_simulated_citizens([person]) == 1
    other_process = PopulationSimulator()  # a fresh simulator reads the shared file
    transport = SimulatorTransport(other_process)
    client = PopulationClient(transport=transport, base_url="http://population.simulator")
    assert PopulationAdapter(client).lookup("004301009999", purpose="desk_intake") == person
    assert other_process.record()["citizens"] == 12  # eleven test identities + the registered one


def test_every_vneid_test_identity_is_known_with_the_same_name_and_birth_date():
    for identity in VNEID_IDENTITIES:
        record = adapter().lookup(identity.citizen_id, purpose="eform_prefill")
        assert record is not None, identity.citizen_id
        assert (record.full_name, record.date_of_birth) == (identity.name, identity.birthdate)
        assert record.residence.commune_code and record.residence.address


@pytest.fixture
def served(settings):
    """A population simulator of its own served over HTTP, as ``run_simulator`` serves one."""
    shared = PopulationSimulator()
    server = make_server(shared, host="127.0.0.1", port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.SIMULATOR_SERVERS = {"population": f"http://127.0.0.1:{server.server_address[1]}"}
    registry.reset()  # adapters are built once per process: rebuild with the setting
    yield shared
    server.shutdown()
    server.server_close()


def test_a_served_simulator_answers_and_its_switches_degrade_within_the_budget(served):
    assert isinstance(adapter().client.transport, HttpTransport)
    assert adapter().lookup(MAI, purpose="desk_intake").full_name == "Hoàng Thị Mai"
    assert [(x.citizen_id, x.status) for x in served.lookups] == [(MAI, 200)]
    assert simulator.lookups == []  # this process's own simulator was not asked
    for switch, value in (("latency", 2.0), ("down", True)):
        setattr(served, switch, value)
        started = time.monotonic()
        with pytest.raises(PopulationUnavailable):
            adapter().lookup(MAI, purpose="desk_intake", timeout=0.3)
        assert time.monotonic() - started < 1.0, switch
        served.reset()


@pytest.mark.django_db
def test_the_health_page_shows_the_population_simulator_and_what_it_answered(served, settings):
    from motcua.integrations.health import integration_health

    assert adapter().lookup(UNKNOWN, purpose="desk_intake") is None
    served.down = True
    (population,) = [system for system in integration_health() if system.system == "population"]
    assert population.simulator["url"] == settings.SIMULATOR_SERVERS["population"]
    assert population.simulator["switches"] == {"latency": 0.0, "error_rate": 0.0, "down": True}
    assert [(x["citizen_id"], x["status"]) for x in population.simulator["record"]["lookups"]] == [
        (UNKNOWN, 404)
    ]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_run_simulator_population_serves_the_test_people_and_takes_switches(tmp_path):
    port = free_port()
    env = {**os.environ, "POPULATION_SIMULATOR_FILE": ""}
    manage = Path(__file__).resolve().parents[3] / "manage.py"
    command = [sys.executable, str(manage), "run_simulator", "population", "--port", str(port)]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        url = f"http://127.0.0.1:{port}"
        client = PopulationClient(transport=HttpTransport(), base_url=url)
        served = PopulationAdapter(client)
        record = _when_listening(lambda: served.lookup(MAI, purpose="desk_intake", timeout=2), process)
        assert record.full_name == "Hoàng Thị Mai"
        switch = urllib.request.Request(  # noqa: S310 (a local http URL)
            url + "/_simulator/switches", data=b'{"down": true}', method="POST"
        )
        with urllib.request.urlopen(switch, timeout=5) as reply:  # noqa: S310
            assert json.loads(reply.read())["switches"]["down"] is True
        with pytest.raises(PopulationUnavailable):
            served.lookup(MAI, purpose="desk_intake", timeout=1)
    finally:
        process.terminate()
        out, err = process.communicate(timeout=10)
    assert f"population simulator on http://127.0.0.1:{port}/" in out.decode(), err.decode()


def _when_listening(call, process, *, within: float = 30.0):
    """The first answer of ``call`` once the server listens (Django takes a moment to start)."""
    deadline = time.monotonic() + within
    while True:
        try:
            return call()
        except PopulationUnavailable:
            if process.poll() is not None or time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_the_demo_people_are_known_as_the_dossiers_name_them(settings, tmp_path):
    from types import SimpleNamespace

    from motcua.demo.dossiers.people import register_demo_people

    settings.POPULATION_SIMULATOR_FILE = str(tmp_path / "people.json")
    home = SimpleNamespace(unit_code="01290", address="Thôn Nà Đon, xã Bảo Lâm, tỉnh Cao Bằng")
    owner = SimpleNamespace(name="Vàng Thị Mỷ", id_number="004198123456", **vars(home))
    plans = [
        SimpleNamespace(
            owner=owner, parties=(SimpleNamespace(name="Vàng Văn Sình", id_number="004075654321"),)
        ),
        SimpleNamespace(owner=SimpleNamespace(**{**vars(owner), "name": "Someone Else"}), parties=()),
        SimpleNamespace(owner=SimpleNamespace(**{**vars(owner), "id_number": "0041981234"}), parties=()),
    ]
    assert register_demo_people(plans) == 2  # once per citizen ID; a malformed one is skipped
    other_process = SimulatorTransport(PopulationSimulator())
    directory = PopulationAdapter(
        PopulationClient(transport=other_process, base_url="http://population.simulator")
    )
    mỷ = directory.lookup("004198123456", purpose="desk_intake")
    assert (mỷ.full_name, mỷ.sex, mỷ.date_of_birth.year) == ("Vàng Thị Mỷ", "female", 1998)
    assert mỷ.residence == Residence("01290", "Thôn Nà Đon, xã Bảo Lâm, tỉnh Cao Bằng")
    sình = directory.lookup("004075654321", purpose="desk_intake")
    assert (sình.full_name, sình.sex, sình.date_of_birth.year) == ("Vàng Văn Sình", "male", 1975)
    assert register_demo_people(plans) == 2  # a rerun changes nothing
    assert directory.lookup("004198123456", purpose="desk_intake") == mỷ
