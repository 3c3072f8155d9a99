from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class CertificateKind(models.TextChoices):
    ROOT = "root", _("root CA")
    ISSUING = "issuing", _("issuing CA")
    TSA = "tsa", _("timestamp authority")
    QR = "qr", _("QR code signing key")
    AGENCY = "agency", _("agency (organisation) certificate")
    OFFICIAL = "official", _("official's (personal) certificate")


END_ENTITY_KINDS = (CertificateKind.AGENCY, CertificateKind.OFFICIAL)
AUTHORITY_KINDS = (CertificateKind.ROOT, CertificateKind.ISSUING, CertificateKind.TSA, CertificateKind.QR)


class CertificateStatus(models.TextChoices):
    ACTIVE = "active", _("active")
    SUPERSEDED = "superseded", _("superseded (renewed)")
    EXPIRED = "expired", _("expired")
    REVOKED = "revoked", _("revoked")


class RevocationReason(models.TextChoices):
    """RFC 5280 CRL reason codes that make sense for this province."""

    UNSPECIFIED = "unspecified", _("unspecified")
    KEY_COMPROMISE = "key_compromise", _("key compromised (token lost or PIN disclosed)")
    AFFILIATION_CHANGED = "affiliation_changed", _("holder changed agency or position")
    SUPERSEDED = "superseded", _("replaced by a new certificate")
    CESSATION_OF_OPERATION = "cessation_of_operation", _("agency dissolved or merged")


class Certificate(models.Model):
    """An X.509 certificate of the province's test CA, with its private key sealed at rest.

    End-entity certificates belong to exactly one holder, an agency (its organisation
    signature, the "seal") or an official (a personal signature). The key is sealed with
    a key derived from the server's secret (``keystore``); the PIN, kept as a password
    hash, guards its use like a USB token's PIN: five wrong PINs lock it.
    """

    kind = models.CharField(_("kind"), max_length=10, choices=CertificateKind.choices)
    agency = models.ForeignKey(
        "agencies.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="signing_certificates",
        verbose_name=_("agency"),
    )
    official = models.ForeignKey(
        "agencies.Official",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="signing_certificates",
        verbose_name=_("official"),
    )
    issuer = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("issuer")
    )
    subject_cn = models.CharField(_("subject (common name)"), max_length=200)
    serial = models.CharField(_("serial number (hex)"), max_length=40, unique=True)
    not_before = models.DateTimeField(_("valid from"))
    not_after = models.DateTimeField(_("valid until"))
    status = models.CharField(
        _("status"), max_length=12, choices=CertificateStatus.choices, default=CertificateStatus.ACTIVE
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revocation_reason = models.CharField(
        _("revocation reason"), max_length=30, choices=RevocationReason.choices, blank=True
    )
    certificate_pem = models.TextField(_("certificate (PEM)"))
    sealed_key = models.TextField(_("private key (encrypted PEM)"), editable=False)
    pin_hash = models.CharField(_("PIN (hash)"), max_length=128, blank=True, editable=False)
    failed_pin_attempts = models.PositiveSmallIntegerField(_("failed PIN attempts"), default=0)
    is_locked = models.BooleanField(_("locked"), default=False)
    created_at = models.DateTimeField(_("created at"))

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.CheckConstraint(
                name="certificate_one_holder",
                condition=(
                    Q(kind=CertificateKind.AGENCY, agency__isnull=False, official__isnull=True)
                    | Q(kind=CertificateKind.OFFICIAL, agency__isnull=True, official__isnull=False)
                    | Q(kind__in=AUTHORITY_KINDS, agency__isnull=True, official__isnull=True)
                ),
            ),
            models.UniqueConstraint(
                fields=["agency"],
                condition=Q(status=CertificateStatus.ACTIVE, kind=CertificateKind.AGENCY),
                name="certificate_one_active_per_agency",
            ),
            models.UniqueConstraint(
                fields=["official"],
                condition=Q(status=CertificateStatus.ACTIVE, kind=CertificateKind.OFFICIAL),
                name="certificate_one_active_per_official",
            ),
            models.UniqueConstraint(
                fields=["kind"],
                condition=Q(status=CertificateStatus.ACTIVE, kind__in=AUTHORITY_KINDS),
                name="certificate_one_active_authority",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject_cn} ({self.serial[:8]})"

    @property
    def holder(self) -> object | None:
        return self.agency or self.official
