"""Dossiers submitted on the national portal reach motcua once (issue 8).

Fetched twice, run twice or raced → one dossier; a bad record is kept as rejected with
its reason while the others go through; the portal down → nothing lost, taken next run.
"""

import json
import threading
import urllib.request

import pytest

from motcua.core.models import ScheduledJob
from motcua.core.schedule import jobs, run_job
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.tests.helpers import MARRIAGE_STATUS, THUC_PHAN, user
from motcua.integrations.models import OutboxMessage, PortalSubmission, SubmissionOutcome
from motcua.integrations.national_portal.client import NationalPortalClient
from motcua.integrations.national_portal.submissions import (
    fetch_portal_submissions,
    portal_cursor,
    submission_to_input,
    take_submission,
)
from motcua.integrations.simulator_server import make_server
from motcua.integrations.transport import HttpTransport

pytestmark = pytest.mark.django_db
FROM_PORTAL = Dossier.objects.filter(channel="online")


def record(number: int = 1, **overrides) -> dict:
    owner = {
        "HoTen": "Hoàng Thị Mai",
        "LoaiChuHoSo": "CONG_DAN",
        "SoDinhDanh": "004195007777",
        "SoDienThoai": "0987654321",
        "DiaChi": "Tổ 2, phường Thục Phán, tỉnh Cao Bằng",
        "MaXa": THUC_PHAN,
    }
    return {
        "MaHoSoQuocGia": f"G22-260302-{number:06d}",
        "MaTTHC": MARRIAGE_STATUS,
        "ThoiDiemNop": "20260302090000",
        "ChuHoSo": owner,
    } | overrides


def job(name: str = "integrations.fetch_portal_dossiers"):
    return next(j for j in jobs() if j.name == name)


def test_a_dossier_submitted_on_the_portal_becomes_one_submitted_online_dossier(demo_catalog, simulator):
    simulator.submit_dossier(record())
    report = fetch_portal_submissions()
    assert (report.created, report.rejected) == (1, 0)
    dossier = FROM_PORTAL.get()
    assert (dossier.status, dossier.owner_name, dossier.procedure.code) == (
        "submitted",
        "Hoàng Thị Mai",
        "1.004884",
    )
    assert dossier.owner_unit.code == THUC_PHAN and dossier.account_id is None
    event = DossierEvent.objects.get(dossier=dossier, action="submit")
    assert (event.actor_kind, event.actor_name) == ("system", "national portal")
    kept = PortalSubmission.objects.get()
    assert (kept.external_id, kept.sequence, kept.outcome) == (
        "G22-260302-000001",
        1,
        SubmissionOutcome.CREATED,
    )
    assert kept.dossier_reference == dossier.reference


def test_fetched_twice_or_the_job_run_twice_creates_one_dossier(demo_catalog, simulator):
    simulator.submit_dossier(record(1))
    assert run_job(job()).startswith("created 1")
    simulator.submit_dossier(record(1))  # the portal serves the same dossier again, later
    assert take_submission(record(1) | {"ThuTu": 1}) == "duplicates"
    assert "created 0" in run_job(job())
    assert FROM_PORTAL.count() == 1
    assert PortalSubmission.objects.get().sequence == 2  # the cursor moved past the repeat
    assert portal_cursor() == 2


def test_a_run_at_the_same_time_that_took_the_dossier_first_wins(demo_catalog, simulator):
    """The unique (source, id) pair: the second insert fails, and no second dossier is made."""
    PortalSubmission.objects.create(
        source="national_portal",
        external_id="G22-260302-000001",
        sequence=1,
        outcome="created",
        payload={},
        received_at="2026-03-02T09:00:00+07:00",
    )
    assert take_submission(record(1) | {"ThuTu": 1}) == "duplicates"
    assert not FROM_PORTAL.exists()


def test_bad_records_are_rejected_with_their_reason_and_the_others_go_through(demo_catalog, simulator):
    simulator.submit_dossier(record(1, MaTTHC="9.999999"))  # no such procedure
    simulator.submit_dossier(record(2))
    simulator.submit_dossier(record(3, ChuHoSo={"HoTen": "Lý Văn A", "MaXa": "99999"}))  # no such commune
    simulator.submit_dossier(record(4, ChuHoSo={"SoDinhDanh": "004195007777"}))  # no owner name
    simulator.submit_dossier({k: v for k, v in record(5).items() if k != "MaHoSoQuocGia"})  # no portal id
    simulator.submit_dossier(record(6, ChuHoSo="not an object"))
    simulator.submit_dossier(record(7))
    report = fetch_portal_submissions(limit=3)
    assert (report.created, report.rejected) == (2, 5)
    assert FROM_PORTAL.count() == 2
    reasons = dict(PortalSubmission.objects.filter(outcome="rejected").values_list("external_id", "reason"))
    assert reasons["G22-260302-000001"].startswith("procedure.not_found")
    assert "99999" in reasons["G22-260302-000003"]
    assert "ChuHoSo.HoTen" in reasons["G22-260302-000004"]
    assert "MaHoSoQuocGia" in reasons["#5"]
    assert "ChuHoSo" in reasons["G22-260302-000006"]
    assert portal_cursor() == 7
    assert str(fetch_portal_submissions()) == "created 0, rejected 0, already taken 0, unreadable 0"


