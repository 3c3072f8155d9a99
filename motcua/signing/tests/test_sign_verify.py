"""Signing results PAdES B-T and validating them with pyHanko and with poppler's pdfsig."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest

from motcua.agencies.tests.factories import AgencyFactory, OfficialFactory
from motcua.core import clock
from motcua.signing.errors import InvalidPdf, NoCertificate, NotOfAgency
from motcua.signing.selectors import root_certificate_pem, verify_pdf
from motcua.signing.services import issue_certificate, revoke_certificate, sign_pdf
from motcua.signing.tests.conftest import PIN
from motcua.signing.tests.pdfsig import needs_pdfsig, nss_database, pdfsig
from motcua.signing.types import Problem

pytestmark = pytest.mark.django_db


def sign(pdf, agency, official=None, pin=PIN):
    return sign_pdf(
        pdf=pdf, agency=agency, official=official, pin=pin, reason="Trả kết quả", location="Cao Bằng"
    )


def flip_in_signed_range(signed: bytes, original: bytes) -> bytes:
    """One byte changed inside the original document's first content stream (signed by all)."""
    start = original.index(b"stream\n") + len(b"stream\n") + 5
    changed = bytearray(signed)
    changed[start] ^= 0x01
    return bytes(changed)


@pytest.fixture
def agency_certificate(agency):
    return issue_certificate(holder=agency, pin=PIN, by="tests")


@pytest.fixture
def official_certificate(official):
    return issue_certificate(holder=official, pin=PIN, by="tests")


def test_agency_seal_is_valid_trusted_and_timestamped(result_pdf, agency_certificate):
    # when
    started = time.perf_counter()
    signed = sign(result_pdf, agency_certificate.agency)
    elapsed = time.perf_counter() - started
    # then
    check = verify_pdf(signed)
    assert check.valid and check.intact and check.trusted and not check.revoked
    assert [s.field_name for s in check.signatures] == ["ChuKyCoQuan"]
    assert check.signer_name == "Ủy ban nhân dân phường Thục Phán (TEST)"
    assert check.timestamp is not None and abs(check.timestamp - clock.now()) < timedelta(minutes=1)
    assert check.signing_time is not None
    assert signed.startswith(result_pdf)  # an incremental update: the original bytes are kept
    assert elapsed < 3


def test_official_signs_then_the_agency_seals(result_pdf, agency_certificate, official_certificate, official):
    signed = sign(result_pdf, official.agency, official)

    check = verify_pdf(signed)
    assert check.valid
    assert [(s.field_name, s.signer_name) for s in check.signatures] == [
        ("ChuKyCaNhan", "Nguyễn Văn Ánh (TEST)"),
        ("ChuKyCoQuan", "Ủy ban nhân dân phường Thục Phán (TEST)"),
    ]
    assert [s.covers_whole_file for s in check.signatures] == [False, True]
    assert all(s.valid and s.timestamp for s in check.signatures)


def test_signing_an_already_signed_document_adds_fields(result_pdf, agency_certificate):
    twice = sign(sign(result_pdf, agency_certificate.agency), agency_certificate.agency)
    check = verify_pdf(twice)
    assert [s.field_name for s in check.signatures] == ["ChuKyCoQuan", "ChuKyCoQuan2"]
    assert check.valid


def test_one_changed_byte_makes_it_invalid(result_pdf, agency_certificate):
    signed = sign(result_pdf, agency_certificate.agency)

    check = verify_pdf(flip_in_signed_range(signed, result_pdf))

    assert not check.valid and not check.intact
    assert check.sha256 != verify_pdf(signed).sha256


def test_a_revoked_certificate_makes_its_signatures_untrusted(result_pdf, agency_certificate):
    signed = sign(result_pdf, agency_certificate.agency)
    revoke_certificate(certificate=agency_certificate, reason="key_compromise", by="tests")

    check = verify_pdf(signed)

    assert check.intact and check.revoked and not check.trusted and not check.valid


