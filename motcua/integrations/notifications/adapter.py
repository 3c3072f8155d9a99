"""The ``notify`` system: send one SMS or e-mail, failing over from the primary provider.

The outbox message already holds the final text (``dossiers.services.notifications``
composed it in the action's transaction); this adapter only routes it. For its channel it
tries the providers in order: a retryable failure (down, timeout, 5xx) moves on to the
next; a terminal one (the provider refuses this recipient or text) makes the message dead
at once; when every provider failed retryably it raises :class:`RetryableError`, so the
outbox retries later, starting again with the primary. Delivery is at least once: a
primary that timed out after sending and a secondary that then sends too make two SMS.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from motcua.integrations.base import Acknowledgement, Outgoing, RetryableError, TerminalError, registry
from motcua.integrations.notifications import simulator as simulated
from motcua.integrations.notifications.providers import DjangoEmailProvider, HttpProvider, Provider
from motcua.integrations.simulators import server_url
from motcua.integrations.transport import HttpTransport

SYSTEM = "notify"
SIMULATOR = "notifications"  # the simulator's id (health.SIMULATOR_OF)
SMS, EMAIL = "sms", "email"


class FailoverNotifier:
    def __init__(self, routes: dict[str, list[Provider]]) -> None:
        self.routes = routes

    def deliver(self, message: Outgoing, *, timeout: float) -> Acknowledgement:
        payload = message.payload
        channel = payload.get("channel")
        if channel not in self.routes or not payload.get("to") or not payload.get("text"):
            raise TerminalError(f"not a notification this adapter can send: {channel!r}")
        failures = []
        for provider in self.routes[channel]:
            try:
                ref = provider.send(payload, key=message.key, timeout=timeout)
            except RetryableError as error:
                failures.append(f"{provider.name}: {error}")
                continue
            except TerminalError as error:
                raise TerminalError(f"{provider.name}: {error}") from error
            return Acknowledgement(remote_ref=ref, details={"provider": provider.name, "failed": failures})
        raise RetryableError("every provider failed: " + "; ".join(failures))


def _http(name: str, prefix: str, simulator: simulated.ProviderSimulator) -> HttpProvider:
    """Live: the provider's URL; simulated: the shared simulator server if one runs, else in-process."""
    if getattr(settings, "INTEGRATIONS_MODE", "simulated") == "live":
        return HttpProvider(
            name=name,
            transport=HttpTransport(),
            base_url=getattr(settings, f"{prefix}_URL", ""),
            token=getattr(settings, f"{prefix}_TOKEN", ""),
        )
    if served := server_url(SIMULATOR):
        return HttpProvider(name=name, transport=HttpTransport(), base_url=f"{served.rstrip('/')}/{name}")
    return HttpProvider(
        name=name, transport=simulated.SimulatorTransport(simulator), base_url=f"http://{name}.simulator"
    )


@registry.register(SYSTEM)
def build_adapter() -> FailoverNotifier:
    """SMS: two HTTP providers; e-mail: Django's backend, then an HTTP provider."""
    routes: dict[str, list[Any]] = {
        SMS: [
            _http("sms-primary", "NOTIFY_SMS_PRIMARY", simulated.sms_primary),
            _http("sms-secondary", "NOTIFY_SMS_SECONDARY", simulated.sms_secondary),
        ],
        EMAIL: [
            DjangoEmailProvider(),
            _http("email-secondary", "NOTIFY_EMAIL_SECONDARY", simulated.email_secondary),
        ],
    }
    return FailoverNotifier(routes)
