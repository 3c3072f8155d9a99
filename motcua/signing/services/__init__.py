"""Every write of the signing app, plus signing itself (``sign_pdf``, ``qr_signature``)."""

from motcua.signing.services.authority import (
    AuthorityReport,
    ensure_certificate_authority,
    fresh_crl,
    publish_crl,
)
from motcua.signing.services.certificates import (
    issue_certificate,
    renew_certificate,
    revoke_certificate,
    unlock_certificate,
)
from motcua.signing.services.keyuse import MAX_PIN_ATTEMPTS
from motcua.signing.services.qr import qr_signature
from motcua.signing.services.requests import (
    approve_request,
    reject_request,
    request_issue,
    request_renewal,
    request_revocation,
    request_unlock,
)
from motcua.signing.services.sign import sign_pdf

__all__ = [
    "MAX_PIN_ATTEMPTS",
    "AuthorityReport",
    "approve_request",
    "ensure_certificate_authority",
    "fresh_crl",
    "issue_certificate",
    "publish_crl",
    "qr_signature",
    "reject_request",
    "renew_certificate",
    "request_issue",
    "request_renewal",
    "request_revocation",
    "request_unlock",
    "revoke_certificate",
    "sign_pdf",
    "unlock_certificate",
]
