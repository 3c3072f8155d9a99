"""The desk's "look up in the National Population Database" step (no JavaScript).

The official types the citizen ID and presses the look-up button: the intake form comes
back with the owner's name, address and commune filled in from the database and marked as
such. The database has a hard time budget (3 s); when it does not answer, the form stays
usable, a banner says so, and the dossier saved from it is marked "population data
pending" and completed later by the back-fill job. The hidden ``population`` field carries
what the lookup came to (``found:<ID>``, ``not_found:<ID>``, ``unavailable:<ID>``) from the
look-up to the save.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from motcua.core.errors import MotcuaError
from motcua.integrations import services as integrations
from motcua.integrations.types import LookupOutcome, LookupPurpose

STATES = {outcome.value for outcome in LookupOutcome}
OWNER_FIELDS = (
    "center",
    "id_number",
    "name",
    "phone",
    "email",
    "address",
    "unit",
    "result_delivery",
    "reason",
)


@dataclass(frozen=True)
class PopulationState:
    """What the form shows about the population database: a banner and the prefilled fields."""

    state: str = ""  # "" (not looked up), found, not_found, unavailable, invalid
    citizen_id: str = ""
    fields: tuple[str, ...] = ()
    message: Any = ""
    notes: tuple[Any, ...] = field(default=())

    @property
    def marker(self) -> str:
        return f"{self.state}:{self.citizen_id}" if self.state in STATES else ""

    @property
    def unavailable(self) -> bool:
        return self.state == LookupOutcome.UNAVAILABLE


UNAVAILABLE = _(
    "The National Population Database is not answering; enter the details by hand — the "
    "dossier will be marked population data pending and completed later."
)
NO_NUMBER = _("Type the 12-digit citizen ID, then look it up; or enter the details by hand.")
NOT_FOUND = _("No citizen with ID %(id)s in the National Population Database; enter the details by hand.")
FOUND = _(
    "Found in the National Population Database: the details marked below come from it; "
    "check them with the applicant."
)


def state_of(marker: str, id_number: str) -> PopulationState:
    """The state carried by the hidden field, if it is about the ID now in the form."""
    state, _sep, number = (marker or "").partition(":")
    if state not in STATES or not number or number != (id_number or "").strip():
        return PopulationState()
    return PopulationState(state=state, citizen_id=number, message=_message(state, number))


def population_pending(marker: str, id_number: str) -> bool:
    """Save the dossier as "population data pending"? Yes when the lookup of this ID was unavailable."""
    return state_of(marker, id_number).unavailable


def lookup_owner(request: HttpRequest, *, communes: list) -> tuple[dict[str, Any], PopulationState]:
    """The applicant form's initial values after looking up the typed ID, and the banner."""
    initial = {name: request.POST.get(name, "") for name in OWNER_FIELDS}
    number = initial["id_number"].strip()
    initial["id_number"] = number
    if not number:  # Enter in another field also presses "look up", the form's first button
        return initial, PopulationState(state="invalid", message=NO_NUMBER)
    try:
        lookup = integrations.lookup_citizen(
            citizen_id=number, by=request.user, purpose=LookupPurpose.DESK_INTAKE
        )
    except MotcuaError as error:  # a malformed number, refused before any call
        return initial, PopulationState(state="invalid", citizen_id=number, message=error.detail)
    state = PopulationState(
        state=lookup.outcome.value, citizen_id=number, message=_message(lookup.outcome, number)
    )
    if lookup.record is None:
        initial["population"] = state.marker
        return initial, state
    record, residence = lookup.record, lookup.record.residence
    filled, notes = ["name"], []
    initial["name"] = record.full_name
    if residence.address:
        initial["address"] = residence.address
        filled.append("address")
    if residence.commune_code in {code for code, _name in communes}:
        initial["unit"] = residence.commune_code
        filled.append("unit")
    elif residence.commune_code:
        notes.append(_("The applicant lives outside this province; choose the commune by hand if needed."))
    if record.date_of_birth:
        notes.append(_("Date of birth: %(date)s.") % {"date": record.date_of_birth.strftime("%d/%m/%Y")})
    initial["population"] = state.marker
    return initial, PopulationState(state.state, number, tuple(filled), state.message, tuple(notes))


def _message(state: str, number: str) -> Any:
    if state == LookupOutcome.UNAVAILABLE:
        return UNAVAILABLE
    if state == LookupOutcome.NOT_FOUND:
        return NOT_FOUND % {"id": number}
    return FOUND
