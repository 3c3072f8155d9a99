"""What the indicators read from dossiers (motcua.reporting): unscoped projections for the
rollups, and the dossiers behind a figure for the dashboards' drill-down (scoped by the
caller). Re-exported by ``dossiers.selectors``, the app's public surface."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from motcua.core import clock
from motcua.dossiers import deadlines
from motcua.dossiers.deadlines import LOCAL_TIME
from motcua.dossiers.models import (
    Dossier,
    DossierComponent,
    DossierEvent,
    DossierFee,
    DossierResult,
    PaymentChannel,
)
from motcua.dossiers.projections import AGENCIES, QUEUE_COLUMNS
from motcua.dossiers.workflow import Status

__all__ = [
    "INDICATOR_COLUMNS",
    "REPORTING_COLUMNS",
    "dossier_id_bounds",
    "dossiers_touching",
    "events_after",
    "indicator_dossiers",
    "last_event_id",
    "reporting_rows",
]


REPORTING_COLUMNS = (
    "id",
    "status",
    "channel",
    "competent_agency_id",
    "competent_agency__unit_id",
    "procedure_id",
    "procedure__online_level",
    "received_on",
    "finished_at",
    "appointment_on",
    "outcome",
    "supplement_requests",
    "extensions",
    "satisfaction",
)


def reporting_rows(*, ids: Any = None, id_range: tuple[int, int] | None = None) -> list[dict[str, Any]]:
    """What each dossier contributes to the indicators: its dimensions, dates and flags.

    ``ids`` (dossier ids) or ``id_range`` ([first, last)); flags: ``digitised``,
    ``from_store``, ``from_population`` (any component), ``with_fees`` (a fee above zero),
    ``paid_online`` (every such fee paid through an online channel), ``e_result``.
    """
    from django.db.models import Exists, OuterRef

    from motcua.dossiers.models import DossierComponent, DossierFee, PaymentChannel

    component = DossierComponent.objects.filter(dossier=OuterRef("pk"))
    fee = DossierFee.objects.filter(dossier=OuterRef("pk"), amount__gt=0)
    online = [PaymentChannel.NATIONAL, PaymentChannel.PROVINCIAL]
    queryset = Dossier.objects.all()
    if ids is not None:
        queryset = queryset.filter(pk__in=list(ids))
    if id_range is not None:
        queryset = queryset.filter(pk__gte=id_range[0], pk__lt=id_range[1])
    return list(
        queryset.annotate(
            digitised=Exists(component.filter(digitised=True)),
            from_store=Exists(component.filter(from_store=True)),
            from_population=Exists(component.filter(from_population=True)),
            with_fees=Exists(fee),
            unpaid_online=Exists(fee.exclude(channel__in=online, paid_at__isnull=False)),
            e_result=Exists(DossierResult.objects.filter(dossier=OuterRef("pk"))),
        ).values(
            *REPORTING_COLUMNS,
            "digitised",
            "from_store",
            "from_population",
            "with_fees",
            "unpaid_online",
            "e_result",
        )
    )


def dossier_id_bounds() -> tuple[int, int]:
    """The smallest and largest dossier id (0, 0 when there is none)."""
    from django.db.models import Max, Min

    bounds = Dossier.objects.aggregate(low=Min("id"), high=Max("id"))
    return bounds["low"] or 0, bounds["high"] or 0


def events_after(*, event_id: int, until: Any = None, limit: int = 5000) -> list[tuple[int, int]]:
    """(event id, dossier id) of the events after ``event_id`` (at or before ``until``), in order."""
    queryset = DossierEvent.objects.filter(pk__gt=event_id)
    if until is not None:
        queryset = queryset.filter(at__lte=until)
    return list(queryset.order_by("pk").values_list("pk", "dossier_id")[:limit])


def last_event_id() -> int:
    return DossierEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def dossiers_touching(*, start: date, end: date) -> list[int]:
    """Ids of the dossiers received, or ended, in [start, end] (local days; for a partial rebuild)."""
    from datetime import datetime, time, timedelta

    from motcua.dossiers.deadlines import LOCAL_TIME

    first = datetime.combine(start, time.min, tzinfo=LOCAL_TIME)
    last = datetime.combine(end + timedelta(days=1), time.min, tzinfo=LOCAL_TIME)
    return list(
        Dossier.objects.filter(
            Q(received_on__range=(start, end)) | Q(finished_at__gte=first, finished_at__lt=last)
        ).values_list("pk", flat=True)
    )


INDICATOR_COLUMNS = (*QUEUE_COLUMNS, "finished_at", "satisfaction", "supplement_requests")


def indicator_dossiers(
    *,
    figure: str,
    start: date,
    end: date,
    agency_ids: Any = None,
    unit_ids: Any = None,
    agency_id: int | None = None,
    procedure_id: int | None = None,
    channel: str = "",
) -> QuerySet[Dossier]:
    """The dossiers behind an indicator figure (reporting's drill-down), newest first.

    The caller (``reporting.selectors.drilldown``) passes the scope: ``agency_ids`` of the
    competent agencies the viewer may see, None for the whole province. The rules match
    ``reporting.rollups.contributions``: receipt-day figures by the day of receipt, end-day
    figures by the local day processing ended, open ones received in the period.
    """
    received = Q(received_on__range=(start, end))
    ended = Q(
        received_on__isnull=False,
        finished_at__gte=datetime.combine(start, time.min, tzinfo=LOCAL_TIME),
        finished_at__lt=datetime.combine(end + timedelta(days=1), time.min, tzinfo=LOCAL_TIME),
    )
    on_time = Q(outcome__in=["early", "on_time"], supplement_requests__lte=1)
    open_ = received & Q(finished_at__isnull=True)
    today = deadlines.OFFICE_HOURS.local(clock.now()).date()
    fee = DossierFee.objects.filter(dossier=OuterRef("pk"), amount__gt=0)
    online = [PaymentChannel.NATIONAL, PaymentChannel.PROVINCIAL]
    conditions = {
        "received": received,
        "online": received & Q(channel="online"),
        "finished": ended,
        "late": ended & ~on_time,
        "open": open_,
        "overdue": open_ & (Q(appointment_on__lt=today) | Q(supplement_requests__gt=1)),
        "digitised": received
        & Q(Exists(DossierComponent.objects.filter(dossier=OuterRef("pk"), digitised=True))),
        "e_results": ended
        & Q(status__in=[Status.SIGNED, Status.RETURNED])
        & Q(Exists(DossierResult.objects.filter(dossier=OuterRef("pk")))),
        "paid_online": received
        & Q(Exists(fee))
        & ~Q(Exists(fee.exclude(channel__in=online, paid_at__isnull=False))),
        "unsatisfied": ended & Q(satisfaction=1),
    }
    queryset = Dossier.objects.select_related(*AGENCIES).filter(conditions[figure])
    if agency_ids is not None:
        queryset = queryset.filter(competent_agency_id__in=list(agency_ids))
    if unit_ids is not None:
        queryset = queryset.filter(competent_agency__unit_id__in=list(unit_ids))
    if agency_id is not None:
        queryset = queryset.filter(competent_agency_id=agency_id)
    if procedure_id is not None:
        queryset = queryset.filter(procedure_id=procedure_id)
    if channel:
        queryset = queryset.filter(channel=channel)
    return queryset.only(*INDICATOR_COLUMNS).order_by("-id")
