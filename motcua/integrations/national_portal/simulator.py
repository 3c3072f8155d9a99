"""An in-process National Public Service Portal, for simulated mode, tests, demos and training.

It answers the same wire requests as the real portal (through :class:`SimulatorTransport`),
applies each ``Idempotency-Key`` once, and has switches: latency, error rate, outage
windows (judged on ``motcua.core.clock``), a hard ``down`` switch, and dossier codes it
refuses. ``received`` holds what was applied, ``calls`` every request that reached it.
"""

from __future__ import annotations

import json
import random
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from motcua.core import clock
from motcua.integrations.base import RetryableError
from motcua.integrations.national_portal.client import STATUS_PATH
from motcua.integrations.transport import WireRequest, WireResponse

REQUIRED_FIELDS = ("MaHoSo", "MaTTHC", "TrangThaiHoSo", "KenhThucHien", "ThuTuSuKien", "ThoiDiemSuKien")


@dataclass(frozen=True)
class Call:
    key: str
    status: int
    duplicate: bool = False


@dataclass
class NationalPortalSimulator:
    latency: float = 0.0  # seconds per request
    error_rate: float = 0.0  # share of requests answered 503
    down: bool = False  # refuse connections
    outages: list[tuple[datetime, datetime]] = field(default_factory=list)  # [start, end)
    refuse_codes: set[str] = field(default_factory=set)  # dossier codes answered 422
    seed: int | None = None
    received: dict[str, dict[str, Any]] = field(default_factory=dict)  # by idempotency key
    calls: list[Call] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._random = random.Random(self.seed)

    def reset(self) -> None:
        with self._lock:
            self.latency, self.error_rate, self.down = 0.0, 0.0, False
            self.outages, self.refuse_codes = [], set()
            self.received, self.calls = {}, []

    def is_down(self, at: datetime | None = None) -> bool:
        at = at or clock.now()
        return self.down or any(start <= at < end for start, end in self.outages)

    def statuses(self, code: str) -> list[dict[str, Any]]:
        """What the portal holds for one dossier, in the order it applied it."""
        return [body for body in self.received.values() if body.get("MaHoSo") == code]

    def handle(self, request: WireRequest) -> WireResponse:
        if not request.url.endswith(STATUS_PATH) or request.method != "POST":
            return _reply(404, {"error": "not found"})
        key = request.headers.get("Idempotency-Key", "")
        try:
            body = request.json()
        except ValueError:
            return self._answer(key, 400, {"error": "malformed JSON"})
        problem = _invalid(body, key)
        if problem:
            return self._answer(key, 422, {"error": problem})
        if body["MaHoSo"] in self.refuse_codes:
            return self._answer(key, 422, {"error": f"dossier {body['MaHoSo']} refused"})
        if self._random.random() < self.error_rate:
            return self._answer(key, 503, {"error": "overloaded"})
        return self._apply(key, body)

    def _apply(self, key: str, body: dict[str, Any]) -> WireResponse:
        with self._lock:
            duplicate = key in self.received
            if not duplicate:
                self.received[key] = body
            self.calls.append(Call(key, 200, duplicate))
        return _reply(200, {"id": key, "duplicate": duplicate})

    def _answer(self, key: str, status: int, body: dict[str, Any]) -> WireResponse:
        with self._lock:
            self.calls.append(Call(key, status))
        return _reply(status, body)


class SimulatorTransport:
    """Hands requests to the simulator in-process; latency beyond the timeout is a timeout."""

    def __init__(self, simulator: NationalPortalSimulator) -> None:
        self.simulator = simulator

    def send(self, request: WireRequest, *, timeout: float) -> WireResponse:
        if self.simulator.is_down():
            raise RetryableError("connection refused (simulated outage)")
        if self.simulator.latency:
            time.sleep(min(self.simulator.latency, timeout))
            if self.simulator.latency > timeout:
                raise RetryableError(f"timed out after {timeout} s (simulated latency)")
        return self.simulator.handle(request)


def _invalid(body: Any, key: str) -> str:
    if not key:
        return "Idempotency-Key header missing"
    if not isinstance(body, dict):
        return "body must be an object"
    missing = [name for name in REQUIRED_FIELDS if body.get(name) in (None, "")]
    return f"missing fields: {', '.join(missing)}" if missing else ""


def _reply(status: int, body: dict[str, Any]) -> WireResponse:
    return WireResponse(status, json.dumps(body).encode(), {"Content-Type": "application/json"})


simulator = NationalPortalSimulator()
