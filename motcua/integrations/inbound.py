"""Events other systems send us (payment confirmations, tax office statuses, …).

Every system posts the same envelope to ``/api/v1/integrations/<system>/events/``::

    {"id": "<unique per system>", "type": "<what happened>",
     "occurred_at": "<ISO 8601, optional>", "data": {…}}

signed with the system's shared secret (``signatures``). :func:`receive_event` checks,
in this order: the system is known (404), the signature (401, logged, nothing changed),
the JSON and the envelope (400), then applies the event once: the handler runs in the
transaction that records the event id, so a duplicate answers 200 with the first
outcome and changes nothing, and a handler error (unknown dossier: 404) records nothing.
Handlers must be safe against out-of-order delivery (compare the event's own sequence
or time with what was applied before); that is a rule of the system, so it lives there.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction

from motcua.core import clock
from motcua.integrations import signatures
from motcua.integrations.errors import BadEventSignature, MalformedEvent, UnknownInboundSystem
from motcua.integrations.models import InboundEvent

logger = logging.getLogger(__name__)

__all__ = ["Event", "Receipt", "handlers", "receive_event", "register"]


@dataclass(frozen=True)
class Event:
    """One inbound event, as a handler sees it."""

    system: str
    id: str
    type: str
    data: dict[str, Any]
    occurred_at: datetime | None = None


@dataclass(frozen=True)
class Receipt:
    """What the sender gets back: the outcome, and whether this id was already applied."""

    event_id: str
    duplicate: bool
    outcome: dict[str, Any]


Handler = Callable[[Event], dict[str, Any]]
_handlers: dict[str, Handler] = {}


def register(system: str) -> Callable[[Handler], Handler]:
    """Declare the handler of ``system``'s events; its secret is ``INBOUND_SECRETS[system]``."""

    def decorator(handler: Handler) -> Handler:
        _handlers[system] = handler
        return handler

    return decorator


def handlers() -> list[str]:
    return sorted(_handlers)


def receive_event(*, system: str, headers: Mapping[str, str], body: bytes) -> Receipt:
    handler = _handlers.get(system)
    if handler is None:
        raise UnknownInboundSystem(system=system)
    secret = settings.INBOUND_SECRETS.get(system, "")
    try:
        signatures.verify(secret, headers.get(signatures.HEADER, ""), body)
    except signatures.BadSignature as error:
        logger.warning("refused an event for %s: %s", system, error)
        raise BadEventSignature() from error
    event = parse_event(system, body)
    previous = _applied(system, event.id)
    if previous is not None:
        return Receipt(event.id, True, previous.outcome)
    try:
        with transaction.atomic():
            outcome = handler(event) or {}
            InboundEvent.objects.create(
                system=system,
                event_id=event.id,
                event_type=event.type,
                received_at=clock.now(),
                payload=json.loads(body),
                outcome=outcome,
            )
    except IntegrityError:
        # The same event arrived twice at once: the other request applied it.
        previous = _applied(system, event.id)
        if previous is None:
            raise
        return Receipt(event.id, True, previous.outcome)
    return Receipt(event.id, False, outcome)


def parse_event(system: str, body: bytes) -> Event:
    try:
        envelope = json.loads(body)
    except (ValueError, UnicodeDecodeError) as error:
        raise MalformedEvent(reason="the body is not JSON") from error
    if not isinstance(envelope, dict):
        raise MalformedEvent(reason="the body must be a JSON object")
    event_id, event_type, data = envelope.get("id"), envelope.get("type"), envelope.get("data", {})
    if not isinstance(event_id, str) or not event_id or len(event_id) > 200:
        raise MalformedEvent(reason="'id' must be a non-empty string of at most 200 characters")
    if not isinstance(event_type, str) or not event_type:
        raise MalformedEvent(reason="'type' must be a non-empty string")
    if not isinstance(data, dict):
        raise MalformedEvent(reason="'data' must be an object")
    return Event(system, event_id, event_type, data, _occurred_at(envelope.get("occurred_at")))


def _occurred_at(value: object) -> datetime | None:
    if value in (None, ""):
        return None
    try:
        at = datetime.fromisoformat(str(value))
    except ValueError as error:
        raise MalformedEvent(reason="'occurred_at' must be an ISO 8601 time") from error
    if at.tzinfo is None:
        raise MalformedEvent(reason="'occurred_at' must carry its time zone")
    return at


def _applied(system: str, event_id: str) -> InboundEvent | None:
    return InboundEvent.objects.filter(system=system, event_id=event_id).first()
