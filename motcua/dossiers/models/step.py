from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.dossiers.models.dossier import Dossier, Outcome


class DossierStep(models.Model):
    """One step of the internal process, copied from the procedure's template at receipt.

    The current step is the first without ``finished_at``. Each hand-over is also an event
    (the control sheet's rows); this row holds the step's deadline and where it stands.
    """

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField(_("position"))
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20)
    role = models.CharField(_("role that acts"), max_length=20)
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("agency")
    )
    budget_days = models.DecimalField(_("budget (working days)"), max_digits=5, decimal_places=2)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("assigned to"),
    )
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, blank=True)

    class Meta:
        ordering = ["dossier", "position"]
        verbose_name = _("dossier step")
        verbose_name_plural = _("dossier steps")
        constraints = [
            models.UniqueConstraint(fields=["dossier", "position"], name="dossier_step_position_uniq")
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.name}"
