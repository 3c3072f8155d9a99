"""How each external system is doing, for the integration health page (reads only).

Outgoing systems are judged from their outbox rows: backlog (pending or failing),
oldest waiting message, dead letters, last success, the latency of recent calls and the
share of failed attempts over the last day. Incoming systems from their recorded events.
In simulated mode each system's simulator shows its switches and what it received.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from statistics import median, quantiles
from typing import Any

from django.conf import settings
from django.db.models import Count, Max, Min, Q, Sum

from motcua.core import clock
from motcua.integrations import inbound
from motcua.integrations.base import RetryableError, registry
from motcua.integrations.models import DeliveryState, InboundEvent, OutboxMessage
from motcua.integrations.simulator_server import CONTROL, switches_of
from motcua.integrations.simulators import server_url, simulated_systems, simulator_for
from motcua.integrations.transport import HttpTransport, WireRequest

RECENT_CALLS = 200
WINDOW = timedelta(hours=24)
UNDELIVERED = (DeliveryState.PENDING, DeliveryState.FAILED)
# Outbox system ids → the contract's short ids of their simulators.
SIMULATOR_OF = {"national_portal": "national-portal", "notify": "notifications"}


@dataclass
class SystemHealth:
    system: str
    outgoing: bool = False
    backlog: int = 0
    dead: int = 0
    oldest_waiting: datetime | None = None
    last_success: datetime | None = None
    latency_p50_ms: float | None = None
    latency_p95_ms: float | None = None
    error_rate: float | None = None  # failed attempts / attempts over the window; None: no attempts
    events_received: int | None = None  # incoming systems, over the window
    last_event: datetime | None = None
    simulator: dict[str, Any] | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def status(self) -> str:
        """ok / degraded / down, for the badge."""
        if self.dead or (self.error_rate or 0) >= 0.5:
            return "down"
        if self.warnings or (self.error_rate or 0) >= 0.05:
            return "degraded"
        return "ok"


def integration_health(*, now: datetime | None = None) -> list[SystemHealth]:
    now = now or clock.now()
    names = sorted(set(registry.systems()) | set(inbound.handlers()))
    return [_health(name, now=now) for name in names]


def _health(system: str, *, now: datetime) -> SystemHealth:
    health = SystemHealth(system)
    if system in registry.systems():
        _outgoing(health, now=now)
    if system in inbound.handlers():
        _incoming(health, now=now)
    if getattr(settings, "INTEGRATIONS_MODE", "simulated") == "simulated":
        health.simulator = _simulator(system)
    return health


def _outgoing(health: SystemHealth, *, now: datetime) -> None:
    rows = OutboxMessage.objects.filter(system=health.system)
    health.outgoing = True
    waiting = rows.filter(state__in=UNDELIVERED).aggregate(n=Count("id"), oldest=Min("created_at"))
    health.backlog, health.oldest_waiting = waiting["n"], waiting["oldest"]
    health.dead = rows.filter(state=DeliveryState.DEAD).count()
    health.last_success = rows.filter(delivered_at__isnull=False).aggregate(at=Max("delivered_at"))["at"]
    recent = list(
        rows.filter(delivered_at__isnull=False, last_duration_ms__isnull=False)
        .order_by("-delivered_at")
        .values_list("last_duration_ms", flat=True)[:RECENT_CALLS]
    )
    if recent:
        health.latency_p50_ms = float(median(recent))
        health.latency_p95_ms = float(quantiles(recent, n=20)[-1]) if len(recent) > 1 else float(recent[0])
    attempts = rows.filter(created_at__gte=now - WINDOW, attempts__gt=0).aggregate(
        tries=Sum("attempts"), succeeded=Count("id", filter=Q(delivered_at__isnull=False))
    )
    if attempts["tries"]:
        health.error_rate = (attempts["tries"] - attempts["succeeded"]) / attempts["tries"]
    if health.oldest_waiting and now - health.oldest_waiting > timedelta(minutes=15):
        health.warnings.append("backlog")


def _incoming(health: SystemHealth, *, now: datetime) -> None:
    events = InboundEvent.objects.filter(system=health.system)
    health.events_received = events.filter(received_at__gte=now - WINDOW).count()
    health.last_event = events.aggregate(at=Max("received_at"))["at"]


def _simulator(system: str) -> dict[str, Any] | None:
    name = SIMULATOR_OF.get(system, system)
    if name not in simulated_systems():
        return None
    if served := server_url(name):
        return _served_simulator(name, served)
    simulator = simulator_for(name)
    return {"name": name, "switches": switches_of(simulator), "record": simulator.record()}


def _served_simulator(name: str, url: str) -> dict[str, Any]:
    """The shared simulator server's switches and record; an error line if it does not answer."""
    request = WireRequest("GET", url.rstrip("/") + CONTROL + "/", {"Accept": "application/json"})
    try:
        reply = _transport.send(request, timeout=1.0).json()
    except (RetryableError, ValueError) as error:
        return {"name": name, "url": url, "error": str(error), "switches": {}, "record": {}}
    return {
        "name": name,
        "url": url,
        "switches": reply.get("switches", {}),
        "record": reply.get("record", {}),
    }


_transport = HttpTransport()
