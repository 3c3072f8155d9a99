"""An in-process National Public Service Portal, for simulated mode, tests, demos and training.

It answers the same wire requests as the real portal (through :class:`SimulatorTransport`),
applies each ``Idempotency-Key`` once, and has switches: latency, error rate, outage
windows (judged on ``motcua.core.clock``), a hard ``down`` switch, and dossier codes it
refuses. ``received`` holds what was applied, ``calls`` every request that reached it.
It also holds dossiers people submitted on the portal (``submit_dossier``; served at
``/dossiers/submitted``) and a procedure catalog (``/procedures``; by default the demo
catalog with one procedure changed nationally).
"""

from __future__ import annotations

import random
import threading
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import parse_qs

from motcua.core import clock
from motcua.integrations.national_portal.client import (
    DOSSIER_PATH,
    PROCEDURES_PATH,
    STATUS_PATH,
    SUBMITTED_PATH,
)
from motcua.integrations.simulators import Call, IdempotentInbox, json_reply, register_simulator
from motcua.integrations.transport import WireRequest, WireResponse

CATALOG_PAGE = 20
REQUIRED_FIELDS = ("MaHoSo", "MaTTHC", "TrangThaiHoSo", "KenhThucHien", "ThuTuSuKien", "ThoiDiemSuKien")


@dataclass
class NationalPortalSimulator(IdempotentInbox):
    SWITCHES = ("latency", "error_rate", "down", "outages", "refuse_codes")

    latency: float = 0.0  # seconds per request
    error_rate: float = 0.0  # share of requests answered 503
    down: bool = False  # refuse connections
    outages: list[tuple[datetime, datetime]] = field(default_factory=list)  # [start, end)
    refuse_codes: set[str] = field(default_factory=set)  # dossier codes answered 422
    seed: int | None = None
    received: dict[str, dict[str, Any]] = field(default_factory=dict)  # by idempotency key
    calls: list[Call] = field(default_factory=list)
    submitted: list[dict[str, Any]] = field(default_factory=list)  # in the portal's sequence
    catalog: list[dict[str, Any]] | None = None  # procedure records; None = the demo catalog

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._random = random.Random(self.seed)

    def reset(self) -> None:
        with self._lock:
            self.latency, self.error_rate, self.down = 0.0, 0.0, False
            self.outages, self.refuse_codes = [], set()
            self.received, self.calls = {}, []
            self.submitted, self.catalog = [], None

    def submit_dossier(self, record: dict[str, Any]) -> dict[str, Any]:
        """A citizen submits a dossier on the portal; it gets the next sequence number."""
        with self._lock:
            stored = {**record, "ThuTu": len(self.submitted) + 1}
            self.submitted.append(stored)
        return stored

    def control(self, action: str, body: Any) -> dict[str, Any]:
        """Trainer actions over HTTP (``POST /_simulator/<action>``)."""
        if action == "submit-dossier" and isinstance(body, dict):
            return self.submit_dossier(body)
        raise ValueError(f"unknown action {action!r} or body; known: submit-dossier (a JSON object)")

    def procedures(self) -> list[dict[str, Any]]:
        if self.catalog is None:
            from motcua.integrations.national_portal.catalog_sync import simulated_catalog

            self.catalog = simulated_catalog()
        return self.catalog

    def is_down(self, at: datetime | None = None) -> bool:
        at = at or clock.now()
        return self.down or any(start <= at < end for start, end in self.outages)

    def statuses(self, code: str) -> list[dict[str, Any]]:
        """What the portal holds for one dossier, in the order it applied it."""
        return [body for body in self.received.values() if body.get("MaHoSo") == code]

    def holding(self, code: str) -> dict[str, Any] | None:
        """The portal's current record of a dossier: its latest event by sequence, whatever
        order the events arrived in."""
        statuses = self.statuses(code)
        return max(statuses, key=lambda body: body["ThuTuSuKien"]) if statuses else None

    def record(self) -> dict[str, Any]:
        with self._lock:
            calls = list(self.calls)
        return {
            "applied": len(self.received),
            "requests": len(calls),
            "duplicates": sum(call.duplicate for call in calls),
            "refused": sum(call.status >= 400 for call in calls),
            "dossiers": len({body.get("MaHoSo") for body in self.received.values()}),
        }

    def handle(self, request: WireRequest) -> WireResponse:
        path, _, query = request.url.partition("?")
        if request.method == "GET" and path.endswith(SUBMITTED_PATH):
            return self._submitted(parse_qs(query))
        if request.method == "GET" and path.endswith(PROCEDURES_PATH):
            return self._procedures(parse_qs(query))
        if request.method == "GET" and DOSSIER_PATH in path:
            held = self.holding(path.rsplit("/", 1)[-1])
            return json_reply(200, held) if held else json_reply(404, {"error": "no such dossier"})
        if not path.endswith(STATUS_PATH) or request.method != "POST":
            return json_reply(404, {"error": "not found"})
        key = request.headers.get("Idempotency-Key", "")
        try:
            body = request.json()
        except ValueError:
            return self._answer(key, 400, {"error": "malformed JSON"})
        problem = _invalid(body, key)
        if problem:
            return self._answer(key, 422, {"error": problem})
        if body["MaHoSo"] in self.refuse_codes:
            return self._answer(key, 422, {"error": f"dossier {body['MaHoSo']} refused"})
        if self._random.random() < self.error_rate:
            return self._answer(key, 503, {"error": "overloaded"})
        return self._apply(key, body)

    def _submitted(self, query: dict[str, list[str]]) -> WireResponse:
        try:
            after, limit = int(query["after"][0]), int(query["limit"][0])
        except (KeyError, ValueError):
            return json_reply(400, {"error": "after and limit must be integers"})
        with self._lock:
            items = [record for record in self.submitted if record["ThuTu"] > after][:limit]
        return json_reply(200, {"items": items})

    def _procedures(self, query: dict[str, list[str]]) -> WireResponse:
        since, asked = query.get("updated_since", [""])[0], query.get("page", ["1"])[0]
        if not asked.isdigit() or int(asked) < 1:
            return json_reply(400, {"error": "page must be a positive integer"})
        page = int(asked)
        # Anything that is not a record is served as is: a trainer may feed the sync junk on purpose.
        changed = [
            r for r in self.procedures() if not isinstance(r, dict) or r.get("NgayCapNhat", "") >= since
        ]
        start = (page - 1) * CATALOG_PAGE
        more = start + CATALOG_PAGE < len(changed)
        return json_reply(
            200, {"items": changed[start : start + CATALOG_PAGE], "next_page": page + 1 if more else None}
        )


def _invalid(body: Any, key: str) -> str:
    if not key:
        return "Idempotency-Key header missing"
    if not isinstance(body, dict):
        return "body must be an object"
    missing = [name for name in REQUIRED_FIELDS if body.get(name) in (None, "")]
    return f"missing fields: {', '.join(missing)}" if missing else ""


simulator = NationalPortalSimulator()
register_simulator("national-portal", lambda: simulator)
