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
