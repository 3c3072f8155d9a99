"""An in-process tax office, for simulated mode, tests, demos and training.

It receives dossiers on the same wire as the real one (through :class:`SimulatorTransport`,
or over HTTP with ``run_simulator tax --port N``), applies each ``Idempotency-Key`` once,
and answers with switches: ``latency``, ``error_rate`` (503), ``down`` (connection
refused). An operator plays the tax officer with :meth:`assess`, :meth:`confirm_paid`
and :meth:`reject` (served: ``POST /officer/assessed|paid|rejected|flush``): each sends
motcua a **signed status callback** with the envelope ``{"id", "type", "occurred_at",
"data": {"dossier_code", "sequence", …}}`` and a per-dossier ``sequence``. Callbacks go
in-process (``inbound.receive_event``, the code the HTTP endpoint runs) unless the
``callback_url`` switch names motcua's endpoint. Callback switches:
``duplicate_callbacks`` (each is sent twice), ``out_of_order`` (a callback is held back
and sent after the next one; ``flush`` sends what is held). ``received`` holds the
dossiers applied, ``calls`` every request that reached it, ``callbacks`` every callback
sent and motcua's answer; ``record()`` sums them up.
"""

from __future__ import annotations

import json
import random
import threading
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings

from motcua.core import clock
from motcua.core.errors import MotcuaError
from motcua.integrations import signatures
from motcua.integrations.base import RetryableError
from motcua.integrations.inbound import receive_event
from motcua.integrations.simulators import Call, IdempotentInbox, json_reply, register_simulator
from motcua.integrations.tax.client import DOSSIERS_PATH
from motcua.integrations.transport import HttpTransport, Transport, WireRequest, WireResponse

SYSTEM = "tax"
REQUIRED_FIELDS = ("MaHoSo", "MaTTHC", "MaCoQuan", "NguoiNopThue")
OFFICER_PATH = "/officer/"  # served mode: the operator plays the tax officer here


@dataclass(frozen=True)
class Callback:
    """One status callback the tax office sent, and what motcua answered."""

    envelope: dict[str, Any]
    status: int  # 200, or the error's HTTP status (0: motcua did not answer)
    answer: dict[str, Any]  # the receipt ({"duplicate", "outcome"}) or the error ({"code", "detail"})

    def wire(self) -> dict[str, Any]:
        return {
            "id": self.envelope["id"],
            "type": self.envelope["type"],
            "status": self.status,
            **self.answer,
        }


