"""The payment platform's wire: URLs, headers, JSON; no domain knowledge.

``POST /payments`` creates a payment (``Idempotency-Key``: our reference, so a retried
create does not make a second one), ``GET /payments/<ref>`` reads one, ``GET
/transactions?date=YYYY-MM-DD`` lists a day's transactions. ``Authorization: Bearer <key>``.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote, urlencode

from motcua.integrations.base import RetryableError, TerminalError
from motcua.integrations.transport import Transport, WireRequest, WireResponse, raise_for_status

PAYMENTS_PATH = "/payments"
TRANSACTIONS_PATH = "/transactions"


class NotAtPlatform(TerminalError):
    """The platform answered 404 for this payment reference."""


class PaymentPlatformClient:
    def __init__(self, *, transport: Transport, base_url: str, key: str = "") -> None:
        self.transport = transport
        self.base_url = base_url.rstrip("/")
        self.key = key

    def create_payment(self, body: dict[str, Any], *, idempotency_key: str, timeout: float) -> dict[str, Any]:
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        headers = {**self._headers(), "Content-Type": "application/json; charset=utf-8"}
        headers["Idempotency-Key"] = idempotency_key
        return self._send(WireRequest("POST", self.base_url + PAYMENTS_PATH, headers, data), timeout)

    def get_payment(self, payment_ref: str, *, timeout: float) -> dict[str, Any]:
        url = f"{self.base_url}{PAYMENTS_PATH}/{quote(payment_ref, safe='')}"
        return self._send(WireRequest("GET", url, self._headers()), timeout, missing_is_unknown=True)

    def list_transactions(self, day: str, *, timeout: float) -> dict[str, Any]:
        url = f"{self.base_url}{TRANSACTIONS_PATH}?{urlencode({'date': day})}"
        return self._send(WireRequest("GET", url, self._headers()), timeout)

    def _headers(self) -> dict[str, str]:
        headers = {"Accept": "application/json"}
        if self.key:
            headers["Authorization"] = f"Bearer {self.key}"
        return headers

    def _send(
        self, request: WireRequest, timeout: float, *, missing_is_unknown: bool = False
    ) -> dict[str, Any]:
        response = self.transport.send(request, timeout=timeout)
        if response.status == 404 and missing_is_unknown:
            raise NotAtPlatform(_text(response))
        raise_for_status(response)
        try:
            reply = response.json()
        except ValueError as error:
            raise RetryableError(f"unreadable reply: {response.body[:200]!r}") from error
        if not isinstance(reply, dict):
            raise RetryableError("the reply is not a JSON object")
        return reply


def _text(response: WireResponse) -> str:
    return response.body[:300].decode("utf-8", "replace")
