"""Receiving a complete online dossier at once, for the procedures the province marks for it.

The catalog's ``Procedure.auto_receive_online`` lets the system do the desk's receipt check
for procedures whose check needs no official: a dossier submitted online with every
required document, and no fee left for the desk to set, is received by the system through
the desk's own ``receive_dossier`` (code, appointment date, steps, Form 01, messages), in
its own transaction after the submission's. Outside office hours the deadline rules make
the receipt date the next opening (domain.md §6), as for any online dossier.

Nothing is lost when it cannot: the dossier stays submitted for the desk, as without the
setting, and the reason is logged.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from motcua.dossiers.actors import automatic_receipt_actor
from motcua.dossiers.models import Channel, Dossier
from motcua.dossiers.services.components import missing_components
from motcua.dossiers.services.intake import fixed_fee
from motcua.dossiers.services.lifecycle import receive_dossier
from motcua.dossiers.workflow import Status

__all__ = ["AUTOMATIC_RECEIPT_NOTE", "receive_if_automatic", "why_not_automatic"]

logger = logging.getLogger(__name__)

AUTOMATIC_RECEIPT_NOTE = _(
    "Received automatically: a complete online dossier of a procedure the province receives "
    "without a desk check."
)


def why_not_automatic(dossier: Dossier) -> str:
    """Why the system may not receive this dossier itself ("" when it may)."""
    if not dossier.procedure.auto_receive_online:
        return "procedure not set for automatic receipt"
    if dossier.channel != Channel.ONLINE or dossier.status != Status.SUBMITTED:
        return f"not a submitted online dossier ({dossier.channel}, {dossier.status})"
    missing = missing_components(dossier)
    if missing:
        return f"required document missing: {missing[0]}"
    snapshot = dossier.procedure_revision.snapshot if dossier.procedure_revision else {}
    set_at_desk = [fee.get("name", "") for fee in snapshot.get("fees", []) if not fixed_fee(fee)]
    if set_at_desk:
        return f"fee set at the desk: {set_at_desk[0]}"
    return ""


def receive_if_automatic(*, dossier: Dossier) -> Dossier:
    """The just-submitted ``dossier`` received by the system when its procedure allows it.

    Returns the dossier received, or unchanged (submitted, for the desk) when it may not be
    or when the receipt failed; never raises for a refused or failed receipt.
    """
    reason = why_not_automatic(dossier)
    if reason:
        if dossier.procedure.auto_receive_online:
            logger.info("dossier %s left for the desk: %s", dossier.reference, reason)
        return dossier
    try:
        return receive_dossier(dossier=dossier, by=automatic_receipt_actor(), note=_note())
    except Exception:  # any failure at all: the desk receives it as before, so log and go on
        logger.warning(
            "automatic receipt of dossier %s failed; left for the desk", dossier.reference, exc_info=True
        )
        return Dossier.objects.get(pk=dossier.pk)


def _note() -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return str(AUTOMATIC_RECEIPT_NOTE)
