"""Reads for the citizen's own pages: my dossiers, their timeline and results, who read them.

Every read here is scoped to what the login owns (``ownership.owned_dossiers``): the
dossiers its account submitted, those filed for its citizen ID at a desk, by post or on
the national portal when the login is VNeID level 2 (``level``), and, while the person
acts for an organisation (``acting_for``), that organisation's dossiers they submitted.
Another citizen's dossier, result or access log answers exactly like a missing one
(``DossierNotFound``), so codes and references cannot be probed. Public tracking (code +
the last digits of the owner's phone) answers ``None`` for an unknown code and for a
wrong second factor alike. Re-exported by ``selectors`` (the edges' public surface).
"""

from __future__ import annotations

import hmac
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from django.db.models import Q, QuerySet

from motcua.citizens.types import SELF, ActingFor
from motcua.dossiers.codes import normalise_code
from motcua.dossiers.errors import DossierNotFound
from motcua.dossiers.models import (
    ApplicantKind,
    Dossier,
    DossierEvent,
    DossierResult,
    PersonalDataAccess,
    ResultState,
)
from motcua.dossiers.ownership import owned_dossiers, verified_citizen_id
from motcua.dossiers.workflow import Action, Status

__all__ = [
    "PHONE_DIGITS",
    "SupplementRequest",
    "TimelineEntry",
    "data_accesses_of_account",
    "dossier_of_account",
    "dossiers_of_account",
    "result_of_account",
    "results_for_applicant",
    "supplement_request_of",
    "timeline_entries",
    "timeline_of",
    "track_dossier",
]

PHONE_DIGITS = 4  # the second factor of public tracking: the last digits of the owner's phone

# Notes written to the applicant (a reason, what is missing); others are the officials' own.
_NOTES_FOR_APPLICANT = frozenset(
    {
        Action.REQUEST_SUPPLEMENT,
        Action.SUPPLEMENT,
        Action.REFUSE,
        Action.EXTEND,
        Action.PAUSE,
        Action.STOP,
        Action.WITHDRAW,
    }
)
# A result is the applicant's once it is signed; before that it may still change.
_RESULT_STATES = frozenset({Status.SIGNED, Status.RETURNED})
_LIST_COLUMNS = (
    "code",
    "reference",
    "status",
    "channel",
    "created_at",
    "submitted_at",
    "received_on",
    "appointment_on",
    "outcome",
    "satisfaction",
    "procedure__code",
    "procedure__name",
    "competent_agency__name",
    "owner_kind",
    "owner_name",
)


def dossiers_of_account(
    user: Any, *, level: int | None = None, acting_for: ActingFor = SELF
) -> QuerySet[Dossier]:
    """The dossiers this login follows (drafts aside), newest first.

    ``level``: the VNeID level of this login; at level 2 the dossiers filed for the
    citizen's ID elsewhere (desk, post, national portal) are theirs too.
    """
    scope = owned_dossiers(user, level=level, acting_for=acting_for)
    if scope is None:
        return Dossier.objects.none()
    return (
        Dossier.objects.filter(scope)
        .exclude(status=Status.DRAFT)
        .select_related("procedure", "competent_agency")
        .only(*_LIST_COLUMNS)
        .order_by("-created_at", "-id")
    )


def dossier_of_account(
    user: Any, *, identifier: str, level: int | None = None, acting_for: ActingFor = SELF
) -> Dossier:
    """One of the login's dossiers (``dossiers_of_account``) by code or reference; 404 for anyone else's."""
    text = normalise_code(str(identifier))
    try:
        lookup = Q(reference=UUID(text))
    except ValueError:
        if len(text) > 60:
            raise DossierNotFound(value=text[:60]) from None
        lookup = Q(code=text)
    scope = owned_dossiers(user, level=level, acting_for=acting_for)
    found = (
        Dossier.objects.filter(lookup, scope)
        .exclude(status=Status.DRAFT)
        .select_related("procedure", "competent_agency", "current_agency", "receiving_agency")
        .first()
        if scope is not None
        else None
    )
    if found is None:
        raise DossierNotFound(value=text[:60])
    return found


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    action: str
    action_label: str
    status_label: str
    agency_name: str
    note: str  # only what was written to the applicant


