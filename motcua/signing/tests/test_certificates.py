"""Issue, renew, revoke, lock and unlock; requests handled by an administrator."""

from __future__ import annotations

from datetime import timedelta

import pytest
from cryptography import x509
from django.contrib.auth.hashers import check_password
from django.db import IntegrityError, transaction
from django.utils import translation

from motcua.agencies.tests.factories import UserFactory
from motcua.core import clock
from motcua.core.models import AuditEntry
from motcua.signing.errors import (
    CertificateExists,
    CertificateExpired,
    CertificateLocked,
    CertificateNotUsable,
    CertificateRevoked,
    InvalidPin,
    RequestHandled,
    RequestInvalid,
    UnknownReason,
    WrongPin,
)
from motcua.signing.models import Certificate, RevocationList
from motcua.signing.pki import DOCUMENT_SIGNING
from motcua.signing.selectors import crl_der, current_certificate_of, pending_requests
from motcua.signing.services import (
    MAX_PIN_ATTEMPTS,
    approve_request,
    issue_certificate,
    reject_request,
    renew_certificate,
    request_issue,
    request_renewal,
    request_revocation,
    request_unlock,
    revoke_certificate,
    sign_pdf,
    unlock_certificate,
)
from motcua.signing.tests.conftest import PIN

pytestmark = pytest.mark.django_db


def sign(pdf, agency, pin=PIN, official=None):
    return sign_pdf(pdf=pdf, agency=agency, official=official, pin=pin, reason="Ký", location="Cao Bằng")


def revoked_serials() -> set[int]:
    return {entry.serial_number for entry in x509.load_der_x509_crl(crl_der())}


def test_issue_for_an_agency(agency):
    certificate = issue_certificate(holder=agency, pin=PIN, by="tests")

    parsed = x509.load_pem_x509_certificate(certificate.certificate_pem.encode())
    assert certificate.kind == "agency" and certificate.agency == agency and certificate.official is None
    assert certificate.status == "active" and certificate.issuer.kind == "issuing"
    assert certificate.subject_cn == "Ủy ban nhân dân phường Thục Phán (TEST)"
    assert check_password(PIN, certificate.pin_hash) and PIN not in certificate.pin_hash
    assert DOCUMENT_SIGNING in parsed.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    crl_point = parsed.extensions.get_extension_for_class(x509.CRLDistributionPoints).value[0]
    assert crl_point.full_name[0].value.endswith("/xac-thuc/crl/")
    assert timedelta(days=729) < certificate.not_after - clock.now() <= timedelta(days=730)
    assert current_certificate_of(agency) == certificate
    assert AuditEntry.objects.filter(action="signing.certificate_issued", scope=str(agency.pk)).exists()


def test_issue_for_an_official_names_their_position(official):
    certificate = issue_certificate(holder=official, pin=PIN, by="tests")

    subject = x509.load_pem_x509_certificate(certificate.certificate_pem.encode()).subject
    assert certificate.kind == "official" and certificate.official == official
    assert subject.get_attributes_for_oid(x509.NameOID.TITLE)[0].value == "Chủ tịch"
    assert subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)[0].value == "Nguyễn Văn Ánh (TEST)"


def test_a_long_vietnamese_name_fits_the_64_byte_limit(authority, agency_factory):
    agency = agency_factory(name="Trung tâm Phục vụ hành chính công phường Thục Phán, tỉnh Cao Bằng")
    certificate = issue_certificate(holder=agency, pin=PIN, by="tests")
    assert certificate.subject_cn.endswith(" (TEST)")
    assert len(certificate.subject_cn.encode()) <= 64


def test_one_active_certificate_per_holder(agency):
    issue_certificate(holder=agency, pin=PIN, by="tests")
    with pytest.raises(CertificateExists):
        issue_certificate(holder=agency, pin=PIN, by="tests")
    with transaction.atomic(), pytest.raises(IntegrityError):
        Certificate.objects.filter(agency=agency).update(agency=None)  # every end-entity has a holder


