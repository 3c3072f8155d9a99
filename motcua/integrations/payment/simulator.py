"""An in-process payment platform, for simulated mode, tests, demos and training.

It answers the platform's wire requests (through :class:`SimulatorTransport`): it creates
payments with a VietQR payload for the province's collection account (or a checkout URL
for a card), reads them and lists a day's transactions. :meth:`pay`, :meth:`decline` and
:meth:`cancel` play the payer (QR scanned, card accepted or refused, checkout abandoned)
and then send motcua the **signed callback**, in-process through
``motcua.integrations.inbound.receive_event`` — the same code the HTTP endpoint runs.

Switches: ``latency`` (seconds), ``error_rate`` (share of 503s, seeded by ``seed``),
``down`` and ``outages`` (``[(start, end)]`` on ``motcua.core.clock``) for requests;
``drop_callbacks`` (the payment happens, nobody is told), ``duplicate_callbacks`` (each is
sent twice), ``out_of_order`` (callbacks are held until :meth:`flush_callbacks`, which
sends the newest first), ``callback_url`` (motcua's events endpoint; "" = in-process).
``received`` records every request, ``sent`` every callback.

Served standalone (``run_simulator payment --port N``), the payer is played over HTTP:
``POST /_simulator/pay``, ``/_simulator/decline``, ``/_simulator/cancel`` with
``{"payment_ref": "..."}`` (``pay`` also takes ``amount``), ``POST /_simulator/flush``.
"""

from __future__ import annotations

import json
import random
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings

from motcua.core import clock
from motcua.core.errors import MotcuaError
from motcua.integrations import signatures
from motcua.integrations.base import RetryableError, TerminalError
from motcua.integrations.payment import vietqr
from motcua.integrations.payment.client import PAYMENTS_PATH, TRANSACTIONS_PATH
from motcua.integrations.simulators import register_simulator
from motcua.integrations.transport import HttpTransport, Transport, WireRequest, WireResponse

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
CHECKOUT_PATH = "/gia-lap/thanh-toan/"  # the simulator's card checkout page (checkout_views)
METHODS = ("vietqr", "card")


@dataclass(frozen=True)
class Account:
    bank_bin: str
    number: str
    name: str


# The province's collection account at the State Treasury (simulated).
COLLECTION_ACCOUNT = Account("970415", "113000000004", "KHO BAC NHA NUOC CAO BANG")


class PayerError(ValueError):
    """The simulated payer cannot do that (unknown, already paid, expired…)."""


