"""Is this file the document on record? Same hash, or else what its signatures say."""

from __future__ import annotations

import hashlib
import hmac

from motcua.signing.types import DocumentCheck, Finding, Problem, Verification
from motcua.signing.validation import verify_pdf


def check_document(*, pdf: bytes, expected_sha256: str) -> DocumentCheck:
    """Compare ``pdf`` with the SHA-256 on record; when it differs, validate its signatures."""
    digest = hashlib.sha256(pdf).hexdigest()
    if expected_sha256 and hmac.compare_digest(digest, expected_sha256.strip().lower()):
        return DocumentCheck(finding=Finding.ISSUED, sha256=digest)
    verification = verify_pdf(pdf)
    return DocumentCheck(finding=finding_of(verification), sha256=digest, verification=verification)


def finding_of(verification: Verification) -> str:
    """The one thing to tell a citizen about a file that is not the one on record."""
    if verification.problem == Problem.UNREADABLE:
        return Finding.UNREADABLE
    if verification.problem == Problem.UNSIGNED:
        return Finding.UNSIGNED
    if not verification.intact:
        return Finding.ALTERED
    if verification.revoked:
        return Finding.REVOKED
    if not verification.trusted:
        return Finding.UNTRUSTED
    if not verification.valid:
        return Finding.APPENDED
    return Finding.SIGNED_OTHER
