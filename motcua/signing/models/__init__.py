from motcua.signing.models.certificate import (
    END_ENTITY_KINDS,
    Certificate,
    CertificateKind,
    CertificateStatus,
    RevocationReason,
)
from motcua.signing.models.crl import RevocationList
from motcua.signing.models.request import CertificateRequest, RequestKind, RequestStatus

__all__ = [
    "END_ENTITY_KINDS",
    "Certificate",
    "CertificateKind",
    "CertificateRequest",
    "CertificateStatus",
    "RequestKind",
    "RequestStatus",
    "RevocationList",
    "RevocationReason",
]
