"""Reads of the signing app: verification, the published keys and lists, certificates."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.db.models import QuerySet

from motcua.signing import qrsig
from motcua.signing.authority import active_authority, parsed
from motcua.signing.document_check import check_document
from motcua.signing.holders import holder_fields
from motcua.signing.models import (
    Certificate,
    CertificateKind,
    CertificateRequest,
    CertificateStatus,
    RequestStatus,
)
from motcua.signing.services.authority import fresh_crl
from motcua.signing.validation import verify_pdf

__all__ = [
    "certificates_of",
    "check_document",
    "check_qr_signature",
    "crl_der",
    "current_certificate_of",
    "pending_requests",
    "qr_public_keys_pem",
    "root_certificate_pem",
    "verify_pdf",
]


def check_qr_signature(result_code: str, sha256: str, issued_at: datetime, signature: str) -> bool:
    """Whether ``signature`` is a QR signature of the province over these values."""
    try:
        message = qrsig.canonical(result_code, sha256, issued_at)
    except (ValueError, TypeError, AttributeError):
        return False
    return any(qrsig.verify(key, message, signature) for key in _qr_public_keys())


def qr_public_keys_pem() -> str:
    """The QR keys' public keys (SubjectPublicKeyInfo PEM), newest first; "" before the CA exists."""
    return "".join(
        key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()
        for key in _qr_public_keys()
    )


def _qr_public_keys() -> list[Ed25519PublicKey]:
    # A key that was replaced or expired still checks the codes it signed; a revoked one does not.
    certificates = _qr_certificates()
    keys = [parsed(c).public_key() for c in certificates]
    return [k for k in keys if isinstance(k, Ed25519PublicKey)]


def _qr_certificates() -> QuerySet[Certificate]:
    return (
        Certificate.objects.filter(kind=CertificateKind.QR)
        .exclude(status=CertificateStatus.REVOKED)
        .order_by("-created_at", "-pk")
    )


def root_certificate_pem() -> str:
    """The province's root certificate, to import into a PDF reader as trusted; "" if none."""
    root = active_authority(CertificateKind.ROOT)
    return root.certificate_pem if root else ""


def crl_der() -> bytes:
    """The current CRL of the issuing CA (DER), renewed first when close to its next update."""
    return bytes(fresh_crl().der)


def certificates_of(holder: Any) -> QuerySet[Certificate]:
    return Certificate.objects.filter(**holder_fields(holder)).order_by("-created_at", "-pk")


def current_certificate_of(holder: Any) -> Certificate | None:
    """The holder's active certificate, or None."""
    return certificates_of(holder).filter(status=CertificateStatus.ACTIVE).first()


def pending_requests() -> QuerySet[CertificateRequest]:
    return CertificateRequest.objects.filter(status=RequestStatus.PENDING).select_related(
        "agency", "official", "certificate", "requested_by"
    )


def requests_by(user: Any) -> QuerySet[CertificateRequest]:
    """The certificate requests a user made, newest first (their own page)."""
    return CertificateRequest.objects.filter(requested_by=user).order_by("-requested_at", "-pk")[:20]
