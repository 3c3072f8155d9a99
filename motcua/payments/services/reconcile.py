"""Reconciliation with the platform: pending payments every 15 minutes, a day's list every day."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta
from typing import Any

from django.db import transaction

from motcua.core import clock
from motcua.core.audit import record_audit
from motcua.integrations.errors import PaymentNotAtPlatform, PaymentPlatformUnavailable
from motcua.integrations.services import payment_platform
from motcua.payments import selectors
from motcua.payments.errors import MismatchNotFound
from motcua.payments.models import MismatchKind, Payment, PaymentMismatch, ReconciliationReport, State
from motcua.payments.services.apply import apply_platform_status, expire_payments, fail_payment
from motcua.payments.services.common import record_mismatch

RECONCILE_AFTER = timedelta(minutes=2)  # a callback normally arrives well within this
BATCH = 200


def reconcile_pending(*, now: datetime | None = None, limit: int = BATCH) -> dict[str, int]:
    """Ask the platform about each payment still pending after 2 minutes and apply its answer.

    A dropped callback is caught here. When the platform does not answer, the run stops
    and nothing expires (a payment made during the outage must not be lost).
    """
    now = now or clock.now()
    platform = payment_platform()
    counts: Counter[str] = Counter()
    for payment in selectors.pending_payments(created_before=now - RECONCILE_AFTER)[:limit]:
        try:
            status = platform.get_payment(payment.platform_ref)
        except PaymentPlatformUnavailable:
            counts["platform_unavailable"] += 1
            return dict(counts)
        except PaymentNotAtPlatform:
            counts["unknown_at_platform"] += 1
            _unknown_at_platform(payment)
            continue
        counts[apply_platform_status(payment=payment, status=status, source="reconciliation").outcome] += 1
    counts["expired"] += expire_payments(now=now)
    return {key: value for key, value in counts.items() if value}


def report_day(*, day: date) -> ReconciliationReport:
    """Compare the payments paid on ``day`` here with the platform's list; write the mismatches."""
    platform = payment_platform()
    transactions = [tx for tx in platform.transactions_on(day) if tx.state == State.PAID]
    ours = {payment.platform_ref: payment for payment in selectors.paid_on(day).select_related("dossier")}
    for tx in transactions:
        _compare(
            day,
            tx,
            ours.get(tx.platform_ref)
            or selectors.payment_by_reference(reference=tx.reference, platform_ref=tx.platform_ref),
        )
    listed = {tx.platform_ref for tx in transactions}
    for platform_ref, payment in ours.items():
        if platform_ref not in listed:
            _missing_at_platform(day, payment, platform)
    with transaction.atomic():
        report, _created = ReconciliationReport.objects.update_or_create(
            day=day,
            defaults={
                "platform_count": len(transactions),
                "platform_total": sum(_paid(tx) for tx in transactions),
                "local_count": len(ours),
                "local_total": sum(payment.paid_amount or 0 for payment in ours.values()),
                "mismatches": PaymentMismatch.objects.filter(day=day).count(),
                "made_at": clock.now(),
            },
        )
    return report


def report_missing_days(*, until: date, days: int = 3) -> list[ReconciliationReport]:
    """Report each of the last ``days`` days up to ``until`` that has no report yet (catch-up)."""
    wanted = [until - timedelta(days=n) for n in reversed(range(days))]
    done = set(ReconciliationReport.objects.filter(day__in=wanted).values_list("day", flat=True))
    return [report_day(day=day) for day in wanted if day not in done]


@transaction.atomic
def resolve_mismatch(*, mismatch_id: int, by: Any, resolution: str) -> PaymentMismatch:
    """Someone settled a mismatch (refund, cash returned, …); audited."""
    mismatch = PaymentMismatch.objects.select_for_update().filter(pk=mismatch_id).first()
    if mismatch is None:
        raise MismatchNotFound()
    if not mismatch.resolved:
        mismatch.resolved, mismatch.resolved_at, mismatch.resolution = True, clock.now(), resolution[:500]
        mismatch.save(update_fields=["resolved", "resolved_at", "resolution"])
        record_audit(
            actor=by,
            action="payments.resolve_mismatch",
            object_type="payments.paymentmismatch",
            object_id=mismatch.pk,
            data={
                "kind": mismatch.kind,
                "platform_ref": mismatch.platform_ref,
                "resolution": resolution[:500],
            },
        )
    return mismatch


def _compare(day: date, tx: Any, payment: Payment | None) -> None:
    paid = _paid(tx)
    if payment is None:
        record_mismatch(
            kind=MismatchKind.PLATFORM_ONLY,
            platform_ref=tx.platform_ref,
            day=day,
            at_platform=paid,
            reference=tx.reference or "?",
        )
    elif payment.state != State.PAID:
        kind = MismatchKind.AMOUNT_DIFFERS if paid != payment.amount else MismatchKind.PLATFORM_ONLY
        record_mismatch(
            kind=kind,
            platform_ref=tx.platform_ref,
            payment=payment,
            day=day,
            expected=payment.amount,
            at_platform=paid,
            state_here=payment.state,
        )
    elif payment.paid_amount != paid:
        record_mismatch(
            kind=MismatchKind.AMOUNT_DIFFERS,
            platform_ref=tx.platform_ref,
            payment=payment,
            day=day,
            expected=payment.paid_amount,
            at_platform=paid,
        )


def _missing_at_platform(day: date, payment: Payment, platform: Any) -> None:
    try:
        status = platform.get_payment(payment.platform_ref)
    except PaymentNotAtPlatform:
        record_mismatch(
            kind=MismatchKind.UNKNOWN_AT_PLATFORM,
            platform_ref=payment.platform_ref,
            payment=payment,
            day=day,
            expected=payment.paid_amount,
        )
        return
    if status.state != State.PAID:  # paid on another day there (around midnight) is no mismatch
        record_mismatch(
            kind=MismatchKind.LOCAL_ONLY,
            platform_ref=payment.platform_ref,
            payment=payment,
            day=day,
            expected=payment.paid_amount,
            state_at_platform=status.state,
        )


def _unknown_at_platform(payment: Payment) -> None:
    record_mismatch(
        kind=MismatchKind.UNKNOWN_AT_PLATFORM,
        platform_ref=payment.platform_ref,
        payment=payment,
        expected=payment.amount,
    )
    fail_payment(payment=payment, reason="unknown at the payment platform")


def _paid(tx: Any) -> int:
    return tx.paid_amount if tx.paid_amount is not None else tx.amount
