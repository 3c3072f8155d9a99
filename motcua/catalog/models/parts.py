from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.catalog.models.procedure import Procedure
from motcua.catalog.types import ComponentKind, FeeUnit, SourceDatabase


class Component(models.Model):
    """A dossier component (thành phần hồ sơ) the applicant must provide."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="components")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name = models.CharField(_("name"), max_length=1000)
    kind = models.CharField(
        _("kind"), max_length=20, choices=ComponentKind.choices, default=ComponentKind.ORIGINAL
    )
    count = models.PositiveSmallIntegerField(_("number of copies"), default=1)
    mandatory = models.BooleanField(_("mandatory"), default=True)
    reusable = models.BooleanField(_("may come from the personal data store"), default=False)
    source_database = models.CharField(
        _("held by a connected database"), max_length=20, blank=True, choices=SourceDatabase.choices
    )
    template = models.CharField(_("template file"), max_length=255, blank=True)
    form_schema = models.JSONField(_("e-form (JSON Schema)"), null=True, blank=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("component")
        verbose_name_plural = _("components")

    def __str__(self) -> str:
        return self.name


class Fee(models.Model):
    """A fee or charge (phí, lệ phí); no amount means the provincial council sets it."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="fees")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name = models.CharField(_("name"), max_length=500)
    amount = models.BigIntegerField(_("amount (VND)"), null=True, blank=True)
    unit = models.CharField(_("charged"), max_length=20, choices=FeeUnit.choices, default=FeeUnit.DOSSIER)
    group = models.CharField(
        _("choice group"),
        max_length=100,
        blank=True,
        help_text=_("Fees in the same group are alternatives; the applicant picks one."),
    )
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("fee")
        verbose_name_plural = _("fees")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gte=0) | models.Q(amount__isnull=True),
                name="fee_amount_not_negative",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Result(models.Model):
    """What the applicant receives (kết quả)."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="results")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name = models.CharField(_("name"), max_length=500)
    paper = models.BooleanField(_("on paper"), default=True)
    electronic = models.BooleanField(_("electronic"), default=False)
    validity = models.CharField(_("validity"), max_length=200, blank=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("result")
        verbose_name_plural = _("results")

    def __str__(self) -> str:
        return self.name