@pytest.mark.parametrize("pin", ["", "12345", "x" * 33])
def test_a_pin_has_six_to_thirty_two_characters(agency, pin):
    with pytest.raises(InvalidPin):
        issue_certificate(holder=agency, pin=pin, by="tests")


def test_renewal_supersedes_without_revoking(agency, result_pdf):
    old = issue_certificate(holder=agency, pin=PIN, by="tests")

    new = renew_certificate(certificate=old, by="tests")

    old.refresh_from_db()
    assert old.status == "superseded" and new.status == "active" and new.serial != old.serial
    assert new.pin_hash == old.pin_hash  # the PIN carries over
    assert int(old.serial, 16) not in revoked_serials()  # what it signed stays valid
    assert current_certificate_of(agency) == new
    sign(result_pdf, agency)


def test_revocation_lists_the_certificate_and_stops_signing(agency, result_pdf):
    certificate = issue_certificate(holder=agency, pin=PIN, by="tests")
    crls = RevocationList.objects.count()

    revoke_certificate(certificate=certificate, reason="key_compromise", by="tests")

    certificate.refresh_from_db()
    assert certificate.status == "revoked" and certificate.revoked_at is not None
    assert RevocationList.objects.count() == crls + 1
    assert int(certificate.serial, 16) in revoked_serials()
    with pytest.raises(CertificateRevoked) as raised:
        sign(result_pdf, agency)
    assert raised.value.code == "signing.certificate_revoked"
    with pytest.raises(CertificateNotUsable):
        revoke_certificate(certificate=certificate, reason="key_compromise", by="tests")


def test_an_expired_certificate_cannot_sign(agency, result_pdf):
    certificate = issue_certificate(holder=agency, pin=PIN, by="tests")

    with (
        clock.frozen(certificate.not_after + timedelta(seconds=1)),
        pytest.raises(CertificateExpired) as raised,
    ):
        sign(result_pdf, agency)

    assert raised.value.code == "signing.certificate_expired"
    certificate.refresh_from_db()
    assert certificate.status == "expired"
    # an expired holder can be issued a new certificate
    assert issue_certificate(holder=agency, pin=PIN, by="tests").status == "active"


def test_wrong_pins_count_down_then_lock(agency, result_pdf):
    certificate = issue_certificate(holder=agency, pin=PIN, by="tests")
    left = []
    for _ in range(MAX_PIN_ATTEMPTS - 1):
        with pytest.raises(WrongPin) as raised:
            sign(result_pdf, agency, pin="000000")
        left.append(raised.value.params["attempts_left"])
    assert left == [4, 3, 2, 1]
    with translation.override("en"):
        assert raised.value.detail == "Wrong PIN. 1 attempt left before the certificate is locked."

    with pytest.raises(CertificateLocked):
        sign(result_pdf, agency, pin="000000")  # the fifth locks it
    with pytest.raises(CertificateLocked) as raised:
        sign(result_pdf, agency)  # the right PIN no longer helps

    assert raised.value.code == "signing.certificate_locked"
    certificate.refresh_from_db()
    assert certificate.is_locked and certificate.failed_pin_attempts == MAX_PIN_ATTEMPTS
    assert AuditEntry.objects.filter(action="signing.wrong_pin").count() == 4


def test_a_right_pin_resets_the_count(agency, result_pdf):
    certificate = issue_certificate(holder=agency, pin=PIN, by="tests")
    with pytest.raises(WrongPin):
        sign(result_pdf, agency, pin="000000")
    sign(result_pdf, agency)
    certificate.refresh_from_db()
    assert certificate.failed_pin_attempts == 0


def test_unlock_with_a_new_pin(agency, result_pdf):
    certificate = issue_certificate(holder=agency, pin=PIN, by="tests")
    Certificate.objects.filter(pk=certificate.pk).update(is_locked=True, failed_pin_attempts=5)

    unlock_certificate(certificate=certificate, pin="13579246", by="tests")

    certificate.refresh_from_db()
    assert not certificate.is_locked and certificate.failed_pin_attempts == 0
    with pytest.raises(WrongPin):
        sign(result_pdf, agency)
    sign(result_pdf, agency, pin="13579246")


