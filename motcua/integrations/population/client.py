"""The National Population Database's wire: URLs, headers, JSON; no domain knowledge.

No official specification of the database's lookup service is public. This is our reading
(docs/integrations/population.md): ``GET {base}/citizens/{12-digit ID}`` with a bearer
token and the purpose of the lookup; 200 with the citizen's record, 404 when the number
is unknown. Change it here (and the mapping in ``adapter.py``) when the real one is known.
"""

from __future__ import annotations

from typing import Any

from motcua.integrations.base import RetryableError
from motcua.integrations.transport import Transport, WireRequest, raise_for_status

CITIZENS_PATH = "/citizens/"


class PopulationClient:
    def __init__(self, *, transport: Transport, base_url: str, token: str = "") -> None:
        self.transport = transport
        self.base_url = base_url.rstrip("/")
        self.token = token

    def get_citizen(self, citizen_id: str, *, purpose: str, timeout: float) -> dict[str, Any] | None:
        """The citizen's record as sent, or None when the database does not know the number.

        Timeouts, connection errors and 5xx raise :class:`RetryableError`; other 4xx
        :class:`TerminalError` (``raise_for_status``).
        """
        headers = {"Accept": "application/json", "X-Purpose": purpose}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        request = WireRequest("GET", f"{self.base_url}{CITIZENS_PATH}{citizen_id}", headers)
        response = self.transport.send(request, timeout=timeout)
        if response.status == 404:
            return None
        raise_for_status(response)
        try:
            reply = response.json()
        except ValueError as error:
            raise RetryableError(f"unreadable reply: {response.body[:200]!r}") from error
        if not isinstance(reply, dict):
            raise RetryableError("the reply is not a JSON object")
        return reply
