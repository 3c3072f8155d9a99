"""The National Public Service Portal's wire: URLs, headers, JSON; no domain knowledge."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote, urlencode

from motcua.integrations.base import RetryableError
from motcua.integrations.transport import Transport, WireRequest, WireResponse, raise_for_status

STATUS_PATH = "/dossiers/status"
DOSSIER_PATH = "/dossiers/"  # + the dossier code: what the portal holds for it
SUBMITTED_PATH = "/dossiers/submitted"  # dossiers people submitted on the portal, by sequence
PROCEDURES_PATH = "/procedures"  # the national database of administrative procedures


class NationalPortalClient:
    def __init__(self, *, transport: Transport, base_url: str, token: str = "") -> None:
        self.transport = transport
        self.base_url = base_url.rstrip("/")
        self.token = token

    def fetch_dossier(self, code: str, *, timeout: float) -> dict[str, Any] | None:
        """What the portal holds for one dossier (its latest status record); None if nothing."""
        request = WireRequest("GET", self.base_url + DOSSIER_PATH + quote(code, safe=""), self._headers())
        response = self.transport.send(request, timeout=timeout)
        if response.status == 404:
            return None
        raise_for_status(response)
        return _object(response)

    def fetch_submitted(self, *, after: int, limit: int, timeout: float) -> dict[str, Any]:
        """Dossiers submitted on the portal after sequence ``after``: ``{"items": [...]}``."""
        return self._get(SUBMITTED_PATH, {"after": after, "limit": limit}, timeout=timeout)

    def fetch_procedures(self, *, updated_since: str, page: int, timeout: float) -> dict[str, Any]:
        """One page of procedure records changed since ``updated_since`` (ISO 8601, "" for all):
        ``{"items": [...], "next_page": int | None}``."""
        return self._get(PROCEDURES_PATH, {"updated_since": updated_since, "page": page}, timeout=timeout)

    def _get(self, path: str, query: dict[str, Any], *, timeout: float) -> dict[str, Any]:
        request = WireRequest("GET", f"{self.base_url}{path}?{urlencode(query)}", self._headers())
        response = self.transport.send(request, timeout=timeout)
        raise_for_status(response)
        return _object(response)

    def push_status(self, body: dict[str, Any], *, idempotency_key: str, timeout: float) -> dict[str, Any]:
        """POST one status record; the portal applies a given ``Idempotency-Key`` once."""
        headers = {
            **self._headers(),
            "Content-Type": "application/json; charset=utf-8",
            "Idempotency-Key": idempotency_key,
        }
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        request = WireRequest("POST", self.base_url + STATUS_PATH, headers, data)
        response = self.transport.send(request, timeout=timeout)
        raise_for_status(response)
        return _object(response)

    def _headers(self) -> dict[str, str]:
        headers = {"Accept": "application/json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        return headers


def _object(response: WireResponse) -> dict[str, Any]:
    try:
        reply = response.json()
    except ValueError as error:
        raise RetryableError(f"unreadable reply: {response.body[:200]!r}") from error
    return reply if isinstance(reply, dict) else {}
