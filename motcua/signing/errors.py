"""Errors of the signing app, with stable codes (integrators match on them)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from motcua.core.errors import Conflict, InvalidInput, MotcuaError, PermissionDenied

__all__ = [
    "AuthorityMissing",
    "CertificateExists",
    "CertificateExpired",
    "CertificateLocked",
    "CertificateNotUsable",
    "CertificateRevoked",
    "InvalidPdf",
    "InvalidPin",
    "NoCertificate",
    "NotOfAgency",
    "RequestHandled",
    "RequestInvalid",
    "UnknownReason",
    "WrongPin",
]


class AuthorityMissing(MotcuaError):
    code = "signing.authority_missing"
    status = 503
    default_message = _(
        "The province's certificate authority has not been created yet: run manage.py init_signing."
    )


class NoCertificate(Conflict):
    code = "signing.no_certificate"
    default_message = _("%(holder)s has no active signing certificate. Ask the administrator to issue one.")


class CertificateExpired(Conflict):
    code = "signing.certificate_expired"
    default_message = _(
        "The signing certificate of %(holder)s expired on %(date)s and cannot sign. "
        "Ask the administrator to renew it."
    )


class CertificateRevoked(Conflict):
    code = "signing.certificate_revoked"
    default_message = _(
        "The signing certificate of %(holder)s was revoked on %(date)s and cannot sign. "
        "Ask the administrator to issue a new one."
    )


class CertificateLocked(Conflict):
    code = "signing.certificate_locked"
    status = 423
    default_message = _(
        "The signing certificate of %(holder)s is locked after too many wrong PINs. "
        "Ask the administrator to unlock it."
    )


class CertificateNotUsable(Conflict):
    code = "signing.certificate_not_usable"
    default_message = _("This certificate is %(status)s: this cannot be done with it.")


class WrongPin(PermissionDenied):
    code = "signing.wrong_pin"

    def __init__(self, *, attempts_left: int) -> None:
        super().__init__(attempts_left=attempts_left)

    @property
    def detail(self) -> str:
        left = self.params["attempts_left"]
        return ngettext(
            "Wrong PIN. %(left)d attempt left before the certificate is locked.",
            "Wrong PIN. %(left)d attempts left before the certificate is locked.",
            left,
        ) % {"left": left}


class InvalidPin(InvalidInput):
    code = "signing.invalid_pin"
    default_message = _("A PIN has %(min)d to %(max)d characters.")


class CertificateExists(Conflict):
    code = "signing.certificate_exists"
    default_message = _("%(holder)s already has an active certificate: renew or revoke it instead.")


class NotOfAgency(PermissionDenied):
    code = "signing.not_of_agency"
    default_message = _("%(official)s does not work for %(agency)s and cannot sign on its behalf.")


class UnknownReason(InvalidInput):
    code = "signing.unknown_reason"
    default_message = _("“%(value)s” is not a revocation reason.")


class InvalidPdf(InvalidInput):
    code = "signing.invalid_pdf"
    default_message = _("The document is not a PDF that can be signed (%(reason)s).")


class RequestHandled(Conflict):
    code = "signing.request_handled"
    default_message = _("This request was already %(status)s.")


class RequestInvalid(InvalidInput):
    code = "signing.request_invalid"
    default_message = _("This request cannot be made: %(reason)s.")
