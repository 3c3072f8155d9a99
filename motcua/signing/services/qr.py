"""Signing the QR code's payload with the province's QR key."""

from __future__ import annotations

from datetime import datetime

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from motcua.signing import qrsig
from motcua.signing.authority import private_key, require_authority
from motcua.signing.models import CertificateKind


def qr_signature(result_code: str, sha256: str, issued_at: datetime) -> str:
    """86 characters of base64url: Ed25519 over the canonical string (format ``motcua-qr-sig/1``).

    ``sha256`` may be empty: a QR printed inside the document it describes cannot hold
    that document's own hash. See ``docs/subsystems/signing.md``.
    """
    key = private_key(require_authority(CertificateKind.QR))
    assert isinstance(key, Ed25519PrivateKey)
    return qrsig.sign(key, qrsig.canonical(result_code, sha256, issued_at))
