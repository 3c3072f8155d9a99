"""The National Public Service Portal's wire: URLs, headers, JSON; no domain knowledge."""

from __future__ import annotations

import json
from typing import Any

from motcua.integrations.base import RetryableError
from motcua.integrations.transport import Transport, WireRequest, raise_for_status

STATUS_PATH = "/dossiers/status"


class NationalPortalClient:
    def __init__(self, *, transport: Transport, base_url: str, token: str = "") -> None:
        self.transport = transport
        self.base_url = base_url.rstrip("/")
        self.token = token

    def push_status(self, body: dict[str, Any], *, idempotency_key: str, timeout: float) -> dict[str, Any]:
        """POST one status record; the portal applies a given ``Idempotency-Key`` once."""
        headers = {
            "Content-Type": "application/json; charset=utf-8",
            "Accept": "application/json",
            "Idempotency-Key": idempotency_key,
        }
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        request = WireRequest("POST", self.base_url + STATUS_PATH, headers, data)
        response = self.transport.send(request, timeout=timeout)
        raise_for_status(response)
        try:
            reply = response.json()
        except ValueError as error:
            raise RetryableError(f"unreadable reply: {response.body[:200]!r}") from error
        return reply if isinstance(reply, dict) else {}
