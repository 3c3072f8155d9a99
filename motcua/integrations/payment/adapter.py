"""Domain ↔ wire for the payment platform (national platform or the province's gateway).

The payments app speaks :class:`NewPayment` and :class:`PlatformPayment`; the wire names
(``payment_ref``, ``merchant_ref``, ``succeeded``…) live only here and in the client. Failures
become translated errors the desk can read: the platform is down or slow
(:class:`PaymentPlatformUnavailable`), it refused (:class:`PaymentPlatformRefused`), it does
not know the payment (:class:`PaymentNotAtPlatform`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVar

from django.conf import settings

from motcua.integrations.base import Acknowledgement, Outgoing, RetryableError, TerminalError, registry
from motcua.integrations.errors import (
    PaymentNotAtPlatform,
    PaymentPlatformRefused,
    PaymentPlatformUnavailable,
)
from motcua.integrations.payment import vietqr
from motcua.integrations.payment.client import NotAtPlatform, PaymentPlatformClient
from motcua.integrations.payment.simulator import simulator
from motcua.integrations.simulators import wire_for

SYSTEM = "payment"
SIMULATED_URL = "http://payment-platform.simulator"
TIMEOUT_S = 10.0

# The platform's status → our payment state.
STATES = {
    "pending": "pending",
    "succeeded": "paid",
    "failed": "failed",
    "cancelled": "cancelled",
    "expired": "expired",
}

T = TypeVar("T")


@dataclass(frozen=True)
class NewPayment:
    reference: str  # ours (merchant reference); also the idempotency key of the create call
    amount: int  # VND
    method: str  # vietqr | card
    description: str  # the transfer purpose; reduced to ASCII in the QR
    expires_at: datetime
    return_url: str = ""  # where the card checkout sends the payer back


@dataclass(frozen=True)
class PlatformPayment:
    platform_ref: str
    reference: str
    state: str  # pending | paid | failed | cancelled | expired
    amount: int
    paid_amount: int | None = None
    paid_at: datetime | None = None
    expires_at: datetime | None = None
    qr_payload: str = ""
    checkout_url: str = ""
    bank_name: str = ""
    account_number: str = ""
    account_name: str = ""
    purpose: str = ""
    reason: str = ""
    return_url: str = ""


def payment_from_wire(data: dict[str, Any]) -> PlatformPayment:
    """A platform record (a reply or a callback's ``data``) → :class:`PlatformPayment`.

    Raises ``KeyError``/``TypeError``/``ValueError`` on a record it cannot read.
    """
    status = data["status"]
    if status not in STATES:
        raise ValueError(f"unknown payment status {status!r}")
    account = data.get("account") or {}
    qr = vietqr.decode(data["qr_payload"]) if data.get("qr_payload") else None
    return PlatformPayment(
        platform_ref=_text(data["payment_ref"]),
        reference=_text(data.get("merchant_ref", "")),
        state=STATES[status],
        amount=_integer(data["amount"]),
        paid_amount=_integer(data["paid_amount"]) if data.get("paid_amount") is not None else None,
        paid_at=_time(data.get("paid_at")),
        expires_at=_time(data.get("expires_at")),
        qr_payload=data.get("qr_payload") or "",
        checkout_url=data.get("checkout_url") or "",
        bank_name=vietqr.BANKS.get(account.get("bank_bin", ""), "") or (qr.bank_name if qr else ""),
        account_number=account.get("number") or (qr.account if qr else ""),
        account_name=account.get("name") or "",
        purpose=qr.purpose if qr else _text(data.get("description", "")),
        reason=_text(data.get("reason") or ""),
        return_url=_text(data.get("return_url") or ""),
    )


class PaymentPlatformAdapter:
    def __init__(self, client: PaymentPlatformClient, *, timeout: float = TIMEOUT_S) -> None:
        self.client = client
        self.timeout = timeout

    def create_payment(self, new: NewPayment) -> PlatformPayment:
        body = {
            "merchant_ref": new.reference,
            "amount": new.amount,
            "currency": "VND",
            "method": new.method,
            "description": new.description,
            "return_url": new.return_url,
            "expires_at": new.expires_at.isoformat(),
        }
        reply = self._call(
            lambda: self.client.create_payment(body, idempotency_key=new.reference, timeout=self.timeout)
        )
        return self._read(reply)

    def get_payment(self, platform_ref: str) -> PlatformPayment:
        try:
            reply = self._call(lambda: self.client.get_payment(platform_ref, timeout=self.timeout))
        except NotAtPlatform as error:
            raise PaymentNotAtPlatform(reference=platform_ref) from error
        return self._read(reply)

    def transactions_on(self, day: date) -> list[PlatformPayment]:
        """The platform's transactions paid on ``day`` (its calendar, Vietnam time)."""
        reply = self._call(lambda: self.client.list_transactions(day.isoformat(), timeout=self.timeout))
        rows = reply.get("transactions")
        if not isinstance(rows, list):
            raise PaymentPlatformRefused(reason="the transaction list is missing")
        return [self._read(row) for row in rows]

    def deliver(self, message: Outgoing, *, timeout: float) -> Acknowledgement:
        """The outbox port: nothing is queued for the platform (it is called synchronously)."""
        raise TerminalError(f"the payment platform adapter does not send {message.topic!r}")

    def _call(self, call: Callable[[], T]) -> T:
        try:
            return call()
        except NotAtPlatform:
            raise
        except RetryableError as error:
            raise PaymentPlatformUnavailable(reason=str(error)[:200]) from error
        except TerminalError as error:
            raise PaymentPlatformRefused(reason=str(error)[:200]) from error

    @staticmethod
    def _read(data: Any) -> PlatformPayment:
        try:
            return payment_from_wire(data)
        except (KeyError, TypeError, ValueError) as error:
            raise PaymentPlatformRefused(reason=f"unreadable payment record ({error})") from error


@registry.register(SYSTEM)
def build_adapter() -> PaymentPlatformAdapter:
    """Live mode talks to the configured URL and key; simulated mode to the shared simulator
    server when one runs (``SIMULATOR_SERVERS``), else to the in-process simulator."""
    transport, base_url = wire_for(
        SYSTEM, simulator, live_url=getattr(settings, "PAYMENT_PLATFORM_URL", ""), simulated_url=SIMULATED_URL
    )
    client = PaymentPlatformClient(
        transport=transport,
        base_url=base_url,
        key=getattr(settings, "PAYMENT_PLATFORM_KEY", ""),
    )
    return PaymentPlatformAdapter(client)


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected a string, got {value!r}")
    return value


def _integer(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected a whole number of dong, got {value!r}")
    return value


def _time(value: object) -> datetime | None:
    if value in (None, ""):
        return None
    at = datetime.fromisoformat(_text(value))
    if at.tzinfo is None:
        raise ValueError("times must carry their time zone")
    return at
