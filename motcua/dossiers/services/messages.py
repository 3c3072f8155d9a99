"""What leaves a dossier action for other systems and for the worker, in its transaction."""

from __future__ import annotations

from typing import Any

from motcua.dossiers.models import NATIONAL_CHANNEL_CODES, Dossier, DossierEvent
from motcua.dossiers.services.notifications import queue_notifications
from motcua.dossiers.services.sector_messages import queue_sector_messages
from motcua.dossiers.services.slips import schedule_slip
from motcua.integrations.services import enqueue_message

NATIONAL_PORTAL = "national_portal"


def queue_messages(*, dossier: Dossier, event: DossierEvent, slip: str, slip_details: dict[str, Any]) -> None:
    if dossier.code:  # the national portal knows a dossier from its receipt on
        portal_status_message(dossier, event)
    if slip:
        schedule_slip(dossier=dossier, kind=slip, event_seq=event.seq, details=slip_details)
    queue_sector_messages(dossier=dossier, event=event)  # the tax office, on "send to the tax office"
    queue_notifications(dossier=dossier, event=event)  # the owner's SMS / e-mail, when the event notifies


def portal_status_message(dossier: Dossier, event: DossierEvent, *, key_suffix: str = "") -> Any:
    """The outbox row telling the portal about ``event``; a suffix makes a deliberate resend."""
    return enqueue_message(
        system=NATIONAL_PORTAL,
        topic="dossier.status",
        key=f"{NATIONAL_PORTAL}:{dossier.reference}:{event.seq}{key_suffix}",
        ordering_key=str(dossier.reference),
        payload=status_payload(dossier, event),
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
        # Plain rows, not model instances: this runs inside every dossier action.
        "results": list(dossier.results.order_by("number").values("code", "sha256")),
        "fees": [
            {"name": name, "amount": amount, "paid": paid_at is not None, "channel": channel}
            for name, amount, paid_at, channel in dossier.fees.order_by("id").values_list(
                "name", "amount", "paid_at", "channel"
            )
        ],
        "components": list(
            dossier.components.order_by("position").values("digitised", "from_store", "from_population")
        ),
        "vneid_level": dossier.assurance_level,
    }


def _iso(value: Any) -> str | None:
    return value.isoformat() if value else None
