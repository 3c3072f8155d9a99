from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class RequestKind(models.TextChoices):
    ISSUE = "issue", _("issue a certificate")
    RENEW = "renew", _("renew a certificate")
    REVOKE = "revoke", _("revoke a certificate")
    UNLOCK = "unlock", _("unlock a certificate")


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("pending")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")


class CertificateRequest(models.Model):
    """A request about a certificate, handled by an administrator (approve or reject).

    An issue request names the holder; the others name the certificate. A new PIN, when
    the request sets one (issue, renew, unlock), is chosen by the requester and kept
    only as a hash.
    """

    kind = models.CharField(_("kind"), max_length=10, choices=RequestKind.choices)
    agency = models.ForeignKey(
        "agencies.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("agency"),
    )
    official = models.ForeignKey(
        "agencies.Official",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("official"),
    )
    certificate = models.ForeignKey(
        "signing.Certificate",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="requests",
        verbose_name=_("certificate"),
    )
    pin_hash = models.CharField(_("new PIN (hash)"), max_length=128, blank=True, editable=False)
    revocation_reason = models.CharField(_("revocation reason"), max_length=30, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested at"))
    note = models.TextField(_("note"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("handled by"),
    )
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    handling_note = models.TextField(_("handling note"), blank=True)
    issued = models.ForeignKey(
        "signing.Certificate",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("certificate issued"),
    )

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("certificate request")
        verbose_name_plural = _("certificate requests")
        constraints = [
            models.CheckConstraint(
                name="certificate_request_target",
                condition=(
                    Q(kind=RequestKind.ISSUE, certificate__isnull=True)
                    & (
                        Q(agency__isnull=False, official__isnull=True)
                        | Q(agency__isnull=True, official__isnull=False)
                    )
                )
                | (~Q(kind=RequestKind.ISSUE) & Q(certificate__isnull=False)),
            ),
        ]
        indexes = [models.Index(fields=["status", "requested_at"], name="cert_request_status_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.agency or self.official or self.certificate}"
