"""What a dossier sends to sector software (the tax office), built for ``queue_messages``."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.workflow import Action
from motcua.integrations.services import outbox_message

if TYPE_CHECKING:  # the rows' type only: dossiers reach integrations through its services
    from motcua.integrations.models import OutboxMessage

TAX = "tax"
TAX_TOPIC = "tax.dossier"


def sector_rows(*, dossier: Dossier, event: DossierEvent, now: datetime | None = None) -> list[OutboxMessage]:
    """On "send to the tax office", the (unsaved) row with the dossier's declaration data."""
    if event.action != Action.SEND_TO_TAX:
        return []
    return [
        outbox_message(
            system=TAX,
            topic=TAX_TOPIC,
            key=f"{TAX}:{dossier.reference}:{event.seq}",
            ordering_key=f"{TAX}:{dossier.reference}",
            payload=tax_filing_payload(dossier, event),
            now=now,
        )
    ]


def tax_filing_payload(dossier: Dossier, event: DossierEvent) -> dict[str, Any]:
    """The declaration data as it stands when the handler sends it; ids and values, no objects.

    The owner's identity and the e-form's data are what the tax office assesses on (Decree
    356/2025: only what the procedure needs; the tax declaration needs these).
    """
    procedure = dossier.procedure
    return {
        "dossier_id": dossier.pk,
        "code": dossier.code,
        "event_seq": event.seq,
        "sent_at": event.at.isoformat(),
        "procedure": procedure.code,
        "procedure_name": procedure.name,
        "agency": dossier.competent_agency.code,
        "owner": {
            "kind": dossier.owner_kind,
            "name": dossier.owner_name,
            "id_number": dossier.owner_id_number,
            "address": dossier.owner_address,
            "phone": dossier.owner_phone,
            "email": dossier.owner_email,
        },
        "declaration": dossier.form_data or {},
        "fees": [{"name": f.name, "amount": f.amount} for f in dossier.fees.all()],
        "note": event.note,
    }
