"""The tax office's wire: URL, headers, JSON; no domain knowledge.

No public specification of the tax administration's interface for one-stop systems was
found: this is our reading (a JSON ``POST`` of one dossier's declaration, applied once per
``Idempotency-Key``, answered ``{"id", "duplicate"}``; status callbacks come back as signed
events). The mapping lives in ``adapter.py``; docs/integrations/tax.md lists what to confirm.
"""

from __future__ import annotations

import json
from typing import Any

from motcua.integrations.base import RetryableError
from motcua.integrations.transport import Transport, WireRequest, raise_for_status

DOSSIERS_PATH = "/ho-so"  # the tax office's intake of dossiers from one-stop systems


class TaxOfficeClient:
    def __init__(self, *, transport: Transport, base_url: str, token: str = "") -> None:
        self.transport = transport
        self.base_url = base_url.rstrip("/")
        self.token = token

    def submit_dossier(self, body: dict[str, Any], *, idempotency_key: str, timeout: float) -> dict[str, Any]:
        """POST one dossier's tax declaration; the tax office applies a given key once."""
        headers = {
            "Content-Type": "application/json; charset=utf-8",
            "Accept": "application/json",
            "Idempotency-Key": idempotency_key,
        }
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        response = self.transport.send(
            WireRequest("POST", self.base_url + DOSSIERS_PATH, headers, data), timeout=timeout
        )
        raise_for_status(response)
        try:
            reply = response.json()
        except ValueError as error:
            raise RetryableError(f"unreadable reply: {response.body[:200]!r}") from error
        return reply if isinstance(reply, dict) else {}
