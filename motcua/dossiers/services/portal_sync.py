"""Keeping the national portal in step: reconcile a period, send one dossier again."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from motcua.core import clock
from motcua.core.audit import record_audit
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.services.messages import NATIONAL_PORTAL, portal_status_message, status_payload
from motcua.integrations.services import mark_resynced, reconcile_national_portal

CHUNK = 200
LATEST_FIRST = DossierEvent.objects.order_by("-seq")


def reconcile_with_national_portal(*, start: date, end: date, triggered_by: str) -> Any:
    """Compare every dossier changed in [start, end] with what the portal holds; the run."""
    return reconcile_national_portal(
        start=start, end=end, expected=_latest_payloads(start, end), triggered_by=triggered_by
    )


@transaction.atomic
def resync_with_national_portal(*, code: str, by: Any, difference_id: int | None = None) -> Any:
    """Queue the dossier's latest status for the portal again (a fresh idempotency key); audited."""
    dossier = Dossier.objects.select_for_update().get(code=code)
    event = DossierEvent.objects.filter(dossier=dossier).order_by("-seq").first()
    stamp = clock.now().strftime("%Y%m%dT%H%M%S%f")
    message = portal_status_message(dossier, event, key_suffix=f":resync:{stamp}")
    if difference_id is not None:
        mark_resynced(difference_id=difference_id)
    record_audit(
        actor=by,
        action="integrations.resync",
        object_type="dossier",
        object_id=dossier.identifier,
        scope=dossier.current_agency_id,
        data={"system": NATIONAL_PORTAL, "seq": event.seq, "key": message.key},
    )
    return message


def _latest_payloads(start: date, end: date) -> Iterator[tuple[str, dict[str, Any]]]:
    window = (_start_of(start), _start_of(end + timedelta(days=1)))
    ids = (
        Dossier.objects.filter(code__gt="")  # the portal knows a dossier from its receipt (code) on
        .filter(updated_at__gte=window[0], updated_at__lt=window[1])
        .order_by("id")
        .values_list("id", flat=True)
    )
    pending = list(ids)
    for offset in range(0, len(pending), CHUNK):
        chunk = pending[offset : offset + CHUNK]
        dossiers = (
            Dossier.objects.filter(id__in=chunk)
            .select_related("procedure")
            .prefetch_related(
                "fees",
                "components",
                "results",
                Prefetch("events", queryset=DossierEvent.objects.order_by("-seq")),
            )
            .order_by("id")
        )
        for dossier in dossiers:
            latest = next(iter(dossier.events.all()), None)
            if latest is not None:
                yield str(dossier.reference), status_payload(dossier, latest)


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))
