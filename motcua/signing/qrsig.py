"""The compact signature printed in a result's QR code, checkable offline; pure.

Format ``motcua-qr-sig/1`` (documented in ``docs/subsystems/signing.md``): Ed25519 over
the UTF-8 bytes of four lines joined by ``\\n`` (no trailing newline)::

    motcua-qr-sig/1
    <result code, NFC, surrounding spaces removed>
    <SHA-256 of the document, 64 lowercase hex digits, or empty>
    <issue time in UTC, YYYY-MM-DDTHH:MM:SSZ>

The signature is the 64-byte Ed25519 signature in unpadded base64url: 86 characters.
"""

from __future__ import annotations

import base64
import binascii
import re
import unicodedata
from datetime import UTC, datetime

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

FORMAT = "motcua-qr-sig/1"
_SHA256 = re.compile(r"[0-9a-f]{64}")
_SIGNATURE = re.compile(r"[A-Za-z0-9_-]{86}")


def canonical(result_code: str, sha256: str, issued_at: datetime) -> bytes:
    """The exact bytes that are signed."""
    digest = (sha256 or "").strip().lower()
    if digest and not _SHA256.fullmatch(digest):
        raise ValueError("sha256 must be 64 hexadecimal digits or empty")
    if issued_at.tzinfo is None:
        raise ValueError("issued_at must be an aware datetime")
    code = unicodedata.normalize("NFC", result_code).strip()
    when = issued_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return "\n".join((FORMAT, code, digest, when)).encode("utf-8")


def sign(key: Ed25519PrivateKey, message: bytes) -> str:
    return base64.urlsafe_b64encode(key.sign(message)).rstrip(b"=").decode("ascii")


def verify(public_key: Ed25519PublicKey, message: bytes, signature: str) -> bool:
    if not isinstance(signature, str) or not _SIGNATURE.fullmatch(signature):
        return False
    try:
        raw = base64.urlsafe_b64decode(signature + "==")
    except (binascii.Error, ValueError):
        return False
    try:
        public_key.verify(raw, message)
    except InvalidSignature:
        return False
    return True
