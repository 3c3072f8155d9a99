"""Pieces the payment services share: the platform's actor name, audit and mismatch records."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import IntegrityError, transaction

from motcua.core import clock
from motcua.core.audit import record_audit
from motcua.payments.models import Payment, PaymentMismatch

# Who the dossier's timeline shows as having recorded an online payment (a system actor).
PLATFORM_ACTOR = "payment_platform"


def audit_payment(payment: Payment, *, action: str, by: Any = PLATFORM_ACTOR, **data: Any) -> None:
    record_audit(
        actor=by,
        action=f"payments.{action}",
        object_type="payments.payment",
        object_id=payment.reference,
        scope=payment.dossier.current_agency_id,
        data={"state": payment.state, "amount": payment.amount, "platform_ref": payment.platform_ref, **data},
    )


def record_mismatch(
    *,
    kind: str,
    platform_ref: str,
    payment: Payment | None = None,
    day: date | None = None,
    expected: int | None = None,
    at_platform: int | None = None,
    **details: Any,
) -> PaymentMismatch:
    """Note a difference once per day, kind and platform reference (a second sighting is a no-op)."""
    day = day or clock.today()
    defaults = {
        "payment": payment,
        "expected_amount": expected,
        "platform_amount": at_platform,
        "details": {key: str(value) for key, value in details.items()},
        "found_at": clock.now(),
    }
    try:
        with transaction.atomic():
            mismatch, _created = PaymentMismatch.objects.get_or_create(
                day=day, kind=kind, platform_ref=platform_ref, defaults=defaults
            )
    except IntegrityError:  # recorded at the same moment by the callback and the reconciliation
        mismatch = PaymentMismatch.objects.get(day=day, kind=kind, platform_ref=platform_ref)
    return mismatch


def unpaid_fees(dossier: Any) -> list[Any]:
    return list(dossier.fees.filter(paid_at__isnull=True).order_by("id"))
