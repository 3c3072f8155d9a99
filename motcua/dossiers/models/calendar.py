from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarDayKind(models.TextChoices):
    DAY_OFF = "day_off", _("day off (an extra holiday or a weekday swapped off)")
    WORKING_DAY = "working_day", _("working day (a make-up day on a weekend)")


class CalendarDay(models.Model):
    """A province's own change to the national working-day calendar.

    The national holidays come from the ``holidays`` package; the province adds what the
    package does not know (a local holiday, a swap announced this year) or corrects it.
    A row wins over the package for its date.
    """

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=CalendarDayKind.choices)
    name = models.CharField(
        _("name"),
        max_length=200,
        help_text=_("As shown to citizens, e.g. “Nghỉ bù”, “Làm bù cho ngày 02/01”."),
    )
    note = models.TextField(
        _("note"), blank=True, help_text=_("The decision that announced it, for example.")
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.name}"
