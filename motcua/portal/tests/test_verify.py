"""The public verification page /xac-thuc/<token>/, its upload check and the published keys."""

from __future__ import annotations

import hashlib
import re

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.agencies.tests.factories import AgencyFactory
from motcua.catalog.services import save_procedure
from motcua.catalog.tests.records import birth_registration
from motcua.core import clock
from motcua.dossiers.models import Dossier, DossierResult
from motcua.portal import verify
from motcua.signing.models import Certificate
from motcua.signing.services import issue_certificate, revoke_certificate, sign_pdf
from motcua.signing.tests.conftest import _authority, authority, result_pdf  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db
PIN = "246810"


@pytest.fixture
def agency(authority):  # noqa: F811
    return AgencyFactory(name="Ủy ban nhân dân phường Thục Phán")


@pytest.fixture
def signed(result_pdf, agency):  # noqa: F811
    issue_certificate(holder=agency, pin=PIN, by="tests")
    return sign_pdf(pdf=result_pdf, agency=agency, pin=PIN, reason="Trả kết quả", location="Thục Phán")


@pytest.fixture
def result(agency, signed):
    procedure = save_procedure(record=birth_registration(), by="tests").procedure
    now = clock.now()
    dossier = Dossier.objects.create(
        code="000.01.50.H14-261124-0001",
        procedure=procedure,
        procedure_revision=procedure.revisions.order_by("-number").first(),
        channel="online",
        owner_name="Nông Văn Dũng",
        receiving_agency=agency,
        competent_agency=agency,
        current_agency=agency,
        created_at=now,
        updated_at=now,
    )
    return DossierResult.objects.create(
        dossier=dossier,
        number=1,
        code="000.01.50.H14-261124-0001-KQ1",
        name="Giấy khai sinh (bản điện tử)",
        sha256=hashlib.sha256(signed).hexdigest(),
        issued_at=now,
        signed_at=now,
        signer_name="Nguyễn Văn Ánh",
    )


def upload(client, result, data: bytes, name: str = "ket-qua.pdf", **extra):
    file = SimpleUploadedFile(name, data, content_type="application/pdf")
    return client.post(f"/xac-thuc/{result.verification_token}/", {"document": file}, **extra)


def test_the_page_shows_the_record(client, result):
    response = client.get(f"/xac-thuc/{result.verification_token}/")

    body = response.content.decode()
    assert response.status_code == 200
    for text in (
        "000.01.50.H14-261124-0001-KQ1",
        "000.01.50.H14-261124-0001",
        "Đăng ký khai sinh",
        "Ủy ban nhân dân phường Thục Phán",
        "Nguyễn Văn Ánh",
        result.sha256,
        'enctype="multipart/form-data"',
        'for="id_document"',
    ):
        assert text in body, text
    assert response.context["result"] == result


def test_english_alias(client, result):
    assert client.get(f"/verify/{result.verification_token}/").status_code == 200


@pytest.mark.parametrize(("state", "badge"), [("valid", "ok"), ("revoked", "late"), ("replaced", "soon")])
def test_the_state_is_shown(client, result, state, badge):
    DossierResult.objects.filter(pk=result.pk).update(state=state)
    response = client.get(f"/xac-thuc/{result.verification_token}/")
    assert response.status_code == 200
    assert f'class="badge {badge}"' in response.content.decode()


def test_unknown_and_malformed_tokens_get_the_same_404(client, result):
    pages = []
    for token in ("A" * 22, "x", "k" * 41, result.verification_token[:-1] + "_", "a.b~c"):
        response = client.get(f"/xac-thuc/{token}/")
        assert response.status_code == 404, token
        page = response.content.decode().replace(f"/xac-thuc/{token}/", "")
        pages.append(re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page))
    assert len(set(pages)) == 1
    assert result.code not in pages[0]


def test_posting_to_an_unknown_token_checks_nothing(client, result, signed):
    response = client.post(
        "/xac-thuc/AAAAAAAAAAAAAAAAAAAAAA/", {"document": SimpleUploadedFile("a.pdf", signed)}
    )
    assert response.status_code == 404 and "check" not in (response.context or {})


