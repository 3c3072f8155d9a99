"""What the platform tells us about a payment (callback, reconciliation, "check now"), applied once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from motcua.core import clock
from motcua.core.errors import MotcuaError
from motcua.dossiers import services as dossier_services
from motcua.dossiers.types import END_STATES
from motcua.integrations.services import payment_platform
from motcua.payments.models import MismatchKind, Payment, State
from motcua.payments.services.common import PLATFORM_ACTOR, audit_payment, record_mismatch, unpaid_fees

# Outcomes (also what the callback's sender reads back).
PAID = "paid"
ALREADY_PAID = "already_paid"
AMOUNT_DIFFERS = "amount_differs"
NOT_APPLIED = "not_applied"
FAILED = "failed"
EXPIRED = "expired"
IGNORED = "ignored"  # the payment had already ended (a late or out-of-order event)
UNCHANGED = "unchanged"  # the platform still waits for the payer


@dataclass(frozen=True)
class PaymentUpdate:
    payment: Payment
    outcome: str


def confirm_payment(
    *, payment: Payment, amount: int, paid_at: datetime | None = None, source: str = "callback"
) -> PaymentUpdate:
    """The platform received ``amount`` for ``payment``: mark the dossier's fees paid online.

    Idempotent: a paid payment stays as it is. A different amount is not applied (the
    payment fails, a mismatch is recorded for someone to refund or settle); money received
    when the fees were meanwhile paid otherwise, or the dossier closed, is a mismatch too.
    """
    with transaction.atomic():
        payment = _locked(payment)
        if payment.state == State.PAID:
            return PaymentUpdate(payment, ALREADY_PAID)
        now = clock.now()
        paid_at = paid_at or now
        day = timezone.localdate(paid_at)
        if amount != payment.amount:
            reason = f"paid {amount} VND, {payment.amount} VND due"
            _end(payment, State.FAILED, now, reason=reason, paid_amount=amount)
            record_mismatch(
                kind=MismatchKind.AMOUNT_DIFFERS,
                platform_ref=payment.platform_ref,
                payment=payment,
                day=day,
                expected=payment.amount,
                at_platform=amount,
                source=source,
            )
            return PaymentUpdate(payment, AMOUNT_DIFFERS)
        payment.state, payment.paid_at, payment.paid_amount = State.PAID, paid_at, amount
        payment.updated_at = now
        payment.save(update_fields=["state", "paid_at", "paid_amount", "updated_at"])
        problem = _record_fees(payment)
        audit_payment(payment, action="confirm", source=source, applied=not problem)
        if problem:
            record_mismatch(
                kind=MismatchKind.NOT_APPLIED,
                platform_ref=payment.platform_ref,
                payment=payment,
                day=day,
                expected=payment.amount,
                at_platform=amount,
                source=source,
                reason=problem,
            )
            return PaymentUpdate(payment, NOT_APPLIED)
    return PaymentUpdate(payment, PAID)


def fail_payment(*, payment: Payment, reason: str = "", cancelled: bool = False) -> PaymentUpdate:
    """The payer was refused or gave up. Only a pending payment ends so; a paid one stays paid."""
    with transaction.atomic():
        payment = _locked(payment)
        if payment.state != State.PENDING:
            return PaymentUpdate(payment, IGNORED)
        _end(payment, State.CANCELLED if cancelled else State.FAILED, clock.now(), reason=reason)
    return PaymentUpdate(payment, FAILED)


def expire_payments(*, now: datetime | None = None, limit: int = 500) -> int:
    """Pending payments past their expiry become expired; how many. A late payment still applies."""
    now = now or clock.now()
    done = 0
    for payment in Payment.objects.filter(state=State.PENDING, expires_at__lte=now).order_by("id")[:limit]:
        done += expire_payment(payment=payment).outcome == EXPIRED
    return done


def expire_payment(*, payment: Payment) -> PaymentUpdate:
    with transaction.atomic():
        payment = _locked(payment)
        if payment.state != State.PENDING:
            return PaymentUpdate(payment, IGNORED)
        _end(payment, State.EXPIRED, clock.now())
    return PaymentUpdate(payment, EXPIRED)


def apply_platform_status(*, payment: Payment, status: Any, source: str) -> PaymentUpdate:
    """Apply what the platform holds (``PlatformPayment``) for ``payment``."""
    if status.state == State.PAID:
        amount = status.paid_amount if status.paid_amount is not None else status.amount
        return confirm_payment(payment=payment, amount=amount, paid_at=status.paid_at, source=source)
    if status.state in (State.FAILED, State.CANCELLED):
        return fail_payment(
            payment=payment, reason=status.reason or status.state, cancelled=status.state == State.CANCELLED
        )
    if status.state == State.EXPIRED:
        return expire_payment(payment=payment)
    return PaymentUpdate(payment, UNCHANGED)


def check_payment(*, payment: Payment) -> PaymentUpdate:
    """Ask the platform now (the desk's "Check payment" button) and apply its answer."""
    if not payment.is_pending:
        return PaymentUpdate(payment, UNCHANGED)
    status = payment_platform().get_payment(payment.platform_ref)
    return apply_platform_status(payment=payment, status=status, source="check")


def _locked(payment: Payment) -> Payment:
    return Payment.objects.select_for_update(of=("self",)).select_related("dossier").get(pk=payment.pk)


def _end(
    payment: Payment, state: str, now: datetime, *, reason: str = "", paid_amount: int | None = None
) -> None:
    payment.state, payment.failure_reason, payment.updated_at = state, reason[:300], now
    payment.paid_amount = paid_amount
    payment.save(update_fields=["state", "failure_reason", "updated_at", "paid_amount"])
    audit_payment(payment, action=state, reason=reason)


def _record_fees(payment: Payment) -> str:
    """Mark the dossier's fees paid through the platform; the reason when that cannot be done."""
    dossier = payment.dossier
    due = sum(fee.amount for fee in unpaid_fees(dossier))
    if dossier.status in END_STATES:
        return "the dossier is closed"
    if due != payment.paid_amount:
        return f"{due} VND is due now" if due else "the fees were already paid"
    try:
        with transaction.atomic():
            dossier_services.record_payment(dossier=dossier, by=PLATFORM_ACTOR, channel=payment.channel)
    except MotcuaError as error:
        return error.detail
    return ""
