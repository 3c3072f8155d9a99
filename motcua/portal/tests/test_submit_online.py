"""Applying online: prefilled form, uploads, the data store, drafts, paying, one dossier, Form 01."""

from __future__ import annotations

import gzip
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from motcua.catalog.models import Procedure
from motcua.citizens.tests.helpers import log_in_citizen
from motcua.datastore import selectors as store_selectors
from motcua.datastore import services as store_services
from motcua.datastore.models import DocumentKind, DocumentUse
from motcua.dossiers import services as dossier_services
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.helpers import BIRTH, THUC_PHAN, user
from motcua.integrations.base import registry
from motcua.integrations.payment.simulator import simulator as payment_simulator
from motcua.integrations.population.simulator import simulator as population_simulator

pytestmark = pytest.mark.django_db

CODE = "1.004194"  # temporary residence: a 7,000 đồng fee, a mandatory reusable document
MAI = "004190001234"  # Hoàng Thị Mai, known to the simulated population database
OTHER = "004203003456"
BAO_LAM = "01290"  # a mountain commune of the demo province
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
SCHEMA = {
    "type": "object",
    "title": "Tờ khai",
    "required": ["applicant", "reason"],
    "properties": {
        "applicant": {
            "type": "object",
            "title": "Người yêu cầu",
            "required": ["full_name", "citizen_id"],
            "properties": {
                "full_name": {"type": "string", "title": "Họ tên", "x-prefill": "full_name"},
                "citizen_id": {"type": "string", "title": "Số định danh", "x-prefill": "citizen_id"},
            },
        },
        "reason": {"type": "string", "title": "Lý do", "maxLength": 200},
    },
}
START = f"/nop-ho-so/{CODE}/"
STATIC = Path(__file__).resolve().parents[2] / "static"


@pytest.fixture(autouse=True)
def simulated(settings, demo_catalog):
    settings.INTEGRATIONS_MODE = "simulated"
    settings.POPULATION_SIMULATOR_FILE = ""
    registry.reset()
    population_simulator.reset()
    payment_simulator.reset()
    Procedure.objects.filter(code=CODE).update(online_level="full", form_schema=SCHEMA)
    yield
    population_simulator.reset()
    payment_simulator.reset()
    registry.reset()


