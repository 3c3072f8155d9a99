"""Requests about certificates, made by officials and handled by an administrator."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from motcua.core import clock
from motcua.core.audit import record_audit
from motcua.signing.errors import RequestHandled, RequestInvalid, UnknownReason
from motcua.signing.holders import holder_fields
from motcua.signing.models import (
    END_ENTITY_KINDS,
    Certificate,
    CertificateRequest,
    RequestKind,
    RequestStatus,
    RevocationReason,
)
from motcua.signing.services.certificates import (
    hash_pin,
    issue_with_pin_hash,
    renew_with_pin_hash,
    revoke_certificate,
    unlock_with_pin_hash,
)


def request_issue(*, holder: Any, pin: str, by: Any, note: str = "") -> CertificateRequest:
    fields = holder_fields(holder)
    del fields["kind"]
    return _create(kind=RequestKind.ISSUE, by=by, note=note, pin_hash=hash_pin(pin), **fields)


def request_renewal(
    *, certificate: Certificate, by: Any, pin: str | None = None, note: str = ""
) -> CertificateRequest:
    return _create(
        kind=RequestKind.RENEW,
        by=by,
        note=note,
        certificate=certificate,
        pin_hash=hash_pin(pin) if pin else "",
    )


def request_revocation(
    *, certificate: Certificate, reason: str, by: Any, note: str = ""
) -> CertificateRequest:
    if reason not in RevocationReason.values:
        raise UnknownReason(value=reason)
    return _create(
        kind=RequestKind.REVOKE, by=by, note=note, certificate=certificate, revocation_reason=reason
    )


def request_unlock(
    *, certificate: Certificate, by: Any, pin: str | None = None, note: str = ""
) -> CertificateRequest:
    return _create(
        kind=RequestKind.UNLOCK,
        by=by,
        note=note,
        certificate=certificate,
        pin_hash=hash_pin(pin) if pin else "",
    )


@transaction.atomic
def _create(*, kind: RequestKind, by: Any, note: str, **fields: Any) -> CertificateRequest:
    certificate = fields.get("certificate")
    if certificate is not None and certificate.kind not in END_ENTITY_KINDS:
        raise RequestInvalid(reason="only agencies' and officials' certificates are handled by request")
    target = {k: v for k, v in fields.items() if k in ("agency", "official", "certificate")}
    if CertificateRequest.objects.filter(kind=kind, status=RequestStatus.PENDING, **target).exists():
        raise RequestInvalid(reason="the same request is already waiting")
    request = CertificateRequest.objects.create(
        kind=kind, requested_by=by, requested_at=clock.now(), note=note, **fields
    )
    _audit(by, "signing.request_created", request)
    return request


@transaction.atomic
def approve_request(*, request: CertificateRequest, by: Any, note: str = "") -> CertificateRequest:
    """Carry the request out (issue, renew, revoke or unlock) and mark it approved."""
    request = _pending(request)
    issued = _carry_out(request, by)
    request.issued = issued if request.kind in (RequestKind.ISSUE, RequestKind.RENEW) else None
    return _close(request, RequestStatus.APPROVED, by, note)


@transaction.atomic
def reject_request(*, request: CertificateRequest, by: Any, note: str = "") -> CertificateRequest:
    return _close(_pending(request), RequestStatus.REJECTED, by, note)


def _carry_out(request: CertificateRequest, by: Any) -> Certificate:
    pin_hash = request.pin_hash or None
    if request.kind == RequestKind.ISSUE:
        return issue_with_pin_hash(
            holder=request.agency or request.official, pin_hash=request.pin_hash, by=by
        )
    certificate = request.certificate
    assert certificate is not None
    if request.kind == RequestKind.RENEW:
        return renew_with_pin_hash(certificate=certificate, by=by, pin_hash=pin_hash)
    if request.kind == RequestKind.REVOKE:
        return revoke_certificate(certificate=certificate, reason=request.revocation_reason, by=by)
    return unlock_with_pin_hash(certificate=certificate, by=by, pin_hash=pin_hash)


def _pending(request: CertificateRequest) -> CertificateRequest:
    found = CertificateRequest.objects.select_for_update().get(pk=request.pk)
    if found.status != RequestStatus.PENDING:
        raise RequestHandled(status=found.get_status_display())
    return found


def _close(request: CertificateRequest, status: RequestStatus, by: Any, note: str) -> CertificateRequest:
    request.status = status
    request.handled_by = by
    request.handled_at = clock.now()
    request.handling_note = note
    request.save(update_fields=["status", "handled_by", "handled_at", "handling_note", "issued"])
    _audit(by, f"signing.request_{status}", request)
    return request


def _audit(by: Any, action: str, request: CertificateRequest) -> None:
    record_audit(
        actor=by,
        action=action,
        object_type="certificate_request",
        object_id=request.pk,
        data={"kind": request.kind, "certificate": request.certificate_id},
    )
