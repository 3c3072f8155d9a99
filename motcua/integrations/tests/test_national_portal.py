"""The national portal's client, adapter mapping and simulator, without the database."""

from datetime import datetime

import pytest

from motcua.core import clock
from motcua.integrations.base import Outgoing, RetryableError, TerminalError
from motcua.integrations.national_portal.adapter import status_to_wire
from motcua.integrations.national_portal.client import NationalPortalClient
from motcua.integrations.simulators import SimulatorTransport
from motcua.integrations.transport import HttpTransport, WireRequest, WireResponse, raise_for_status

PAYLOAD = {
    "dossier_id": 7,
    "code": "001.01.50.H14-260302-0001",
    "procedure": "1.004884",
    "event_seq": 2,
    "action": "receive",
    "status": "received",
    "at": "2026-03-02T02:00:00+00:00",
    "channel": 1,
    "received_on": "2026-03-02",
    "appointment_on": "2026-03-09",
}


def test_status_payload_maps_to_the_portal_fields():
    assert status_to_wire(PAYLOAD) == {
        "MaHoSo": "001.01.50.H14-260302-0001",
        "MaTTHC": "1.004884",
        "TrangThaiHoSo": 2,
        "KenhThucHien": 1,
        "ThuTuSuKien": 2,
        "HanhDong": "receive",
        "ThoiDiemSuKien": "20260302090000",  # Vietnam time
        "NgayTiepNhan": "20260302",
        "NgayHenTra": "20260309",
        "NgayKetThucXuLy": None,
        "NgayNopHoSo": None,
        "ThoiHanGiaiQuyet": None,
        "DonViThoiHan": None,
        "SoLanYeuCauBoSung": 0,
        "KetQua": [],
        "DanhSachLePhi": [],
        "DaThanhToanTrucTuyen": 0,
        "CoThanhPhanSoHoa": 0,
        "CoThanhPhanTuKho": 0,
        "CoDuLieuDanCu": 0,
        "MucDoDinhDanhVNeID": None,
    }


def test_the_dossier_facts_of_domain_11_are_sent():
    wire = status_to_wire(
        PAYLOAD
        | {
            "submitted_at": "2026-03-02T08:55:00+07:00",
            "time_limit": {"value": "5.00", "unit": "working_days"},
            "supplement_requests": 1,
            "results": [{"code": "001.01.50.H14-260302-0001-KQ1", "sha256": "ab" * 32}],
            "fees": [{"name": "Lệ phí", "amount": 50000, "paid": True, "channel": "national"}],
            "components": [{"digitised": True, "from_store": False, "from_population": True}],
            "vneid_level": 2,
        }
    )
    assert wire["NgayNopHoSo"] == "20260302085500"
    assert (wire["ThoiHanGiaiQuyet"], wire["DonViThoiHan"]) == ("5.00", "working_days")
    assert wire["KetQua"] == [{"MaKetQua": "001.01.50.H14-260302-0001-KQ1", "MaBam": "ab" * 32}]
    assert wire["DanhSachLePhi"] == [{"TenPhiLePhi": "Lệ phí", "MucThu": 50000}]
    assert (wire["DaThanhToanTrucTuyen"], wire["CoThanhPhanSoHoa"], wire["CoThanhPhanTuKho"]) == (1, 1, 0)
    assert (wire["CoDuLieuDanCu"], wire["MucDoDinhDanhVNeID"], wire["SoLanYeuCauBoSung"]) == (1, 2, 1)


def test_supplement_events_and_end_of_processing_are_named():
    asked = status_to_wire(PAYLOAD | {"action": "request-supplement", "status": "awaiting_supplement"})
    assert (asked["HanhDong"], asked["TrangThaiHoSo"]) == ("YEU_CAU_BO_SUNG", 5)
    done = status_to_wire(PAYLOAD | {"action": "approve", "status": "approved"})
    assert done["NgayKetThucXuLy"] == "20260302090000"


@pytest.mark.parametrize("broken", [{"status": "nonsense"}, {"at": "yesterday"}, {"channel": None}])
def test_an_unmappable_payload_is_terminal(broken):
    with pytest.raises(TerminalError):
        status_to_wire(PAYLOAD | broken)


@pytest.mark.parametrize(
    ("status", "error"),
    [
        (500, RetryableError),
        (503, RetryableError),
        (429, RetryableError),
        (408, RetryableError),
        (400, TerminalError),
        (401, TerminalError),
        (404, TerminalError),
        (422, TerminalError),
    ],
)
def test_statuses_are_told_apart(status, error):
    with pytest.raises(error):
        raise_for_status(WireResponse(status, b"{}"))


def test_a_refused_connection_is_retryable():
    request = WireRequest("POST", "http://127.0.0.1:9/x", {}, b"{}")  # discard port: nobody listens
    with pytest.raises(RetryableError, match="connection failed"):
        HttpTransport().send(request, timeout=1)


def _client(simulator):
    return NationalPortalClient(transport=SimulatorTransport(simulator), base_url="http://sim")


def test_the_simulator_applies_an_idempotency_key_once(simulator):
    client = _client(simulator)
    body = status_to_wire(PAYLOAD)
    first = client.push_status(body, idempotency_key="k1", timeout=1)
    again = client.push_status(body, idempotency_key="k1", timeout=1)
    assert (first["duplicate"], again["duplicate"]) == (False, True)
    assert list(simulator.received) == ["k1"]
    assert [call.duplicate for call in simulator.calls] == [False, True]


def test_simulator_switches(simulator):
    client = _client(simulator)
    body = status_to_wire(PAYLOAD)
    simulator.down = True
    with pytest.raises(RetryableError, match="outage"):
        client.push_status(body, idempotency_key="k1", timeout=1)
    simulator.down, simulator.error_rate = False, 1.0
    with pytest.raises(RetryableError, match="503"):
        client.push_status(body, idempotency_key="k1", timeout=1)
    simulator.error_rate, simulator.latency = 0.0, 0.05
    with pytest.raises(RetryableError, match="timed out"):
        client.push_status(body, idempotency_key="k1", timeout=0.01)
    simulator.latency = 0.0
    simulator.refuse_codes = {PAYLOAD["code"]}
    with pytest.raises(TerminalError, match="422"):
        client.push_status(body, idempotency_key="k1", timeout=1)
    with pytest.raises(TerminalError, match="missing fields"):
        client.push_status({"MaHoSo": "x"}, idempotency_key="k2", timeout=1)
    assert simulator.received == {}


def test_outage_windows_follow_the_clock(simulator):
    start = datetime.fromisoformat("2026-03-02T09:00:00+07:00")
    simulator.outages = [(start, start.replace(hour=10))]
    with clock.frozen(start) as frozen:
        assert simulator.is_down()
        frozen.tick(start.replace(hour=10) - start)
        assert not simulator.is_down()


def test_the_adapter_sends_the_message_key_as_idempotency_key(simulator):
    from motcua.integrations.base import registry

    adapter = registry.get("national_portal")
    message = Outgoing(
        id=1,
        system="national_portal",
        topic="dossier.status",
        key="np:abc:2",
        ordering_key="abc",
        payload=PAYLOAD,
    )
    ack = adapter.deliver(message, timeout=1)
    assert ack.remote_ref == "np:abc:2" and not ack.duplicate
    assert simulator.received["np:abc:2"]["MaHoSo"] == PAYLOAD["code"]
    with pytest.raises(TerminalError, match="does not send"):
        adapter.deliver(Outgoing(**{**message.__dict__, "topic": "catalog.sync"}), timeout=1)