@dataclass
class TaxOfficeSimulator(IdempotentInbox):
    SWITCHES = ("latency", "error_rate", "down", "duplicate_callbacks", "out_of_order", "callback_url")

    latency: float = 0.0  # seconds per request
    error_rate: float = 0.0  # share of requests answered 503
    down: bool = False  # refuse connections
    duplicate_callbacks: bool = False  # send every callback twice
    out_of_order: bool = False  # hold a callback back and send it after the next one
    callback_url: str = ""  # motcua's events endpoint; "" = in-process
    callback_transport: Transport = field(default_factory=HttpTransport)  # for callback_url
    seed: int | None = None
    received: dict[str, dict[str, Any]] = field(default_factory=dict)  # by idempotency key
    calls: list[Call] = field(default_factory=list)
    callbacks: list[Callback] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._random = random.Random(self.seed)
        self._sequences: dict[str, int] = {}
        self._held: list[dict[str, Any]] = []

    def reset(self) -> None:
        with self._lock:
            self.latency, self.error_rate, self.down = 0.0, 0.0, False
            self.duplicate_callbacks, self.out_of_order, self.callback_url = False, False, ""
            self.callback_transport = HttpTransport()
            self.received, self.calls, self.callbacks = {}, [], []
            self._sequences, self._held = {}, []

    def is_down(self) -> bool:
        return self.down

    def record(self) -> dict[str, Any]:
        with self._lock:
            calls, callbacks = list(self.calls), list(self.callbacks)
            return {
                "filings": len(self.received),
                "requests": len(calls),
                "duplicates": sum(call.duplicate for call in calls),
                "refused": sum(call.status >= 400 for call in calls),
                "callbacks": len(callbacks),
                "callbacks_refused": sum(callback.status != 200 for callback in callbacks),
                "held": len(self._held),
            }

    def dossiers(self, code: str) -> list[dict[str, Any]]:
        """The filings the tax office holds for one dossier, in the order it applied them."""
        return [body for body in self.received.values() if body.get("MaHoSo") == code]

    def handle(self, request: WireRequest) -> WireResponse:
        path = request.url.split("?", 1)[0]
        if request.method == "POST" and OFFICER_PATH in path:
            return self._officer(path.rsplit(OFFICER_PATH, 1)[1].strip("/"), request)
        if not path.endswith(DOSSIERS_PATH) or request.method != "POST":
            return json_reply(404, {"error": "not found"})
        key = request.headers.get("Idempotency-Key", "")
        try:
            body = request.json()
        except ValueError:
            return self._answer(key, 400, {"error": "malformed JSON"})
        problem = _invalid(body, key)
        if problem:
            return self._answer(key, 422, {"error": problem})
        if self._random.random() < self.error_rate:
            return self._answer(key, 503, {"error": "overloaded"})
        return self._apply(key, body)

    def _officer(self, action: str, request: WireRequest) -> WireResponse:
        """The tax officer's buttons over HTTP: ``{"dossier_code", "amount", "reason", …}``."""
        try:
            body = request.json() or {}
            code = str(body.get("dossier_code", "")) if isinstance(body, dict) else ""
            if action == "flush":
                sent = self.flush()
            elif not code:
                return json_reply(400, {"error": "dossier_code is required"})
            elif action == "assessed":
                sent = self.assess(
                    code,
                    int(body["amount"]),
                    due_on=body.get("due_on", ""),
                    notice=body.get("notice_number", ""),
                )
            elif action == "paid":
                sent = self.confirm_paid(code)
            elif action == "rejected":
                sent = self.reject(code, str(body["reason"]))
            else:
                return json_reply(404, {"error": f"no officer action {action!r}"})
        except (ValueError, TypeError, KeyError) as error:
            return json_reply(400, {"error": f"bad officer request: {error!r}"})
        return json_reply(200, {"callbacks": [callback.wire() for callback in sent]})

    def assess(self, code: str, amount: int, *, due_on: str = "", notice: str = "") -> list[Callback]:
        """Notice of the amount due (thông báo nộp thuế)."""
        data: dict[str, Any] = {"amount": amount}
        if due_on:
            data["due_on"] = due_on
        if notice:
            data["notice_number"] = notice
        return self._callback(code, "tax.assessed", data)

    def confirm_paid(self, code: str) -> list[Callback]:
        """The owner paid: the financial obligation is fulfilled."""
        return self._callback(code, "tax.paid", {})

    def reject(self, code: str, reason: str) -> list[Callback]:
        """The declaration cannot be assessed as it is; the reason goes to the handler."""
        return self._callback(code, "tax.rejected", {"reason": reason})

    def flush(self) -> list[Callback]:
        """Send the callbacks held back by ``out_of_order``."""
        with self._lock:
            held, self._held = self._held, []
        return [sent for envelope in held for sent in self._send(envelope)]

    def _callback(self, code: str, kind: str, data: dict[str, Any]) -> list[Callback]:
        with self._lock:
            sequence = self._sequences.get(code, 0) + 1
            self._sequences[code] = sequence
            envelope = {
                "id": f"{code}:{sequence}",
                "type": kind,
                "occurred_at": clock.now().isoformat(),
                "data": {"dossier_code": code, "sequence": sequence, **data},
            }
            if self.out_of_order and not self._held:
                self._held.append(envelope)  # the next callback overtakes it
                return []
        return self._send(envelope) + self.flush()

    def _send(self, envelope: dict[str, Any]) -> list[Callback]:
        copies = 2 if self.duplicate_callbacks else 1
        return [self._deliver(envelope) for _ in range(copies)]

    def _deliver(self, envelope: dict[str, Any]) -> Callback:
        body = json.dumps(envelope, ensure_ascii=False).encode("utf-8")
        headers = {signatures.HEADER: signatures.sign(settings.INBOUND_SECRETS.get(SYSTEM, ""), body)}
        status, answer = self._post(headers, body) if self.callback_url else _in_process(headers, body)
        callback = Callback(envelope, status, answer)
        with self._lock:
            self.callbacks.append(callback)
        return callback

    def _post(self, headers: dict[str, str], body: bytes) -> tuple[int, dict[str, Any]]:
        """The callback over HTTP to motcua's endpoint (served mode)."""
        request = WireRequest(
            "POST", self.callback_url, {**headers, "Content-Type": "application/json"}, body
        )
        try:
            response = self.callback_transport.send(request, timeout=10.0)
            reply = response.json()
        except (RetryableError, ValueError) as error:
            return 0, {"code": "unreachable", "detail": str(error)}
        if response.status == 200 and isinstance(reply, dict):
            return 200, {"duplicate": reply.get("duplicate"), "outcome": reply.get("outcome")}
        return response.status, reply if isinstance(reply, dict) else {}


def _in_process(headers: dict[str, str], body: bytes) -> tuple[int, dict[str, Any]]:
    try:
        receipt = receive_event(system=SYSTEM, headers=headers, body=body)
    except MotcuaError as error:
        return error.status, {"code": error.code, "detail": error.detail}
    return 200, {"duplicate": receipt.duplicate, "outcome": receipt.outcome}


def _invalid(body: Any, key: str) -> str:
    if not key:
        return "Idempotency-Key header missing"
    if not isinstance(body, dict):
        return "body must be an object"
    missing = [name for name in REQUIRED_FIELDS if body.get(name) in (None, "", {})]
    return f"missing fields: {', '.join(missing)}" if missing else ""


simulator = TaxOfficeSimulator()
register_simulator(SYSTEM, lambda: simulator)
