"""Opening a holder's signing key: the certificate must be usable and the PIN right.

A wrong PIN is counted and the fifth locks the certificate, like a USB token. The
counter is written in its own transaction before the error is raised: call this (and
``sign_pdf``) outside any transaction of yours, or a rollback there would forget the
attempt.
"""

from __future__ import annotations

from typing import Any

from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes
from django.contrib.auth.hashers import check_password
from django.db import transaction
from django.utils import formats, timezone

from motcua.core import clock
from motcua.core.audit import record_audit
from motcua.core.errors import MotcuaError
from motcua.signing.authority import private_key
from motcua.signing.errors import (
    CertificateExpired,
    CertificateLocked,
    CertificateRevoked,
    NoCertificate,
    WrongPin,
)
from motcua.signing.holders import holder_fields, holder_name
from motcua.signing.models import Certificate, CertificateStatus

MAX_PIN_ATTEMPTS = 5


def current_certificate(holder: Any) -> Certificate:
    """The holder's latest certificate that is not superseded (it may be revoked or expired)."""
    found = (
        Certificate.objects.filter(**holder_fields(holder))
        .exclude(status=CertificateStatus.SUPERSEDED)
        .order_by("-created_at", "-pk")
        .first()
    )
    if found is None:
        raise NoCertificate(holder=holder_name(holder))
    return found


def open_signing_key(*, certificate: Certificate, pin: str | None, by: Any = None) -> PrivateKeyTypes:
    """The private key, once the certificate is checked usable and ``pin`` (unless None) right.

    ``pin=None`` skips the PIN: only for the agency's seal applied on the authority of an
    official who gave their own PIN (see ``sign_pdf``).
    """
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
        problem = _refusal(locked) or (_check_pin(locked, pin, by) if pin is not None else None)
    if problem is not None:
        raise problem
    return private_key(locked)


def _refusal(certificate: Certificate) -> MotcuaError | None:
    name = holder_name(certificate.holder)
    if certificate.status == CertificateStatus.REVOKED:
        return CertificateRevoked(holder=name, date=_date(certificate.revoked_at))
    if certificate.status == CertificateStatus.EXPIRED or certificate.not_after <= clock.now():
        if certificate.status == CertificateStatus.ACTIVE:
            certificate.status = CertificateStatus.EXPIRED
            certificate.save(update_fields=["status"])
        return CertificateExpired(holder=name, date=_date(certificate.not_after))
    if certificate.status != CertificateStatus.ACTIVE:
        return NoCertificate(holder=name)
    if certificate.is_locked:
        return CertificateLocked(holder=name)
    return None


def _check_pin(certificate: Certificate, pin: str, by: Any) -> MotcuaError | None:
    if certificate.pin_hash and check_password(pin, certificate.pin_hash):
        if certificate.failed_pin_attempts:
            certificate.failed_pin_attempts = 0
            certificate.save(update_fields=["failed_pin_attempts"])
        return None
    certificate.failed_pin_attempts += 1
    certificate.is_locked = certificate.failed_pin_attempts >= MAX_PIN_ATTEMPTS
    certificate.save(update_fields=["failed_pin_attempts", "is_locked"])
    record_audit(
        actor=by,
        action="signing.certificate_locked" if certificate.is_locked else "signing.wrong_pin",
        object_type="certificate",
        object_id=certificate.pk,
        data={"serial": certificate.serial, "failed_attempts": certificate.failed_pin_attempts},
    )
    if certificate.is_locked:
        return CertificateLocked(holder=holder_name(certificate.holder))
    return WrongPin(attempts_left=MAX_PIN_ATTEMPTS - certificate.failed_pin_attempts)


def _date(value: Any) -> str:
    return formats.date_format(timezone.localtime(value), "SHORT_DATE_FORMAT") if value else ""
