"""The log of officials reading a dossier's personal data (Decree 356/2025)."""

from __future__ import annotations

from typing import Any

from motcua.agencies import selectors as agency_selectors
from motcua.core import clock
from motcua.dossiers.actors import display_name
from motcua.dossiers.models import Dossier, PersonalDataAccess

__all__ = ["log_personal_data_access"]


def log_personal_data_access(*, dossier: Dossier, by: Any, purpose: str) -> PersonalDataAccess | None:
    """Record that ``by`` read the dossier's personal data; the applicant reading their own is not logged."""
    if by is None or not getattr(by, "is_authenticated", False) or dossier.account_id == by.pk:
        return None
    return PersonalDataAccess.objects.create(
        dossier=dossier, user=by, user_name=_who(by)[:200], at=clock.now(), purpose=purpose[:30]
    )


def _who(user: Any) -> str:
    """The name with the agency as it is at the read: a name alone tells a citizen nothing."""
    official = agency_selectors.official_of(user)
    if official is None:
        return display_name(user)
    return f"{official.full_name} ({official.agency.name})"
