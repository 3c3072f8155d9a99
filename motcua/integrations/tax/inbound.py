"""The tax office's status callbacks: ``tax.assessed``, ``tax.paid``, ``tax.rejected``.

Each event's ``data`` carries ``dossier_code`` and the tax office's per-dossier
``sequence`` (an integer that grows with each of its events for that dossier); plus
``amount`` (VND, ``assessed``; optional ``due_on``, ``notice_number``) or ``reason``
(``rejected``). The dossier engine applies it (``dossiers.services.apply_tax_status``): an
event not newer than the last applied is recorded here (the inbound event row) and changes
nothing on the dossier, so a late or replayed callback never moves a dossier back.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from motcua.dossiers import services as dossier_services
from motcua.dossiers.errors import DossierNotFound
from motcua.integrations import inbound
from motcua.integrations.errors import MalformedEvent, UnknownDossier

SYSTEM = "tax"
STATUSES = {
    "tax.assessed": dossier_services.TaxStatus.ASSESSED,
    "tax.paid": dossier_services.TaxStatus.PAID,
    "tax.rejected": dossier_services.TaxStatus.REJECTED,
}
MAX_AMOUNT = 10**15  # VND; anything above is a malformed figure, not a tax


@inbound.register(SYSTEM)
def handle_tax_event(event: inbound.Event) -> dict[str, Any]:
    answer, code = parse_answer(event)
    try:
        return dossier_services.apply_tax_status(code=code, answer=answer)
    except DossierNotFound as error:
        raise UnknownDossier(code=code) from error


def parse_answer(event: inbound.Event) -> tuple[dossier_services.TaxAnswer, str]:
    """The event as the dossier engine's ``TaxAnswer``, or ``MalformedEvent`` (400)."""
    status = STATUSES.get(event.type)
    if status is None:
        raise MalformedEvent(reason=f"unknown event type {event.type[:80]!r}")
    data = event.data
    code, sequence = data.get("dossier_code"), data.get("sequence")
    if not isinstance(code, str) or not code.strip() or len(code) > 60:
        raise MalformedEvent(reason="'data.dossier_code' must be a dossier code")
    if not _is_int(sequence) or sequence < 1:
        raise MalformedEvent(reason="'data.sequence' must be a positive integer")
    fields: dict[str, Any] = {}
    if status == dossier_services.TaxStatus.ASSESSED:
        amount = data.get("amount")
        if not _is_int(amount) or not 0 <= amount < MAX_AMOUNT:
            raise MalformedEvent(reason="'data.amount' must be a whole number of VND")
        fields = {
            "amount": amount,
            "due_on": _date(data.get("due_on")),
            "notice": _text(data, "notice_number"),
        }
    elif status == dossier_services.TaxStatus.REJECTED:
        reason = _text(data, "reason")
        if not reason:
            raise MalformedEvent(reason="'data.reason' must say why the tax office rejected it")
        fields = {"reason": reason}
    answer = dossier_services.TaxAnswer(status=status, sequence=sequence, event_id=event.id, **fields)
    return answer, code.strip()


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _text(data: dict[str, Any], name: str) -> str:
    value = data.get(name)
    return value.strip()[:2000] if isinstance(value, str) else ""


def _date(value: object) -> str:
    if value in (None, ""):
        return ""
    try:
        return date.fromisoformat(str(value)).isoformat()
    except ValueError as error:
        raise MalformedEvent(reason="'data.due_on' must be a date (YYYY-MM-DD)") from error
