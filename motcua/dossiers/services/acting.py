"""The one path every lifecycle action takes, in one transaction.

Lock the dossier → refuse a stale version → check scope and the transition table →
let the action change what it changes → move the status → append the event → write the
audit entry → queue the messages for other systems and the slip. If anything fails,
nothing of it remains. Two officials acting at once are serialised by the row lock
(SQLite: the IMMEDIATE transaction); the second sees the first's result and gets 409
when its action no longer fits, or when it named the version it saw.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID

from django.db import transaction

from motcua.core import clock
from motcua.core.audit import record_audit
from motcua.dossiers import workflow
from motcua.dossiers.actors import Actor, actor_for, may_see
from motcua.dossiers.codes import normalise_code
from motcua.dossiers.errors import DossierChanged, DossierNotFound
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.services.messages import queue_messages


@dataclass
class ActionContext:
    """What an action's own rules see and may change (the dossier is locked)."""

    dossier: Dossier
    actor: Actor
    action: str
    now: datetime
    data: dict[str, Any]
    note: str = ""
    event_fields: dict[str, Any] = field(default_factory=dict)  # step, agencies, deadline status
    event_data: dict[str, Any] = field(default_factory=dict)
    slip_details: dict[str, Any] = field(default_factory=dict)


Rule = Callable[[ActionContext], None]


def perform(
    *,
    identifier: str | Dossier,
    action: str,
    by: Any,
    rule: Rule | None = None,
    data: dict[str, Any] | None = None,
    note: str = "",
    expected_version: int | None = None,
) -> Dossier:
    with transaction.atomic():
        dossier = lock_dossier(identifier, by=by)
        if expected_version is not None and expected_version != dossier.version:
            raise DossierChanged(value=dossier.identifier, current=dossier.version, expected=expected_version)
        actor = actor_for(by, dossier)
        transition = workflow.check(dossier.status, action, actor.roles)
        context = ActionContext(dossier, actor, action, clock.now(), dict(data or {}), (note or "").strip())
        from_status = dossier.status
        if rule is not None:
            rule(context)
        dossier.status = transition.to
        dossier.version += 1
        dossier.updated_at = context.now
        dossier.save()
        event = append_event(context, from_status=from_status)
        audit_action(context, event)
        queue_messages(dossier=dossier, event=event, slip=transition.slip, slip_details=context.slip_details)
    return dossier


def check_action(
    *, identifier: str | Dossier, action: str, by: Any, expected_version: int | None = None
) -> Dossier:
    """Would ``by`` be allowed ``action`` now? The same checks as ``perform``, without a lock
    or a change: for work that must happen before the transaction (signing with a PIN)."""
    dossier = _find(Dossier.objects.all(), identifier)
    if dossier is None or not _visible(by, dossier):
        raise DossierNotFound(value=str(identifier))
    if expected_version is not None and expected_version != dossier.version:
        raise DossierChanged(value=dossier.identifier, current=dossier.version, expected=expected_version)
    workflow.check(dossier.status, action, actor_for(by, dossier).roles)
    return dossier


def lock_dossier(identifier: str | Dossier, *, by: Any) -> Dossier:
    """The dossier, locked until the transaction ends; 404 when missing or out of scope."""
    found = _find(Dossier.objects.select_for_update(), identifier)
    if found is None or not _visible(by, found):
        raise DossierNotFound(value=str(identifier))
    return found


def _find(queryset: Any, identifier: str | Dossier) -> Dossier | None:
    if isinstance(identifier, Dossier):
        return queryset.filter(pk=identifier.pk).first()
    return _by_identifier(queryset, identifier)


def _by_identifier(queryset: Any, identifier: str) -> Dossier | None:
    text = normalise_code(str(identifier))
    try:
        return queryset.filter(reference=UUID(text)).first()
    except ValueError:
        return queryset.filter(code=text).first() if len(text) <= 60 else None


def _visible(by: Any, dossier: Dossier) -> bool:
    return by is None or isinstance(by, str) or may_see(by, dossier)


def append_event(context: ActionContext, *, from_status: str) -> DossierEvent:
    dossier = context.dossier
    last = DossierEvent.objects.filter(dossier=dossier).order_by("-seq").values_list("seq", flat=True).first()
    return DossierEvent.objects.create(
        dossier=dossier,
        seq=(last or 0) + 1,
        at=context.now,
        action=context.action,
        actor=context.actor.user,
        actor_name=context.actor.name,
        actor_kind=context.actor.kind,
        from_status=from_status,
        to_status=dossier.status,
        note=context.note,
        data=context.event_data,
        **context.event_fields,
    )


def audit_action(context: ActionContext, event: DossierEvent) -> None:
    dossier = context.dossier
    record_audit(
        actor=context.actor.user or context.actor.name,
        action=f"dossier.{context.action}",
        object_type="dossier",
        object_id=dossier.identifier,
        scope=dossier.current_agency_id,
        data={"seq": event.seq, "from": event.from_status, "to": event.to_status, "version": dossier.version},
    )