def timeline_of(dossier: Dossier) -> QuerySet[DossierEvent]:
    """The dossier's events, oldest first, with only what the applicant's timeline shows."""
    return (
        dossier.events.select_related("to_agency")
        .only("seq", "at", "action", "to_status", "note", "to_agency__name")
        .order_by("seq")
    )


def timeline_entries(events: Any) -> list[TimelineEntry]:
    """What the applicant sees of each event (``events``: a page of ``timeline_of``)."""
    return [
        TimelineEntry(
            at=event.at,
            action=event.action,
            action_label=_label(Action, event.action),
            status_label=_label(Status, event.to_status),
            agency_name=event.to_agency.name if event.to_agency_id else "",
            note=event.note if event.action in _NOTES_FOR_APPLICANT else "",
        )
        for event in events
    ]


def _label(choices: Any, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


@dataclass(frozen=True)
class SupplementRequest:
    """What the agency asked for, while the dossier waits for the applicant's supplement."""

    at: datetime
    reason: str
    missing: list[str]


def supplement_request_of(dossier: Dossier) -> SupplementRequest | None:
    """The open request for a supplement (Form 02's reason and list), or None."""
    if dossier.status not in (Status.SUPPLEMENT_REQUESTED, Status.AWAITING_SUPPLEMENT):
        return None
    event = dossier.events.filter(action=Action.REQUEST_SUPPLEMENT).order_by("-seq").first()
    if event is None:
        return None
    missing = [str(item) for item in (event.data or {}).get("missing", []) if str(item).strip()]
    return SupplementRequest(at=event.at, reason=event.note, missing=missing)


def results_for_applicant(dossier: Dossier) -> list[DossierResult]:
    """The electronic results the applicant may see: once signed, every issue with its state."""
    if dossier.status not in _RESULT_STATES:
        return []
    return list(dossier.results.order_by("number"))


def result_of_account(
    user: Any, *, identifier: str, number: int, level: int | None = None, acting_for: ActingFor = SELF
) -> DossierResult:
    """A valid signed result file of one of the login's dossiers; 404 for anything else."""
    dossier = dossier_of_account(user, identifier=identifier, level=level, acting_for=acting_for)
    found = next(
        (r for r in results_for_applicant(dossier) if r.number == number and r.state == ResultState.VALID),
        None,
    )
    if found is None or not found.file:
        raise DossierNotFound(value=f"{dossier.identifier}-KQ{number}")
    return found


def data_accesses_of_account(user: Any, *, level: int | None = None) -> QuerySet[PersonalDataAccess]:
    """Who in the administration read the personal data of the person's dossiers, newest first.

    The person's data is in every dossier their account submitted (for themselves or as an
    organisation's representative) and, at level 2, in those filed for their citizen ID.
    """
    if not getattr(user, "is_authenticated", False):
        return PersonalDataAccess.objects.none()
    theirs = Q(account_id=user.pk)
    citizen_id = verified_citizen_id(user, level=level)
    if citizen_id:
        theirs |= Q(owner_kind=ApplicantKind.CITIZEN, owner_id_number=citizen_id)
    return (
        PersonalDataAccess.objects.filter(dossier__in=Dossier.objects.filter(theirs).values("pk"))
        .select_related("dossier")
        .only("at", "user_name", "purpose", "dossier__code", "dossier__reference")
        .order_by("-at", "-id")
    )


_NOT_DIGITS = re.compile(r"\D")


def track_dossier(*, code: str, phone_digits: str) -> Any:
    """The public status of a dossier when ``phone_digits`` end the owner's phone; else None.

    None alike for an unknown code, a dossier without a phone and wrong digits: the
    answer must not tell a stranger which codes exist.
    """
    from motcua.dossiers.selectors import public_status  # selectors re-exports this module

    text = normalise_code(code)
    digits = _NOT_DIGITS.sub("", phone_digits or "")
    if len(text) > 60 or len(digits) != PHONE_DIGITS:
        return None
    phone = Dossier.objects.filter(code=text).values_list("owner_phone", flat=True).first()
    expected = _NOT_DIGITS.sub("", phone or "")[-PHONE_DIGITS:]
    # Compare in constant time, and always compare, so a missing code costs the same.
    matches = hmac.compare_digest(expected.rjust(PHONE_DIGITS, "x"), digits)
    if phone is None or len(expected) < PHONE_DIGITS or not matches:
        return None
    return public_status(code=text)
