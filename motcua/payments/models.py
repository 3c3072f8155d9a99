"""Online fee payments (thanh toán trực tuyến) and their reconciliation with the platform."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Method(models.TextChoices):
    VIETQR = "vietqr", _("VietQR transfer")
    CARD = "card", _("card")
    CASH = "cash", _("cash at the desk")


# What goes through the payment platform (a cash payment never does).
ONLINE_METHODS = (Method.VIETQR, Method.CARD)


class Channel(models.TextChoices):
    # The national portal numbers them 1 and 2 ("paid online", domain.md §11).
    NATIONAL = "national", _("national payment platform")
    PROVINCIAL = "provincial", _("province's payment gateway")
    CASH = "cash", _("cash at the desk")


class State(models.TextChoices):
    PENDING = "pending", _("waiting for the payer")
    PAID = "paid", _("paid")
    FAILED = "failed", _("failed")
    EXPIRED = "expired", _("expired")
    CANCELLED = "cancelled", _("cancelled")


class Payment(models.Model):
    """One request to pay a dossier's unpaid fees online, and what became of it; or the fees
    taken in cash at the desk (paid at once, the row is the receipt)."""

    reference = models.UUIDField(_("reference"), default=uuid.uuid4, unique=True, editable=False)
    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.PROTECT, related_name="payments", verbose_name=_("dossier")
    )
    fee_ids = models.JSONField(_("fees covered"), default=list)
    amount = models.BigIntegerField(_("amount (VND)"))
    method = models.CharField(_("method"), max_length=10, choices=Method.choices)
    channel = models.CharField(_("paid through"), max_length=12, choices=Channel.choices)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PENDING)
    platform_ref = models.CharField(_("platform reference"), max_length=64, blank=True)
    qr_payload = models.TextField(_("VietQR payload"), blank=True)
    checkout_url = models.CharField(_("checkout address"), max_length=500, blank=True)
    bank_name = models.CharField(_("bank"), max_length=100, blank=True)
    account_number = models.CharField(_("account number"), max_length=30, blank=True)
    account_name = models.CharField(_("account holder"), max_length=200, blank=True)
    purpose = models.CharField(_("transfer purpose"), max_length=100, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("started by"),
    )
    created_at = models.DateTimeField(_("created at"))
    expires_at = models.DateTimeField(_("expires at"))
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    paid_amount = models.BigIntegerField(_("amount paid (VND)"), null=True, blank=True)
    failure_reason = models.CharField(_("why it failed"), max_length=300, blank=True)
    updated_at = models.DateTimeField(_("updated at"))

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["-created_at", "-id"]
        indexes = [
            # Reconciliation: the pending ones, oldest first.
            models.Index(fields=["state", "created_at"], name="payment_state_idx"),
            models.Index(fields=["dossier", "state"], name="payment_dossier_idx"),
            models.Index(fields=["paid_at"], name="payment_paid_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="payment_amount_positive"),
            # A double click never makes two payments waiting for the same fees.
            models.UniqueConstraint(
                fields=["dossier", "method"],
                condition=models.Q(state="pending"),
                name="payment_one_pending_per_method",
            ),
            models.UniqueConstraint(
                fields=["platform_ref"],
                condition=~models.Q(platform_ref=""),
                name="payment_platform_ref_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} ({self.state})"

    @property
    def is_pending(self) -> bool:
        return self.state == State.PENDING

    @property
    def is_paid(self) -> bool:
        return self.state == State.PAID

    @property
    def receipt_number(self) -> str:
        """The number printed on the receipt: the day paid and the start of our reference."""
        paid = timezone.localtime(self.paid_at or self.created_at)
        return f"BL{paid:%Y%m%d}-{self.reference.hex[:8].upper()}"


class MismatchKind(models.TextChoices):
    PLATFORM_ONLY = "platform_only", _("paid at the platform, not here")
    LOCAL_ONLY = "local_only", _("paid here, not at the platform")
    AMOUNT_DIFFERS = "amount_differs", _("the amounts differ")
    UNKNOWN_AT_PLATFORM = "unknown_at_platform", _("unknown at the platform")
    NOT_APPLIED = (
        "not_applied",
        _("paid at the platform, but the fees were already paid or the dossier closed"),
    )


class PaymentMismatch(models.Model):
    """A difference between what the platform holds and what we hold, for someone to settle."""

    day = models.DateField(_("day"))
    kind = models.CharField(_("kind"), max_length=20, choices=MismatchKind.choices)
    payment = models.ForeignKey(
        Payment,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="mismatches",
        verbose_name=_("payment"),
    )
    platform_ref = models.CharField(_("platform reference"), max_length=64)
    expected_amount = models.BigIntegerField(_("amount due (VND)"), null=True, blank=True)
    platform_amount = models.BigIntegerField(_("amount at the platform (VND)"), null=True, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    found_at = models.DateTimeField(_("found at"))
    resolved = models.BooleanField(_("resolved"), default=False)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolution = models.CharField(_("how it was settled"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("payment mismatch")
        verbose_name_plural = _("payment mismatches")
        ordering = ["-day", "-id"]
        indexes = [models.Index(fields=["resolved", "day"], name="payment_mismatch_open_idx")]
        constraints = [
            models.UniqueConstraint(fields=["day", "kind", "platform_ref"], name="payment_mismatch_once")
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.kind} {self.platform_ref}"


class ReconciliationReport(models.Model):
    """The daily comparison of one day's payments with the platform's list."""

    day = models.DateField(_("day"), unique=True)
    platform_count = models.PositiveIntegerField(_("paid at the platform"))
    platform_total = models.BigIntegerField(_("total at the platform (VND)"))
    local_count = models.PositiveIntegerField(_("paid here"))
    local_total = models.BigIntegerField(_("total here (VND)"))
    mismatches = models.PositiveIntegerField(_("mismatches"))
    made_at = models.DateTimeField(_("made at"))

    class Meta:
        verbose_name = _("daily payment report")
        verbose_name_plural = _("daily payment reports")
        ordering = ["-day"]

    def __str__(self) -> str:
        return str(self.day)