def test_the_issued_file_is_recognised(client, result, signed):
    response = upload(client, result, signed)

    assert response.status_code == 200
    assert response.context["check"].finding == "issued"
    assert "msg success" in response.content.decode()


def test_a_tampered_file_is_invalid(client, result, signed, result_pdf):  # noqa: F811
    tampered = bytearray(signed)
    tampered[result_pdf.index(b"stream\n") + 12] ^= 1

    response = upload(client, result, bytes(tampered))

    assert response.context["check"].finding == "altered"
    assert "msg error" in response.content.decode()


def test_another_validly_signed_document_is_told_apart(client, result, agency, result_pdf):  # noqa: F811
    other = sign_pdf(pdf=result_pdf, agency=agency, pin=PIN, reason="Bản khác", location="Thục Phán")

    response = upload(client, result, other)

    check = response.context["check"]
    assert check.finding == "signed_other" and check.verification.valid
    assert "Ủy ban nhân dân phường Thục Phán (TEST)" in response.content.decode()


def test_a_file_signed_with_a_revoked_certificate(client, result, agency, result_pdf):  # noqa: F811
    other = sign_pdf(pdf=result_pdf, agency=agency, pin=PIN, reason="Bản khác", location="Thục Phán")
    revoke_certificate(certificate=agency.signing_certificates.get(), reason="key_compromise", by="tests")

    assert upload(client, result, other).context["check"].finding == "revoked"


@pytest.mark.parametrize(
    ("data", "finding"), [(b"hello", "unreadable"), (b"", None), (b"%PDF-1.7\n%%EOF", "unreadable")]
)
def test_garbage_uploads(client, result, data, finding):
    response = upload(client, result, data)
    assert response.status_code == 200
    check = response.context["check"]
    assert (check.finding if check else None) == finding


def test_an_unsigned_pdf(client, result, result_pdf):  # noqa: F811
    assert upload(client, result, result_pdf).context["check"].finding == "unsigned"


def test_files_over_20_mb_are_refused(client, result, monkeypatch):
    monkeypatch.setattr(verify, "MAX_UPLOAD_BYTES", 10)

    response = upload(client, result, b"%PDF-1.7 more than ten bytes")

    assert response.context["check"] is None and response.context["form"].errors["document"]


def test_uploads_are_rate_limited_per_address(client, result, settings):
    settings.VERIFY_UPLOADS_PER_WINDOW = 3
    codes = [upload(client, result, b"hello").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    # another address is not affected
    assert upload(client, result, b"hello", REMOTE_ADDR="10.1.2.3").status_code == 200


def test_the_page_works_without_javascript_and_in_english(client, result):
    client.cookies["motcua_language"] = "en"
    body = client.get(f"/xac-thuc/{result.verification_token}/").content.decode()
    assert 'hx-boost="false"' in body and 'type="submit"' in body
    assert "<h1>Verify an electronic result</h1>" in body


def test_qr_public_key_is_published_as_pem(client, authority):  # noqa: F811
    response = client.get("/xac-thuc/khoa-cong-khai/")

    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    key = serialization.load_pem_public_key(response.content)
    assert key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw).__len__() == 32
    assert client.get("/verify/public-key/").content == response.content


def test_root_certificate_and_crl_are_published(client, authority):  # noqa: F811
    root = x509.load_pem_x509_certificate(client.get("/xac-thuc/chung-thu-goc/").content)
    crl = x509.load_der_x509_crl(client.get("/xac-thuc/crl/").content)
    assert "(TEST)" in root.subject.rfc4514_string()
    assert crl.is_signature_valid(root.public_key()) is False  # signed by the issuing CA, not the root


def test_keys_before_the_authority_exists(client, authority):  # noqa: F811
    Certificate.objects.update(status="revoked")  # as if init_signing never ran
    assert client.get("/xac-thuc/khoa-cong-khai/").status_code == 404
    assert client.get("/xac-thuc/crl/").status_code == 404


def test_query_count_is_bounded(client, result, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        client.get(f"/xac-thuc/{result.verification_token}/")
