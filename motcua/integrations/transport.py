"""The wire under every HTTP client: a one-method port and a stdlib implementation.

httpx is not a dependency yet, so clients talk to a :class:`Transport`; the urllib one
below is used live, the simulators plug in their own in-process transport. Connection
errors and timeouts become :class:`RetryableError`; an HTTP status is returned as is and
classified by :func:`raise_for_status`.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import Any, Protocol

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


class UrllibTransport:
    """HTTP(S) with the standard library; ``timeout`` bounds connect and each read."""

    def send(self, request: WireRequest, *, timeout: float) -> WireResponse:
        if not request.url.startswith(("http://", "https://")):
            # A configuration mistake an operator can fix: keep the message and retry.
            raise RetryableError(f"not an HTTP URL (check the settings): {request.url!r}")
        outgoing = urllib.request.Request(  # noqa: S310 (scheme checked above)
            request.url, data=request.body or None, headers=request.headers, method=request.method
        )
        try:
            with urllib.request.urlopen(outgoing, timeout=timeout) as reply:  # noqa: S310
                return WireResponse(reply.status, reply.read(), dict(reply.headers))
        except urllib.error.HTTPError as error:
            return WireResponse(error.code, error.read(), dict(error.headers or {}))
        except TimeoutError as error:
            raise RetryableError(f"timed out after {timeout} s") from error
        except (urllib.error.URLError, ConnectionError, OSError) as error:
            raise RetryableError(f"connection failed: {error}") from error


def raise_for_status(response: WireResponse) -> None:
    """5xx, 408, 425, 429 → retryable; other 4xx (and odd statuses) → terminal."""
    if 200 <= response.status < 300:
        return
    text = response.body[:500].decode("utf-8", "replace")
    message = f"HTTP {response.status}: {text}"
    if response.status >= 500 or response.status in RETRYABLE_STATUSES:
        raise RetryableError(message)
    raise TerminalError(message)
