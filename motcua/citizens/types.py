"""Types other apps may use (the models stay behind services and selectors)."""

from __future__ import annotations

from dataclasses import dataclass

from motcua.citizens.models import AssuranceLevel

__all__ = ["SELF", "ActingFor", "AssuranceLevel"]


@dataclass(frozen=True)
class ActingFor:
    """On whose behalf the logged-in person acts: themselves, or an organisation.

    An organisation acts through a representative who logs in with their own VNeID and
    declares the organisation (tax code and name) on the account page. Nothing checks the
    declaration against the national business registry in this version: it is recorded
    with the representative's VNeID identity (the audit log, the dossier's representative
    party), and the official checks the authorisation documents at receipt.
    """

    organisation_tax_code: str = ""  # 10 digits, or 10 + "-" + 3 for a branch
    organisation_name: str = ""

    @property
    def is_self(self) -> bool:
        return not self.organisation_tax_code


SELF = ActingFor()
