"""Signing a result PDF: the official's personal signature, then the agency's seal.

With an official, two PAdES B-T signatures are applied in the order of paper practice:
the competent person signs, then the organisation's signature (the seal) covers the
whole document, their signature included. ``pin`` is then the official's: it unlocks
their key, and the agency's key is used on their authority (the platform holds it like
a remote-signing service), provided they work for that agency. Without an official,
``pin`` is the agency certificate's and only the seal is applied. Either way every
certificate used must be active, unexpired, unrevoked and unlocked.

Call it outside your own transaction (see ``keyuse``): a wrong PIN must stay counted.
"""

from __future__ import annotations

import hashlib
import io
from typing import Any

from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes
from django.utils import timezone
from pyhanko.pdf_utils.reader import PdfFileReader

from motcua.core import clock
from motcua.core.audit import record_audit
from motcua.signing import pades
from motcua.signing.authority import load_chain, parsed
from motcua.signing.errors import InvalidPdf, NotOfAgency
from motcua.signing.holders import holder_name
from motcua.signing.models import Certificate
from motcua.signing.services.keyuse import current_certificate, open_signing_key

AGENCY_FIELD, OFFICIAL_FIELD = "ChuKyCoQuan", "ChuKyCaNhan"
AGENCY_STAMP = "Ký số bởi: %(name)s\nThời gian ký: %(at)s\nLý do: %(reason)s\nNơi ký: %(location)s"
OFFICIAL_STAMP = "Người ký: %(name)s\nChức vụ: %(position)s\nThời gian ký: %(at)s"
TEXT_MAX = 80


def sign_pdf(
    *,
    pdf: bytes,
    agency: Any,
    official: Any = None,
    pin: str,
    reason: str,
    location: str,
    by: Any = None,
) -> bytes:
    """``pdf`` signed PAdES B-T by ``agency``, first by ``official`` when given (see module doc)."""
    taken = _field_names(pdf)
    agency_certificate = current_certificate(agency)
    chain = load_chain()
    actor = by if by is not None else getattr(official, "user", None)
    texts = {"at": _now_text(), "reason": _short(reason), "location": _short(location)}
    signed = pdf
    if official is None:
        agency_key = open_signing_key(certificate=agency_certificate, pin=pin, by=actor)
    else:
        _check_works_for(official, agency)
        official_certificate = current_certificate(official)
        agency_key = open_signing_key(certificate=agency_certificate, pin=None, by=actor)
        official_key = open_signing_key(certificate=official_certificate, pin=pin, by=actor)
        params = texts | {"position": _short(official.position) or "—"}
        personal = _signature(official_certificate, official_key, OFFICIAL_FIELD, taken, params, slot=1)
        signed = pades.apply_signature(signed, personal, chain=chain)
    seal = _signature(agency_certificate, agency_key, AGENCY_FIELD, taken, texts, slot=0)
    signed = pades.apply_signature(signed, seal, chain=chain)
    _audit(actor, agency_certificate, pdf, signed, official)
    return signed


def _signature(
    certificate: Certificate,
    key: PrivateKeyTypes,
    field: str,
    taken: set[str],
    params: dict[str, str],
    *,
    slot: int,
) -> pades.Signature:
    return pades.Signature(
        certificate=parsed(certificate),
        key=key,
        field_name=_free_name(field, taken),
        slot=slot,
        stamp_text=AGENCY_STAMP if field == AGENCY_FIELD else OFFICIAL_STAMP,
        stamp_params={"name": certificate.subject_cn, **params},
        reason=params["reason"],
        location=params["location"],
    )


def _field_names(pdf: bytes) -> set[str]:
    """The signature fields already in ``pdf``; refuses what pyHanko cannot sign."""
    if not isinstance(pdf, bytes | bytearray) or b"%PDF-" not in pdf[:1024]:
        raise InvalidPdf(reason="not a PDF file")
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        if reader.encrypted:
            raise InvalidPdf(reason="encrypted")
        return {str(s.field_name) for s in reader.embedded_signatures}
    except InvalidPdf:
        raise
    except Exception as error:  # a damaged file fails in many ways inside the parser
        raise InvalidPdf(reason=type(error).__name__) from None


def _free_name(name: str, taken: set[str]) -> str:
    candidate, n = name, 1
    while candidate in taken:
        n += 1
        candidate = f"{name}{n}"
    taken.add(candidate)
    return candidate


def _check_works_for(official: Any, agency: Any) -> None:
    if official.agency_id == agency.pk or official.roles.filter(agency_id=agency.pk).exists():
        return
    raise NotOfAgency(official=holder_name(official), agency=holder_name(agency))


def _now_text() -> str:
    return timezone.localtime(clock.now()).strftime("%H:%M:%S ngày %d/%m/%Y")


def _short(text: str) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= TEXT_MAX else text[: TEXT_MAX - 1] + "…"


def _audit(actor: Any, certificate: Certificate, before: bytes, after: bytes, official: Any) -> None:
    record_audit(
        actor=actor,
        action="signing.pdf_signed",
        object_type="certificate",
        object_id=certificate.pk,
        scope=certificate.agency_id or "",
        data={
            "serial": certificate.serial,
            "official": getattr(official, "pk", None),
            "sha256_before": hashlib.sha256(before).hexdigest(),
            "sha256": hashlib.sha256(after).hexdigest(),
        },
    )
