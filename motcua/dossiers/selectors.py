"""Reads of the dossiers app for other apps and the edges; every dossier read is scoped."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from django.db.models import F, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from motcua.agencies import selectors as agency_selectors
from motcua.core import clock
from motcua.core.errors import InvalidInput
from motcua.dossiers import deadlines
from motcua.dossiers.calendar import province_calendar
from motcua.dossiers.codes import normalise_code
from motcua.dossiers.deadlines import WorkCalendar
from motcua.dossiers.errors import DossierNotFound
from motcua.dossiers.keyset import MAX_PAGE_SIZE, PAGE_SIZE
from motcua.dossiers.keyset import page as queue_page
from motcua.dossiers.models import Dossier, DossierEvent, DossierResult
from motcua.dossiers.projections import AGENCIES as _AGENCIES
from motcua.dossiers.projections import QUEUE_COLUMNS
from motcua.dossiers.workflow import END_STATES, OPEN_STATES, Status

__all__ = [
    "COUNT_CAP",
    "MAX_LEDGER_ROWS",
    "MAX_PAGE_SIZE",
    "OPEN_STATES",
    "PAGE_SIZE",
    "QUEUES",
    "QUEUE_COLUMNS",
    "LedgerTooLong",
    "PublicStatus",
    "acted_on",
    "allowed_actions_for",
    "assignable_officials",
    "calendar_for",
    "count_by_status",
    "current_step",
    "deadline_status",
    "dossier_code_gaps",
    "events_of",
    "get_dossier",
    "ledger_pdf",
    "ledger_rows",
    "may_take_payment",
    "public_status",
    "queue_condition",
    "queue_counts",
    "queue_page",
    "result_by_token",
    "results_of",
    "risk",
    "risks",
    "slips_made",
    "transfer_targets",
    "visible_dossiers",
    "with_details",
    "work_queue",
]


def calendar_for(*, unit_code: str | None) -> WorkCalendar:
    """The working-day calendar that applies to a unit (a province or a commune code).

    One province per deployment, so every unit shares the province's calendar; the code
    is still checked, so a typo answers 404 rather than a plausible-looking date.
    """
    if unit_code is not None:
        agency_selectors.get_admin_unit(code=unit_code)  # raises UnknownAdminUnit
    return province_calendar()


def visible_dossiers(user: Any) -> QuerySet[Dossier]:
    """Dossiers the caller may see: of their agencies (and those below), or their own."""
    queryset = Dossier.objects.select_related(
        "procedure", "receiving_agency", "competent_agency", "current_agency"
    )
    scope = agency_selectors.agency_scope(user)
    if scope.everything:
        return queryset
    ids = scope.agency_ids
    mine = Q(account_id=user.pk) if getattr(user, "is_authenticated", False) else Q(pk__in=[])
    return queryset.filter(
        Q(current_agency_id__in=ids) | Q(receiving_agency_id__in=ids) | Q(competent_agency_id__in=ids) | mine
    )


def with_details(queryset: QuerySet[Dossier]) -> QuerySet[Dossier]:
    return queryset.select_related(
        "owner_unit", "served_at", "assignee", "procedure_revision"
    ).prefetch_related("components", "fees", "parties", "steps__agency")


def acted_on(dossier: Dossier) -> Dossier:
    """The dossier as it is after the caller's own action, even if it has just left their scope
    (transferred to another agency): they may see the outcome of what they did."""
    return with_details(Dossier.objects.select_related(*_AGENCIES)).get(pk=dossier.pk)


def get_dossier(user: Any, *, identifier: str) -> Dossier:
    """One dossier by code (or reference before receipt); 404 when missing or not the caller's."""
    text = normalise_code(str(identifier))
    try:
        lookup = Q(reference=UUID(text))
    except ValueError:
        if len(text) > 60:
            raise DossierNotFound(value=identifier[:60]) from None
        lookup = Q(code=text)
    found = with_details(visible_dossiers(user)).filter(lookup).first()
    if found is None:
        raise DossierNotFound(value=identifier)
    return found


# Work queues: which dossiers wait for what, at the agencies the caller works for.
def _due_soon(user: Any) -> Q:
    today = deadlines.OFFICE_HOURS.local(clock.now()).date()
    return Q(status__in=OPEN_STATES, appointment_on__lte=province_calendar().next_working_day(today))


def _received_for_others(user: Any) -> Q:
    """Received at the caller's desk for an agency of another unit (a department, another commune)."""
    other_unit = ~Q(competent_agency__unit_id=F("receiving_agency__unit_id"))
    scope = agency_selectors.agency_scope(user)
    return other_unit if scope.everything else other_unit & Q(receiving_agency_id__in=scope.agency_ids)


