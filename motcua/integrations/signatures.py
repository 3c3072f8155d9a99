"""HMAC signatures on callbacks between motcua and other systems (both directions).

Header ``X-Motcua-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>." + body)>``.
The timestamp is inside the signed text, so an old request cannot be re-dated; one older
than the tolerance is refused even with a good signature (replays of captured requests),
and event ids make a replay within the window harmless (applied once).
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime

from motcua.core import clock

HEADER = "X-Motcua-Signature"
TOLERANCE_SECONDS = 300


class BadSignature(Exception):
    """The signature header is missing, malformed, wrong or too old; the reason says which."""


def sign(secret: str, body: bytes, *, at: datetime | None = None) -> str:
    """The header value for ``body`` signed now (or ``at``)."""
    timestamp = int((at or clock.now()).timestamp())
    return f"t={timestamp},v1={_digest(secret, timestamp, body)}"


def verify(secret: str, header: str, body: bytes, *, now: datetime | None = None) -> None:
    """Raise :class:`BadSignature` unless ``header`` signs ``body`` with ``secret``, recently."""
    if not secret:
        raise BadSignature("no shared secret is configured for this system")
    parts = dict(part.split("=", 1) for part in header.split(",") if "=" in part)
    try:
        timestamp = int(parts["t"])
        given = parts["v1"]
    except (KeyError, ValueError) as error:
        raise BadSignature("signature header missing or malformed") from error
    if not hmac.compare_digest(given, _digest(secret, timestamp, body)):
        raise BadSignature("signature does not match")
    age = (now or clock.now()).timestamp() - timestamp
    if abs(age) > TOLERANCE_SECONDS:
        raise BadSignature(f"signature timestamp is {int(age)} s away from now")


def _digest(secret: str, timestamp: int, body: bytes) -> str:
    signed = str(timestamp).encode() + b"." + body
    return hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
