"""Reading the province's CA from the database: active certificates, parsed, with their keys."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes
from django.conf import settings

from motcua.agencies import selectors as agency_selectors
from motcua.core.errors import NotFound
from motcua.signing import keystore
from motcua.signing.errors import AuthorityMissing
from motcua.signing.models import Certificate, CertificateKind, CertificateStatus

CRL_PATH = "/xac-thuc/crl/"


@dataclass(frozen=True)
class Chain:
    """What a signature needs besides the signer: the CA certificates and the TSA's key."""

    root: x509.Certificate
    issuing: x509.Certificate
    tsa: x509.Certificate
    tsa_key: PrivateKeyTypes


def active_authority(kind: CertificateKind) -> Certificate | None:
    return Certificate.objects.filter(kind=kind, status=CertificateStatus.ACTIVE).first()


def require_authority(kind: CertificateKind) -> Certificate:
    found = active_authority(kind)
    if found is None:
        raise AuthorityMissing
    return found


def load_chain() -> Chain:
    kinds = (CertificateKind.ROOT, CertificateKind.ISSUING, CertificateKind.TSA)
    root, issuing, tsa = (require_authority(kind) for kind in kinds)
    return Chain(root=parsed(root), issuing=parsed(issuing), tsa=parsed(tsa), tsa_key=private_key(tsa))


def parsed(certificate: Certificate) -> x509.Certificate:
    return _parse(certificate.certificate_pem)


@lru_cache(maxsize=256)
def _parse(pem: str) -> x509.Certificate:
    return x509.load_pem_x509_certificate(pem.encode("ascii"))


def private_key(certificate: Certificate) -> PrivateKeyTypes:
    return keystore.open_private_key(certificate.sealed_key, serial=certificate.serial)


def province_name() -> str:
    """The province as written in a sentence ("tỉnh Cao Bằng"), or its code before data loads."""
    code = settings.MOTCUA_PROVINCE_CODE
    try:
        return agency_selectors.get_province(code=code).name_in_text
    except NotFound:
        return f"tỉnh {code}"


def crl_url() -> str:
    """Where the CRL is published; written into every signer certificate."""
    return str(getattr(settings, "PUBLIC_BASE_URL", "http://127.0.0.1:8000")).rstrip("/") + CRL_PATH
