"""Every path of the lifecycle through the API, as an integrator or a back office would drive it."""

import base64

import pytest
from django.test import Client

from motcua.api.tests.helpers import assert_json_error
from motcua.dossiers.models import DossierEvent, PersonalDataAccess
from motcua.dossiers.tests.helpers import frozen

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def as_user(username: str) -> Client:
    from django.contrib.auth import get_user_model

    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def post(client: Client, url: str, body: dict | None = None, **headers):
    return client.post(url, body or {}, content_type="application/json", headers=headers)


def new_dossier(client: Client, procedure: str = "1.004884", **overrides) -> dict:
    body = {
        "procedure": procedure,
        "channel": "desk",
        "served_at": "001.01.50.H14",
        "owner": {
            "name": "Đàm Thị Hạnh",
            "id_number": "004195003456",
            "phone": "0987654321",
            "address": "Tổ 2, phường Thục Phán",
            "unit": "01273",
        },
        "components": [
            {
                "position": 1,
                "copies": 1,
                "file": {"name": "to-khai.pdf", "content": base64.b64encode(PDF).decode()},
            },
            {"position": 2, "copies": 1},
            {"position": 3, "copies": 1},
        ],
    } | overrides
    response = post(client, "/api/v1/dossiers/", body)
    assert response.status_code == 201, response.json()
    return response.json()


def act(client: Client, dossier: str, action: str, body: dict | None = None, expect: int = 200) -> dict:
    response = post(client, f"/api/v1/dossiers/{dossier}/{action}/", body)
    assert response.status_code == expect, response.json()
    return response.json()


@pytest.fixture
def desk(demo_catalog):
    return as_user("thucphan.motcua")


def received(desk: Client) -> str:
    created = new_dossier(desk)
    assert created["status"] == "submitted" and created["code"] is None
    return act(desk, created["reference"], "receive")["code"]


def test_straight_through(desk):
    handler, leader, signer = as_user("thucphan.xuly"), as_user("thucphan.lanhdao"), as_user("thucphan.kyso")
    with frozen(2026, 4, 28, 9, 0):  # the Tuesday before 30 April and 1 May (27th: Hùng Kings, observed)
        code = received(desk)
        body = act(desk, code, "assign")
    assert code == "001.01.50.H14-260428-0001"
    assert body["appointment_on"] == "2026-05-07"  # 29 April, 4, 5, 6, 7 May: the holidays are skipped
    assert body["status"] == "processing"
    with frozen(2026, 4, 29, 9, 0):
        act(handler, code, "complete-step", {"note": "Đủ điều kiện"})
        act(leader, code, "approve")
        act(
            signer,
            code,
            "sign-result",
            {"file": {"name": "kq.pdf", "content": base64.b64encode(PDF).decode()}},
        )
        done = act(desk, code, "return-result", {"delivery": "desk"})
    assert done["status"] == "returned" and done["outcome"] == "early"
    results = desk.get(f"/api/v1/dossiers/{code}/results/").json()["results"]
    assert [r["code"] for r in results] == [f"{code}-KQ1"]
    assert results[0]["verification_url"].startswith("/xac-thuc/")
    events = desk.get(f"/api/v1/dossiers/{code}/events/").json()["results"]
    assert [e["action"] for e in events] == [
        "submit",
        "receive",
        "assign",
        "complete-step",
        "approve",
        "sign-result",
        "return-result",
    ]


def test_supplement_requested_and_supplied(desk):
    handler = as_user("thucphan.xuly")
    with frozen(2026, 3, 2, 9, 0):
        code = received(desk)
        act(desk, code, "assign")
        waiting = act(
            handler, code, "request-supplement", {"reason": "Thiếu bản chính", "missing": ["Giấy khai sinh"]}
        )
    assert waiting["status"] == "awaiting_supplement"
    with frozen(2026, 3, 4, 9, 0):
        back = act(desk, code, "supplement", {"components": [{"position": 2, "copies": 1}]})
    assert back["status"] == "processing"
    assert back["appointment_on"] == "2026-03-11"  # 9 March + 2 paused working days


def test_supplement_at_receipt_then_received(desk):
    created = new_dossier(desk)
    reference = created["reference"]
    act(desk, reference, "request-supplement", {"reason": "Tờ khai chưa ký"})
    act(desk, reference, "supplement", {"components": [{"position": 1, "copies": 1}]})
    assert act(desk, reference, "receive")["status"] == "received"


def test_refused_at_receipt(desk):
    created = new_dossier(desk)
    refused = act(desk, created["reference"], "refuse", {"reason": "Không thuộc thẩm quyền giải quyết"})
    assert refused["status"] == "refused"
    assert_json_error(post(desk, f"/api/v1/dossiers/{created['reference']}/refuse/", {}), 400, "invalid")


