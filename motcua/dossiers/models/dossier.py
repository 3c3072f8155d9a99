"""The dossier (hồ sơ): one application for one procedure, from submission to result."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.dossiers.codes import MAX_LENGTH as MAX_DOSSIER_CODE_LENGTH
from motcua.dossiers.workflow import OPEN_STATES, Status


class Channel(models.TextChoices):
    # The national portal numbers them 1, 2, 3 (domain.md §4); see NATIONAL_CHANNEL_CODES.
    DESK = "desk", _("at the desk")
    ONLINE = "online", _("online")
    POST = "post", _("by post")


NATIONAL_CHANNEL_CODES = {Channel.DESK: 1, Channel.ONLINE: 2, Channel.POST: 3}


class ApplicantKind(models.TextChoices):
    CITIZEN = "citizen", _("citizen")
    ORGANISATION = "organisation", _("organisation")


class ResultDelivery(models.TextChoices):
    ONLINE = "online", _("online")
    DESK = "desk", _("at the center")
    POST = "post", _("by post")


class Outcome(models.TextChoices):
    EARLY = "early", _("early")
    ON_TIME = "on_time", _("on time")
    LATE = "late", _("late")


class Satisfaction(models.IntegerChoices):
    VERY_SATISFIED = 3, _("very satisfied")
    SATISFIED = 2, _("satisfied")
    NOT_SATISFIED = 1, _("not satisfied")


OPEN = models.Q(status__in=OPEN_STATES)


class Dossier(models.Model):
    """What one owner asked for, where, and where it stands.

    Three agencies are kept apart (Decree 118/2025 Art. 14): where the person was
    served (``served_at``, empty online), the unit that received it and whose code it
    carries (``receiving_agency``), and the agency competent to decide
    (``competent_agency``). ``current_agency`` is where the work is now; it moves on an
    inter-agency transfer. Only services in ``motcua.dossiers.services`` write it.
    """

    reference = models.UUIDField(_("reference"), default=uuid.uuid4, unique=True, editable=False)
    code = models.CharField(
        _("dossier code"), max_length=MAX_DOSSIER_CODE_LENGTH, unique=True, null=True, blank=True
    )
    procedure = models.ForeignKey(
        "catalog.Procedure", on_delete=models.PROTECT, related_name="+", verbose_name=_("procedure")
    )
    procedure_revision = models.ForeignKey(
        "catalog.ProcedureRevision",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("procedure revision"),
        help_text=_("The version of the procedure the dossier was submitted under."),
    )
    status = models.CharField(_("status"), max_length=30, choices=Status.choices, default=Status.DRAFT)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    version = models.PositiveIntegerField(
        _("version"), default=1, help_text=_("Raised by every action; a stale version is refused.")
    )

    # The owner (chủ hồ sơ); a submitter or a representative are DossierParty rows.
    owner_kind = models.CharField(
        _("owner kind"), max_length=20, choices=ApplicantKind.choices, default=ApplicantKind.CITIZEN
    )
    owner_name = models.CharField(_("owner"), max_length=200)
    owner_id_number = models.CharField(
        _("citizen ID or tax code"),
        max_length=20,
        blank=True,
        help_text=_("12-digit citizen ID or tax code."),
    )
    owner_phone = models.CharField(_("phone"), max_length=20, blank=True)
    owner_email = models.EmailField(_("e-mail"), blank=True)
    owner_address = models.CharField(_("address"), max_length=300, blank=True)
    owner_unit = models.ForeignKey(
        "agencies.AdminUnit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("commune of residence"),
    )
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dossiers",
        verbose_name=_("applicant's account"),
        help_text=_("The citizen account that submitted online (VNeID)."),
    )
    assurance_level = models.PositiveSmallIntegerField(_("VNeID assurance level"), null=True, blank=True)

    served_at = models.ForeignKey(
        "agencies.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("served at"),
    )
    receiving_agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("receiving unit")
    )
    competent_agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("competent agency")
    )
    current_agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("agency handling it now"),
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("assigned to"),
    )

    form_data = models.JSONField(_("e-form data"), default=dict, blank=True)
    population_data_pending = models.BooleanField(
        _("population data pending"),
        default=False,
        help_text=_("The National Population Database did not answer; fill in when it does."),
    )
    result_delivery = models.CharField(
        _("result delivered"), max_length=10, choices=ResultDelivery.choices, default=ResultDelivery.DESK
    )
    copies = models.PositiveSmallIntegerField(_("number of sets"), default=1)

    created_at = models.DateTimeField(_("created at"))
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    received_at = models.DateTimeField(_("received at"), null=True, blank=True)
    received_on = models.DateField(_("date of receipt"), null=True, blank=True)
    appointment_on = models.DateField(_("appointment date"), null=True, blank=True)
    original_appointment_on = models.DateField(_("first appointment date"), null=True, blank=True)
    finished_at = models.DateTimeField(_("processing ended at"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, blank=True)
    returned_at = models.DateTimeField(_("result returned at"), null=True, blank=True)
    supplement_requests = models.PositiveSmallIntegerField(_("supplement requests"), default=0)
    extensions = models.PositiveSmallIntegerField(_("extensions"), default=0)

    satisfaction = models.PositiveSmallIntegerField(
        _("satisfaction"), choices=Satisfaction.choices, null=True, blank=True
    )
    rating = models.JSONField(_("rating details"), default=dict, blank=True)
    updated_at = models.DateTimeField(_("updated at"))

    class Meta:
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        indexes = [
            # Work queues: where the work is, in what state, by deadline; keyset on id.
            models.Index(
                fields=["current_agency", "status", "appointment_on", "id"], name="dossier_queue_idx"
            ),
            models.Index(fields=["receiving_agency", "received_on"], name="dossier_receipt_idx"),
            models.Index(fields=["competent_agency", "status"], name="dossier_competent_idx"),
            models.Index(fields=["assignee", "status"], name="dossier_assignee_idx"),
            models.Index(fields=["owner_id_number"], name="dossier_owner_idx"),
            models.Index(fields=["account", "created_at"], name="dossier_account_idx"),
            models.Index(fields=["procedure", "received_on"], name="dossier_procedure_idx"),
            # The open dossiers only (about 2 % of them), in the queues' order: a desk that
            # received 100,000 dossiers over the years finds its few hundred open ones
            # without reading the rest (docs/operations/benchmarks.md).
            models.Index(fields=["appointment_on", "id"], condition=OPEN, name="dossier_open_order_idx"),
            models.Index(
                fields=["receiving_agency", "appointment_on", "id"],
                condition=OPEN,
                name="dossier_open_receiving_idx",
            ),
            models.Index(
                fields=["competent_agency", "appointment_on", "id"],
                condition=OPEN,
                name="dossier_open_competent_idx",
            ),
            models.Index(
                fields=["procedure", "appointment_on", "id"],
                condition=OPEN,
                name="dossier_open_procedure_idx",
            ),
            # The population back-fill's few pending dossiers, without reading the others.
            models.Index(
                fields=["id"],
                condition=models.Q(population_data_pending=True),
                name="dossier_population_pending_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.code or str(self.reference)

    @property
    def identifier(self) -> str:
        """The code once received; before that the reference (a draft has no code)."""
        return self.code or str(self.reference)