QUEUES: dict[str, Any] = {
    "to_receive": Q(status=Status.SUBMITTED),
    "in_progress": Q(status__in=[Status.RECEIVED, Status.PROCESSING]),
    "to_sign": Q(status=Status.APPROVED),
    "to_return": Q(status=Status.SIGNED),
    "waiting": Q(status__in=[Status.SUPPLEMENT_REQUESTED, Status.AWAITING_SUPPLEMENT, Status.PAUSED]),
    "due_soon": _due_soon,  # open, due by the next working day (overdue included)
    "for_others": _received_for_others,
    "open": Q(status__in=OPEN_STATES),
    "finished": Q(status__in=list(END_STATES)),
}


def queue_condition(user: Any, queue: str) -> Q:
    condition = QUEUES[queue]
    return condition(user) if callable(condition) else condition


def work_queue(
    user: Any,
    *,
    queue: str = "open",
    status: str = "",
    procedure: str = "",
    channel: str = "",
    received_from: date | None = None,
    received_to: date | None = None,
    overdue: bool = False,
) -> QuerySet[Dossier]:
    """A queue, soonest deadline first (then newest); callers keyset-paginate on (appointment_on, id)."""
    queryset = visible_dossiers(user).filter(queue_condition(user, queue)).only(*QUEUE_COLUMNS)
    if status:
        queryset = queryset.filter(status=status)
    if procedure:
        queryset = queryset.filter(procedure__code=procedure)
    if channel:
        queryset = queryset.filter(channel=channel)
    if received_from:
        queryset = queryset.filter(received_on__gte=received_from)
    if received_to:
        queryset = queryset.filter(received_on__lte=received_to)
    if overdue:
        today = deadlines.OFFICE_HOURS.local(clock.now()).date()
        queryset = queryset.filter(status__in=OPEN_STATES, appointment_on__lt=today)
    return queryset


def deadline_status(dossier: Dossier) -> str:
    """within_time / late for an open dossier, early / on_time / late once finished, "" before receipt."""
    if dossier.outcome:
        return dossier.outcome
    if dossier.appointment_on is None or dossier.status in END_STATES:
        return ""
    return deadlines.status_on(clock.now(), dossier.appointment_on)


def events_of(dossier: Dossier) -> QuerySet[DossierEvent]:
    return dossier.events.select_related("from_agency", "to_agency").order_by("seq")


def results_of(dossier: Dossier) -> QuerySet[DossierResult]:
    return dossier.results.order_by("number")


@dataclass(frozen=True)
class PublicStatus:
    """What anyone holding a code may see: no names, no addresses, no documents."""

    code: str
    procedure_name: str
    status: str
    received_on: date | None
    appointment_on: date | None
    returned: bool
    agency_name: str
    deadline_status: str


def public_status(*, code: str) -> PublicStatus:
    text = normalise_code(code)
    row = (
        Dossier.objects.filter(code=text)
        .select_related("procedure", "competent_agency")
        .only(
            "code",
            "status",
            "received_on",
            "appointment_on",
            "outcome",
            "procedure__name",
            "competent_agency__name",
        )
        .first()
        if len(text) <= 60
        else None
    )
    if row is None:
        raise DossierNotFound(value=code[:60])
    return PublicStatus(
        code=row.code,
        procedure_name=row.procedure.name,
        status=row.status,
        received_on=row.received_on,
        appointment_on=row.appointment_on,
        returned=row.status == Status.RETURNED,
        agency_name=row.competent_agency.name,
        deadline_status=deadline_status(row),
    )


def allowed_actions_for(user: Any, dossier: Dossier) -> list[str]:
    """What the caller may do to this dossier now (buttons, the API's ``actions``)."""
    from motcua.dossiers.actors import actor_for
    from motcua.dossiers.workflow import allowed_actions

    return [str(action) for action in allowed_actions(dossier.status, actor_for(user, dossier).roles)]


def may_take_payment(user: Any, dossier: Dossier) -> bool:
    """Whether ``user`` may ask for the fees to be paid: the desk handling it, or its applicant."""
    from motcua.dossiers.actors import actor_for
    from motcua.dossiers.workflow import APPLICANT, DESK

    return dossier.status not in END_STATES and bool(actor_for(user, dossier).roles & {DESK, APPLICANT})


def dossier_code_gaps(*, agency_code: str, day: date) -> list[int]:
    """Numbers an agency issued on a day that no dossier carries and nobody voided (should be [])."""
    from motcua.dossiers.numbering_report import code_gaps

    agency = agency_selectors.find_agency(code=agency_code)
    if agency is None:
        return []
    prefix = f"{agency_code}-{day:%y%m%d}-"
    used = Dossier.objects.filter(code__startswith=prefix).values_list("code", flat=True)
    return code_gaps(agency=agency, day=day, used_codes=used)


