"""Which dossiers are a citizen's own: those their account submitted, and those filed for them.

A dossier submitted online carries the account that submitted it (``Dossier.account``).
One filed at a desk, sent by post or pulled from the national portal has no account, only
its owner's details; it is the citizen's when the owner is a citizen (``owner_kind``)
whose ID number (``owner_id_number``) is the account's citizen ID, and only when that ID
was verified at VNeID level 2 (``FILED_FOR_LEVEL``).

Why level 2 for those and not for one's own submissions: a level-1 VNeID account is
opened on a phone without meeting anyone, while level 2 was verified in person by the
police (Decree 69/2024). A dossier the person submitted themselves shows only what they
typed in under that login; a dossier filed at a desk holds what an official took in and
the results issued on it (land, business, civil status), reachable until now only with
the paper receipt or in person. Opening it to a mere level-1 login would lower that
protection, so level 2 is asked for — both at this login (the portal's session) and on
the citizen's profile (the level of their last login, which is all the engine sees when
it checks who may act).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Q

from motcua.citizens import selectors as citizen_selectors
from motcua.citizens.types import SELF, ActingFor, AssuranceLevel
from motcua.dossiers.models import ApplicantKind

if TYPE_CHECKING:
    from motcua.dossiers.models import Dossier

FILED_FOR_LEVEL = AssuranceLevel.LEVEL_2


def verified_citizen_id(user: Any, *, level: int | None) -> str:
    """The account's citizen ID when this login (``level``) and its profile are level 2; else ""."""
    citizen = citizen_selectors.citizen_of(user)
    if citizen is None or level is None:
        return ""
    if min(level, citizen.last_assurance_level) < FILED_FOR_LEVEL:
        return ""
    return citizen.citizen_id


def owned_dossiers(user: Any, *, level: int | None, acting_for: ActingFor = SELF) -> Q | None:
    """The filter of the dossiers this login may follow as their applicant, or None (nothing).

    Acting for oneself: the citizen dossiers the account submitted, and (level 2) those
    filed for the account's citizen ID anywhere. Acting for an organisation: only that
    organisation's dossiers this account submitted (no registry says who else may).
    """
    if not getattr(user, "is_authenticated", False):
        return None
    if not acting_for.is_self:
        return Q(
            account_id=user.pk,
            owner_kind=ApplicantKind.ORGANISATION,
            owner_id_number=acting_for.organisation_tax_code,
        )
    mine = Q(account_id=user.pk)
    citizen_id = verified_citizen_id(user, level=level)
    if citizen_id:
        mine |= Q(owner_id_number=citizen_id)  # uses dossier_owner_idx
    return Q(owner_kind=ApplicantKind.CITIZEN) & mine


def is_filed_for(user: Any, dossier: Dossier) -> bool:
    """Whether ``dossier`` was filed for this user's level-2-verified citizen ID (the engine's check)."""
    if dossier.owner_kind != ApplicantKind.CITIZEN or not dossier.owner_id_number:
        return False
    # A citizen's account is named by their ID (citizens.services): officials, checked on
    # every action, are told apart without reading a profile.
    if getattr(user, "username", None) != dossier.owner_id_number:
        return False
    citizen = citizen_selectors.citizen_of(user)
    if citizen is None:
        return False
    return verified_citizen_id(user, level=citizen.last_assurance_level) == dossier.owner_id_number
