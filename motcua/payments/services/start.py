"""Asking for a dossier's fees to be paid online: one payment at the platform, reused on a double click."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q

from motcua.core import clock
from motcua.dossiers import selectors as dossier_selectors
from motcua.integrations.services import NewPayment, payment_platform
from motcua.payments.errors import MayNotTakePayment, NothingDue, UnknownMethod
from motcua.payments.models import ONLINE_METHODS, Payment, State
from motcua.payments.selectors import payment_qr_svg
from motcua.payments.services.common import audit_payment, unpaid_fees

VALIDITY = timedelta(minutes=15)  # how long a QR code / checkout stays payable
REUSE_MARGIN = timedelta(minutes=1)  # a payment about to expire is not handed out again
MAX_PURPOSE = 25  # the VietQR purpose field


def start_payment(*, dossier: Any, by: Any, method: str, return_url: str = "") -> Payment:
    """A payment for every unpaid fee of ``dossier``: the QR payload (VietQR) or the checkout URL
    (card), the amount and the expiry a page needs to show.

    A still-valid pending payment of the same method for the same amount is returned
    instead of creating a second one (a double click, a reloaded page).
    """
    if method not in ONLINE_METHODS:
        raise UnknownMethod(method=method)
    if not dossier_selectors.may_take_payment(by, dossier):
        raise MayNotTakePayment()
    fees = unpaid_fees(dossier)
    amount = sum(fee.amount for fee in fees)
    if amount <= 0:
        raise NothingDue()
    now = clock.now()
    existing = _reusable(dossier, method, amount, now)
    if existing is not None:
        return existing
    reference = uuid.uuid4()
    at_platform = payment_platform().create_payment(
        NewPayment(
            reference=str(reference),
            amount=amount,
            method=method,
            description=transfer_purpose(dossier.identifier),
            expires_at=now + VALIDITY,
            return_url=return_url,
        )
    )
    try:
        return _store(dossier, by, method, reference, [fee.pk for fee in fees], amount, at_platform, now)
    except IntegrityError:
        # The other click stored its payment first: hand out that one.
        existing = _reusable(dossier, method, amount, now)
        if existing is None:
            raise
        return existing


def transfer_purpose(identifier: str) -> str:
    """What the transfer says: "LE PHI <dossier code>" when it fits, else the code's last characters."""
    text = f"LE PHI {identifier}"
    return text if len(text) <= MAX_PURPOSE else identifier[-MAX_PURPOSE:]


def _reusable(dossier: Any, method: str, amount: int, now: datetime) -> Payment | None:
    return (
        Payment.objects.filter(
            dossier=dossier,
            method=method,
            state=State.PENDING,
            amount=amount,
            expires_at__gt=now + REUSE_MARGIN,
        )
        .order_by("-created_at")
        .first()
    )


@transaction.atomic
def _store(
    dossier: Any,
    by: Any,
    method: str,
    reference: uuid.UUID,
    fee_ids: list[int],
    amount: int,
    at_platform: Any,
    now: datetime,
) -> Payment:
    # A pending payment that may not be reused (about to expire, other amount) gives way.
    stale = Payment.objects.filter(dossier=dossier, method=method, state=State.PENDING).filter(
        Q(expires_at__lte=now + REUSE_MARGIN) | ~Q(amount=amount)
    )
    stale.update(state=State.CANCELLED, failure_reason="replaced by a new payment", updated_at=now)
    payment = Payment.objects.create(
        reference=reference,
        dossier=dossier,
        fee_ids=fee_ids,
        amount=amount,
        method=method,
        channel=settings.PAYMENT_PLATFORM_CHANNEL,
        platform_ref=at_platform.platform_ref,
        qr_payload=at_platform.qr_payload,
        checkout_url=at_platform.checkout_url,
        bank_name=at_platform.bank_name,
        account_number=at_platform.account_number,
        account_name=at_platform.account_name,
        purpose=at_platform.purpose,
        started_by=by if getattr(by, "pk", None) else None,
        created_at=now,
        expires_at=at_platform.expires_at or now + VALIDITY,
        updated_at=now,
    )
    audit_payment(payment, action="start", by=by, method=method)
    return payment


@dataclass(frozen=True)
class OnlinePayment:
    """What a payment page shows: the QR (VietQR) or where to go (card), the amount, the expiry."""

    payment: Payment
    qr_svg: str
    checkout_url: str
    amount: int
    expires_at: datetime
    bank_name: str
    account_number: str
    account_name: str
    purpose: str


def start_online_payment(*, dossier: Any, by: Any, method: str, return_url: str = "") -> OnlinePayment:
    """:func:`start_payment` for a page: the citizen portal (or the desk) shows what it returns."""
    payment = start_payment(dossier=dossier, by=by, method=method, return_url=return_url)
    return OnlinePayment(
        payment=payment,
        qr_svg=payment_qr_svg(payment),
        checkout_url=payment.checkout_url,
        amount=payment.amount,
        expires_at=payment.expires_at,
        bank_name=payment.bank_name,
        account_number=payment.account_number,
        account_name=payment.account_name,
        purpose=payment.purpose,
    )
