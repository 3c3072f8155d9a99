"""Plain values the integrations app hands to other apps (no ORM, no wire names)."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date
from typing import Any

__all__ = ["CitizenLookup", "LookupOutcome", "LookupPurpose", "PersonRecord", "Residence"]


@dataclass(frozen=True)
class Residence:
    """A place of residence as the National Population Database holds it."""

    commune_code: str = ""  # the 5-digit national code of the commune or ward
    address: str = ""  # the full address line (village/street, commune, province)

    @property
    def is_empty(self) -> bool:
        return not (self.commune_code or self.address)


@dataclass(frozen=True)
class PersonRecord:
    """One citizen as the National Population Database knows them."""

    citizen_id: str
    full_name: str
    date_of_birth: date | None = None
    sex: str = ""  # "male", "female" or "" when the database does not say
    nationality: str = "VN"  # ISO 3166-1 alpha-2
    permanent_residence: Residence = field(default_factory=Residence)  # nơi thường trú
    current_residence: Residence = field(default_factory=Residence)  # nơi ở hiện tại

    @property
    def residence(self) -> Residence:
        """Where the person lives now: the current residence, else the permanent one."""
        return self.permanent_residence if self.current_residence.is_empty else self.current_residence

    def prefill_values(self) -> dict[str, Any]:
        """The e-form prefill keys (``catalog.eforms.types.PREFILL_KEYS``) this record answers."""
        permanent = self.permanent_residence
        return {
            "citizen_id": self.citizen_id,
            "full_name": self.full_name,
            "date_of_birth": self.date_of_birth,
            "sex": self.sex,
            # The commune code alone names the province too; the address widget completes it.
            "permanent_address": {"commune": permanent.commune_code, "street": permanent.address},
        }


class LookupOutcome(enum.StrEnum):
    FOUND = "found"
    NOT_FOUND = "not_found"
    UNAVAILABLE = "unavailable"  # timed out, refused the connection, answered 5xx: enter by hand


class LookupPurpose(enum.StrEnum):
    """Why a citizen was looked up; recorded in the audit trail (Law 91/2025)."""

    DESK_INTAKE = "desk_intake"
    EFORM_PREFILL = "eform_prefill"
    BACKFILL = "population_backfill"


@dataclass(frozen=True)
class CitizenLookup:
    """What a lookup came to: found (with the record), not found, or the database unavailable."""

    citizen_id: str
    outcome: LookupOutcome
    record: PersonRecord | None = None
    reason: str = ""  # why it was unavailable (for logs and operators, not for citizens)

    @property
    def found(self) -> bool:
        return self.outcome == LookupOutcome.FOUND

    @property
    def not_found(self) -> bool:
        return self.outcome == LookupOutcome.NOT_FOUND

    @property
    def unavailable(self) -> bool:
        return self.outcome == LookupOutcome.UNAVAILABLE
