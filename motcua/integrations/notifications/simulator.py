"""In-process SMS and e-mail providers, for simulated mode, tests, demos and training.

Each answers :class:`~motcua.integrations.notifications.providers.HttpProvider`'s wire,
sends a given ``Idempotency-Key`` once, and has switches: ``down`` (connection refused),
``error_rate`` (503), ``latency`` (seconds; beyond the timeout it is a timeout) and
``refuse`` (addresses answered 422: a number that does not exist). ``sent`` holds the
messages it sent, ``calls`` every request that reached it.

:class:`NotificationsSimulator` puts the three providers behind one server
(``run_simulator notifications --port N``: ``POST /<provider>/messages``), with
gateway-wide switches and ``providers_down`` to take single providers out (failover).
"""

from __future__ import annotations

import json
import random
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from motcua.integrations.base import RetryableError
from motcua.integrations.notifications.providers import MESSAGES_PATH
from motcua.integrations.simulators import register_simulator
from motcua.integrations.transport import WireRequest, WireResponse


@dataclass(frozen=True)
class Call:
    key: str
    status: int
    duplicate: bool = False


@dataclass
class ProviderSimulator:
    name: str
    channel: str  # "sms" or "email"
    latency: float = 0.0
    error_rate: float = 0.0
    down: bool = False
    refuse: set[str] = field(default_factory=set)
    seed: int | None = None
    sent: list[dict[str, Any]] = field(default_factory=list)
    calls: list[Call] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._random = random.Random(self.seed)
        self._keys: set[str] = set()

    def reset(self) -> None:
        with self._lock:
            self.latency, self.error_rate, self.down, self.refuse = 0.0, 0.0, False, set()
            self.sent, self.calls, self._keys = [], [], set()

    def handle(self, request: WireRequest) -> WireResponse:
        if not request.url.endswith(MESSAGES_PATH) or request.method != "POST":
            return _reply(404, {"error": "not found"})
        key = request.headers.get("Idempotency-Key", "")
        try:
            body = request.json()
        except ValueError:
            return self._answer(key, 400, {"error": "malformed JSON"})
        if not key or not isinstance(body, dict) or not body.get("to") or not body.get("text"):
            return self._answer(key, 422, {"error": "to, text and Idempotency-Key are required"})
        if self.channel == "sms" and len(body["text"]) > 160:
            return self._answer(key, 422, {"error": "an SMS is at most 160 characters"})
        if body["to"] in self.refuse:
            return self._answer(key, 422, {"error": f"unknown recipient {body['to']}"})
        if self._random.random() < self.error_rate:
            return self._answer(key, 503, {"error": "overloaded"})
        with self._lock:
            duplicate = key in self._keys
            if not duplicate:
                self._keys.add(key)
                self.sent.append({"key": key, **body})
            self.calls.append(Call(key, 200, duplicate))
        return _reply(200, {"id": f"{self.name}-{key}", "duplicate": duplicate})

    def _answer(self, key: str, status: int, body: dict[str, Any]) -> WireResponse:
        with self._lock:
            self.calls.append(Call(key, status))
        return _reply(status, body)


class SimulatorTransport:
    def __init__(self, simulator: ProviderSimulator) -> None:
        self.simulator = simulator

    def send(self, request: WireRequest, *, timeout: float) -> WireResponse:
        if self.simulator.down:
            raise RetryableError(f"{self.simulator.name}: connection refused (simulated outage)")
        if self.simulator.latency:
            time.sleep(min(self.simulator.latency, timeout))
            if self.simulator.latency > timeout:
                raise RetryableError(f"{self.simulator.name}: timed out after {timeout} s (simulated)")
        return self.simulator.handle(request)


class NotificationsSimulator:
    """The providers as one simulator (health page, ``run_simulator``), by name in the path.

    ``latency``, ``error_rate`` and ``down`` set every provider at once (reading gives the
    worst); ``providers_down`` names the providers that are out, so the failover is seen;
    ``refuse`` the addresses every provider answers 422.
    """

    SWITCHES = ("latency", "error_rate", "down", "providers_down", "refuse")

    def __init__(self, providers: tuple[ProviderSimulator, ...]) -> None:
        self.providers = {provider.name: provider for provider in providers}

    @property
    def latency(self) -> float:
        return max(provider.latency for provider in self.providers.values())

    @latency.setter
    def latency(self, value: float) -> None:
        self._set_all("latency", value)

    @property
    def error_rate(self) -> float:
        return max(provider.error_rate for provider in self.providers.values())

    @error_rate.setter
    def error_rate(self, value: float) -> None:
        self._set_all("error_rate", value)

    @property
    def down(self) -> bool:
        return all(provider.down for provider in self.providers.values())

    @down.setter
    def down(self, value: bool) -> None:
        self._set_all("down", value)

    @property
    def providers_down(self) -> list[str]:
        return [name for name, provider in self.providers.items() if provider.down]

    @providers_down.setter
    def providers_down(self, names: list[str]) -> None:
        if not isinstance(names, list):
            raise TypeError("providers_down takes a list of provider names")
        unknown = set(names) - set(self.providers)
        if unknown:
            raise ValueError(f"unknown providers {sorted(unknown)}; known: {', '.join(self.providers)}")
        for name, provider in self.providers.items():
            provider.down = name in names

    @property
    def refuse(self) -> set[str]:
        return set().union(*(provider.refuse for provider in self.providers.values()))

    @refuse.setter
    def refuse(self, addresses: set[str]) -> None:
        self._set_all("refuse", set(addresses))

    def _set_all(self, name: str, value: Any) -> None:
        for provider in self.providers.values():
            setattr(provider, name, value)

    def is_down(self) -> bool:
        return self.down

    def reset(self) -> None:
        for provider in self.providers.values():
            provider.reset()

    def record(self) -> dict[str, Any]:
        calls = [call for provider in self.providers.values() for call in provider.calls]
        sent = {f"{name} sent": len(provider.sent) for name, provider in self.providers.items()}
        return {**sent, "requests": len(calls), "refused": sum(call.status >= 400 for call in calls)}

    def handle(self, request: WireRequest) -> WireResponse:
        """``/<provider>/messages``; a provider that is out answers 503 (the server stays up)."""
        name = request.url.split("?", 1)[0].removesuffix(MESSAGES_PATH).rsplit("/", 1)[-1]
        provider = self.providers.get(name)
        if provider is None:
            return _reply(404, {"error": f"no provider {name!r}; known: {', '.join(self.providers)}"})
        if provider.down:
            return _reply(503, {"error": f"{name} is down (simulated outage)"})
        return provider.handle(request)


def _reply(status: int, body: dict[str, Any]) -> WireResponse:
    return WireResponse(status, json.dumps(body).encode(), {"Content-Type": "application/json"})


sms_primary = ProviderSimulator("sms-primary", "sms")
sms_secondary = ProviderSimulator("sms-secondary", "sms")
email_secondary = ProviderSimulator("email-secondary", "email")
SIMULATORS = (sms_primary, sms_secondary, email_secondary)
gateway = NotificationsSimulator(SIMULATORS)
register_simulator("notifications", lambda: gateway)


def reset_all() -> None:
    for simulator in SIMULATORS:
        simulator.reset()