MAX_LEDGER_ROWS = 5000


class LedgerTooLong(InvalidInput):
    code = "ledger.too_long"
    default_message = _(
        "The ledger would have %(count)s lines; choose a shorter period (at most %(max)s lines)."
    )


def ledger_rows(user: Any, *, agency_code: str, start: date, end: date) -> tuple[Any, list[Dossier]]:
    """The agency (visible to the caller) and the dossiers it received in [start, end], by code."""
    agency = agency_selectors.get_visible_agency(user, code=agency_code)
    if end < start:
        raise InvalidInput(_("The end of the period is before its start."), code="ledger.bad_period")
    rows = (
        Dossier.objects.filter(receiving_agency=agency, received_on__range=(start, end))
        .select_related("procedure", "competent_agency")
        .prefetch_related("events")
        .order_by("received_on", "code")
    )
    count = rows.count()
    if count > MAX_LEDGER_ROWS:
        raise LedgerTooLong(count=count, max=MAX_LEDGER_ROWS)
    return agency, list(rows)


def ledger_pdf(user: Any, *, agency_code: str, start: date, end: date) -> bytes:
    """Form 07, the tracking ledger of an agency for a period, as PDF."""
    from motcua.dossiers.slips import render_ledger  # WeasyPrint loads only where PDFs are made

    agency, rows = ledger_rows(user, agency_code=agency_code, start=start, end=end)
    return render_ledger(agency=agency, rows=rows, start=start, end=end, issued_at=clock.now())


def count_by_status() -> dict[str, int]:
    """Dossiers per status, over the whole province (operator commands and the demo seed)."""
    from django.db.models import Count

    return dict(Dossier.objects.values_list("status").annotate(n=Count("id")).order_by())


def current_step(dossier: Dossier) -> Any:
    """The step being worked on (the first unfinished), or None."""
    from motcua.dossiers.steps import current_step as first_open

    return first_open(dossier)


def result_by_token(token: str) -> DossierResult | None:
    """The electronic result a verification token (the QR code's link) names, or None; public."""
    if not isinstance(token, str) or not 8 <= len(token) <= 40:
        return None
    return (
        DossierResult.objects.select_related("dossier__procedure", "dossier__competent_agency")
        .filter(verification_token=token)
        .first()
    )


COUNT_CAP = 1000  # queue badges show "1000+": exact counts over a million rows cost too much


def queue_counts(user: Any) -> dict[str, int]:
    """How many dossiers wait in each queue for the caller (capped at COUNT_CAP)."""
    base = visible_dossiers(user)
    return {name: base.filter(queue_condition(user, name))[: COUNT_CAP + 1].count() for name in QUEUES}


def risk(dossier: Dossier) -> str:
    """For an open dossier: "late" past its appointment, "due_soon" due today or the next working day."""
    return risks([dossier])[0]


def risks(dossiers: list[Dossier]) -> list[str]:
    """``risk`` of each dossier of a page, the calendar read once."""
    today = deadlines.OFFICE_HOURS.local(clock.now()).date()
    next_day = province_calendar().next_working_day(today)
    return [_risk(dossier, today, next_day) for dossier in dossiers]


def _risk(dossier: Dossier, today: date, next_day: date) -> str:
    if dossier.status in END_STATES or dossier.appointment_on is None:
        return ""
    if dossier.appointment_on < today:
        return "late"
    return "due_soon" if dossier.appointment_on <= next_day else ""


def transfer_targets(dossier: Dossier) -> list[Any]:
    """Agencies of the province the work may move to (not the one handling it now)."""
    province_id = agency_selectors.province_id_of(dossier.current_agency)
    return [
        a
        for a in agency_selectors.agencies_in_province(province_id=province_id)
        if a.pk != dossier.current_agency_id
    ]


def assignable_officials(dossier: Dossier) -> list[Any]:
    return list(agency_selectors.officials_at(agency_id=dossier.current_agency_id))


def slips_made(dossier: Dossier) -> list[str]:
    """The slip kinds this dossier's actions have produced, in the order of the slip kinds."""
    from motcua.dossiers.models import SlipKind
    from motcua.dossiers.workflow import transition

    made = set()
    for from_status, action in dossier.events.values_list("from_status", "action"):
        found = transition(from_status, action) if from_status else None
        if found is not None and found.slip:
            made.add(found.slip)
    return [kind for kind in SlipKind.values if kind in made]


# Published here, the app's public surface: the citizen's own dossiers (the portal's "my
# dossiers", results, access log, tracking) and what the indicators read.
from motcua.dossiers.citizen_selectors import *  # noqa: E402, F403
from motcua.dossiers.reporting_selectors import *  # noqa: E402, F403
