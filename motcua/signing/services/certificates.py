"""Issue, renew, revoke and unlock the certificates of agencies and officials."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction

from motcua.core import clock
from motcua.core.audit import record_audit
from motcua.signing import pki
from motcua.signing.authority import crl_url, parsed, private_key, require_authority
from motcua.signing.errors import CertificateExists, CertificateNotUsable, InvalidPin, UnknownReason
from motcua.signing.holders import holder_fields, holder_name, subject_for
from motcua.signing.models import (
    END_ENTITY_KINDS,
    Certificate,
    CertificateKind,
    CertificateStatus,
    RevocationReason,
)
from motcua.signing.services.authority import publish_crl, store_certificate

PIN_MIN, PIN_MAX = 6, 32


def certificate_lifetime() -> timedelta:
    return timedelta(days=getattr(settings, "SIGNING_CERTIFICATE_DAYS", 730))


def hash_pin(pin: str) -> str:
    """Check a PIN's length and hash it like a password (it is never stored in clear)."""
    if not isinstance(pin, str) or not PIN_MIN <= len(pin) <= PIN_MAX:
        raise InvalidPin(min=PIN_MIN, max=PIN_MAX)
    return make_password(pin)


def issue_certificate(*, holder: Any, pin: str, by: Any) -> Certificate:
    """A new signing certificate for an agency or an official, protected by ``pin``."""
    return issue_with_pin_hash(holder=holder, pin_hash=hash_pin(pin), by=by)


@transaction.atomic
def issue_with_pin_hash(*, holder: Any, pin_hash: str, by: Any) -> Certificate:
    fields = holder_fields(holder)
    current = (
        Certificate.objects.select_for_update().filter(**fields, status=CertificateStatus.ACTIVE).first()
    )
    if current is not None:
        if current.not_after > clock.now():
            raise CertificateExists(holder=holder_name(holder))
        current.status = CertificateStatus.EXPIRED
        current.save(update_fields=["status"])
    issuer = require_authority(CertificateKind.ISSUING)
    key = pki.new_key(pki.Profile.SIGNER)
    now = clock.now()
    x509_certificate = pki.build_certificate(
        profile=pki.Profile.SIGNER,
        subject=subject_for(holder),
        key=key,
        not_before=now,
        not_after=now + certificate_lifetime(),
        issuer=parsed(issuer),
        issuer_key=private_key(issuer),
        crl_url=crl_url(),
    )
    certificate = store_certificate(x509_certificate, key=key, issuer=issuer, pin_hash=pin_hash, **fields)
    _audit(by, "signing.certificate_issued", certificate, {"not_after": certificate.not_after})
    return certificate


def renew_certificate(*, certificate: Certificate, by: Any, pin: str | None = None) -> Certificate:
    """A new key and certificate for the same holder; the old one is superseded, not revoked.

    Documents the old certificate signed stay valid. The PIN carries over unless a new
    one is given.
    """
    return renew_with_pin_hash(certificate=certificate, by=by, pin_hash=hash_pin(pin) if pin else None)


@transaction.atomic
def renew_with_pin_hash(*, certificate: Certificate, by: Any, pin_hash: str | None) -> Certificate:
    old = _locked(certificate)
    if old.status not in (CertificateStatus.ACTIVE, CertificateStatus.EXPIRED):
        raise CertificateNotUsable(status=old.get_status_display())
    if old.status == CertificateStatus.ACTIVE:
        old.status = CertificateStatus.SUPERSEDED
        old.save(update_fields=["status"])
    renewed = issue_with_pin_hash(holder=old.holder, pin_hash=pin_hash or old.pin_hash, by=by)
    _audit(by, "signing.certificate_renewed", old, {"new_serial": renewed.serial})
    return renewed


@transaction.atomic
def revoke_certificate(*, certificate: Certificate, reason: str, by: Any) -> Certificate:
    """Revoke a holder's certificate and publish a new CRL listing it."""
    if reason not in RevocationReason.values:
        raise UnknownReason(value=reason)
    revoked = _locked(certificate)
    if revoked.status == CertificateStatus.REVOKED:
        raise CertificateNotUsable(status=revoked.get_status_display())
    revoked.status = CertificateStatus.REVOKED
    revoked.revoked_at = clock.now()
    revoked.revocation_reason = reason
    revoked.save(update_fields=["status", "revoked_at", "revocation_reason"])
    crl = publish_crl(by=by)
    _audit(by, "signing.certificate_revoked", revoked, {"reason": reason, "crl": crl.number})
    return revoked


def unlock_certificate(*, certificate: Certificate, by: Any, pin: str | None = None) -> Certificate:
    """Clear the failed-PIN counter (and set a new PIN when given) of an active certificate."""
    return unlock_with_pin_hash(certificate=certificate, by=by, pin_hash=hash_pin(pin) if pin else None)


@transaction.atomic
def unlock_with_pin_hash(*, certificate: Certificate, by: Any, pin_hash: str | None) -> Certificate:
    unlocked = _locked(certificate)
    if unlocked.status != CertificateStatus.ACTIVE:
        raise CertificateNotUsable(status=unlocked.get_status_display())
    unlocked.is_locked = False
    unlocked.failed_pin_attempts = 0
    if pin_hash:
        unlocked.pin_hash = pin_hash
    unlocked.save(update_fields=["is_locked", "failed_pin_attempts", "pin_hash"])
    _audit(by, "signing.certificate_unlocked", unlocked, {"new_pin": bool(pin_hash)})
    return unlocked


def _locked(certificate: Certificate) -> Certificate:
    found = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if found.kind not in END_ENTITY_KINDS:
        raise CertificateNotUsable(status=found.get_kind_display())
    return found


def _audit(by: Any, action: str, certificate: Certificate, data: dict[str, Any]) -> None:
    record_audit(
        actor=by,
        action=action,
        object_type="certificate",
        object_id=certificate.pk,
        scope=certificate.agency_id or (certificate.official.agency_id if certificate.official_id else ""),
        data={"serial": certificate.serial, "subject": certificate.subject_cn, **data},
    )
