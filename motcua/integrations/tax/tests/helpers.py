"""A dossier in processing, sent to the tax office, and signed callbacks posted over HTTP."""

from __future__ import annotations

import json

from django.conf import settings

from motcua.dossiers import services
from motcua.dossiers.tests.helpers import desk_dossier, user
from motcua.integrations import signatures

URL = "/api/v1/integrations/tax/events/"
DESK, HANDLER = "thucphan.motcua", "thucphan.xuly"


def processing_dossier():
    dossier = services.receive_dossier(dossier=desk_dossier(), by=user(DESK))
    return services.assign_dossier(dossier=dossier, by=user(DESK))


def sent_to_tax(note: str = "Chuyển nhượng quyền sử dụng đất"):
    return services.send_to_tax_office(dossier=processing_dossier(), by=user(HANDLER), note=note)


def envelope(code: str, kind: str, sequence: int, event_id: str | None = None, **data) -> dict:
    return {
        "id": event_id or f"{code}:{sequence}",
        "type": kind,
        "occurred_at": "2026-03-05T10:00:00+07:00",
        "data": {"dossier_code": code, "sequence": sequence, **data},
    }


def post_event(client, body: dict | bytes, *, secret: str | None = None, signed: bool = True):
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    headers = {}
    if signed:
        key = settings.INBOUND_SECRETS["tax"] if secret is None else secret
        headers["HTTP_X_MOTCUA_SIGNATURE"] = signatures.sign(key, raw)
    return client.post(URL, raw, content_type="application/json", **headers)
