"""The providers behind the ``notify`` port: one method, ``send``, and the two kinds of failure.

- :class:`HttpProvider` speaks a small JSON wire (``POST <base>/messages`` with ``to``,
  ``text`` and, for e-mail, ``subject``; ``Idempotency-Key``; answer ``{"id"}``). Our
  reading of what SMS brand-name gateways and transactional e-mail APIs offer, not any one
  vendor's API: a real vendor gets its own small client with the same ``send``.
- :class:`DjangoEmailProvider` sends through Django's e-mail backend (SMTP in production,
  the console in the demo, ``mail.outbox`` in tests).
"""

from __future__ import annotations

import json
import smtplib
from typing import Any, Protocol

from django.conf import settings
from django.core.mail import EmailMessage, get_connection

from motcua.integrations.base import RetryableError, TerminalError
from motcua.integrations.transport import Transport, WireRequest, raise_for_status

MESSAGES_PATH = "/messages"


class Provider(Protocol):
    name: str

    def send(self, message: dict[str, Any], *, key: str, timeout: float) -> str:
        """Send one message; the provider's id for it. Raise Retryable/TerminalError."""
        ...


class HttpProvider:
    def __init__(self, *, name: str, transport: Transport, base_url: str, token: str = "") -> None:
        self.name = name
        self.transport = transport
        self.base_url = base_url.rstrip("/")
        self.token = token

    def send(self, message: dict[str, Any], *, key: str, timeout: float) -> str:
        headers = {
            "Content-Type": "application/json; charset=utf-8",
            "Accept": "application/json",
            "Idempotency-Key": key,
        }
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        body = {name: message[name] for name in ("to", "subject", "text") if name in message}
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        response = self.transport.send(
            WireRequest("POST", self.base_url + MESSAGES_PATH, headers, data), timeout=timeout
        )
        raise_for_status(response)
        try:
            reply = response.json()
        except ValueError as error:
            raise RetryableError(f"unreadable reply: {response.body[:200]!r}") from error
        return str(reply.get("id", "")) if isinstance(reply, dict) else ""


class DjangoEmailProvider:
    """E-mail through ``settings.EMAIL_BACKEND``; the outbox key travels as a header."""

    name = "django-email"

    def send(self, message: dict[str, Any], *, key: str, timeout: float) -> str:
        email = EmailMessage(
            subject=message.get("subject", ""),
            body=message["text"],
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[message["to"]],
            headers={"X-Motcua-Idempotency-Key": key},
        )
        try:
            connection = get_connection(fail_silently=False, timeout=timeout)
            sent = connection.send_messages([email])
        except smtplib.SMTPRecipientsRefused as error:
            raise TerminalError(f"recipient refused: {error.recipients!r}") from error
        except (smtplib.SMTPException, OSError) as error:
            raise RetryableError(f"e-mail backend failed: {error}") from error
        if not sent:
            raise RetryableError("the e-mail backend sent nothing")
        return key
