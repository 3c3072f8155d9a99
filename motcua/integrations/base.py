"""The port every external system plugs into: one method, two kinds of failure, a registry.

An adapter turns an outgoing message (a plain value, no ORM) into a call on the remote
system and answers with an :class:`Acknowledgement`, or raises :class:`RetryableError`
(timeouts, connection errors, 5xx, 429: try again later) or :class:`TerminalError` (4xx,
a payload the remote system refuses: retrying cannot help, the message goes dead).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Protocol

__all__ = [
    "Acknowledgement",
    "Adapter",
    "AdapterRegistry",
    "DeliveryError",
    "Outgoing",
    "RetryableError",
    "TerminalError",
    "UnknownSystem",
    "registry",
]


class DeliveryError(Exception):
    """A delivery failed; the subclass says whether trying again can help."""


class RetryableError(DeliveryError):
    """Timeouts, connection errors, 5xx, 429: the same message may succeed later."""


class TerminalError(DeliveryError):
    """4xx, validation errors: the remote system will never accept this message as it is."""


class UnknownSystem(LookupError):
    pass


@dataclass(frozen=True)
class Outgoing:
    """What an adapter receives: a snapshot of one outbox message."""

    id: int
    system: str
    topic: str
    key: str  # sent to the remote system as its idempotency key
    ordering_key: str
    payload: dict[str, Any]
    attempt: int = 1


@dataclass(frozen=True)
class Acknowledgement:
    """The remote system's answer. ``final=False`` means accepted, acknowledgement later."""

    remote_ref: str = ""
    duplicate: bool = False  # the remote system had already applied this key
    final: bool = True
    details: dict[str, Any] = field(default_factory=dict)


class Adapter(Protocol):
    def deliver(self, message: Outgoing, *, timeout: float) -> Acknowledgement: ...


AdapterFactory = Callable[[], Adapter]


class AdapterRegistry:
    """Adapters by system id; a factory is called once, then the adapter is kept."""

    def __init__(self) -> None:
        self._factories: dict[str, AdapterFactory] = {}
        self._built: dict[str, Adapter] = {}

    def register(self, system: str) -> Callable[[AdapterFactory], AdapterFactory]:
        def decorator(factory: AdapterFactory) -> AdapterFactory:
            self._factories[system] = factory
            self._built.pop(system, None)
            return factory

        return decorator

    def get(self, system: str) -> Adapter:
        if system not in self._built:
            if system not in self._factories:
                raise UnknownSystem(system)
            self._built[system] = self._factories[system]()
        return self._built[system]

    def systems(self) -> list[str]:
        return sorted(self._factories)

    def reset(self) -> None:
        """Forget built adapters (settings changed); factories stay registered."""
        self._built.clear()

    @contextmanager
    def override(self, system: str, adapter: Adapter) -> Iterator[Adapter]:
        """Use ``adapter`` for ``system`` inside the block (tests, demos)."""
        previous = self._built.get(system)
        self._built[system] = adapter
        try:
            yield adapter
        finally:
            if previous is None:
                self._built.pop(system, None)
            else:
                self._built[system] = previous


registry = AdapterRegistry()
