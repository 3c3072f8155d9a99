"""Sector software (the tax office first): send a dossier for its financial obligation, follow
the answers.

A dossier whose procedure ends in a tax (land transfer, registration fee) pauses while the
tax office assesses it and the owner pays (domain.md §4: the clock stops for the financial
obligation). ``send_to_tax_office`` pauses it and, in the same transaction, queues the
filing for the tax office (``messages.queue_messages`` → ``sector_messages``). The tax
office's status callbacks (``motcua.integrations.tax.inbound``) call
``apply_tax_status``: *assessed* records the amount due on the timeline, *paid* resumes the
dossier (its dates move by the pause), *rejected* keeps it paused and tells the handler why.

Out of order: every callback carries the tax office's sequence for the dossier; one not
newer than the last applied (kept on the timeline, ``data.tax_sequence``) changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from motcua.core import clock
from motcua.dossiers.actors import actor_for
from motcua.dossiers.models import Dossier, PauseKind
from motcua.dossiers.services.acting import ActionContext, append_event, audit_action, lock_dossier, perform
from motcua.dossiers.services.messages import queue_messages
from motcua.dossiers.services.rules import end_pause, start_pause
from motcua.dossiers.workflow import Action, Status

Target = Any  # a Dossier, its code or its reference

TAX_PAUSE_REASON = _("Waiting for the tax office (financial obligation)")
TAX_OFFICE = _("Tax office")
TAX_ACTIONS = (Action.SEND_TO_TAX, Action.TAX_ASSESSED, Action.TAX_PAID, Action.TAX_REJECTED)


class TaxStatus:
    ASSESSED = "assessed"
    PAID = "paid"
    REJECTED = "rejected"


@dataclass(frozen=True)
class TaxAnswer:
    """One status the tax office sent for a dossier, already validated by the integration."""

    status: str  # TaxStatus
    sequence: int  # the tax office's own order of its events for this dossier
    amount: int | None = None  # VND, for ``assessed``
    due_on: str = ""  # ISO date the owner must pay by, for ``assessed`` (optional)
    notice: str = ""  # the tax notice's number (optional)
    reason: str = ""  # for ``rejected``
    event_id: str = ""


def send_to_tax_office(
    *, dossier: Target, by: Any, note: str = "", expected_version: int | None = None
) -> Any:
    """Pause the dossier for its financial obligation and file it with the tax office."""

    def rule(ctx: ActionContext) -> None:
        reason = _in_default_language(TAX_PAUSE_REASON)
        start_pause(ctx, kind=PauseKind.SUSPENSION, reason=f"{reason}: {ctx.note}" if ctx.note else reason)

    return perform(
        identifier=dossier,
        action=Action.SEND_TO_TAX,
        by=by,
        rule=rule,
        note=note,
        expected_version=expected_version,
    )


def apply_tax_status(*, code: str, answer: TaxAnswer) -> dict[str, Any]:
    """Apply one tax office callback to dossier ``code``; the outcome the sender gets back.

    Raises ``DossierNotFound`` for an unknown code. Runs in the caller's transaction when
    there is one (the inbound event's), so the event and its effect commit together.
    """
    by = _in_default_language(TAX_OFFICE)
    with transaction.atomic():
        dossier = lock_dossier(code, by=by)
        last = last_tax_sequence(dossier)
        if last is not None and answer.sequence <= last:
            return {"applied": False, "stale": True, "last_sequence": last, "status": dossier.status}
        data: dict[str, Any] = {"tax_sequence": answer.sequence, "tax_event": answer.event_id}
        if answer.status == TaxStatus.PAID and waiting_for_tax_office(dossier):

            def rule(ctx: ActionContext) -> None:
                ctx.event_data.update(data)
                end_pause(ctx, kind=PauseKind.SUSPENSION)

            dossier = perform(identifier=dossier, action=Action.TAX_PAID, by=by, rule=rule)
        elif answer.status == TaxStatus.ASSESSED:
            data.update(amount=answer.amount, due_on=answer.due_on or None, notice=answer.notice)
            _record_fact(dossier, by=by, action=Action.TAX_ASSESSED, data=data)
        elif answer.status == TaxStatus.REJECTED:
            _record_fact(dossier, by=by, action=Action.TAX_REJECTED, data=data, note=answer.reason)
        else:  # paid, but the dossier no longer waits (a leader resumed or stopped it): a fact
            _record_fact(dossier, by=by, action=Action.TAX_PAID, data=data)
    return {"applied": True, "sequence": answer.sequence, "status": dossier.status}


def last_tax_sequence(dossier: Dossier) -> int | None:
    """The newest tax office sequence applied to this dossier (None before the first)."""
    found = [
        data.get("tax_sequence")
        for data in dossier.events.filter(action__in=TAX_ACTIONS).values_list("data", flat=True)
    ]
    numbers = [n for n in found if isinstance(n, int)]
    return max(numbers) if numbers else None


def waiting_for_tax_office(dossier: Dossier) -> bool:
    """Paused, and the pause began with "send to the tax office" (not a leader's suspension)."""
    if dossier.status != Status.PAUSED:
        return False
    entered = (
        dossier.events.filter(to_status=Status.PAUSED)
        .exclude(from_status=Status.PAUSED)
        .order_by("-seq")
        .values_list("action", flat=True)
        .first()
    )
    return entered == Action.SEND_TO_TAX


def _record_fact(dossier: Dossier, *, by: str, action: str, data: dict[str, Any], note: str = "") -> None:
    """A timeline event that does not change the status (like a payment), in the open transaction."""
    now = clock.now()
    context = ActionContext(dossier, actor_for(by, dossier), action, now, {}, note=note, event_data=data)
    dossier.version += 1
    dossier.updated_at = now
    dossier.save(update_fields=["version", "updated_at"])
    event = append_event(context, from_status=dossier.status)
    audit_action(context, event)
    queue_messages(dossier=dossier, event=event, slip="", slip_details={})


def _in_default_language(text: Any) -> str:
    """Stored text (a pause reason, an actor's name) is kept in the site's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(text)
