"""Creating a dossier: online (draft or submitted) or at any center's desk."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from motcua.agencies import selectors as agency_selectors
from motcua.catalog import selectors as catalog_selectors
from motcua.catalog.eforms import validate_form
from motcua.core import clock
from motcua.core.errors import InvalidInput
from motcua.dossiers.errors import UnknownAgency
from motcua.dossiers.models import (
    ApplicantKind,
    Channel,
    Dossier,
    DossierComponent,
    DossierFee,
    DossierParty,
    PartyRole,
    ResultDelivery,
)
from motcua.dossiers.routing import route
from motcua.dossiers.services.components import ComponentInput, attach_components
from motcua.dossiers.services.lifecycle import submit_dossier

__all__ = ["ApplicantInput", "FormInvalid", "PartyInput", "create_dossier", "fixed_fee"]


class FormInvalid(InvalidInput):
    code = "dossier.form_invalid"
    default_message = _("The declaration form has mistakes: %(first)s")

    def __init__(self, errors: list[Any]) -> None:
        super().__init__(first=str(errors[0]))
        self.fields = {error.path or "form": [str(error.message)] for error in errors}


@dataclass(frozen=True)
class ApplicantInput:
    name: str
    kind: str = ApplicantKind.CITIZEN
    id_number: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    unit_code: str = ""  # commune of residence: routes commune-level procedures


@dataclass(frozen=True)
class PartyInput:
    role: str
    name: str
    id_number: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    authorisation_document: str = ""
    authorisation_valid_until: Any = None


@dataclass(frozen=True)
class DossierInput:
    procedure_code: str
    channel: str
    owner: ApplicantInput
    parties: tuple[PartyInput, ...] = ()
    components: tuple[ComponentInput, ...] = ()
    form_data: dict[str, Any] = field(default_factory=dict)
    served_at: str = ""  # the center's agency code, at the desk or by post
    result_delivery: str = ResultDelivery.DESK
    copies: int = 1
    # Taken in while the National Population Database was unavailable: back-filled later.
    population_data_pending: bool = False


def create_dossier(*, data: DossierInput, by: Any, submit: bool = True, account: Any = None) -> Dossier:
    """A new dossier, routed by competence; submitted (waiting for receipt) unless ``submit`` is False.

    ``account`` is the citizen's own account when they apply online; ``by`` who typed it in.
    """
    procedure = catalog_selectors.get_procedure(code=data.procedure_code)  # 404 for an unknown one
    revision = catalog_selectors.current_revision(procedure)
    served_at = _served_at(data)
    residence = _residence(data.owner.unit_code)
    if procedure.form_schema and data.form_data:
        errors = validate_form(procedure.form_schema, data.form_data, units=agency_selectors.UnitsDirectory())
        if errors:
            raise FormInvalid(errors)
    path = route(procedure=procedure, served_at=served_at, residence=residence)
    with transaction.atomic():
        now = clock.now()
        dossier = Dossier.objects.create(
            procedure=procedure,
            procedure_revision=revision,
            channel=data.channel,
            owner_kind=data.owner.kind,
            owner_name=data.owner.name.strip(),
            owner_id_number=data.owner.id_number.strip(),
            owner_phone=data.owner.phone.strip(),
            owner_email=data.owner.email.strip(),
            owner_address=data.owner.address.strip(),
            owner_unit=residence,
            account=account,
            served_at=served_at,
            receiving_agency=path.receiving,
            competent_agency=path.competent,
            current_agency=path.competent,
            form_data=data.form_data,
            population_data_pending=data.population_data_pending and bool(data.owner.id_number.strip()),
            result_delivery=data.result_delivery,
            copies=data.copies,
            created_at=now,
            updated_at=now,
        )
        _add_parties(dossier, data.parties)
        _add_fees(dossier, revision.snapshot if revision else {})
        _add_components(dossier, revision.snapshot if revision else {}, data.components)
        if submit:
            submit_dossier(dossier=dossier, by=by or account)
    return dossier


def _served_at(data: DossierInput) -> Any:
    if data.channel == Channel.ONLINE and not data.served_at:
        return None
    if not data.served_at:
        raise InvalidInput(
            _("Say which center received the dossier (its agency code)."), code="dossier.center_missing"
        )
    agency = agency_selectors.find_agency(code=data.served_at)
    if agency is None:
        raise UnknownAgency(value=data.served_at)
    return agency


def _residence(unit_code: str) -> Any:
    if not unit_code:
        return None
    return agency_selectors.get_admin_unit(code=unit_code)  # 404 with its own message


def _add_parties(dossier: Dossier, parties: tuple[PartyInput, ...]) -> None:
    for party in parties:
        if party.role not in PartyRole.values:
            raise InvalidInput(code="dossier.party_role")
        DossierParty.objects.create(
            dossier=dossier, **{k: v for k, v in vars(party).items() if v is not None}
        )


def fixed_fee(fee: dict[str, Any]) -> bool:
    """A fee of the catalog (revision snapshot) with a known amount per dossier, possibly 0.

    Such a fee is due as soon as the dossier exists (payable online or at the desk); any
    other (no amount, per copy or page, one of alternatives) is set at the desk.
    """
    return fee.get("amount") is not None and fee.get("unit", "dossier") == "dossier" and not fee.get("group")


def _add_fees(dossier: Dossier, snapshot: dict[str, Any]) -> None:
    DossierFee.objects.bulk_create(
        DossierFee(dossier=dossier, name=fee["name"][:500], amount=fee["amount"])
        for fee in snapshot.get("fees", [])
        if fixed_fee(fee) and fee["amount"]
    )


def _add_components(dossier: Dossier, snapshot: dict[str, Any], given: tuple[ComponentInput, ...]) -> None:
    DossierComponent.objects.bulk_create(
        DossierComponent(
            dossier=dossier,
            position=position,
            name=component["name"][:1000],
            mandatory=bool(component.get("mandatory", True)) and component.get("kind") != "show_only",
        )
        for position, component in enumerate(snapshot.get("components", []), start=1)
    )
    attach_components(dossier, given)
