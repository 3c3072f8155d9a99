"""Rollups the dashboards read instead of the dossiers, and what keeps them exact.

``DossierFact`` is what each dossier last contributed (a projection of the dossier: its
agency, dates and flags). When events touch a dossier, its fact is recomputed from the
dossier and the difference of the two contributions is added to ``DailyRollup`` and
``OpenRollup``: the rollups always equal the sum of the facts, processing a dossier twice
changes nothing, and a rebuild is the same arithmetic over every dossier.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

# Counted per (day, agency, unit, procedure, channel); see reporting.indicators.Counts.
DAILY_COUNTS = (
    "received",
    "received_online",
    "received_full_eligible",
    "received_full_online",
    "digitised",
    "from_store",
    "from_population",
    "reused",
    "with_fees",
    "paid_online",
    "supplement_requested",
    "multi_supplement",
    "extended",
    "finished",
    "finished_on_time",
    "finished_late",
    "withdrawn",
    "refused",
    "stopped",
    "processed",
    "e_results",
    "rated",
    "rated_very",
    "rated_satisfied",
    "rated_unsatisfied",
    "satisfaction_bad",
)


class Dimensions(models.Model):
    """Where a count belongs: the competent agency (and its unit), the procedure, the channel."""

    agency_id = models.IntegerField(_("competent agency"))
    unit_id = models.IntegerField(_("administrative unit of the agency"))
    procedure_id = models.IntegerField(_("procedure"))
    channel = models.CharField(_("channel"), max_length=10)
    online_level = models.CharField(_("online level of the procedure"), max_length=10, blank=True)

    class Meta:
        abstract = True


class DailyRollup(Dimensions):
    """Counts of one day: receipt-day counts and end-day counts (see DAILY_COUNTS)."""

    day = models.DateField(_("day"))

    class Meta:
        verbose_name = _("daily rollup")
        verbose_name_plural = _("daily rollups")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "agency_id", "procedure_id", "channel", "unit_id", "online_level"],
                name="rollup_daily_key",
            )
        ]
        indexes = [
            models.Index(fields=["unit_id", "day"], name="rollup_daily_unit_idx"),
            models.Index(fields=["agency_id", "day"], name="rollup_daily_agency_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.day} · {self.agency_id} · {self.procedure_id} · {self.channel}"


class MonthlyRollup(Dimensions):
    """The daily counts summed by month: what the dashboards read for the whole months of a period.

    Kept with the same differences as ``DailyRollup`` (so always its sum by month); a
    year of the province is then a few thousand rows to add instead of a few hundred
    thousand.
    """

    month = models.DateField(_("month"), help_text=_("The first day of the month."))

    class Meta:
        verbose_name = _("monthly rollup")
        verbose_name_plural = _("monthly rollups")
        constraints = [
            models.UniqueConstraint(
                fields=["month", "agency_id", "procedure_id", "channel", "unit_id", "online_level"],
                name="rollup_monthly_key",
            )
        ]
        indexes = [
            models.Index(fields=["unit_id", "month"], name="rollup_monthly_unit_idx"),
            models.Index(fields=["agency_id", "month"], name="rollup_monthly_agency_idx"),
            # Which procedures a scope used in a period, read from this index alone
            # (PostgreSQL: an index-only scan) instead of the wide rows.
            models.Index(
                fields=["month", "unit_id", "agency_id", "procedure_id", "channel", "online_level"],
                condition=models.Q(received__gt=0),
                name="rollup_monthly_used_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} · {self.agency_id} · {self.procedure_id} · {self.channel}"


class MonthlyAgencyRollup(models.Model):
    """The month rows without the procedure: what a dashboard not filtered by procedure adds up.

    A tenth of ``MonthlyRollup``'s rows (a province's year: about 4,000 instead of 40,000),
    kept with the same differences.
    """

    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    agency_id = models.IntegerField(_("competent agency"))
    unit_id = models.IntegerField(_("administrative unit of the agency"))
    channel = models.CharField(_("channel"), max_length=10)
    online_level = models.CharField(_("online level of the procedure"), max_length=10, blank=True)

    class Meta:
        verbose_name = _("monthly rollup by agency")
        verbose_name_plural = _("monthly rollups by agency")
        constraints = [
            models.UniqueConstraint(
                fields=["month", "agency_id", "channel", "unit_id", "online_level"],
                name="rollup_agency_month_key",
            )
        ]
        indexes = [
            models.Index(fields=["unit_id", "month"], name="rollup_agency_month_unit_idx"),
            models.Index(fields=["agency_id", "month"], name="rollup_agency_month_agency_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} · {self.agency_id} · {self.channel}"


for _name in DAILY_COUNTS:
    DailyRollup.add_to_class(_name, models.IntegerField(default=0))
    MonthlyRollup.add_to_class(_name, models.IntegerField(default=0))
    MonthlyAgencyRollup.add_to_class(_name, models.IntegerField(default=0))


class OpenRollup(Dimensions):
    """Dossiers still open, by day of receipt and appointment date: within time is decided when read."""

    received_on = models.DateField(_("date of receipt"))
    appointment_on = models.DateField(_("appointment date"), null=True)
    late_anyway = models.BooleanField(
        _("late whatever the date"), help_text=_("More than one supplement request.")
    )
    count = models.IntegerField(_("dossiers"), default=0)

    class Meta:
        verbose_name = _("open dossiers rollup")
        verbose_name_plural = _("open dossiers rollups")
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "received_on",
                    "agency_id",
                    "procedure_id",
                    "channel",
                    "appointment_on",
                    "late_anyway",
                    "unit_id",
                    "online_level",
                ],
                name="rollup_open_key",
                nulls_distinct=False,
            )
        ]

    def __str__(self) -> str:
        return f"{self.received_on} · {self.agency_id} · {self.count}"


class DossierFact(Dimensions):
    """What one dossier contributes to the rollups, as last computed."""

    dossier_id = models.BigIntegerField(_("dossier"), primary_key=True)
    status = models.CharField(_("status"), max_length=30)
    received_on = models.DateField(_("date of receipt"), null=True)
    finished_on = models.DateField(_("processing ended on"), null=True)
    appointment_on = models.DateField(_("appointment date"), null=True)
    outcome = models.CharField(_("outcome"), max_length=10, blank=True)
    supplement_requests = models.PositiveSmallIntegerField(default=0)
    extensions = models.PositiveSmallIntegerField(default=0)
    satisfaction = models.PositiveSmallIntegerField(null=True)
    digitised = models.BooleanField(default=False)
    from_store = models.BooleanField(default=False)
    from_population = models.BooleanField(default=False)
    with_fees = models.BooleanField(default=False)
    paid_online = models.BooleanField(default=False)
    e_result = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("dossier fact")
        verbose_name_plural = _("dossier facts")

    def __str__(self) -> str:
        return f"{self.dossier_id} · {self.status}"


class RollupCursor(models.Model):
    """The last dossier event the rollups have taken in (one row)."""

    name = models.CharField(max_length=40, unique=True)
    last_event_id = models.BigIntegerField(default=0)
    updated_at = models.DateTimeField(null=True)

    class Meta:
        verbose_name = _("rollup cursor")
        verbose_name_plural = _("rollup cursors")

    def __str__(self) -> str:
        return f"{self.name}: {self.last_event_id}"
