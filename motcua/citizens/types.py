"""Types other apps may use (the models stay behind services and selectors)."""

from __future__ import annotations

from dataclasses import dataclass

from motcua.citizens.models import AssuranceLevel

__all__ = ["ActingFor", "AssuranceLevel"]


@dataclass(frozen=True)
class ActingFor:
    """On whose behalf the logged-in person acts.

    For now always themselves (``organisation_tax_code == ""``). An organisation acts
    through a representative who logs in with their own VNeID: the hook for that is this
    tax code, to be set once the representative's authority has been checked (the
    national business registry, a later issue).
    """

    organisation_tax_code: str = ""

    @property
    def is_self(self) -> bool:
        return not self.organisation_tax_code


SELF = ActingFor()
