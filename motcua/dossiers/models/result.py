import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.dossiers.models.dossier import Dossier


class ResultState(models.TextChoices):
    VALID = "valid", _("valid")
    REVOKED = "revoked", _("revoked")
    REPLACED = "replaced", _("replaced")


def new_verification_token() -> str:
    return secrets.token_urlsafe(16)


class DossierResult(models.Model):
    """An electronic result, ``<dossier code>-KQ<n>``, as issued to the applicant."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="results")
    number = models.PositiveSmallIntegerField(_("number"))
    code = models.CharField(_("result code"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=500)
    file = models.FileField(_("file"), upload_to="results/%Y/%m/", blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    issued_at = models.DateTimeField(_("issued at"))
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)
    signer_name = models.CharField(_("signed by"), max_length=200, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=ResultState.choices, default=ResultState.VALID
    )
    verification_token = models.CharField(
        _("verification token"), max_length=40, unique=True, default=new_verification_token, editable=False
    )

    class Meta:
        ordering = ["dossier", "number"]
        verbose_name = _("electronic result")
        verbose_name_plural = _("electronic results")
        constraints = [
            models.UniqueConstraint(fields=["dossier", "number"], name="dossier_result_number_uniq")
        ]

    def __str__(self) -> str:
        return self.code
