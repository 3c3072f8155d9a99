from django.db import models
from django.utils.translation import gettext_lazy as _


class DeliveryState(models.TextChoices):
    PENDING = "pending", _("pending")
    SENT = "sent", _("sent")
    ACKNOWLEDGED = "acknowledged", _("acknowledged")
    FAILED = "failed", _("failed, will retry")
    DEAD = "dead", _("dead letter")


class OutboxMessage(models.Model):
    """A message to another system, written in the transaction of the change that causes it.

    The worker delivers it later (retries, backoff, dead letters); until then it waits
    here, so a national system being down never blocks a desk and nothing is lost.
    """

    system = models.CharField(_("system"), max_length=40)
    topic = models.CharField(_("topic"), max_length=80)
    key = models.CharField(
        _("idempotency key"), max_length=200, unique=True, help_text=_("The same key is never sent twice.")
    )
    ordering_key = models.CharField(
        _("ordering key"), max_length=100, blank=True, help_text=_("Messages with one key go out in order.")
    )
    payload = models.JSONField(_("payload"))
    state = models.CharField(
        _("state"), max_length=15, choices=DeliveryState.choices, default=DeliveryState.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("created at"))
    next_attempt_at = models.DateTimeField(_("next attempt at"))
    last_error = models.TextField(_("last error"), blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    last_duration_ms = models.PositiveIntegerField(
        _("last call (ms)"), null=True, blank=True, help_text=_("How long the last delivery attempt took.")
    )
    replayed_at = models.DateTimeField(
        _("replayed at"),
        null=True,
        blank=True,
        help_text=_("The time budget counts from here after a replay."),
    )

    class Meta:
        ordering = ["id"]
        verbose_name = _("outgoing message")
        verbose_name_plural = _("outgoing messages")
        indexes = [
            models.Index(fields=["state", "next_attempt_at"], name="outbox_due_idx"),
            models.Index(fields=["ordering_key", "id"], name="outbox_order_idx"),
            # "Is an earlier message of this dossier still waiting?", asked for every claim.
            models.Index(
                fields=["ordering_key", "id"],
                condition=models.Q(state__in=["pending", "failed"]),
                name="outbox_waiting_key_idx",
            ),
            # The integration health page: backlog and last success per system.
            models.Index(fields=["system", "state"], name="outbox_system_state_idx"),
            models.Index(fields=["system", "delivered_at"], name="outbox_system_delivered_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.system}:{self.topic} {self.key}"


class SyncState(models.Model):
    """Where one dossier (an ordering key) stands with one system, kept by delivery.

    ``state`` sums up its messages: dead if any is dead, else failed if any is failing,
    else pending if any waits, else sent if any awaits its acknowledgement, else
    acknowledged (the remote system holds everything we sent).
    """

    system = models.CharField(_("system"), max_length=40)
    ordering_key = models.CharField(_("ordering key"), max_length=100)
    state = models.CharField(
        _("state"), max_length=15, choices=DeliveryState.choices, default=DeliveryState.PENDING
    )
    last_acknowledged_key = models.CharField(_("last acknowledged key"), max_length=200, blank=True)
    last_acknowledged_seq = models.PositiveIntegerField(
        _("last acknowledged sequence"), null=True, blank=True
    )
    last_error = models.TextField(_("last error"), blank=True)
    updated_at = models.DateTimeField(_("updated at"))

    class Meta:
        ordering = ["system", "ordering_key"]
        verbose_name = _("sync state")
        verbose_name_plural = _("sync states")
        constraints = [
            models.UniqueConstraint(fields=["system", "ordering_key"], name="syncstate_system_key_unique")
        ]
        indexes = [models.Index(fields=["system", "state"], name="syncstate_state_idx")]

    def __str__(self) -> str:
        return f"{self.system}:{self.ordering_key} {self.state}"


class InboundEvent(models.Model):
    """An event another system sent us, kept once per (system, event id): duplicates are no-ops."""

    system = models.CharField(_("system"), max_length=40)
    event_id = models.CharField(_("event id"), max_length=200)
    event_type = models.CharField(_("event type"), max_length=80)
    received_at = models.DateTimeField(_("received at"))
    payload = models.JSONField(_("payload"))
    outcome = models.JSONField(_("outcome"), default=dict, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("incoming event")
        verbose_name_plural = _("incoming events")
        constraints = [
            models.UniqueConstraint(fields=["system", "event_id"], name="inbound_system_event_unique")
        ]
        indexes = [models.Index(fields=["system", "received_at"], name="inbound_received_idx")]

    def __str__(self) -> str:
        return f"{self.system}:{self.event_type} {self.event_id}"


class ReconciliationRun(models.Model):
    """One comparison of what a national system holds with what we hold, for a period."""

    system = models.CharField(_("system"), max_length=40)
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    started_at = models.DateTimeField(_("started at"))
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    triggered_by = models.CharField(_("triggered by"), max_length=150)
    checked = models.PositiveIntegerField(_("dossiers checked"), default=0)
    missing = models.PositiveIntegerField(_("missing there"), default=0)
    stale = models.PositiveIntegerField(_("stale status"), default=0)
    conflicting = models.PositiveIntegerField(_("conflicting fields"), default=0)
    error = models.TextField(
        _("error"), blank=True, help_text=_("Why the run stopped before checking every dossier.")
    )

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("reconciliation run")
        verbose_name_plural = _("reconciliation runs")
        indexes = [models.Index(fields=["system", "-started_at"], name="reconcile_recent_idx")]

    def __str__(self) -> str:
        return f"{self.system} {self.period_start}–{self.period_end}"

    @property
    def differences_count(self) -> int:
        return self.missing + self.stale + self.conflicting


class DifferenceKind(models.TextChoices):
    MISSING = "missing", _("missing on the national system")
    STALE = "stale", _("stale status")
    CONFLICTING = "conflicting", _("conflicting fields")


class ReconciliationDifference(models.Model):
    """One dossier whose record on the national system differs from ours."""

    run = models.ForeignKey(ReconciliationRun, on_delete=models.CASCADE, related_name="differences")
    dossier_code = models.CharField(_("dossier code"), max_length=60)
    ordering_key = models.CharField(_("dossier reference"), max_length=100)
    kind = models.CharField(_("difference"), max_length=15, choices=DifferenceKind.choices)
    fields = models.JSONField(_("fields that differ"), default=list)
    ours = models.JSONField(_("what we hold"), default=dict)
    theirs = models.JSONField(_("what they hold"), default=dict, blank=True)
    resynced_at = models.DateTimeField(_("resent at"), null=True, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("reconciliation difference")
        verbose_name_plural = _("reconciliation differences")

    def __str__(self) -> str:
        return f"{self.dossier_code}: {self.kind}"


class SubmissionOutcome(models.TextChoices):
    CREATED = "created", _("dossier created")
    REJECTED = "rejected", _("rejected")


class PortalSubmission(models.Model):
    """A dossier someone submitted on another system's portal, taken once per (source, id).

    The unique pair makes fetching the same dossier twice (or two jobs at once) create one
    dossier; a rejected record stays with its reason so an admin can follow it up.
    """

    source = models.CharField(_("source"), max_length=40)
    external_id = models.CharField(_("id on the source"), max_length=100)
    sequence = models.BigIntegerField(
        _("sequence on the source"), help_text=_("Where the next fetch starts.")
    )
    outcome = models.CharField(_("outcome"), max_length=10, choices=SubmissionOutcome.choices)
    reason = models.TextField(_("reason"), blank=True)
    procedure_code = models.CharField(_("procedure code"), max_length=60, blank=True)
    dossier_reference = models.UUIDField(_("dossier reference"), null=True, blank=True)
    payload = models.JSONField(_("record received"))
    received_at = models.DateTimeField(_("received at"))

    class Meta:
        ordering = ["-id"]
        verbose_name = _("portal submission")
        verbose_name_plural = _("portal submissions")
        constraints = [
            models.UniqueConstraint(fields=["source", "external_id"], name="portal_submission_unique")
        ]
        indexes = [models.Index(fields=["source", "sequence"], name="portal_submission_seq_idx")]

    def __str__(self) -> str:
        return f"{self.source}:{self.external_id} {self.outcome}"
