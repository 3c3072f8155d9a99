from django.db import models
from django.utils.translation import gettext_lazy as _


class RevocationList(models.Model):
    """A CRL signed by the issuing CA; the one with the highest number is current."""

    issuer = models.ForeignKey(
        "signing.Certificate", on_delete=models.PROTECT, related_name="+", verbose_name=_("issuer")
    )
    number = models.PositiveIntegerField(_("CRL number"), unique=True)
    this_update = models.DateTimeField(_("this update"))
    next_update = models.DateTimeField(_("next update"))
    revoked_count = models.PositiveIntegerField(_("revoked certificates"))
    der = models.BinaryField(_("CRL (DER)"))

    class Meta:
        ordering = ["-number"]
        verbose_name = _("certificate revocation list")
        verbose_name_plural = _("certificate revocation lists")

    def __str__(self) -> str:
        return f"CRL #{self.number}"
