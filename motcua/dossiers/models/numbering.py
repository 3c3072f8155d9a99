from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.dossiers.codes import MAX_LENGTH as MAX_DOSSIER_CODE_LENGTH


class CodeCounter(models.Model):
    """The last dossier number a receiving agency handed out on a day of receipt.

    Only ``motcua.dossiers.services.numbering`` writes it, under a row lock inside the
    receiving transaction; the numbers 1 … ``last`` of the day have all been issued.
    """

    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="code_counters",
        verbose_name=_("receiving agency"),
    )
    day = models.DateField(_("day of receipt"))
    last = models.PositiveIntegerField(_("last number issued"), default=0)

    class Meta:
        verbose_name = _("dossier code counter")
        verbose_name_plural = _("dossier code counters")
        constraints = [
            models.UniqueConstraint(fields=["agency", "day"], name="code_counter_agency_day_uniq"),
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.day.isoformat()}: {self.last}"


class VoidedCode(models.Model):
    """An issued dossier code that will never carry a dossier, and why (never reissued)."""

    code = models.CharField(_("dossier code"), max_length=MAX_DOSSIER_CODE_LENGTH, unique=True)
    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="voided_codes",
        verbose_name=_("receiving agency"),
    )
    day = models.DateField(_("day of receipt"))
    sequence = models.PositiveIntegerField(_("number"))
    reason = models.TextField(_("reason"))
    voided_at = models.DateTimeField(_("voided at"))
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("voided by"),
        help_text=_("Empty when the system voided it."),
    )

    class Meta:
        ordering = ["agency", "day", "sequence"]
        verbose_name = _("voided dossier code")
        verbose_name_plural = _("voided dossier codes")
        constraints = [
            # Also the index behind the daily gap report.
            models.UniqueConstraint(
                fields=["agency", "day", "sequence"], name="voided_code_agency_day_seq_uniq"
            ),
            models.CheckConstraint(condition=models.Q(sequence__gte=1), name="voided_code_sequence_positive"),
            models.CheckConstraint(condition=~models.Q(reason=""), name="voided_code_reason_required"),
        ]

    def __str__(self) -> str:
        return self.code
