"""Validating the signatures of a PDF against the province's root, offline (pyHanko)."""

from __future__ import annotations

import hashlib
import io
import logging
from typing import Any

from asn1crypto import crl as asn1_crl
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives.serialization import Encoding
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import PdfSignatureStatus, SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from motcua.core.errors import MotcuaError
from motcua.signing.authority import active_authority, parsed
from motcua.signing.models import CertificateKind
from motcua.signing.services.authority import fresh_crl
from motcua.signing.types import Problem, SignatureCheck, Verification

logger = logging.getLogger(__name__)


def verify_pdf(pdf: bytes) -> Verification:
    """Check every signature of ``pdf``; never raises, whatever the bytes (see ``Verification``)."""
    if not isinstance(pdf, bytes | bytearray):
        return Verification(sha256="", problem=Problem.UNREADABLE)
    digest = hashlib.sha256(pdf).hexdigest()
    try:
        embedded = list(PdfFileReader(io.BytesIO(bytes(pdf)), strict=False).embedded_signatures)
    except Exception:  # the parser fails in many ways on damaged or hostile input
        return Verification(sha256=digest, problem=Problem.UNREADABLE)
    if not embedded:
        return Verification(sha256=digest, problem=Problem.UNSIGNED)
    context = validation_context()
    return Verification(sha256=digest, signatures=tuple(_check(s, context) for s in embedded))


def validation_context() -> ValidationContext:
    """Trust the province's root only, with its current CRL; never fetch anything."""
    root = active_authority(CertificateKind.ROOT)
    roots = [asn1_x509.Certificate.load(parsed(root).public_bytes(Encoding.DER))] if root else []
    try:
        crls = [asn1_crl.CertificateList.load(bytes(fresh_crl().der))]
    except MotcuaError:  # no CA yet: nothing is trusted
        crls = []
    return ValidationContext(trust_roots=roots, crls=crls, allow_fetching=False)


def _check(embedded: Any, context: ValidationContext) -> SignatureCheck:
    name = str(getattr(embedded, "field_name", "") or "")
    try:
        status = validate_pdf_signature(embedded, context)
    except Exception as error:  # a malformed signature dictionary or CMS blob
        logger.info("signature %s could not be validated: %s", name, error)
        return SignatureCheck(name, _signer_name(embedded), None, None, False, False, False, False, False)
    timestamp = status.timestamp_validity.timestamp if status.timestamp_validity else None
    return SignatureCheck(
        field_name=name,
        signer_name=_common_name(status),
        signing_time=status.signer_reported_dt,
        timestamp=timestamp,
        intact=bool(status.intact and status.valid),
        trusted=bool(status.trusted),
        revoked=bool(status.revoked),
        covers_whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
        bottom_line=bool(status.bottom_line),
    )


def _common_name(status: PdfSignatureStatus) -> str:
    try:
        return str(status.signing_cert.subject.native.get("common_name", ""))
    except Exception:
        return ""


def _signer_name(embedded: Any) -> str:
    try:
        return str(embedded.signer_cert.subject.native.get("common_name", ""))
    except Exception:
        return ""
