"""The standard slips an action produces, kept with the dossier as the PDF handed out.

Rendering takes a few hundred milliseconds, too long to hold a receipt's locks (the
code counter), so the action queues a job in its transaction and the worker renders.
Whoever asks for the slip before the worker got to it (the desk printing Form 01 right
away) gets it rendered on the spot; either way it is stored once per action.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from motcua.core import clock
from motcua.core.errors import NotFound
from motcua.dossiers.models import Dossier, DossierSlip, SlipKind
from motcua.dossiers.services.access import log_personal_data_access

__all__ = [
    "SlipNotMade",
    "UnknownSlip",
    "control_sheet_pdf",
    "for_rendering",
    "read_slip",
    "schedule_slip",
    "slip_for",
    "store_slip",
]


def schedule_slip(*, dossier: Dossier, kind: str, event_seq: int, details: dict[str, Any]) -> None:
    from motcua.dossiers.tasks import generate_slip

    generate_slip.enqueue(dossier_id=dossier.pk, kind=kind, event_seq=event_seq, details=details)


def store_slip(*, dossier_id: int, kind: str, event_seq: int, details: dict[str, Any]) -> DossierSlip:
    """Render and keep the slip of one action; idempotent (a second call returns the first)."""
    found = DossierSlip.objects.filter(dossier_id=dossier_id, kind=kind, event_seq=event_seq).first()
    if found is not None:
        return found
    dossier = for_rendering(dossier_id)
    issued_at = dossier.events.filter(seq=event_seq).values_list("at", flat=True).first() or clock.now()
    pdf = _render(dossier, kind, details, issued_at)
    return _save(dossier, kind, event_seq, pdf)


def slip_for(*, dossier: Dossier, kind: str) -> DossierSlip | None:
    """The latest stored slip of a kind, rendering it now if its job has not run yet."""
    event = dossier.events.filter(action__in=_ACTIONS_FOR[kind]).order_by("-seq").first()
    if event is None:
        return None
    details = _details_from_event(event)
    return store_slip(dossier_id=dossier.pk, kind=kind, event_seq=event.seq, details=details)


class UnknownSlip(NotFound):
    code = "slip.unknown"
    default_message = _("There is no slip called “%(value)s”.")


class SlipNotMade(NotFound):
    code = "slip.not_made"
    default_message = _("This dossier has no such slip yet.")


def read_slip(*, dossier: Dossier, kind: str, by: Any) -> bytes:
    """The slip's PDF for an official (the read is logged): stored, or Form 06 as of now."""
    if kind not in SlipKind.values:
        raise UnknownSlip(value=kind[:40])
    log_personal_data_access(dossier=dossier, by=by, purpose="slip")
    if kind == SlipKind.CONTROL_SHEET:
        return control_sheet_pdf(dossier=dossier)
    stored = slip_for(dossier=dossier, kind=kind)
    if stored is None:
        raise SlipNotMade()
    return stored.file.read()


def control_sheet_pdf(*, dossier: Dossier) -> bytes:
    """Form 06 as of now: it grows with every hand-over, so it is rendered, not stored."""
    return _render(for_rendering(dossier.pk), SlipKind.CONTROL_SHEET, {}, clock.now())


def _render(dossier: Dossier, kind: str, details: dict[str, Any], issued_at: datetime) -> bytes:
    from motcua.dossiers.slips import render_slip  # weasyprint loads only where slips are made

    return render_slip(dossier=dossier, kind=kind, details=details, issued_at=issued_at)


def _save(dossier: Dossier, kind: str, event_seq: int, pdf: bytes) -> DossierSlip:
    from motcua.dossiers.slips import FORM_NUMBERS

    slip = DossierSlip(
        dossier=dossier,
        kind=kind,
        form_number=FORM_NUMBERS[kind],
        event_seq=event_seq,
        sha256=hashlib.sha256(pdf).hexdigest(),
        created_at=clock.now(),
    )
    slip.file.save(f"{dossier.identifier}-{kind}-{event_seq}.pdf", ContentFile(pdf), save=False)
    try:
        with transaction.atomic():
            slip.save()
    except IntegrityError:  # the worker and a desk rendered it at the same moment
        slip.file.delete(save=False)
        return DossierSlip.objects.get(dossier=dossier, kind=kind, event_seq=event_seq)
    return slip


def for_rendering(dossier_id: int) -> Dossier:
    """A dossier with everything a printed document reads, in a few queries."""
    return (
        Dossier.objects.select_related(
            "procedure", "receiving_agency__unit__parent", "competent_agency__unit__parent", "current_agency"
        )
        .prefetch_related(
            "components", "fees", "parties", "steps__agency", "events__from_agency", "events__to_agency"
        )
        .get(pk=dossier_id)
    )


def _details_from_event(event: Any) -> dict[str, Any]:
    data = dict(event.data or {})
    details = {"reason": event.note, **{k: v for k, v in data.items() if k in _DETAIL_KEYS}}
    return details


_DETAIL_KEYS = ("missing", "old_appointment", "new_appointment")
_ACTIONS_FOR = {
    SlipKind.RECEIPT: ("receive",),
    SlipKind.SUPPLEMENT_REQUEST: ("request-supplement",),
    SlipKind.REFUSAL: ("refuse",),
    SlipKind.APOLOGY_EXTENSION: ("extend",),
    SlipKind.STOP_NOTICE: ("stop",),
}