@dataclass
class SimulatedPayment:
    payment_ref: str
    merchant_ref: str
    amount: int
    method: str
    description: str
    return_url: str
    created_at: datetime
    expires_at: datetime
    qr_payload: str = ""
    status: str = "pending"  # pending | succeeded | failed | cancelled | expired
    paid_amount: int | None = None
    paid_at: datetime | None = None
    reason: str = ""

    def wire(self, *, now: datetime) -> dict[str, Any]:
        status = "expired" if self.status == "pending" and now >= self.expires_at else self.status
        return {
            "payment_ref": self.payment_ref,
            "merchant_ref": self.merchant_ref,
            "amount": self.amount,
            "method": self.method,
            "status": status,
            "paid_amount": self.paid_amount,
            "paid_at": self.paid_at.isoformat() if self.paid_at else None,
            "expires_at": self.expires_at.isoformat(),
            "qr_payload": self.qr_payload,
            "checkout_url": f"{CHECKOUT_PATH}{self.payment_ref}/" if self.method == "card" else "",
            "account": {
                "bank_bin": COLLECTION_ACCOUNT.bank_bin,
                "number": COLLECTION_ACCOUNT.number,
                "name": COLLECTION_ACCOUNT.name,
            },
            "description": self.description,
            "return_url": self.return_url,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    status: int


@dataclass(frozen=True)
class Callback:
    event_id: str
    type: str
    payment_ref: str
    status: int  # what motcua answered; 0 when dropped or held
    outcome: str  # "delivered", "duplicate", "dropped", "held", or the error code


Deliver = Callable[[bytes, str], tuple[int, dict[str, Any]]]


def deliver_in_process(body: bytes, signature: str) -> tuple[int, dict[str, Any]]:
    """Hand a callback to motcua's inbound endpoint logic, as the HTTP view would."""
    from motcua.integrations.inbound import receive_event

    try:
        receipt = receive_event(system="payment", headers={signatures.HEADER: signature}, body=body)
    except MotcuaError as error:
        return error.status, {"code": error.code, "detail": error.detail}
    return 200, {"id": receipt.event_id, "duplicate": receipt.duplicate, "outcome": receipt.outcome}


@dataclass
class PaymentPlatformSimulator:
    SWITCHES = (
        "latency",
        "error_rate",
        "down",
        "drop_callbacks",
        "duplicate_callbacks",
        "out_of_order",
        "callback_url",
    )

    latency: float = 0.0
    error_rate: float = 0.0
    down: bool = False
    outages: list[tuple[datetime, datetime]] = field(default_factory=list)
    drop_callbacks: bool = False
    duplicate_callbacks: bool = False
    out_of_order: bool = False
    callback_url: str = ""  # motcua's events endpoint when served standalone; "" = in-process
    callback_transport: Transport = field(default_factory=HttpTransport)
    key: str = ""  # when set, requests must carry "Authorization: Bearer <key>"
    seed: int | None = None
    deliver: Deliver = deliver_in_process
    payments: dict[str, SimulatedPayment] = field(default_factory=dict)  # by payment_ref
    received: list[Request] = field(default_factory=list)
    sent: list[Callback] = field(default_factory=list)
    held: list[tuple[Callback, bytes]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._lock = threading.RLock()
        self._random = random.Random(self.seed)
        self._by_key: dict[str, str] = {}

    def reset(self) -> None:
        with self._lock:
            self.latency, self.error_rate, self.down, self.outages = 0.0, 0.0, False, []
            self.drop_callbacks = self.duplicate_callbacks = self.out_of_order = False
            self.key, self.deliver, self.callback_url = "", deliver_in_process, ""
            self.callback_transport = HttpTransport()
            self.payments, self.received, self.sent, self.held = {}, [], [], []
            self._by_key = {}

    def record(self) -> dict[str, Any]:
        with self._lock:
            statuses = [payment.status for payment in self.payments.values()]
            callbacks = [callback.outcome for callback in self.sent]
            return {
                "payments": len(statuses),
                "paid": statuses.count("succeeded"),
                "requests": len(self.received),
                "callbacks": len(callbacks),
                "dropped": callbacks.count("dropped"),
                "held": len(self.held),
            }

    def control(self, action: str, body: Any) -> dict[str, Any]:
        """Trainer actions over HTTP (``POST /_simulator/<action>``): play the payer."""
        if action == "flush":
            return {"callbacks": [_plain(c) for c in self.flush_callbacks()]}
        if action not in ("pay", "decline", "cancel") or not isinstance(body, dict):
            raise ValueError(f"unknown action {action!r} or body; known: pay, decline, cancel, flush")
        ref = str(body.get("payment_ref", ""))
        try:
            if action == "pay":
                amount = body.get("amount")
                if amount is not None and (isinstance(amount, bool) or not isinstance(amount, int)):
                    raise ValueError("amount must be a whole number of dong")
                callbacks = self.pay(ref, amount=amount)
            elif action == "decline":
                callbacks = self.decline(ref, reason=str(body.get("reason") or "declined"))
            else:
                callbacks = self.cancel(ref)
        except PayerError as error:
            return {"error": str(error), "callbacks": []}
        return {"callbacks": [_plain(c) for c in callbacks]}

    def is_down(self, at: datetime | None = None) -> bool:
        at = at or clock.now()
        return self.down or any(start <= at < end for start, end in self.outages)

    # The wire.

    def handle(self, request: WireRequest) -> WireResponse:
        parts = urlsplit(request.url)
        response = self._route(request, parts.path, parse_qs(parts.query))
        with self._lock:
            self.received.append(Request(request.method, parts.path, response.status))
        return response

    def _route(self, request: WireRequest, path: str, query: dict[str, list[str]]) -> WireResponse:
        if self.key and request.headers.get("Authorization") != f"Bearer {self.key}":
            return _reply(401, {"error": "bad key"})
        if self._random.random() < self.error_rate:
            return _reply(503, {"error": "overloaded"})
        if request.method == "POST" and path.endswith(PAYMENTS_PATH):
            return self._create(request)
        if request.method == "GET" and PAYMENTS_PATH + "/" in path:
            return self._read(path.rsplit("/", 1)[-1])
        if request.method == "GET" and path.endswith(TRANSACTIONS_PATH):
            return self._transactions((query.get("date") or [""])[0])
        return _reply(404, {"error": "not found"})

    def _create(self, request: WireRequest) -> WireResponse:
        key = request.headers.get("Idempotency-Key", "")
        try:
            body = request.json()
            payment = self._new_payment(body)
        except (ValueError, TypeError, KeyError, vietqr.InvalidVietQR) as error:
            return _reply(422, {"error": f"invalid payment: {error}"})
        with self._lock:
            if key and key in self._by_key:
                existing = self.payments[self._by_key[key]]
                return _reply(200, existing.wire(now=clock.now()) | {"duplicate": True})
            self.payments[payment.payment_ref] = payment
            if key:
                self._by_key[key] = payment.payment_ref
        return _reply(201, payment.wire(now=clock.now()))

    def _new_payment(self, body: dict[str, Any]) -> SimulatedPayment:
        amount, method = body["amount"], body["method"]
        if not isinstance(amount, int) or amount <= 0 or method not in METHODS:
            raise ValueError("amount must be a positive integer and method vietqr or card")
        expires_at = datetime.fromisoformat(body["expires_at"])
        payment_ref = "SIM" + uuid.uuid4().hex[:16].upper()
        description = str(body.get("description", ""))
        payment = SimulatedPayment(
            payment_ref=payment_ref,
            merchant_ref=str(body["merchant_ref"]),
            amount=amount,
            method=method,
            description=description,
            return_url=str(body.get("return_url", "")),
            created_at=clock.now(),
            expires_at=expires_at,
        )
        if method == "vietqr":
            account = COLLECTION_ACCOUNT
            qr = vietqr.VietQR(account.bank_bin, account.number, amount, description, bill=payment_ref)
            payment.qr_payload = vietqr.encode(qr)
        return payment

    def _read(self, payment_ref: str) -> WireResponse:
        payment = self.payments.get(payment_ref)
        if payment is None:
            return _reply(404, {"error": f"no payment {payment_ref}"})
        return _reply(200, payment.wire(now=clock.now()))

    def _transactions(self, day: str) -> WireResponse:
        try:
            wanted = datetime.fromisoformat(day).date()
        except ValueError:
            return _reply(400, {"error": "date must be YYYY-MM-DD"})
        now = clock.now()
        rows = [
            p.wire(now=now)
            for p in self.payments.values()
            if p.paid_at is not None and p.paid_at.astimezone(VIETNAM).date() == wanted
        ]
        return _reply(200, {"date": day, "transactions": rows})

    # The payer.

    def pay(self, payment_ref: str, *, amount: int | None = None) -> list[Callback]:
        """The payer scanned the QR (or the card was accepted): money in, then the callback."""
        with self._lock:
            payment = self._payable(payment_ref)
            payment.status, payment.paid_at = "succeeded", clock.now()
            payment.paid_amount = payment.amount if amount is None else amount
        return self._callback(payment, "payment.succeeded")

    def decline(self, payment_ref: str, *, reason: str = "declined", retry: bool = False) -> list[Callback]:
        """The card was refused (or the bank rejected the transfer).

        ``retry``: the payer may try again, so the payment stays payable at the platform
        (a later :meth:`pay` succeeds); the callback still reports this attempt as failed.
        """
        if not retry:
            return self._end(payment_ref, "failed", reason)
        with self._lock:
            payment = self._payable(payment_ref)
        return self._callback(payment, "payment.failed", status="failed", reason=reason)

    def cancel(self, payment_ref: str) -> list[Callback]:
        """The payer left the checkout page with "Cancel"."""
        return self._end(payment_ref, "cancelled", "cancelled")

    def _end(self, payment_ref: str, status: str, reason: str) -> list[Callback]:
        with self._lock:
            payment = self._payable(payment_ref)
            payment.status, payment.reason = status, reason
        return self._callback(payment, "payment.failed")

    def _payable(self, payment_ref: str) -> SimulatedPayment:
        payment = self.payments.get(payment_ref)
        if payment is None:
            raise PayerError(f"no payment {payment_ref}")
        if payment.status != "pending":
            raise PayerError(f"payment {payment_ref} is {payment.status}")
        if clock.now() >= payment.expires_at:
            payment.status = "expired"
            raise PayerError(f"payment {payment_ref} has expired")
        return payment

    # Callbacks.

    def _callback(self, payment: SimulatedPayment, event_type: str, **overrides: Any) -> list[Callback]:
        envelope = {
            "id": f"evt-{uuid.uuid4().hex}",
            "type": event_type,
            "occurred_at": clock.now().isoformat(),
            "data": payment.wire(now=clock.now()) | overrides,
        }
        body = json.dumps(envelope, ensure_ascii=False).encode("utf-8")
        pending = Callback(envelope["id"], event_type, payment.payment_ref, 0, "")
        if self.drop_callbacks:
            return [self._record(pending, 0, "dropped")]
        if self.out_of_order:
            with self._lock:
                self.held.append((pending, body))
            return [self._record(pending, 0, "held")]
        copies = 2 if self.duplicate_callbacks else 1
        return [self._send(pending, body) for _ in range(copies)]

    def flush_callbacks(self) -> list[Callback]:
        """Send the held callbacks, newest first (the ``out_of_order`` switch)."""
        with self._lock:
            held, self.held = self.held, []
        return [self._send(pending, body) for pending, body in reversed(held)]

    def _send(self, pending: Callback, body: bytes) -> Callback:
        secret = settings.INBOUND_SECRETS.get("payment", "")
        send = self._post if self.callback_url else self.deliver
        status, reply = send(body, signatures.sign(secret, body))
        outcome = (
            ("duplicate" if reply.get("duplicate") else "delivered")
            if status == 200
            else reply.get("code", "")
        )
        return self._record(pending, status, str(outcome))

    def _post(self, body: bytes, signature: str) -> tuple[int, dict[str, Any]]:
        """The callback over HTTP to motcua's endpoint (served standalone)."""
        headers = {signatures.HEADER: signature, "Content-Type": "application/json"}
        try:
            response = self.callback_transport.send(
                WireRequest("POST", self.callback_url, headers, body), timeout=10.0
            )
            reply = response.json()
        except (RetryableError, TerminalError, ValueError) as error:
            return 0, {"code": "unreachable", "detail": str(error)}
        return response.status, reply if isinstance(reply, dict) else {}

    def _record(self, pending: Callback, status: int, outcome: str) -> Callback:
        sent = Callback(pending.event_id, pending.type, pending.payment_ref, status, outcome)
        with self._lock:
            self.sent.append(sent)
        return sent


def _plain(callback: Callback) -> dict[str, Any]:
    return {
        "id": callback.event_id,
        "type": callback.type,
        "status": callback.status,
        "outcome": callback.outcome,
    }


def _reply(status: int, body: dict[str, Any]) -> WireResponse:
    return WireResponse(status, json.dumps(body).encode(), {"Content-Type": "application/json"})


simulator = PaymentPlatformSimulator()
register_simulator("payment", lambda: simulator)
