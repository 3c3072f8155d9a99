"""The province's test certificate authority: created on first start, CRL kept fresh."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max

from motcua.core import clock
from motcua.core.audit import record_audit
from motcua.signing import keystore, pki
from motcua.signing.authority import active_authority, parsed, private_key, province_name, require_authority
from motcua.signing.models import (
    Certificate,
    CertificateKind,
    CertificateStatus,
    RevocationList,
    RevocationReason,
)

YEAR = timedelta(days=365)
# kind → (profile, common name, lifetime, issuer kind)
AUTHORITY = {
    CertificateKind.ROOT: (pki.Profile.ROOT, "CA thử nghiệm {p} (TEST)", 20 * YEAR, None),
    CertificateKind.ISSUING: (
        pki.Profile.ISSUING_CA,
        "CA cấp chứng thư thử nghiệm {p} (TEST)",
        10 * YEAR,
        CertificateKind.ROOT,
    ),
    CertificateKind.TSA: (
        pki.Profile.TSA,
        "Dấu thời gian thử nghiệm {p} (TEST)",
        10 * YEAR,
        CertificateKind.ROOT,
    ),
    CertificateKind.QR: (pki.Profile.QR, "Khóa ký mã QR {p} (TEST)", 10 * YEAR, CertificateKind.ROOT),
}
REASON_FLAGS = {
    RevocationReason.UNSPECIFIED: x509.ReasonFlags.unspecified,
    RevocationReason.KEY_COMPROMISE: x509.ReasonFlags.key_compromise,
    RevocationReason.AFFILIATION_CHANGED: x509.ReasonFlags.affiliation_changed,
    RevocationReason.SUPERSEDED: x509.ReasonFlags.superseded,
    RevocationReason.CESSATION_OF_OPERATION: x509.ReasonFlags.cessation_of_operation,
}


@dataclass(frozen=True)
class AuthorityReport:
    created: tuple[str, ...]
    existing: tuple[str, ...]
    crl_number: int


@transaction.atomic
def ensure_certificate_authority(*, by: Any = None) -> AuthorityReport:
    """Create what is missing of root CA, issuing CA, TSA and QR key, and a fresh CRL; idempotent."""
    created: list[str] = []
    existing: list[str] = []
    for kind in AUTHORITY:
        current = active_authority(kind)
        if current is not None and current.not_after > clock.now():
            existing.append(current.subject_cn)
            continue
        if current is not None:
            _mark_expired(current)
        created.append(_create_authority(kind, by=by).subject_cn)
    crl = fresh_crl(by=by)
    return AuthorityReport(created=tuple(created), existing=tuple(existing), crl_number=crl.number)


def _create_authority(kind: CertificateKind, *, by: Any) -> Certificate:
    profile, name, lifetime, issuer_kind = AUTHORITY[kind]
    province = province_name()
    subject = pki.Subject(
        common_name=name.format(p=pki.fit(province, 30)),
        organisation=f"Ủy ban nhân dân {province} (TEST)",
        province=province.removeprefix("tỉnh ").removeprefix("thành phố "),
    )
    issuer = require_authority(issuer_kind) if issuer_kind else None
    key = pki.new_key(profile)
    now = clock.now()
    certificate = pki.build_certificate(
        profile=profile,
        subject=subject,
        key=key,
        not_before=now,
        not_after=now + lifetime,
        issuer=parsed(issuer) if issuer else None,
        issuer_key=private_key(issuer) if issuer else None,
    )
    stored = store_certificate(certificate, key=key, kind=kind, issuer=issuer)
    record_audit(
        actor=by,
        action="signing.authority_created",
        object_type="certificate",
        object_id=stored.pk,
        data={"kind": kind, "subject": stored.subject_cn, "serial": stored.serial},
    )
    return stored


def store_certificate(
    certificate: x509.Certificate,
    *,
    key: Any,
    kind: CertificateKind,
    issuer: Certificate | None,
    pin_hash: str = "",
    **holder: Any,
) -> Certificate:
    serial = pki.serial_hex(certificate)
    return Certificate.objects.create(
        kind=kind,
        issuer=issuer,
        subject_cn=certificate.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)[0].value,
        serial=serial,
        not_before=certificate.not_valid_before_utc,
        not_after=certificate.not_valid_after_utc,
        certificate_pem=certificate.public_bytes(serialization.Encoding.PEM).decode("ascii"),
        sealed_key=keystore.seal_private_key(key, serial=serial),
        pin_hash=pin_hash,
        created_at=clock.now(),
        **holder,
    )


def _mark_expired(certificate: Certificate) -> None:
    certificate.status = CertificateStatus.EXPIRED
    certificate.save(update_fields=["status"])


def crl_lifetime() -> timedelta:
    return timedelta(days=getattr(settings, "SIGNING_CRL_DAYS", 7))


@transaction.atomic
def publish_crl(*, by: Any = None) -> RevocationList:
    """Sign a new CRL listing every revoked certificate of the issuing CA."""
    issuer = require_authority(CertificateKind.ISSUING)
    revoked = Certificate.objects.filter(issuer=issuer, status=CertificateStatus.REVOKED).order_by("pk")
    entries = [
        pki.Revoked(
            serial=int(c.serial, 16),
            at=c.revoked_at or clock.now(),
            reason=REASON_FLAGS.get(c.revocation_reason, x509.ReasonFlags.unspecified),
        )
        for c in revoked
    ]
    number = (RevocationList.objects.aggregate(n=Max("number"))["n"] or 0) + 1
    now = clock.now()
    crl = pki.build_crl(
        issuer=parsed(issuer),
        issuer_key=private_key(issuer),
        revoked=entries,
        number=number,
        this_update=now,
        next_update=now + crl_lifetime(),
    )
    stored = RevocationList.objects.create(
        issuer=issuer,
        number=number,
        this_update=now,
        next_update=now + crl_lifetime(),
        revoked_count=len(entries),
        der=crl.public_bytes(serialization.Encoding.DER),
    )
    record_audit(
        actor=by,
        action="signing.crl_published",
        object_type="crl",
        object_id=number,
        data={"revoked": len(entries)},
    )
    return stored


def fresh_crl(*, by: Any = None) -> RevocationList:
    """The current CRL of the issuing CA, signing a new one when it ends within a day.

    Validators (pyHanko) refuse a CRL past its next update, so the CRL is renewed on
    demand: at start, on every revocation, and whenever it is read close to expiry.
    """
    issuer = require_authority(CertificateKind.ISSUING)
    latest = RevocationList.objects.filter(issuer=issuer).order_by("-number").first()
    if latest is not None and latest.next_update - clock.now() >= timedelta(days=1):
        return latest
    try:
        return publish_crl(by=by)
    except IntegrityError:  # another process published the same number a moment ago
        return RevocationList.objects.filter(issuer=issuer).order_by("-number").first() or publish_crl(by=by)
