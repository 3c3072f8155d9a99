"""The log of officials reading a dossier's personal data (Decree 356/2025)."""

from __future__ import annotations

from typing import Any

from motcua.core import clock
from motcua.dossiers.actors import display_name
from motcua.dossiers.models import Dossier, PersonalDataAccess

__all__ = ["log_personal_data_access"]


def log_personal_data_access(*, dossier: Dossier, by: Any, purpose: str) -> PersonalDataAccess | None:
    """Record that ``by`` read the dossier's personal data; the applicant reading their own is not logged."""
    if by is None or not getattr(by, "is_authenticated", False) or dossier.account_id == by.pk:
        return None
    return PersonalDataAccess.objects.create(
        dossier=dossier, user=by, user_name=display_name(by)[:200], at=clock.now(), purpose=purpose[:30]
    )