def citizen(client: Client, number: str = MAI, name: str = "Hoàng Thị Mai", **kwargs):
    """Logged in, reading English (the messages checked below stay true once translated)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return log_in_citizen(client, number, name=name, **kwargs)


@pytest.fixture
def mai(client):
    return citizen(client)


def pdf(name: str = "giay-to.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def fields(reference: str, *, action: str = "submit", **extra) -> dict:
    data = {
        "reference": reference,
        "population": "found",
        "address": "Số 12, phố Kim Đồng",
        "unit": THUC_PHAN,
        "phone": "0912345678",
        "email": "",
        "result_delivery": "online",
        "payment": "online",
        "action": action,
        "f.applicant.full_name": "Hoàng Thị Mai",
        "f.applicant.citizen_id": MAI,
        "f.reason": "Đi làm",
    }
    data.update(extra)
    return data


def reference_of(response) -> str:
    html = response.content.decode()
    marker = 'name="reference" value="'
    start = html.index(marker) + len(marker)
    return html[start : start + 36]


def test_the_procedure_page_offers_to_submit_online(client):
    page = client.get(f"/thu-tuc/{CODE}/")
    assert START in page.content.decode()
    not_online = client.get("/thu-tuc/1.001193/")
    assert "/nop-ho-so/1.001193/" not in not_online.content.decode()


def test_anonymous_or_expired_sessions_go_to_the_vneid_login(client):
    response = client.get(START)
    assert response.status_code == 302 and response["Location"].startswith("/dang-nhap/?next=")
    response = client.post(START, fields(str(uuid.uuid4())))
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]
    assert not Dossier.objects.exists()


def test_the_form_is_prefilled_from_vneid_and_the_population_database(client, mai):
    page = client.get(START)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Số 12, phố Kim Đồng" in html  # the address, from the population database
    assert 'value="Hoàng Thị Mai"' in html and f'value="{MAI}"' in html  # the e-form
    assert 'name="population" value="found"' in html
    assert len(gzip.compress(page.content)) < 60_000


def test_when_the_population_database_is_down_the_form_stays_usable_and_the_dossier_is_pending(client, mai):
    population_simulator.down = True
    page = client.get(START)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="population" value="unavailable"' in html and 'class="msg warn"' in html
    assert f'value="{MAI}"' in html  # VNeID still says who it is
    response = client.post(START, fields(reference_of(page), population="unavailable", **{"doc-2": pdf()}))
    dossier = Dossier.objects.get()
    assert response.status_code == 302 and dossier.status == "submitted"
    assert dossier.population_data_pending is True


def test_submit_once_records_account_level_and_delivery_and_a_double_click_makes_one_dossier(client, mai):
    reference = reference_of(client.get(START))
    data = fields(reference, result_delivery="post", payment="desk")
    first = client.post(START, {**data, "doc-2": pdf()})
    second = client.post(START, {**data, "doc-2": pdf()})
    dossier = Dossier.objects.get()
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == f"/nop-ho-so/da-nop/{reference}/"
    assert str(dossier.reference) == reference and dossier.status == "submitted"
    assert dossier.account == mai.user and dossier.assurance_level == 2 and dossier.channel == "online"
    assert dossier.result_delivery == "post" and dossier.form_data["reason"] == "Đi làm"
    assert dossier.components.get(position=2).file_name == "giay-to.pdf"
    assert dossier.events.filter(action="submit").count() == 1


def test_a_level_1_account_is_recorded_as_level_1(client):
    citizen(client, level=1)
    reference = reference_of(client.get(START))
    client.post(START, {**fields(reference, payment="desk"), "doc-2": pdf()})
    assert Dossier.objects.get().assurance_level == 1


def test_oversize_and_disguised_files_are_refused_with_a_clear_message(client, mai, monkeypatch):
    monkeypatch.setattr("motcua.dossiers.files.MAX_UPLOAD_BYTES", 100)
    reference = reference_of(client.get(START))
    big = client.post(START, {**fields(reference), "doc-2": pdf(content=PDF + b"x" * 200)})
    assert big.status_code == 400 and "20 MB" in big.content.decode()
    monkeypatch.undo()
    exe = pdf("giay-to.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64)
    disguised = client.post(START, {**fields(reference), "doc-2": exe})
    html = disguised.content.decode()
    assert disguised.status_code == 400 and 'id="doc-2-errors"' in html and "PDF, JPEG, PNG" in html
    png_named_pdf = client.post(
        START, {**fields(reference), "doc-2": pdf("anh.pdf", b"\x89PNG\r\n\x1a\n" + b"0" * 20)}
    )
    assert png_named_pdf.status_code == 400 and "image/png" in png_named_pdf.content.decode()
    dossier = Dossier.objects.get()  # the rest was kept as a draft, without the bad file
    assert dossier.status == "draft" and not dossier.components.get(position=2).file


def test_a_missing_required_document_or_form_answer_keeps_a_draft_and_says_what(client, mai):
    reference = reference_of(client.get(START))
    response = client.post(START, fields(reference))
    assert response.status_code == 400
    assert "Giấy tờ/thông tin chứng minh chỗ ở hợp pháp" in response.content.decode()
    no_reason = client.post(START, {**fields(reference, **{"f.reason": ""}), "doc-2": pdf()})
    assert no_reason.status_code == 400 and '<a href="#f-reason">' in no_reason.content.decode()
    no_address = client.post(START, {**fields(reference, address=""), "doc-2": pdf()}).content.decode()
    assert 'aria-describedby="id_address-errors"' in no_address and 'id="id_address-errors"' in no_address
    assert '<a href="#id_address">' in no_address  # the summary links to the field
    assert Dossier.objects.get().status == "draft"


def test_a_draft_is_saved_and_resumed_on_another_device(client, mai):
    reference = reference_of(client.get(START))
    saved = client.post(START, fields(reference, action="save", **{"f.reason": ""}))
    assert saved.status_code == 302 and saved["Location"] == f"/nop-ho-so/ban-nhap/{reference}/"
    other_device = Client()
    citizen(other_device)
    listing = other_device.get("/nop-ho-so/ban-nhap/")
    assert f"/nop-ho-so/ban-nhap/{reference}/" in listing.content.decode()
    page = other_device.get(f"/nop-ho-so/ban-nhap/{reference}/")
    assert page.status_code == 200 and "Số 12, phố Kim Đồng" in page.content.decode()
    done = other_device.post(
        f"/nop-ho-so/ban-nhap/{reference}/", {**fields(reference, payment="desk"), "doc-2": pdf()}
    )
    assert done.status_code == 302 and Dossier.objects.get().status == "submitted"
    assert (
        other_device.get(f"/nop-ho-so/ban-nhap/{reference}/")["Location"] == f"/nop-ho-so/da-nop/{reference}/"
    )


def test_a_stored_document_is_reused_instead_of_an_upload(client, mai):
    document = store_services.store_document(
        owner=mai.user, kind=DocumentKind.E_RESULT, name="Hợp đồng thuê nhà", content=PDF, file_name="hd.pdf"
    )
    page = client.get(START)
    assert str(document.reference) in page.content.decode()
    response = client.post(
        START, fields(reference_of(page), payment="desk", **{"store-2": str(document.reference)})
    )
    dossier = Dossier.objects.get()
    row = dossier.components.get(position=2)
    assert response.status_code == 302 and dossier.status == "submitted"
    assert row.from_store and row.store_document == str(document.reference) and row.sha256 == document.sha256
    assert DocumentUse.objects.get().dossier == dossier


def test_another_citizens_document_cannot_be_reused(client, mai):
    other = citizen(Client(), OTHER, "Lý Văn Toàn")
    theirs = store_services.store_document(
        owner=other.user, kind=DocumentKind.UPLOADED, name="Của người khác", content=PDF, file_name="x.pdf"
    )
    reference = reference_of(client.get(START))
    response = client.post(START, fields(reference, **{"store-2": str(theirs.reference)}))
    assert response.status_code == 400 and "not in your data store" in response.content.decode()
    assert not DocumentUse.objects.exists()


def test_paying_online_with_vietqr_once_and_the_callback_confirms(client, mai):
    reference = reference_of(client.get(START))
    submitted = client.post(START, {**fields(reference), "doc-2": pdf()})
    pay_url = f"/nop-ho-so/da-nop/{reference}/thanh-toan/"
    assert submitted["Location"] == pay_url
    first = client.post(pay_url, {"method": "vietqr"})
    again = client.post(pay_url, {"method": "vietqr"})  # a double click
    dossier = Dossier.objects.get()
    [payment] = dossier.payments.all()
    assert first.status_code == again.status_code == 200 and payment.qr_payload in first.content.decode()
    payment_simulator.pay(payment.platform_ref)  # the payer scans; the platform calls back
    fee = dossier.fees.get()
    assert fee.paid_at is not None and fee.channel == "national"
    assert dossier.events.filter(action="pay").count() == 1
    assert "Everything is paid" in client.get(pay_url).content.decode()


def test_the_vietqr_page_shows_the_code_and_polls_until_paid(client, mai):
    reference = reference_of(client.get(START))
    client.post(START, {**fields(reference), "doc-2": pdf()})
    pay_url = f"/nop-ho-so/da-nop/{reference}/thanh-toan/"
    shown = client.post(pay_url, {"method": "vietqr"}).content.decode()
    waiting = client.get(pay_url).content.decode()
    for html in (shown, waiting):  # a QR image to scan; the page asks again by GET (a POST is not replayed)
        assert '<figure class="qr"><svg' in html
        assert f'hx-get="{pay_url}" hx-trigger="every 5s"' in html
        assert f'<a href="{pay_url}">Check again</a>' in html  # without JavaScript
    payment_simulator.pay(Dossier.objects.get().payments.get().platform_ref)
    paid = client.get(pay_url).content.decode()
    assert "Everything is paid" in paid and "hx-trigger" not in paid and "<svg" not in paid


def test_a_replayed_or_forged_payment_callback_pays_nothing_twice(client, mai):
    sent = []
    payment_simulator.deliver = lambda body, signature: sent.append((body, signature)) or (202, {})
    reference = reference_of(client.get(START))
    client.post(START, {**fields(reference), "doc-2": pdf()})
    client.post(f"/nop-ho-so/da-nop/{reference}/thanh-toan/", {"method": "vietqr"})
    dossier = Dossier.objects.get()
    payment_simulator.pay(dossier.payments.get().platform_ref)
    [(body, signature)] = sent
    callback = "/api/v1/integrations/payment/events/"
    forged = Client().post(
        callback, body, content_type="application/json", HTTP_X_MOTCUA_SIGNATURE="t=1,v1=00"
    )
    assert forged.status_code == 401 and dossier.fees.get().paid_at is None
    for _ in range(2):
        response = Client().post(
            callback, body, content_type="application/json", HTTP_X_MOTCUA_SIGNATURE=signature
        )
        assert response.status_code == 200
    assert dossier.events.filter(action="pay").count() == 1 and dossier.fees.get().paid_at is not None


def test_a_procedure_not_offered_online_sends_back_to_where_to_go(client, mai):
    response = client.get("/nop-ho-so/1.001193/")
    assert response.status_code == 302 and response["Location"] == "/thu-tuc/1.001193/"
    assert client.get("/nop-ho-so/9.999999/").status_code == 404


def test_moving_to_another_commune_routes_the_draft_again(client, mai):
    Procedure.objects.filter(code=BIRTH).update(online_level="full", form_schema=SCHEMA)
    start = f"/nop-ho-so/{BIRTH}/"
    reference = reference_of(client.get(start))
    client.post(start, fields(reference, action="save"))
    assert Dossier.objects.get().competent_agency.unit.code == THUC_PHAN
    draft = f"/nop-ho-so/ban-nhap/{reference}/"
    client.post(draft, fields(reference, action="save", unit=BAO_LAM))
    moved = Dossier.objects.get()
    assert moved.owner_unit.code == BAO_LAM and moved.competent_agency.unit.code == BAO_LAM


def test_paying_by_card_goes_to_the_checkout(client, mai):
    reference = reference_of(client.get(START))
    client.post(START, {**fields(reference), "doc-2": pdf()})
    response = client.post(f"/nop-ho-so/da-nop/{reference}/thanh-toan/", {"method": "card"})
    assert response.status_code == 302 and "/gia-lap/thanh-toan/" in response["Location"]


def test_the_receipt_form_01_once_received_and_other_citizens_get_404(client, mai):
    reference = reference_of(client.get(START))
    client.post(START, {**fields(reference, payment="desk"), "doc-2": pdf()})
    receipt = client.get(f"/nop-ho-so/da-nop/{reference}/")
    assert (
        receipt.status_code == 200
        and client.get(f"/nop-ho-so/da-nop/{reference}/mau-01.pdf").status_code == 404
    )
    dossier = Dossier.objects.get()
    dossier_services.receive_dossier(dossier=dossier, by=user("admin"))
    dossier.refresh_from_db()
    page = client.get(f"/nop-ho-so/da-nop/{reference}/").content.decode()
    assert dossier.code in page and dossier.appointment_on.strftime("%d/%m/%Y") in page
    slip = client.get(f"/nop-ho-so/da-nop/{reference}/mau-01.pdf")
    assert slip.status_code == 200 and b"".join(slip.streaming_content).startswith(b"%PDF")

    stranger = Client()
    citizen(stranger, OTHER, "Lý Văn Toàn")
    for path in ("", "mau-01.pdf", "thanh-toan/"):
        assert stranger.get(f"/nop-ho-so/da-nop/{reference}/{path}").status_code == 404
    assert stranger.get(f"/nop-ho-so/ban-nhap/{reference}/").status_code == 404
    assert stranger.get("/nop-ho-so/da-nop/not-a-uuid/").status_code == 404


def test_another_citizen_cannot_take_over_a_draft_by_its_reference(client, mai):
    reference = reference_of(client.get(START))
    client.post(START, fields(reference, action="save"))
    stranger = Client()
    citizen(stranger, OTHER, "Lý Văn Toàn")
    response = stranger.post(START, fields(reference, action="save", address="Khác"))
    assert response.status_code in (400, 404)
    dossier = Dossier.objects.get()
    assert dossier.account == mai.user and dossier.owner_address == "Số 12, phố Kim Đồng"
    assert stranger.post(f"/nop-ho-so/ban-nhap/{reference}/", fields(reference)).status_code == 404


def test_every_page_of_the_journey_stays_under_60_kb_compressed(client, mai):
    """HTML plus the CSS and JavaScript the base template links, gzip-compressed, as a phone downloads it."""
    assets = ("css/motcua.css", "css/portal.css", "vendor/htmx/htmx.min.js")
    linked = sum(len(gzip.compress((STATIC / name).read_bytes())) for name in assets)
    start = client.get(START)
    reference = reference_of(start)
    client.post(START, fields(reference, action="save"))
    pages = {"form": start, "drafts": client.get("/nop-ho-so/ban-nhap/")}
    pages["draft"] = client.get(f"/nop-ho-so/ban-nhap/{reference}/")
    client.post(f"/nop-ho-so/ban-nhap/{reference}/", {**fields(reference), "doc-2": pdf()})
    pages["pay"] = client.post(f"/nop-ho-so/da-nop/{reference}/thanh-toan/", {"method": "vietqr"})
    pages["receipt"] = client.get(f"/nop-ho-so/da-nop/{reference}/")
    sizes = {name: len(gzip.compress(page.content)) + linked for name, page in pages.items()}
    assert all(page.status_code == 200 for page in pages.values())
    assert max(sizes.values()) < 60_000, sizes


def test_two_clicks_at_the_same_moment_make_one_dossier(client, mai, monkeypatch):
    """The second request looked before the first had committed: the unique reference decides."""
    from motcua.dossiers.services import online

    reference = reference_of(client.get(START))
    client.post(START, fields(reference, action="save"))
    real, calls = online._with_reference, []

    def not_yet_visible(key):
        calls.append(key)
        return None if len(calls) == 1 else real(key)

    monkeypatch.setattr(online, "_with_reference", not_yet_visible)
    response = client.post(START, {**fields(reference, payment="desk"), "doc-2": pdf()})
    assert response.status_code == 302 and len(calls) == 2
    assert Dossier.objects.get().status == "submitted"


def test_uploads_are_kept_in_the_store_only_when_the_citizen_asks(client, mai):
    reference = reference_of(client.get(START))
    page = client.get(START).content.decode()
    assert 'name="keep_copies"' in page and "checked" not in page.split('name="keep_copies"')[1].split(">")[0]
    client.post(START, {**fields(reference, action="save"), "doc-2": pdf()})
    assert not store_selectors.documents_of(mai.user).exists()
    client.post(START, {**fields(reference, action="save", keep_copies="on"), "doc-2": pdf()})
    [kept] = store_selectors.documents_of(mai.user)
    assert kept.kind == DocumentKind.UPLOADED and kept.source_dossier == Dossier.objects.get()