def test_extended_with_form_04(desk):
    leader = as_user("thucphan.lanhdao")
    with frozen(2026, 3, 2, 9, 0):
        code = received(desk)
        act(desk, code, "assign")
    with frozen(2026, 3, 6, 16, 0):
        extended = act(
            leader, code, "extend", {"reason": "Cần xác minh thêm", "new_appointment": "2026-03-16"}
        )
    assert extended["appointment_on"] == "2026-03-16" and extended["original_appointment_on"] == "2026-03-09"
    assert extended["extensions"] == 1
    with frozen(2026, 3, 17, 9, 0):  # after the appointment: too late to apologise
        late = post(
            leader, f"/api/v1/dossiers/{code}/extend/", {"reason": "x", "new_appointment": "2026-03-20"}
        )
    assert_json_error(late, 409, "dossier.extension_too_late")


def test_transferred_between_commune_and_department(desk):
    handler, department = as_user("thucphan.xuly"), as_user("sotuphap.xuly")
    with frozen(2026, 3, 2, 9, 0):
        code = received(desk)
        act(desk, code, "assign")
        moved = act(
            handler, code, "transfer", {"to_agency": "000.00.03.H14", "note": "Xin ý kiến Sở Tư pháp"}
        )
    assert moved["current_agency"] == "000.00.03.H14"
    assert department.get(f"/api/v1/dossiers/{code}/").status_code == 200
    act(handler, code, "complete-step", expect=403)  # no longer at the commune
    back = act(department, code, "transfer", {"to_agency": "000.01.50.H14"})
    assert back["current_agency"] == "000.01.50.H14"
    assert act(handler, code, "complete-step")["status"] == "processing"


def test_withdrawn(desk):
    with frozen(2026, 3, 2, 9, 0):
        code = received(desk)
    withdrawn = act(desk, code, "withdraw", {"reason": "Người nộp xin rút hồ sơ"})
    assert withdrawn["status"] == "withdrawn"
    assert withdrawn["actions"] == []


def test_action_out_of_order_is_409_in_vietnamese(desk):
    created = new_dossier(desk)
    response = post(as_user("thucphan.lanhdao"), f"/api/v1/dossiers/{created['reference']}/approve/")
    body = assert_json_error(response, 409, "dossier.action_not_allowed")
    assert "phê duyệt" in body["detail"].lower() or "không thể" in body["detail"].lower()
    assert DossierEvent.objects.filter(dossier__reference=created["reference"]).count() == 1


def test_stale_version_is_409(desk):
    with frozen(2026, 3, 2, 9, 0):
        code = received(desk)
    seen = desk.get(f"/api/v1/dossiers/{code}/").json()["version"]
    act(desk, code, "assign", {"version": seen})
    stale = post(
        as_user("thucphan.xuly"), f"/api/v1/dossiers/{code}/complete-step/", {}, **{"If-Match": str(seen)}
    )
    assert_json_error(stale, 409, "dossier.changed")


def test_bad_input_is_a_clear_400(desk):
    unknown = post(
        desk, "/api/v1/dossiers/", {"procedure": "9.999999", "channel": "desk", "owner": {"name": "A"}}
    )
    assert unknown.status_code == 404
    bad_date = post(desk, "/api/v1/dossiers/x/extend/", {"reason": "r", "new_appointment": "16/03/2026"})
    assert bad_date.status_code == 400
    fake_pdf = {"name": "giay-to.pdf", "content": base64.b64encode(b"MZ\x90\x00 not a pdf").decode()}
    response = post(
        desk,
        "/api/v1/dossiers/",
        {
            "procedure": "1.004884",
            "channel": "desk",
            "served_at": "001.01.50.H14",
            "owner": {"name": "A", "unit": "01273"},
            "components": [{"position": 1, "file": fake_pdf}],
        },
    )
    assert_json_error(response, 400, "dossier.file_rejected")
    body = {"procedure": "1.004884", "channel": "desk", "served_at": "001.01.50.H14", "owner": {"name": "A"}}
    handed_in = post(desk, "/api/v1/dossiers/", body).json()  # at the desk the receipt check decides
    assert_json_error(
        post(desk, f"/api/v1/dossiers/{handed_in['reference']}/receive/"), 400, "dossier.component_missing"
    )
    assert desk.get(f"/api/v1/dossiers/{handed_in['reference']}/").json()["status"] == "submitted"


def test_list_is_scoped_and_keyset_paginated(desk):
    with frozen(2026, 3, 2, 9, 0):
        codes = [received(desk) for _ in range(3)]
    first = desk.get("/api/v1/dossiers/?queue=in_progress&page_size=2").json()
    second = desk.get(f"/api/v1/dossiers/?queue=in_progress&page_size=2&cursor={first['next']}").json()
    assert [d["code"] for d in first["results"] + second["results"]] == codes
    assert second["next"] is None
    assert as_user("baolam.motcua").get("/api/v1/dossiers/").json()["results"] == []
    assert as_user("baolam.motcua").get(f"/api/v1/dossiers/{codes[0]}/").status_code == 404


def test_reading_a_dossier_is_logged(desk):
    with frozen(2026, 3, 2, 9, 0):
        code = received(desk)
    before = PersonalDataAccess.objects.count()
    desk.get(f"/api/v1/dossiers/{code}/")
    assert PersonalDataAccess.objects.count() == before + 1


