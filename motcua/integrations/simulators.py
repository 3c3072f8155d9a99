"""The simulators of the national and sector systems, by the short id the contract uses.

Each simulator answers :class:`WireRequest`s in-process (simulated mode, tests, demos)
and can be served over HTTP by ``run_simulator <system> --port N`` (training, load tests,
a motcua in live mode pointed at it). Every simulator has the switches ``latency``,
``error_rate`` and ``down`` (plus its own: outage windows, duplicate or out-of-order
callbacks, …) and a ``record()`` of what it received.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from django.conf import settings

from motcua.integrations.base import RetryableError
from motcua.integrations.transport import HttpTransport, Transport, WireRequest, WireResponse


class Simulator(Protocol):
    latency: float
    error_rate: float
    down: bool

    def handle(self, request: WireRequest) -> WireResponse: ...

    def reset(self) -> None: ...

    def is_down(self) -> bool: ...

    def record(self) -> dict[str, Any]: ...


_simulators: dict[str, Callable[[], Simulator]] = {}


def register_simulator(system: str, get: Callable[[], Simulator]) -> None:
    """``system`` is the contract's short id (``national-portal``, ``payment``, ``tax``, …)."""
    _simulators[system] = get


def simulator_for(system: str) -> Simulator:
    if system not in _simulators:
        raise LookupError(system)
    return _simulators[system]()


def simulated_systems() -> list[str]:
    return sorted(_simulators)


def server_url(system: str) -> str:
    """The URL of a ``run_simulator`` server shared by every process, or "" for in-process.

    In simulated mode an in-process simulator lives in one process: what the delivery
    worker pushed to it, the web process's reconciliation would not see. ``make run``
    therefore serves the stateful simulators once and tells every process where
    (``SIMULATOR_SERVERS``); tests use them in-process.
    """
    return getattr(settings, "SIMULATOR_SERVERS", {}).get(system, "")


class SimulatorTransport:
    """Hands requests to a simulator in-process; latency beyond the timeout is a timeout."""

    def __init__(self, simulator: Simulator) -> None:
        self.simulator = simulator

    def send(self, request: WireRequest, *, timeout: float) -> WireResponse:
        if self.simulator.is_down():
            raise RetryableError("connection refused (simulated outage)")
        if self.simulator.latency:
            time.sleep(min(self.simulator.latency, timeout))
            if self.simulator.latency > timeout:
                raise RetryableError(f"timed out after {timeout} s (simulated latency)")
        return self.simulator.handle(request)


def wire_for(
    system: str, simulator: Simulator, *, live_url: str, simulated_url: str
) -> tuple[Transport, str]:
    """The transport and base URL a system's client uses, the same rule for every adapter.

    Live mode: HTTP to the configured URL. Simulated mode: HTTP to the shared simulator
    server when ``make run`` serves one (``SIMULATOR_SERVERS``), else the simulator
    in-process (tests).
    """
    if getattr(settings, "INTEGRATIONS_MODE", "simulated") == "live":
        return HttpTransport(), live_url
    if served := server_url(system):
        return HttpTransport(), served
    return SimulatorTransport(simulator), simulated_url


@dataclass(frozen=True)
class Call:
    """One request that reached a simulator: its idempotency key, answer, and whether a repeat."""

    key: str
    status: int
    duplicate: bool = False


def json_reply(status: int, body: dict[str, Any]) -> WireResponse:
    return WireResponse(
        status, json.dumps(body, ensure_ascii=False).encode(), {"Content-Type": "application/json"}
    )


class IdempotentInbox:
    """What a simulated receiving system does with keyed messages: apply each key once.

    The simulator provides ``received`` (body by key), ``calls`` (a list of :class:`Call`)
    and ``_lock``.
    """

    received: dict[str, Any]
    calls: list[Call]
    _lock: threading.Lock

    def _apply(self, key: str, body: Any) -> WireResponse:
        with self._lock:
            duplicate = key in self.received
            if not duplicate:
                self.received[key] = body
            self.calls.append(Call(key, 200, duplicate))
        return json_reply(200, {"id": key, "duplicate": duplicate})

    def _answer(self, key: str, status: int, body: dict[str, Any]) -> WireResponse:
        with self._lock:
            self.calls.append(Call(key, status))
        return json_reply(status, body)
