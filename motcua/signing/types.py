"""Values and enumerations other apps and the edges may use."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from motcua.signing.models import (
    CertificateKind,
    CertificateStatus,
    RequestKind,
    RequestStatus,
    RevocationReason,
)

__all__ = [
    "CertificateKind",
    "CertificateStatus",
    "DocumentCheck",
    "Finding",
    "Problem",
    "RequestKind",
    "RequestStatus",
    "RevocationReason",
    "SignatureCheck",
    "Verification",
]


class Problem:
    """Why a file could not be checked at all (``Verification.problem``)."""

    NONE = ""
    UNREADABLE = "unreadable"  # not a PDF, or damaged beyond reading
    UNSIGNED = "unsigned"  # a PDF without any signature


@dataclass(frozen=True)
class SignatureCheck:
    """What the validator found about one signature of a PDF."""

    field_name: str
    signer_name: str
    signing_time: datetime | None  # as the signer's clock claimed
    timestamp: datetime | None  # from the timestamp authority's token
    intact: bool  # the signed bytes are unchanged
    trusted: bool  # the certificate chains to the province's root and is not revoked
    revoked: bool
    covers_whole_file: bool  # nothing was appended after this signature
    bottom_line: bool  # pyHanko's overall judgement of this signature

    @property
    def valid(self) -> bool:
        return self.intact and self.trusted and not self.revoked and self.bottom_line


@dataclass(frozen=True)
class Verification:
    """The result of ``verify_pdf``: the document's hash and each signature's check."""

    sha256: str
    signatures: tuple[SignatureCheck, ...] = ()
    problem: str = Problem.NONE

    @property
    def valid(self) -> bool:
        """Readable, signed, every signature valid, and the last one covers the whole file."""
        return (
            not self.problem
            and bool(self.signatures)
            and all(s.valid for s in self.signatures)
            and self.signatures[-1].covers_whole_file
        )

    @property
    def intact(self) -> bool:
        return bool(self.signatures) and all(s.intact for s in self.signatures)

    @property
    def trusted(self) -> bool:
        return bool(self.signatures) and all(s.trusted for s in self.signatures)

    @property
    def revoked(self) -> bool:
        return any(s.revoked for s in self.signatures)

    @property
    def signer_name(self) -> str:
        """The last signer: on a result, the agency whose seal covers the whole document."""
        return self.signatures[-1].signer_name if self.signatures else ""

    @property
    def signing_time(self) -> datetime | None:
        return self.signatures[-1].signing_time if self.signatures else None

    @property
    def timestamp(self) -> datetime | None:
        return self.signatures[-1].timestamp if self.signatures else None


class Finding:
    """What a file is, compared with a record (``DocumentCheck.finding``)."""

    ISSUED = "issued"  # the very file on record (same SHA-256)
    SIGNED_OTHER = "signed_other"  # validly signed by the province, but another document
    ALTERED = "altered"  # a signature no longer matches the content
    APPENDED = "appended"  # content was added after the last signature
    REVOKED = "revoked"  # signed with a certificate since revoked
    UNTRUSTED = "untrusted"  # not signed by the province's CA
    UNSIGNED = "unsigned"
    UNREADABLE = "unreadable"


@dataclass(frozen=True)
class DocumentCheck:
    """An uploaded file checked against a record's SHA-256, then its signatures if it differs."""

    finding: str
    sha256: str
    verification: Verification | None = None  # None when the hash matched (no need to validate)

    @property
    def is_issued_document(self) -> bool:
        return self.finding == Finding.ISSUED

    @property
    def is_validly_signed(self) -> bool:
        return self.finding in (Finding.ISSUED, Finding.SIGNED_OTHER)