def test_public_status_shows_no_personal_data(desk):
    with frozen(2026, 3, 2, 9, 0):
        code = received(desk)
    body = Client().get(f"/api/v1/public/dossiers/{code}/").json()
    assert body["status"] == "received" and body["appointment_on"] == "2026-03-09"
    assert "Hạnh" not in str(body) and "0987654321" not in str(body)
    assert Client().get("/api/v1/public/dossiers/000.00.00.H14-260302-9999/").status_code == 404
    assert Client().get(f"/api/v1/dossiers/{code}/").status_code in (401, 403)


def test_refused_during_processing_by_the_leader_then_rated_once(desk):
    with frozen(2026, 3, 2, 9, 0):
        code = received(desk)
        act(desk, code, "assign")
        assert_json_error(
            post(desk, f"/api/v1/dossiers/{code}/refuse/", {"reason": "x"}), 403, "dossier.role_not_allowed"
        )
        refused = act(as_user("thucphan.lanhdao"), code, "refuse", {"reason": "Không đủ điều kiện"})
    assert refused["status"] == "refused" and refused["outcome"] == "early"
    rated = act(desk, code, "rate", {"satisfaction": 2, "criteria": {"attitude": 3}, "comment": "Nhanh"})
    assert rated["satisfaction"] == 2
    assert_json_error(
        post(desk, f"/api/v1/dossiers/{code}/rate/", {"satisfaction": 3}), 409, "dossier.already_rated"
    )


def test_slips_are_pdfs_made_by_their_actions(desk):
    with frozen(2026, 3, 2, 9, 0):
        code = received(desk)
        act(desk, code, "assign")
        act(
            as_user("thucphan.xuly"),
            code,
            "request-supplement",
            {"reason": "Thiếu giấy tờ", "missing": ["Bản sao"]},
        )
    receipt = desk.get(f"/api/v1/dossiers/{code}/slips/receipt/")
    assert receipt.status_code == 200 and receipt["Content-Type"] == "application/pdf"
    assert receipt.content.startswith(b"%PDF")
    again = desk.get(f"/api/v1/dossiers/{code}/slips/receipt/")
    assert again.content == receipt.content  # stored once, not re-rendered
    assert desk.get(f"/api/v1/dossiers/{code}/slips/supplement_request/").content.startswith(b"%PDF")
    assert desk.get(f"/api/v1/dossiers/{code}/slips/control_sheet/").content.startswith(b"%PDF")
    assert_json_error(desk.get(f"/api/v1/dossiers/{code}/slips/refusal/"), 404, "slip.not_made")
    assert_json_error(desk.get(f"/api/v1/dossiers/{code}/slips/nonsense/"), 404, "slip.unknown")
    ledger = desk.get("/api/v1/agencies/001.01.50.H14/ledger/?start=2026-03-01&end=2026-03-31")
    assert ledger.status_code == 200 and ledger.content.startswith(b"%PDF")
    assert (
        as_user("baolam.motcua")
        .get("/api/v1/agencies/001.01.50.H14/ledger/?start=2026-03-01&end=2026-03-31")
        .status_code
        == 404
    )


def test_the_worker_renders_the_slip_job(desk):
    from django_tasks_db.models import DBTaskResult

    from motcua.dossiers.models import DossierSlip
    from motcua.dossiers.tasks import generate_slip

    with frozen(2026, 3, 2, 9, 0):
        code = received(desk)
    job = DBTaskResult.objects.filter(task_path__endswith="generate_slip").order_by("-enqueued_at").first()
    assert job.args_kwargs["kwargs"]["kind"] == "receipt"
    generate_slip.call(**job.args_kwargs["kwargs"])
    generate_slip.call(**job.args_kwargs["kwargs"])  # a repeated job stores nothing new
    assert DossierSlip.objects.filter(dossier__code=code, kind="receipt").count() == 1


def test_sign_result_with_the_pin_issues_a_signed_pdf(desk):
    with frozen(2026, 3, 2, 9, 0):
        code = received(desk)
        act(desk, code, "assign")
        act(as_user("thucphan.xuly"), code, "complete-step")
        act(as_user("thucphan.lanhdao"), code, "approve")
    wrong = post(as_user("thucphan.kyso"), f"/api/v1/dossiers/{code}/sign-result/", {"pin": "999999"})
    assert_json_error(wrong, 403, "signing.wrong_pin")
    signed = act(as_user("thucphan.kyso"), code, "sign-result", {"pin": "123456"})
    assert signed["status"] == "signed"
    result = desk.get(f"/api/v1/dossiers/{code}/results/").json()["results"][0]
    assert result["code"] == f"{code}-KQ1" and len(result["sha256"]) == 64 and result["download_url"]


def test_finished_queue_lists_the_newest_first(desk):
    with frozen(2026, 3, 2, 9, 0):
        codes = [received(desk) for _ in range(3)]
        for code in codes:
            act(desk, code, "withdraw")
    first = desk.get("/api/v1/dossiers/?queue=finished&page_size=2").json()
    second = desk.get(f"/api/v1/dossiers/?queue=finished&page_size=2&cursor={first['next']}").json()
    assert [d["code"] for d in first["results"] + second["results"]] == codes[::-1]
