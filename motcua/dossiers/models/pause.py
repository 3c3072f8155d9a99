from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.dossiers.models.dossier import Dossier


class PauseKind(models.TextChoices):
    SUPPLEMENT = "supplement", _("waiting for a supplement")
    SUSPENSION = "suspension", _("suspended")


class DossierPause(models.Model):
    """A stretch of time the statutory clock did not run (domain.md §6)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="pauses")
    kind = models.CharField(_("kind"), max_length=12, choices=PauseKind.choices)
    reason = models.TextField(_("reason"))
    started_at = models.DateTimeField(_("started at"))
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)

    class Meta:
        ordering = ["dossier", "started_at"]
        verbose_name = _("pause")
        verbose_name_plural = _("pauses")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.started_at:%Y-%m-%d}"
