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
