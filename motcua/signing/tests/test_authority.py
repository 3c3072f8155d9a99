"""The province's test CA: created once, names in Vietnamese, keys sealed at rest."""

from __future__ import annotations

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from django.core.management import call_command

from motcua.core.models import AuditEntry
from motcua.signing import keystore
from motcua.signing.models import Certificate, RevocationList
from motcua.signing.services import ensure_certificate_authority

pytestmark = pytest.mark.django_db


def load(kind: str) -> x509.Certificate:
    pem = Certificate.objects.get(kind=kind, status="active").certificate_pem
    return x509.load_pem_x509_certificate(pem.encode())


def test_first_start_creates_the_authority_and_a_crl():
    report = ensure_certificate_authority(by="tests")

    assert report.created == (
        "CA thử nghiệm tỉnh Cao Bằng (TEST)",
        "CA cấp chứng thư thử nghiệm tỉnh Cao Bằng (TEST)",
        "Dấu thời gian thử nghiệm tỉnh Cao Bằng (TEST)",
        "Khóa ký mã QR tỉnh Cao Bằng (TEST)",
    )
    assert report.existing == () and report.crl_number == 1
    assert RevocationList.objects.count() == 1
    assert AuditEntry.objects.filter(action="signing.authority_created").count() == 4


def test_it_is_idempotent():
    first = ensure_certificate_authority(by="tests")
    serials = set(Certificate.objects.values_list("serial", flat=True))

    second = ensure_certificate_authority(by="tests")

    assert second.created == () and second.existing == first.created
    assert set(Certificate.objects.values_list("serial", flat=True)) == serials
    assert second.crl_number == first.crl_number  # still fresh: no new CRL


def test_the_chain_and_the_key_types():
    ensure_certificate_authority(by="tests")
    root, issuing, tsa, qr = (load(kind) for kind in ("root", "issuing", "tsa", "qr"))

    root.verify_directly_issued_by(root)
    for child in (issuing, tsa, qr):
        child.verify_directly_issued_by(root)
    assert isinstance(root.public_key(), ec.EllipticCurvePublicKey)
    assert isinstance(tsa.public_key(), rsa.RSAPublicKey)  # pyHanko's bundled TSA signs RSA only
    assert isinstance(qr.public_key(), ed25519.Ed25519PublicKey)
    assert root.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    eku = tsa.extensions.get_extension_for_class(x509.ExtendedKeyUsage)
    assert eku.critical and list(eku.value) == [x509.oid.ExtendedKeyUsageOID.TIME_STAMPING]


def test_private_keys_are_encrypted_and_bound_to_their_certificate():
    ensure_certificate_authority(by="tests")
    root = Certificate.objects.get(kind="root")
    issuing = Certificate.objects.get(kind="issuing")

    assert root.sealed_key.startswith("-----BEGIN ENCRYPTED PRIVATE KEY-----")
    key = keystore.open_private_key(root.sealed_key, serial=root.serial)
    assert key.public_key() == load("root").public_key()
    with pytest.raises(ValueError):
        keystore.open_private_key(root.sealed_key, serial=issuing.serial)


def test_keys_do_not_open_with_another_secret(settings):
    ensure_certificate_authority(by="tests")
    root = Certificate.objects.get(kind="root")
    settings.SIGNING_KEY_SECRET = "another-server"

    with pytest.raises(ValueError):
        keystore.open_private_key(root.sealed_key, serial=root.serial)


def test_init_signing_command(capsys):
    call_command("init_signing")
    first = capsys.readouterr().out
    call_command("init_signing")
    second = capsys.readouterr().out

    assert first.count("created: ") == 4 and "CRL #1" in first
    assert second.count("exists:  ") == 4 and "created" not in second
