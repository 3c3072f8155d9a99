"""Fees paid: at the desk in cash now; online through the payment platform later (its callback)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from motcua.core import clock
from motcua.core.errors import Conflict, PermissionDenied
from motcua.dossiers.actors import actor_for
from motcua.dossiers.models import PaymentChannel
from motcua.dossiers.services.acting import ActionContext, append_event, audit_action, lock_dossier
from motcua.dossiers.services.messages import queue_messages
from motcua.dossiers.workflow import DESK, END_STATES, SYSTEM

PAY = "pay"  # not a lifecycle action: the status does not change, the timeline records it


class NothingToPay(Conflict):
    code = "dossier.nothing_to_pay"
    default_message = _("Every fee of this dossier has been paid already.")


class MayNotCollect(PermissionDenied):
    code = "dossier.may_not_collect"
    default_message = _("Only the desk that handles this dossier (or the payment platform) records payments.")


def record_payment(*, dossier: Any, by: Any, channel: str = PaymentChannel.CASH) -> Any:
    """Mark the dossier's unpaid fees paid through ``channel`` (cash at the desk by default)."""
    with transaction.atomic():
        target = lock_dossier(dossier, by=by)
        actor = actor_for(by, target)
        if not actor.roles & {DESK, SYSTEM} or target.status in END_STATES:
            raise MayNotCollect()
        unpaid = list(target.fees.filter(paid_at__isnull=True))
        if not unpaid:
            raise NothingToPay()
        now = clock.now()
        for fee in unpaid:
            fee.paid_at, fee.channel = now, channel
            fee.save(update_fields=["paid_at", "channel"])
        paid = {
            "channel": channel,
            "amount": sum(fee.amount for fee in unpaid),
            "fees": [fee.name for fee in unpaid],
        }
        context = ActionContext(target, actor, PAY, now, {}, event_data=paid)
        target.version += 1
        target.updated_at = now
        target.save(update_fields=["version", "updated_at"])
        event = append_event(context, from_status=target.status)
        audit_action(context, event)
        queue_messages(dossier=target, event=event, slip="", slip_details={})
    return target
