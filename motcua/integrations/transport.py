"""The wire under every HTTP client: a one-method port and a stdlib implementation.

Clients talk to a :class:`Transport`; the keep-alive ``http.client`` one below is used
live, the simulators plug in their own in-process transport. Connection
errors and timeouts become :class:`RetryableError`; an HTTP status is returned as is and
classified by :func:`raise_for_status`.
"""

from __future__ import annotations

import http.client
import json
import threading
from dataclasses import dataclass, field
from typing import Any, Protocol
from urllib.parse import SplitResult, urlsplit

from motcua.integrations.base import RetryableError, TerminalError

RETRYABLE_STATUSES = frozenset({408, 425, 429})


@dataclass(frozen=True)
class WireRequest:
    method: str
    url: str
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""

    def json(self) -> Any:
        return json.loads(self.body or b"null")


@dataclass(frozen=True)
class WireResponse:
    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)

    def json(self) -> Any:
        return json.loads(self.body or b"null")


class Transport(Protocol):
    def send(self, request: WireRequest, *, timeout: float) -> WireResponse: ...


class HttpTransport:
    """HTTP(S) with the standard library, keeping one connection per origin and thread open.

    A new TCP connection per message would cost more than the message (the outbox drains
    thousands a second). ``timeout`` bounds connect and each read. A kept connection the
    server has closed fails before any answer; the request then goes once more on a fresh
    one, which is safe because every message carries its idempotency key.
    """

    def __init__(self) -> None:
        self._local = threading.local()

    def send(self, request: WireRequest, *, timeout: float) -> WireResponse:
        parts = urlsplit(request.url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            # A configuration mistake an operator can fix: keep the message and retry.
            raise RetryableError(f"not an HTTP URL (check the settings): {request.url!r}")
        target = parts.path or "/"
        if parts.query:
            target += "?" + parts.query
        try:
            return self._exchange(parts, target, request, timeout)
        except TimeoutError as error:
            self._drop(parts)
            raise RetryableError(f"timed out after {timeout} s") from error
        except (http.client.HTTPException, OSError) as error:
            self._drop(parts)
            raise RetryableError(f"connection failed: {error}") from error

    def _exchange(
        self, parts: SplitResult, target: str, request: WireRequest, timeout: float
    ) -> WireResponse:
        connection, reused = self._connection(parts, timeout)
        try:
            connection.request(request.method, target, body=request.body or None, headers=request.headers)
            reply = connection.getresponse()
        except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
            if not reused:
                raise
            self._drop(parts)  # the server closed the kept connection: once more, fresh
            connection, _reused = self._connection(parts, timeout)
            connection.request(request.method, target, body=request.body or None, headers=request.headers)
            reply = connection.getresponse()
        body = reply.read()
        if reply.will_close:
            self._drop(parts)
        return WireResponse(reply.status, body, dict(reply.getheaders()))

    def _connection(self, parts: SplitResult, timeout: float) -> tuple[http.client.HTTPConnection, bool]:
        pool: dict[tuple[str, str], http.client.HTTPConnection] = self._pool()
        origin = (parts.scheme, parts.netloc)
        connection = pool.get(origin)
        if connection is not None:
            connection.timeout = timeout
            if connection.sock is not None:
                connection.sock.settimeout(timeout)
            return connection, True
        kind = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
        connection = kind(parts.hostname, parts.port, timeout=timeout)
        pool[origin] = connection
        return connection, False

    def _drop(self, parts: SplitResult) -> None:
        connection = self._pool().pop((parts.scheme, parts.netloc), None)
        if connection is not None:
            connection.close()

    def _pool(self) -> dict[tuple[str, str], http.client.HTTPConnection]:
        if not hasattr(self._local, "pool"):
            self._local.pool = {}
        return self._local.pool


def raise_for_status(response: WireResponse) -> None:
    """5xx, 408, 425, 429 → retryable; other 4xx (and odd statuses) → terminal."""
    if 200 <= response.status < 300:
        return
    text = response.body[:500].decode("utf-8", "replace")
    message = f"HTTP {response.status}: {text}"
    if response.status >= 500 or response.status in RETRYABLE_STATUSES:
        raise RetryableError(message)
    raise TerminalError(message)