def test_an_official_with_a_locked_agency_seal_cannot_sign(official, result_pdf):
    seal = issue_certificate(holder=official.agency, pin=PIN, by="tests")
    issue_certificate(holder=official, pin=PIN, by="tests")
    Certificate.objects.filter(pk=seal.pk).update(is_locked=True)

    with pytest.raises(CertificateLocked):
        sign(result_pdf, official.agency, official=official)


def test_the_official_pin_guards_a_two_signature_result(official, result_pdf):
    issue_certificate(holder=official.agency, pin="agency-pin", by="tests")
    personal = issue_certificate(holder=official, pin=PIN, by="tests")

    with pytest.raises(WrongPin):
        sign(result_pdf, official.agency, pin="agency-pin", official=official)

    personal.refresh_from_db()
    assert personal.failed_pin_attempts == 1
    sign(result_pdf, official.agency, official=official)


class TestRequests:
    @pytest.fixture
    def admin(self, authority):
        return UserFactory(username="province-admin", is_staff=True)

    @pytest.fixture
    def clerk(self, official):
        return official.user

    def test_issue_request_approved(self, official, clerk, admin):
        request = request_issue(holder=official, pin=PIN, by=clerk, note="Chủ tịch mới")
        assert list(pending_requests()) == [request]

        approve_request(request=request, by=admin, note="ok")

        request.refresh_from_db()
        assert request.status == "approved" and request.handled_by == admin and request.handled_at
        assert request.issued == current_certificate_of(official)
        assert check_password(PIN, request.issued.pin_hash)
        assert list(pending_requests()) == []

    def test_rejected_request_changes_nothing(self, official, clerk, admin):
        request = request_issue(holder=official, pin=PIN, by=clerk)

        reject_request(request=request, by=admin, note="thiếu quyết định bổ nhiệm")

        request.refresh_from_db()
        assert request.status == "rejected" and request.handling_note == "thiếu quyết định bổ nhiệm"
        assert current_certificate_of(official) is None
        with pytest.raises(RequestHandled):
            approve_request(request=request, by=admin)

    def test_the_same_request_twice_is_refused(self, official, clerk):
        request_issue(holder=official, pin=PIN, by=clerk)
        with pytest.raises(RequestInvalid):
            request_issue(holder=official, pin=PIN, by=clerk)

    def test_renew_revoke_unlock_requests(self, official, clerk, admin):
        first = issue_certificate(holder=official, pin=PIN, by="tests")

        renewed = approve_request(request=request_renewal(certificate=first, by=clerk), by=admin).issued
        Certificate.objects.filter(pk=renewed.pk).update(is_locked=True, failed_pin_attempts=5)
        approve_request(request=request_unlock(certificate=renewed, pin="11223344", by=clerk), by=admin)
        renewed.refresh_from_db()
        assert not renewed.is_locked and check_password("11223344", renewed.pin_hash)

        request = request_revocation(certificate=renewed, reason="affiliation_changed", by=clerk)
        approve_request(request=request, by=admin)

        renewed.refresh_from_db()
        assert renewed.status == "revoked" and renewed.revocation_reason == "affiliation_changed"
        assert [c.status for c in Certificate.objects.filter(official=official).order_by("pk")] == [
            "superseded",
            "revoked",
        ]
        actions = set(AuditEntry.objects.values_list("action", flat=True))
        assert {
            "signing.request_created",
            "signing.request_approved",
            "signing.certificate_revoked",
        } <= actions

    def test_unknown_revocation_reason(self, official, clerk):
        certificate = issue_certificate(holder=official, pin=PIN, by="tests")
        with pytest.raises(UnknownReason):
            request_revocation(certificate=certificate, reason="bored", by=clerk)
        with pytest.raises(UnknownReason):
            revoke_certificate(certificate=certificate, reason="bored", by="tests")
