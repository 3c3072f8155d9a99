"""The timeline: what happened to a dossier, and who read its personal data. Append-only."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.dossiers.models.dossier import Dossier


class AppendOnly(models.Model):
    """Rows are written once: history that could be edited proves nothing."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None and not self._state.adding:
            raise TypeError(f"{type(self).__name__} rows are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs) -> None:
        raise TypeError(f"{type(self).__name__} rows are append-only")


class ActorKind(models.TextChoices):
    OFFICIAL = "official", _("official")
    APPLICANT = "applicant", _("applicant")
    SYSTEM = "system", _("system")


class DossierEvent(AppendOnly):
    """One thing that happened: the basis of the control sheet, national sync and indicators."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="events")
    seq = models.PositiveIntegerField(_("number"))
    at = models.DateTimeField(_("at"))
    action = models.CharField(_("action"), max_length=30)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_name = models.CharField(_("by"), max_length=200)
    actor_kind = models.CharField(_("actor kind"), max_length=10, choices=ActorKind.choices)
    from_status = models.CharField(_("from status"), max_length=30, blank=True)
    to_status = models.CharField(_("to status"), max_length=30)
    step_position = models.PositiveSmallIntegerField(_("step"), null=True, blank=True)
    step_name = models.CharField(_("step name"), max_length=200, blank=True)
    from_agency = models.ForeignKey(
        "agencies.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    to_agency = models.ForeignKey(
        "agencies.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    deadline_status = models.CharField(
        _("against the step's deadline"),
        max_length=10,
        blank=True,
        help_text=_("early / on_time / late for a finished step (the control sheet's result column)."),
    )
    note = models.TextField(_("note"), blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        ordering = ["dossier", "seq"]
        verbose_name = _("dossier event")
        verbose_name_plural = _("dossier events")
        constraints = [models.UniqueConstraint(fields=["dossier", "seq"], name="dossier_event_seq_uniq")]
        indexes = [models.Index(fields=["at", "action"], name="dossier_event_at_idx")]

    def __str__(self) -> str:
        return f"{self.dossier_id}#{self.seq} {self.action}"


class PersonalDataAccess(AppendOnly):
    """An official read a dossier's personal data (Decree 356/2025: log every access)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="accesses")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    user_name = models.CharField(_("official"), max_length=200)
    at = models.DateTimeField(_("at"))
    purpose = models.CharField(_("how"), max_length=30)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("personal data access")
        verbose_name_plural = _("personal data accesses")
        indexes = [
            models.Index(fields=["dossier", "at"], name="data_access_dossier_idx"),
            models.Index(fields=["user", "at"], name="data_access_user_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.user_name} {self.at:%Y-%m-%d %H:%M}"
