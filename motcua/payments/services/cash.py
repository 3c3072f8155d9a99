"""The desk takes the fees in cash: the dossier's fees are paid, and the payment row is the receipt."""

from __future__ import annotations

import uuid
from typing import Any

from django.db import transaction

from motcua.core import clock
from motcua.dossiers import services as dossier_services
from motcua.payments.errors import NothingDue
from motcua.payments.models import Channel, Method, Payment, State
from motcua.payments.services.common import audit_payment, unpaid_fees


@transaction.atomic
def collect_cash(*, dossier: Any, by: Any) -> Payment:
    """Record every unpaid fee of ``dossier`` as paid in cash to ``by`` and issue the receipt.

    The dossier service decides who may collect (the desk handling it); a pending online
    payment for the same fees is cancelled so that a later transfer is flagged, not applied.
    """
    fees = unpaid_fees(dossier)
    amount = sum(fee.amount for fee in fees)
    if amount <= 0:
        raise NothingDue()
    dossier_services.record_payment(dossier=dossier, by=by, channel=Channel.CASH)
    now = clock.now()
    Payment.objects.filter(dossier=dossier, state=State.PENDING).update(
        state=State.CANCELLED, failure_reason="paid in cash at the desk", updated_at=now
    )
    payment = Payment.objects.create(
        reference=uuid.uuid4(),
        dossier=dossier,
        fee_ids=[fee.pk for fee in fees],
        amount=amount,
        method=Method.CASH,
        channel=Channel.CASH,
        state=State.PAID,
        started_by=by if getattr(by, "pk", None) else None,
        created_at=now,
        expires_at=now,
        paid_at=now,
        paid_amount=amount,
        updated_at=now,
    )
    audit_payment(payment, action="cash", by=by, receipt=payment.receipt_number)
    return payment
