"""What leaves a dossier action for other systems and for the worker, in its transaction."""

from __future__ import annotations

from typing import Any

from motcua.dossiers.models import NATIONAL_CHANNEL_CODES, Dossier, DossierEvent
from motcua.dossiers.services.slips import schedule_slip
from motcua.integrations.services import enqueue_message

NATIONAL_PORTAL = "national_portal"


def queue_messages(*, dossier: Dossier, event: DossierEvent, slip: str, slip_details: dict[str, Any]) -> None:
    if dossier.code:  # the national portal knows a dossier from its receipt on
        enqueue_message(
            system=NATIONAL_PORTAL,
            topic="dossier.status",
            key=f"{NATIONAL_PORTAL}:{dossier.reference}:{event.seq}",
            ordering_key=str(dossier.reference),
            payload=status_payload(dossier, event),
        )
    if slip:
        schedule_slip(dossier=dossier, kind=slip, event_seq=event.seq, details=slip_details)


def status_payload(dossier: Dossier, event: DossierEvent) -> dict[str, Any]:
    """The facts the national portal's status sync carries (domain.md §11); ids, not objects."""
    return {
        "dossier_id": dossier.pk,
        "code": dossier.code,
        "procedure": dossier.procedure.code,
        "event_seq": event.seq,
        "action": event.action,
        "status": dossier.status,
        "at": event.at.isoformat(),
        "channel": NATIONAL_CHANNEL_CODES[dossier.channel],
        "received_on": dossier.received_on.isoformat() if dossier.received_on else None,
        "appointment_on": dossier.appointment_on.isoformat() if dossier.appointment_on else None,
    }
