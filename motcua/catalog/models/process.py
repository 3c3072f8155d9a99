from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.catalog.models.procedure import Procedure
from motcua.catalog.types import StepKind, StepRole


class ProcessTemplate(models.Model):
    """The internal electronic process (quy trình nội bộ) of a procedure.

    The template without an agency is the default; an agency may have its own variant.
    """

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="processes")
    agency = models.ForeignKey(
        "agencies.Agency",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="process_templates",
        verbose_name=_("agency variant"),
    )
    name = models.CharField(_("name"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("process template")
        verbose_name_plural = _("process templates")
        constraints = [
            models.UniqueConstraint(fields=["procedure", "agency"], name="unique_process_per_agency"),
            models.UniqueConstraint(
                fields=["procedure"], condition=models.Q(agency__isnull=True), name="unique_default_process"
            ),
        ]

    def __str__(self) -> str:
        return self.name or str(_("Internal process"))


class ProcessStep(models.Model):
    template = models.ForeignKey(ProcessTemplate, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=StepKind.choices)
    role = models.CharField(_("role that acts"), max_length=20, choices=StepRole.choices)
    agency_kind = models.CharField(_("agency kind it moves to"), max_length=30, blank=True)
    days = models.DecimalField(_("budget (working days)"), max_digits=5, decimal_places=2)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("process step")
        verbose_name_plural = _("process steps")
        constraints = [models.CheckConstraint(condition=models.Q(days__gte=0), name="step_days_not_negative")]

    def __str__(self) -> str:
        return self.name
