"""What other apps use of the payment platform (re-exported by ``motcua.integrations.services``)."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings

from motcua.integrations.base import RetryableError, registry
from motcua.integrations.errors import PaymentPlatformUnavailable, PaymentSimulatorRefused
from motcua.integrations.payment.adapter import SYSTEM, PaymentPlatformAdapter
from motcua.integrations.payment.simulator import Callback, PayerError, simulator
from motcua.integrations.simulators import server_url
from motcua.integrations.transport import HttpTransport, WireRequest

CONTROL_TIMEOUT_S = 10.0


def payment_platform() -> PaymentPlatformAdapter:
    """The configured platform: the in-process simulator in simulated mode, the real one live."""
    return registry.get(SYSTEM)  # type: ignore[return-value]  (tests may override it)


def payment_simulated() -> bool:
    return getattr(settings, "INTEGRATIONS_MODE", "simulated") != "live"


def simulate_payer(
    *, platform_ref: str, pay: bool = True, amount: int | None = None
) -> list[Callback] | list[dict[str, Any]]:
    """Training and tests: the applicant pays (or cancels) at the simulated platform.

    The simulator then sends motcua its signed callback, as the real platform would. When
    the simulator is served standalone (``SIMULATOR_SERVERS``) the payer is played there.
    """
    if not payment_simulated():
        raise PaymentSimulatorRefused(reason="the payment platform is not simulated here")
    if served := server_url(SYSTEM):
        body = {"payment_ref": platform_ref} | ({"amount": amount} if amount is not None else {})
        return _control(served, "pay" if pay else "cancel", body)
    try:
        if pay:
            return simulator.pay(platform_ref, amount=amount)
        return simulator.cancel(platform_ref)
    except PayerError as error:
        raise PaymentSimulatorRefused(reason=str(error)) from error


def _control(base_url: str, action: str, body: dict[str, Any]) -> list[dict[str, Any]]:
    url = f"{base_url.rstrip('/')}/_simulator/{action}"
    request = WireRequest("POST", url, {"Content-Type": "application/json"}, json.dumps(body).encode())
    try:
        reply = HttpTransport().send(request, timeout=CONTROL_TIMEOUT_S).json()
    except (RetryableError, ValueError) as error:
        raise PaymentPlatformUnavailable(reason=str(error)[:200]) from error
    if not isinstance(reply, dict) or reply.get("error"):
        reason = reply.get("error") if isinstance(reply, dict) else "unreadable answer"
        raise PaymentSimulatorRefused(reason=str(reason))
    return list(reply.get("callbacks") or [])
