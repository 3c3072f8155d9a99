"""Reads of the payments app for the edges and the integrations."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Count, QuerySet
from django.utils import timezone

from motcua.payments.errors import PaymentNotFound
from motcua.payments.models import ONLINE_METHODS, Payment, PaymentMismatch, ReconciliationReport, State
from motcua.payments.qr import qr_svg

__all__ = [
    "get_payment_of",
    "latest_payment",
    "mismatch_counts",
    "open_mismatches",
    "paid_on",
    "paid_payments_of",
    "payment_by_reference",
    "payment_qr_svg",
    "payments_of",
    "pending_payments",
    "recent_reports",
]


def payment_by_reference(*, reference: str = "", platform_ref: str = "") -> Payment | None:
    """A payment by our reference (a UUID) or, failing that, by the platform's; None if unknown."""
    # Only what went through the platform: a callback naming a cash receipt is not ours to apply.
    rows = Payment.objects.filter(method__in=ONLINE_METHODS).select_related("dossier")
    try:
        found = rows.filter(reference=uuid.UUID(reference)).first() if reference else None
    except ValueError:
        found = None
    if found is None and platform_ref:
        found = rows.filter(platform_ref=platform_ref).first()
    return found


def payments_of(dossier: Any) -> QuerySet[Payment]:
    """A dossier's payments, newest first (the caller has already been allowed to see the dossier)."""
    return Payment.objects.filter(dossier=dossier).order_by("-created_at", "-id")


def latest_payment(dossier: Any, *, method: str) -> Payment | None:
    return payments_of(dossier).filter(method=method).first()


def get_payment_of(dossier: Any, *, reference: str) -> Payment:
    """One payment of a dossier the caller may see; 404 otherwise."""
    try:
        return payments_of(dossier).select_related("dossier").get(reference=uuid.UUID(str(reference)))
    except (ValueError, Payment.DoesNotExist):
        raise PaymentNotFound() from None


def pending_payments(*, created_before: datetime) -> QuerySet[Payment]:
    """Pending payments created before a time, oldest first (reconciliation)."""
    return (
        Payment.objects.filter(state=State.PENDING, created_at__lte=created_before)
        .select_related("dossier")
        .order_by("created_at", "id")
    )


def paid_on(day: date) -> QuerySet[Payment]:
    """Payments paid here through the platform on a day (local time); cash is not the platform's."""
    start = timezone.make_aware(datetime.combine(day, time.min))
    return Payment.objects.filter(
        state=State.PAID,
        method__in=ONLINE_METHODS,
        paid_at__gte=start,
        paid_at__lt=start + timedelta(days=1),
    )


def open_mismatches() -> QuerySet[PaymentMismatch]:
    return PaymentMismatch.objects.filter(resolved=False).select_related("payment").order_by("day", "id")


def paid_payments_of(dossier: Any) -> QuerySet[Payment]:
    """A dossier's paid payments (each one a receipt), newest first."""
    return payments_of(dossier).filter(state=State.PAID)


def recent_reports(*, days: int = 31) -> QuerySet[ReconciliationReport]:
    """The daily reconciliation reports, newest first."""
    return ReconciliationReport.objects.order_by("-day")[:days]


def mismatch_counts() -> dict[str, dict[str, int]]:
    """Mismatches by kind: how many are open and how many were settled."""
    counts: dict[str, dict[str, int]] = {}
    rows = PaymentMismatch.objects.values("kind", "resolved").annotate(n=Count("id")).order_by()
    for row in rows:
        counts.setdefault(row["kind"], {"open": 0, "resolved": 0})
        counts[row["kind"]]["resolved" if row["resolved"] else "open"] += row["n"]
    return counts


def payment_qr_svg(payment: Payment) -> str:
    """The payment's VietQR code as inline SVG, or "" when it has none (card, cash)."""
    return qr_svg(payment.qr_payload) if payment.qr_payload else ""
