"""X.509 building blocks of the province's test PKI; pure (``cryptography`` only, no database).

Profiles (all SHA-256):

============  ============  ===============================================================
profile       key           extensions
============  ============  ===============================================================
root          EC P-256      CA, path length 1; keyCertSign, cRLSign
issuing CA    EC P-256      CA, path length 0; keyCertSign, cRLSign
TSA           RSA-2048      timeStamping (critical); pyHanko's bundled TSA signs RSA only
signer        EC P-256      digitalSignature, nonRepudiation; documentSigning and
                            emailProtection (NSS, hence ``pdfsig``, trusts a PDF signer
                            only with the latter); CRL distribution point
QR            Ed25519       digitalSignature (the compact signature of the QR codes)
============  ============  ===============================================================
"""

from __future__ import annotations

import enum
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from cryptography.hazmat.primitives.asymmetric.types import CertificateIssuerPrivateKeyTypes, PrivateKeyTypes
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID, ObjectIdentifier

DOCUMENT_SIGNING = ObjectIdentifier("1.3.6.1.5.5.7.3.36")  # id-kp-documentSigning (RFC 9336)
CLOCK_SKEW = timedelta(hours=1)  # certificates start an hour early: clocks of validators differ


class Profile(enum.Enum):
    ROOT = "root"
    ISSUING_CA = "issuing"
    TSA = "tsa"
    SIGNER = "signer"
    QR = "qr"


@dataclass(frozen=True)
class Subject:
    common_name: str
    organisation: str = ""
    province: str = ""
    title: str = ""

    def name(self) -> x509.Name:
        attributes = [x509.NameAttribute(NameOID.COUNTRY_NAME, "VN")]
        if self.province:
            attributes.append(x509.NameAttribute(NameOID.STATE_OR_PROVINCE_NAME, fit(self.province, 128)))
        if self.organisation:
            attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, fit(self.organisation, 64)))
        if self.title:
            attributes.append(x509.NameAttribute(NameOID.TITLE, fit(self.title, 64)))
        attributes.append(x509.NameAttribute(NameOID.COMMON_NAME, fit(self.common_name, 64)))
        return x509.Name(attributes)


def fit(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` UTF-8 bytes (X.509 name limits; Vietnamese letters take 2-3)."""
    text = " ".join(unicodedata.normalize("NFC", text).split())
    while len(text.encode("utf-8")) > limit:
        text = text[:-1]
    return text.rstrip()


@dataclass(frozen=True)
class Revoked:
    serial: int
    at: datetime
    reason: x509.ReasonFlags


def new_key(profile: Profile) -> PrivateKeyTypes:
    if profile is Profile.TSA:
        return rsa.generate_private_key(public_exponent=65537, key_size=2048)
    if profile is Profile.QR:
        return ed25519.Ed25519PrivateKey.generate()
    return ec.generate_private_key(ec.SECP256R1())


def build_certificate(
    *,
    profile: Profile,
    subject: Subject,
    key: PrivateKeyTypes,
    not_before: datetime,
    not_after: datetime,
    issuer: x509.Certificate | None = None,
    issuer_key: CertificateIssuerPrivateKeyTypes | None = None,
    crl_url: str = "",
) -> x509.Certificate:
    """A certificate for ``key``; self-signed (a root) when no issuer is given."""
    public_key = key.public_key()
    signing_key = issuer_key if issuer is not None else key
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject.name())
        .issuer_name(issuer.subject if issuer is not None else subject.name())
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before - CLOCK_SKEW)
        .not_valid_after(not_after)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
    )
    if issuer is not None:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.public_key()), critical=False
        )
    for extension, critical in _extensions(profile, crl_url):
        builder = builder.add_extension(extension, critical=critical)
    return builder.sign(signing_key, _digest(signing_key))


def _extensions(profile: Profile, crl_url: str) -> list[tuple[x509.ExtensionType, bool]]:
    if profile in (Profile.ROOT, Profile.ISSUING_CA):
        depth = 1 if profile is Profile.ROOT else 0
        return [(x509.BasicConstraints(ca=True, path_length=depth), True), (_usage(ca=True), True)]
    found: list[tuple[x509.ExtensionType, bool]] = [
        (x509.BasicConstraints(ca=False, path_length=None), True),
        (_usage(ca=False, non_repudiation=profile is not Profile.QR), True),
    ]
    if profile is Profile.TSA:
        found.append((x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), True))
    if profile is Profile.SIGNER:
        found.append((x509.ExtendedKeyUsage([DOCUMENT_SIGNING, ExtendedKeyUsageOID.EMAIL_PROTECTION]), False))
        if crl_url:
            point = x509.DistributionPoint(
                full_name=[x509.UniformResourceIdentifier(crl_url)],
                relative_name=None,
                reasons=None,
                crl_issuer=None,
            )
            found.append((x509.CRLDistributionPoints([point]), False))
    return found


def _usage(*, ca: bool, non_repudiation: bool = False) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=not ca,
        content_commitment=non_repudiation,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=ca,
        crl_sign=ca,
        encipher_only=False,
        decipher_only=False,
    )


def build_crl(
    *,
    issuer: x509.Certificate,
    issuer_key: CertificateIssuerPrivateKeyTypes,
    revoked: Iterable[Revoked],
    number: int,
    this_update: datetime,
    next_update: datetime,
) -> x509.CertificateRevocationList:
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(issuer.subject)
        .last_update(this_update - CLOCK_SKEW)
        .next_update(next_update)
        .add_extension(x509.CRLNumber(number), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.public_key()), critical=False
        )
    )
    for entry in revoked:
        revoked_certificate = (
            x509.RevokedCertificateBuilder()
            .serial_number(entry.serial)
            .revocation_date(entry.at)
            .add_extension(x509.CRLReason(entry.reason), critical=False)
            .build()
        )
        builder = builder.add_revoked_certificate(revoked_certificate)
    return builder.sign(issuer_key, _digest(issuer_key))


def serial_hex(certificate: x509.Certificate) -> str:
    return format(certificate.serial_number, "x")


def _digest(key: PrivateKeyTypes) -> hashes.HashAlgorithm | None:
    # Ed25519 signs without a separate digest; the CAs here are EC, so this is SHA-256.
    return None if isinstance(key, ed25519.Ed25519PrivateKey) else hashes.SHA256()
