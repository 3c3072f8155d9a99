"""Applying online from the citizens' portal: drafts kept with the account, submitted once.

A draft belongs to the citizen's account, not to a browser session, so it can be resumed
on another device. The form carries the dossier's future ``reference`` (a UUID made when
the blank form is shown): it is the idempotency key. A second click on "submit", or a
reloaded page, finds the dossier with that reference and never makes a second one — the
unique reference settles even two requests arriving at the same moment.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from motcua.agencies import selectors as agency_selectors
from motcua.catalog.eforms import validate_form
from motcua.core import clock
from motcua.core.errors import Conflict
from motcua.dossiers.errors import DossierNotFound
from motcua.dossiers.models import Channel, Dossier
from motcua.dossiers.routing import route
from motcua.dossiers.services.auto_receipt import receive_if_automatic
from motcua.dossiers.services.components import ComponentInput, attach_components
from motcua.dossiers.services.intake import (
    ApplicantInput,
    DossierInput,
    FormInvalid,
    PartyInput,
    create_dossier,
)
from motcua.dossiers.services.lifecycle import submit_dossier
from motcua.dossiers.workflow import Status

__all__ = [
    "AlreadySubmitted",
    "DraftOfAnotherApplicant",
    "OnlineApplication",
    "drafts_of",
    "online_dossier_of",
    "save_draft",
    "submit_draft",
]


class AlreadySubmitted(Conflict):
    """The draft was submitted meanwhile (a double click, another device); ``dossier`` says which."""

    code = "dossier.already_submitted"
    default_message = _("This dossier has already been submitted; it cannot be changed here.")

    def __init__(self, dossier: Dossier) -> None:
        super().__init__()
        self.dossier = dossier


class DraftOfAnotherApplicant(Conflict):
    """The draft was started for another owner (oneself, or an organisation one acts for)."""

    code = "dossier.draft_of_another_applicant"
    default_message = _("This draft was started for another applicant; act for them to continue it.")


@dataclass(frozen=True)
class OnlineApplication:
    """What the citizen's form holds; ``reference`` is the idempotency key of the form."""

    procedure_code: str
    reference: uuid.UUID
    owner: ApplicantInput
    form_data: dict[str, Any] = field(default_factory=dict)
    components: tuple[ComponentInput, ...] = ()
    result_delivery: str = "online"
    population_data_pending: bool = False
    # Acting for an organisation: the person who submits, as its representative (kept from the draft on).
    parties: tuple[PartyInput, ...] = ()


def save_draft(*, application: OnlineApplication, account: Any, assurance_level: int | None) -> Dossier:
    """Create the draft with the form's reference, or update it; the e-form may be incomplete.

    Raises :class:`AlreadySubmitted` when the dossier with this reference is no longer a draft.
    """
    existing = _with_reference(application.reference)
    if existing is None:
        try:
            return _create(application, account, assurance_level)
        except IntegrityError:  # the other click created it first
            existing = _with_reference(application.reference)
            if existing is None:
                raise
    if existing.account_id != getattr(account, "pk", None):
        raise DossierNotFound(value=str(application.reference))
    return _update(existing, application, assurance_level)


def submit_draft(*, dossier: Dossier, by: Any) -> Dossier:
    """Hand the draft in: the e-form must now be complete and valid, every required document there.

    Submitting a dossier that was already submitted returns it unchanged (idempotent).
    A procedure the province marks for it has the dossier received at once by the system
    (``auto_receipt``); otherwise, or when that fails, it waits for the desk.
    """
    if dossier.status != Status.DRAFT:
        return dossier
    schema = dossier.procedure.form_schema
    if schema:
        errors = validate_form(schema, dossier.form_data or {}, units=agency_selectors.UnitsDirectory())
        if errors:
            raise FormInvalid(errors)
    try:
        submitted = submit_dossier(dossier=dossier, by=by)
    except Conflict:
        fresh = Dossier.objects.get(pk=dossier.pk)
        if fresh.status == Status.DRAFT:
            raise
        return fresh  # the other click submitted it, and tried the automatic receipt
    return receive_if_automatic(dossier=submitted)


def drafts_of(account: Any) -> QuerySet[Dossier]:
    """The account's unsubmitted online dossiers, most recently changed first."""
    return _own(account).filter(status=Status.DRAFT).order_by("-updated_at", "-id")


def online_dossier_of(account: Any, reference: str | uuid.UUID) -> Dossier:
    """One of the account's own dossiers by reference; 404 for anyone else's (the same answer)."""
    try:
        key = uuid.UUID(str(reference))
    except ValueError:
        raise DossierNotFound(value=str(reference)[:60]) from None
    found = _own(account).filter(reference=key).first()
    if found is None:
        raise DossierNotFound(value=str(key))
    return found


def _with_reference(reference: uuid.UUID) -> Dossier | None:
    return Dossier.objects.filter(reference=reference).first()


def _own(account: Any) -> QuerySet[Dossier]:
    if not getattr(account, "is_authenticated", False):
        return Dossier.objects.none()
    return (
        Dossier.objects.filter(account_id=account.pk)
        .select_related("procedure", "receiving_agency", "competent_agency", "owner_unit")
        .prefetch_related("components", "fees")
    )


def _create(application: OnlineApplication, account: Any, assurance_level: int | None) -> Dossier:
    # The draft is made without the e-form data (create_dossier checks a complete form);
    # it is stored by the update below, in the same transaction.
    data = DossierInput(
        procedure_code=application.procedure_code,
        channel=Channel.ONLINE,
        owner=application.owner,
        result_delivery=application.result_delivery,
        population_data_pending=application.population_data_pending,
        parties=application.parties,
    )
    with transaction.atomic():
        dossier = create_dossier(data=data, by=account, submit=False, account=account)
        # The unique reference is the idempotency key: a concurrent twin fails here.
        Dossier.objects.filter(pk=dossier.pk).update(reference=application.reference)
        dossier.reference = application.reference
        return _update(dossier, application, assurance_level)


def _update(dossier: Dossier, application: OnlineApplication, assurance_level: int | None) -> Dossier:
    with transaction.atomic():
        locked = Dossier.objects.select_for_update().get(pk=dossier.pk)
        if locked.status != Status.DRAFT:
            raise AlreadySubmitted(locked)
        owner = application.owner
        if (locked.owner_kind, locked.owner_id_number) != (owner.kind, owner.id_number.strip()):
            raise DraftOfAnotherApplicant()  # a person's draft never becomes an organisation's
        locked.owner_name = owner.name.strip()
        locked.owner_id_number = owner.id_number.strip()
        locked.owner_phone = owner.phone.strip()
        locked.owner_email = owner.email.strip()
        locked.owner_address = owner.address.strip()
        _move_to(locked, agency_selectors.get_admin_unit(code=owner.unit_code) if owner.unit_code else None)
        locked.form_data = application.form_data
        locked.result_delivery = application.result_delivery
        locked.population_data_pending = locked.population_data_pending or (
            application.population_data_pending and bool(locked.owner_id_number)
        )
        locked.assurance_level = assurance_level
        locked.version += 1
        locked.updated_at = clock.now()
        locked.save()
        attach_components(locked, application.components)
    return locked


def _move_to(dossier: Dossier, residence: Any) -> None:
    """A new commune of residence routes the draft again: a commune-level procedure goes there."""
    if residence == dossier.owner_unit:
        return
    path = route(procedure=dossier.procedure, served_at=None, residence=residence)
    dossier.owner_unit = residence
    dossier.receiving_agency = path.receiving
    dossier.competent_agency = dossier.current_agency = path.competent