def test_without_the_province_root_nothing_is_trusted(result_pdf, agency_certificate):
    signed = sign(result_pdf, agency_certificate.agency)
    # a different root: the same file no longer chains to what is trusted
    from motcua.signing.models import Certificate

    Certificate.objects.filter(kind="root").update(status="expired")

    check = verify_pdf(signed)
    assert check.intact and not check.trusted and not check.valid


@pytest.mark.parametrize(
    "garbage",
    [
        b"",
        b"hello",
        b"%PDF-1.7\n",
        b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF",
        bytes(range(256)) * 40,
    ],
)
def test_verify_never_raises_on_garbage(garbage):
    check = verify_pdf(garbage)
    assert not check.valid and check.problem in (Problem.UNREADABLE, Problem.UNSIGNED)


def test_verify_of_a_truncated_signed_file_is_invalid(result_pdf, agency_certificate):
    signed = sign(result_pdf, agency_certificate.agency)
    for cut in (len(signed) // 2, len(signed) - 10):
        assert not verify_pdf(signed[:cut]).valid


def test_an_unsigned_pdf_is_reported_as_such(result_pdf, authority):
    check = verify_pdf(result_pdf)
    assert check.problem == Problem.UNSIGNED and not check.valid
    assert len(check.sha256) == 64


def test_signing_garbage_is_refused(agency_certificate):
    with pytest.raises(InvalidPdf):
        sign(b"not a pdf", agency_certificate.agency)


def test_no_certificate_no_signature(result_pdf, authority):
    with pytest.raises(NoCertificate) as raised:
        sign(result_pdf, AgencyFactory(name="UBND xã Không Có"))
    assert raised.value.code == "signing.no_certificate"
    assert "UBND xã Không Có" in raised.value.detail


def test_an_official_cannot_sign_for_another_agency(result_pdf, agency_certificate, authority):
    stranger = OfficialFactory(full_name="Người Ngoài")
    issue_certificate(holder=stranger, pin=PIN, by="tests")

    with pytest.raises(NotOfAgency):
        sign(result_pdf, agency_certificate.agency, stranger)


@needs_pdfsig
class TestPdfsig:
    """poppler's pdfsig, with an NSS database that trusts the province's root."""

    @pytest.fixture
    def nss(self, tmp_path, authority):
        return nss_database(tmp_path / "nssdb", root_certificate_pem())

    def test_pdfsig_says_valid_and_trusted(self, tmp_path, nss, result_pdf, official_certificate, official):
        issue_certificate(holder=official.agency, pin=PIN, by="tests")
        path = tmp_path / "signed.pdf"
        path.write_bytes(sign(result_pdf, official.agency, official))

        found = pdfsig(path, nss)

        assert [s["Signature Field Name"] for s in found] == ["ChuKyCaNhan", "ChuKyCoQuan"]
        assert [s["Signature Validation"] for s in found] == ["Signature is Valid."] * 2
        assert [s["Certificate Validation"] for s in found] == ["Certificate is Trusted."] * 2
        assert found[1]["Signer Certificate Common Name"] == "Ủy ban nhân dân phường Thục Phán (TEST)"
        assert "Total document signed" in found[1]

    def test_pdfsig_finds_the_changed_byte(self, tmp_path, nss, result_pdf, agency_certificate):
        path = tmp_path / "tampered.pdf"
        path.write_bytes(flip_in_signed_range(sign(result_pdf, agency_certificate.agency), result_pdf))

        found = pdfsig(path, nss)

        assert [s["Signature Validation"] for s in found] == ["Digest Mismatch."]

    def test_pdfsig_without_the_root_does_not_trust(self, tmp_path, result_pdf, agency_certificate):
        empty = tmp_path / "empty"
        empty.mkdir()
        import subprocess

        subprocess.run(["certutil", "-N", "-d", f"sql:{empty}", "--empty-password"], check=True)
        path = tmp_path / "signed.pdf"
        path.write_bytes(sign(result_pdf, agency_certificate.agency))

        found = pdfsig(path, f"sql:{empty}")

        assert found[0]["Signature Validation"] == "Signature is Valid."
        assert found[0]["Certificate Validation"] != "Certificate is Trusted."
