"""The commune desk and the work queues through the real pages (no JavaScript needed)."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from motcua.dossiers.models import Dossier, PersonalDataAccess
from motcua.dossiers.tests.helpers import MARRIAGE_STATUS, frozen

pytestmark = pytest.mark.django_db


def logged_in(username: str) -> Client:
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def intake(client: Client, decision: str = "receive", ticked=(1, 2), reason: str = ""):
    data = {
        "center": "001.01.50.H14",
        "id_number": "004095001111",
        "name": "Hoàng Thị Thu",
        "phone": "0911222333",
        "unit": "01273",
        "result_delivery": "desk",
        "decision": decision,
        "reason": reason,
    }
    for n in ticked:
        data[f"c{n}-received"] = "on"
        data[f"c{n}-copies"] = "1"
    return client.post(f"/backoffice/tiep-nhan/{MARRIAGE_STATUS}/", data)


def test_desk_receives_prints_form_01_and_the_handler_acts(demo_catalog):
    desk = logged_in("thucphan.motcua")
    assert (
        "Thủ tục đăng ký lại khai sinh"
        in desk.get("/backoffice/tiep-nhan/?q=dang ky lai khai sinh").content.decode()
    )
    with frozen(2026, 3, 2, 9, 0):
        response = intake(desk)
    dossier = Dossier.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/backoffice/ho-so/{dossier.code}/"
    assert dossier.status == "received" and dossier.code.startswith("001.01.50.H14-260302-")
    page = desk.get(response["Location"]).content.decode()
    assert "Hoàng Thị Thu" in page and "phieu/receipt/" in page
    receipt = desk.get(f"/backoffice/ho-so/{dossier.code}/phieu/receipt/")
    assert receipt["Content-Type"] == "application/pdf" and receipt.content.startswith(b"%PDF")

    desk.post(f"/backoffice/ho-so/{dossier.code}/assign/", {"assign-version": dossier.version + 0})
    dossier.refresh_from_db()
    assert dossier.status == "processing"
    handler = logged_in("thucphan.xuly")
    assert dossier.code in handler.get("/backoffice/ho-so/?queue=in_progress").content.decode()
    page = handler.get(f"/backoffice/ho-so/{dossier.code}/").content.decode()
    assert "complete-step/" in page and "sign-result/" not in page  # a handler cannot sign
    done = handler.post(
        f"/backoffice/ho-so/{dossier.code}/complete-step/",
        {"complete-step-version": dossier.version, "complete-step-note": "Đủ điều kiện"},
    )
    assert done.status_code == 302
    stale = handler.post(
        f"/backoffice/ho-so/{dossier.code}/complete-step/", {"complete-step-version": dossier.version}
    )
    assert stale.status_code == 409
    assert "Người khác vừa thay đổi hồ sơ" in stale.content.decode()
    assert PersonalDataAccess.objects.filter(dossier=dossier, purpose="backoffice").count() >= 2


def test_intake_with_a_missing_required_document_keeps_nothing(demo_catalog):
    response = intake(logged_in("thucphan.motcua"), ticked=(1,))
    assert response.status_code == 200
    assert "Còn thiếu giấy tờ bắt buộc" in response.content.decode()
    assert not Dossier.objects.exists()


def test_intake_can_guide_with_form_02_or_refuse_with_form_03(demo_catalog):
    desk = logged_in("thucphan.motcua")
    assert intake(desk, "request-supplement", ticked=(1,)).status_code == 400  # a reason is required
    intake(desk, "request-supplement", ticked=(1,), reason="Thiếu bản sao giấy tờ liên quan")
    intake(desk, "refuse", ticked=(), reason="Không thuộc thẩm quyền")
    assert sorted(Dossier.objects.values_list("status", flat=True)) == ["refused", "supplement_requested"]


def test_another_commune_sees_nothing(demo_catalog):
    with frozen(2026, 3, 2, 9, 0):
        intake(logged_in("thucphan.motcua"))
    code = Dossier.objects.get().code
    other = logged_in("baolam.motcua")
    assert code not in other.get("/backoffice/ho-so/").content.decode()
    assert other.get(f"/backoffice/ho-so/{code}/").status_code == 404
    assert other.post(f"/backoffice/ho-so/{code}/assign/", {"assign-version": 3}).status_code == 404


def test_the_queue_filters_and_pages(demo_catalog):
    desk = logged_in("thucphan.motcua")
    with frozen(2026, 3, 2, 9, 0):
        for _ in range(3):
            intake(desk)
    page = desk.get("/backoffice/ho-so/?queue=in_progress&channel=desk").content.decode()
    assert len(set(re.findall(r"001\.01\.50\.H14-260302-\d{4}", page))) == 3
    assert (
        "001.01.50.H14-260302"
        not in desk.get("/backoffice/ho-so/?queue=in_progress&channel=online").content.decode()
    )
    assert desk.get("/backoffice/ho-so/?cursor=garbage").status_code == 200  # a clear message, not a 500


def test_queue_of_dossiers_received_here_for_other_agencies(demo_catalog):
    from motcua.dossiers import selectors
    from motcua.dossiers.tests.helpers import BUSINESS, desk_dossier, user

    with frozen(2026, 3, 2, 9, 0):
        intake(logged_in("thucphan.motcua"))  # decided by the ward itself
        from motcua.dossiers import services

        services.receive_dossier(
            dossier=desk_dossier(BUSINESS), by=user("thucphan.motcua")
        )  # decided by Finance
        desk = user("thucphan.motcua")
        for_others = list(selectors.work_queue(desk, queue="for_others"))
        due_soon = list(selectors.work_queue(desk, queue="due_soon"))
    assert [d.competent_agency.code for d in for_others] == ["000.00.04.H14"]
    assert len(due_soon) == 0
    page = logged_in("thucphan.motcua").get("/backoffice/ho-so/?queue=for_others").content.decode()
    assert "Thủ tục đăng ký lại khai sinh" not in page


def test_the_ledger_prints_and_exports(demo_catalog):
    desk = logged_in("thucphan.motcua")
    with frozen(2026, 3, 2, 9, 0):
        intake(desk)
    code = Dossier.objects.get().code
    url = "/backoffice/co-quan/001.01.50.H14/so-theo-doi/?start=2026-03-01&end=2026-03-31"
    assert desk.get(url + "&format=pdf").content.startswith(b"%PDF")
    exported = desk.get(url + "&format=csv")
    text = exported.content.decode("utf-8-sig")
    assert exported["Content-Type"].startswith("text/csv") and code in text and "Hoàng Thị Thu" in text
    assert logged_in("baolam.motcua").get(url + "&format=csv").status_code == 404
    assert desk.get("/backoffice/co-quan/001.01.50.H14/so-theo-doi/?start=bad").status_code == 302


def test_the_desk_records_fees_paid_in_cash(demo_catalog):
    from motcua.dossiers import services
    from motcua.dossiers.tests.helpers import desk_dossier, user

    with frozen(2026, 3, 2, 9, 0):
        dossier = services.receive_dossier(dossier=desk_dossier("2.001035"), by=user("thucphan.motcua"))
    assert [(f.amount, f.paid_at) for f in dossier.fees.all()] == [(50000, None)]
    desk = logged_in("thucphan.motcua")
    assert "thu-phi/" in desk.get(f"/backoffice/ho-so/{dossier.code}/").content.decode()
    assert logged_in("thucphan.xuly").post(f"/backoffice/ho-so/{dossier.code}/thu-phi/").status_code == 302
    assert dossier.fees.get().paid_at is None  # a handler may not record payments
    desk.post(f"/backoffice/ho-so/{dossier.code}/thu-phi/")
    fee = dossier.fees.get()
    assert fee.paid_at is not None and fee.channel == "cash"
    assert dossier.events.order_by("-seq").first().action == "pay"
    page = desk.get(f"/backoffice/ho-so/{dossier.code}/").content.decode()
    assert "thu-phi/" not in page
