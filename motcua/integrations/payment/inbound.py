"""The platform's callbacks: ``payment.succeeded`` and ``payment.failed``, applied once.

The envelope is the common one (``motcua.integrations.inbound``); ``data`` is the platform's
payment record (``payment_ref``, ``merchant_ref`` = our reference, ``status``, ``amount``,
``paid_amount``, ``paid_at``, ``reason``). Out-of-order delivery is safe: a paid payment
stays paid whatever arrives after, and a failure only ends a payment still pending.
"""

from __future__ import annotations

from typing import Any

from motcua.integrations import inbound
from motcua.integrations.errors import MalformedEvent, UnknownPayment
from motcua.integrations.payment.adapter import PlatformPayment, payment_from_wire
from motcua.payments import selectors as payment_selectors
from motcua.payments import services as payment_services

SUCCEEDED = "payment.succeeded"
FAILED = "payment.failed"


@inbound.register("payment")
def handle_payment_event(event: inbound.Event) -> dict[str, Any]:
    if event.type not in (SUCCEEDED, FAILED):
        raise MalformedEvent(reason=f"unknown event type {event.type!r}")
    record = _record(event.data)
    payment = payment_selectors.payment_by_reference(
        reference=record.reference, platform_ref=record.platform_ref
    )
    if payment is None:
        raise UnknownPayment(reference=record.reference or record.platform_ref)
    if event.type == SUCCEEDED:
        amount = record.paid_amount if record.paid_amount is not None else record.amount
        update = payment_services.confirm_payment(
            payment=payment, amount=amount, paid_at=record.paid_at or event.occurred_at, source="callback"
        )
    else:
        update = payment_services.fail_payment(
            payment=payment, reason=record.reason or record.state, cancelled=record.state == "cancelled"
        )
    return {
        "payment": str(update.payment.reference),
        "state": update.payment.state,
        "outcome": update.outcome,
    }


def _record(data: dict[str, Any]) -> PlatformPayment:
    try:
        return payment_from_wire(data)
    except (KeyError, TypeError, ValueError) as error:
        raise MalformedEvent(reason=f"'data' is not a payment record ({error})") from error