def test_a_record_without_a_sequence_number_is_skipped_not_looped_on(demo_catalog):
    assert take_submission({"MaHoSoQuocGia": "x"}) == "unreadable"
    assert take_submission("junk") == "unreadable"
    assert not PortalSubmission.objects.exists()


def test_the_portal_down_loses_nothing_the_next_run_takes_it(demo_catalog, simulator):
    simulator.submit_dossier(record(1))
    simulator.down = True
    assert "RetryableError" in run_job(job())
    assert "connection refused" in ScheduledJob.objects.get(name=job().name).last_error
    assert not PortalSubmission.objects.exists() and not FROM_PORTAL.exists()
    simulator.down = False
    assert run_job(job()).startswith("created 1")
    assert ScheduledJob.objects.get(name=job().name).last_error == ""
    assert FROM_PORTAL.count() == 1


def test_on_receipt_the_status_push_tells_the_portal_our_code(demo_catalog, simulator):
    from motcua.dossiers import services

    simulator.submit_dossier(record(1))
    fetch_portal_submissions()
    dossier = FROM_PORTAL.get()
    assert not OutboxMessage.objects.filter(system="national_portal").exists()  # no code yet
    dossier.components.update(copies=1)
    received = services.receive_dossier(dossier=dossier, by=user("thucphan.motcua"))
    message = OutboxMessage.objects.get(system="national_portal")
    assert message.payload["code"] == received.code and message.payload["channel"] == 2


def test_submission_mapping_refuses_an_unknown_owner_kind():
    from motcua.integrations.national_portal.submissions import InvalidSubmission

    with pytest.raises(InvalidSubmission):
        submission_to_input(record(1, ChuHoSo={"HoTen": "A", "LoaiChuHoSo": "ALIEN"}))
    assert submission_to_input(record(1)).owner.kind == "citizen"


def test_a_trainer_adds_a_submitted_dossier_over_http(simulator):
    server = make_server(simulator, host="127.0.0.1", port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        request = urllib.request.Request(  # noqa: S310 (a local http URL)
            url + "/_simulator/submit-dossier", data=json.dumps(record(1)).encode(), method="POST"
        )
        with urllib.request.urlopen(request, timeout=5) as reply:  # noqa: S310
            assert json.loads(reply.read())["ThuTu"] == 1
        bad = urllib.request.Request(url + "/_simulator/explode", data=b"{}", method="POST")  # noqa: S310
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(bad, timeout=5)  # noqa: S310
        assert refused.value.code == 400
        client = NationalPortalClient(transport=HttpTransport(), base_url=url)
        items = client.fetch_submitted(after=0, limit=10, timeout=5)["items"]
        assert [item["MaHoSoQuocGia"] for item in items] == ["G22-260302-000001"]
        assert client.fetch_submitted(after=1, limit=10, timeout=5) == {"items": []}
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.django_db(transaction=True)
@pytest.mark.postgres_only
def test_two_runs_racing_for_one_record_create_one_dossier(monkeypatch):
    """On PostgreSQL the second insert waits for the first transaction, then meets the
    unique pair: the dossier engine is called once (stubbed here; the race is the point)."""
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection

    from motcua.integrations.national_portal import submissions

    created, barrier = [], threading.Barrier(2)

    def slow_create(submission, record, *, has_id):  # holds the row's transaction open
        created.append(submission.external_id)
        threading.Event().wait(0.3)

    def take(_worker):
        try:
            barrier.wait()
            return take_submission(record(1) | {"ThuTu": 1})
        finally:
            connection.close()

    monkeypatch.setattr(submissions, "_create_dossier", slow_create)
    with ThreadPoolExecutor(max_workers=2) as pool:
        outcomes = sorted(pool.map(take, range(2)))
    assert outcomes == ["created", "duplicates"]
    assert created == ["G22-260302-000001"] and PortalSubmission.objects.count() == 1


def test_admins_see_the_rejected_records_with_their_reason(demo_catalog, simulator, admin_client):
    simulator.submit_dossier(record(1, MaTTHC="9.999999"))
    fetch_portal_submissions()
    page = admin_client.get("/admin/integrations/portalsubmission/?outcome__exact=rejected")
    assert page.status_code == 200
    assert "G22-260302-000001" in page.content.decode() and "procedure.not_found" in page.content.decode()
