"""What leaves a dossier action for other systems and for the worker, in its transaction."""

from __future__ import annotations

from operator import attrgetter
from typing import TYPE_CHECKING, Any

from django.db import connection

from motcua.core import clock
from motcua.dossiers.models import (
    NATIONAL_CHANNEL_CODES,
    Dossier,
    DossierComponent,
    DossierEvent,
    DossierFee,
    DossierResult,
)
from motcua.dossiers.services.notifications import notification_rows
from motcua.dossiers.services.sector_messages import sector_rows
from motcua.dossiers.services.slips import schedule_slip
from motcua.integrations.services import enqueue_messages, outbox_message

if TYPE_CHECKING:  # the rows' type only: dossiers reach integrations through its services
    from motcua.integrations.models import OutboxMessage

NATIONAL_PORTAL = "national_portal"


def queue_messages(*, dossier: Dossier, event: DossierEvent, slip: str, slip_details: dict[str, Any]) -> None:
    """Every outbox row of the action, written in one INSERT, and the slip's background job."""
    if slip:
        schedule_slip(dossier=dossier, kind=slip, event_seq=event.seq, details=slip_details)
    now = clock.now()
    rows = [
        # The national portal knows a dossier from its receipt (code) on.
        *([portal_status_row(dossier, event, now=now)] if dossier.code else []),
        *sector_rows(dossier=dossier, event=event, now=now),  # the tax office, on "send to the tax office"
        *notification_rows(dossier=dossier, event=event, now=now),  # the owner's SMS / e-mail
    ]
    enqueue_messages(rows)


def portal_status_message(dossier: Dossier, event: DossierEvent, *, key_suffix: str = "") -> Any:
    """Queue the portal's row about ``event`` now; a suffix makes a deliberate resend."""
    return enqueue_messages([portal_status_row(dossier, event, key_suffix=key_suffix)])[0]


def portal_status_row(
    dossier: Dossier, event: DossierEvent, *, key_suffix: str = "", now: Any = None
) -> OutboxMessage:
    """The (unsaved) outbox row telling the portal about ``event``."""
    return outbox_message(
        system=NATIONAL_PORTAL,
        topic="dossier.status",
        key=f"{NATIONAL_PORTAL}:{dossier.reference}:{event.seq}{key_suffix}",
        ordering_key=str(dossier.reference),
        payload=status_payload(dossier, event),
        now=now,
    )


def status_payload(dossier: Dossier, event: DossierEvent) -> dict[str, Any]:
    """The facts the national portal's status sync carries (domain.md §11); ids, not objects.

    Read at the moment of the event, so a delivery later (after an outage) still reports
    the dossier as it was then.
    """
    procedure = dossier.procedure
    return {
        "dossier_id": dossier.pk,
        "code": dossier.code,
        "procedure": procedure.code,
        "event_seq": event.seq,
        "action": event.action,
        "status": dossier.status,
        "at": event.at.isoformat(),
        "channel": NATIONAL_CHANNEL_CODES[dossier.channel],
        "submitted_at": _iso(dossier.submitted_at),
        "received_on": _iso(dossier.received_on),
        "appointment_on": _iso(dossier.appointment_on),
        "time_limit": {"value": str(procedure.time_limit_value), "unit": procedure.time_limit_unit},
        "supplement_requests": dossier.supplement_requests,
        **_facts(dossier),
        "vneid_level": dossier.assurance_level,
    }


# Results by number, fees by id, components by position: one round trip inside the action.
# Every part fills the same columns (no bare NULLs: PostgreSQL types a UNION pairwise).
_FACTS_SQL = f"""
    SELECT 0, number, code, sha256, 0, FALSE, FALSE, FALSE
      FROM {DossierResult._meta.db_table} WHERE dossier_id = %s
    UNION ALL
    SELECT 1, id, name, channel, amount, paid_at IS NOT NULL, FALSE, FALSE
      FROM {DossierFee._meta.db_table} WHERE dossier_id = %s
    UNION ALL
    SELECT 2, position, '', '', 0, digitised, from_store, from_population
      FROM {DossierComponent._meta.db_table} WHERE dossier_id = %s
    ORDER BY 1, 2
"""


def _facts(dossier: Dossier) -> dict[str, list[dict[str, Any]]]:
    """The results, fees and components the payload carries, as plain values."""
    facts: dict[str, list[dict[str, Any]]] = {"results": [], "fees": [], "components": []}
    prefetched = getattr(dossier, "_prefetched_objects_cache", {})
    if {"results", "fees", "components"} <= prefetched.keys():  # reconciliation prefetches them
        for result in sorted(prefetched["results"], key=attrgetter("number")):
            facts["results"].append({"code": result.code, "sha256": result.sha256})
        for fee in sorted(prefetched["fees"], key=attrgetter("id")):
            facts["fees"].append(_fee(fee.name, fee.amount, fee.paid_at is not None, fee.channel))
        for part in sorted(prefetched["components"], key=attrgetter("position")):
            facts["components"].append(_component(part.digitised, part.from_store, part.from_population))
        return facts
    with connection.cursor() as cursor:
        cursor.execute(_FACTS_SQL, [dossier.pk] * 3)
        rows = cursor.fetchall()
    for part, _order, text1, text2, amount, flag1, flag2, flag3 in rows:
        if part == 0:
            facts["results"].append({"code": text1, "sha256": text2})
        elif part == 1:
            facts["fees"].append(_fee(text1, amount, flag1, text2))
        else:
            facts["components"].append(_component(flag1, flag2, flag3))
    return facts


def _fee(name: str, amount: int, paid: Any, channel: str) -> dict[str, Any]:
    return {"name": name, "amount": amount, "paid": bool(paid), "channel": channel}


def _component(digitised: Any, from_store: Any, from_population: Any) -> dict[str, bool]:
    return {
        "digitised": bool(digitised),
        "from_store": bool(from_store),
        "from_population": bool(from_population),
    }


def _iso(value: Any) -> str | None:
    return value.isoformat() if value else None
