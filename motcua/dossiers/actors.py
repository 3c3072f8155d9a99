"""Who is acting on a dossier, and in which of the lifecycle's roles.

An official's roles count where they apply: a desk officer's at the unit that received
(or serves) the dossier and at the agency handling it, the processing roles only at the
agency handling it now. So a commune's leader cannot approve a dossier after it was
transferred to a department, and a desk officer of one commune cannot act on another's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy

from motcua.agencies import selectors as agency_selectors
from motcua.agencies.types import Role
from motcua.dossiers.models import ActorKind
from motcua.dossiers.ownership import is_filed_for
from motcua.dossiers.workflow import APPLICANT, DESK, HANDLER, LEADER, SIGNER, SYSTEM

if TYPE_CHECKING:
    from motcua.dossiers.models import Dossier

PROCESSING_ROLES = frozenset({HANDLER, LEADER, SIGNER})
ALL_OFFICIAL_ROLES = frozenset({DESK, HANDLER, LEADER, SIGNER})


@dataclass(frozen=True)
class Actor:
    user: Any  # None for the system
    kind: str
    name: str
    roles: frozenset[str]

    @property
    def is_system(self) -> bool:
        return self.kind == ActorKind.SYSTEM


SYSTEM_ACTOR = Actor(user=None, kind=ActorKind.SYSTEM, name="motcua", roles=frozenset({SYSTEM}))
# The system receiving an online dossier by itself (the catalog's ``auto_receive_online``).
AUTOMATIC_RECEIPT = gettext_lazy("motcua system (received automatically)")


def automatic_receipt_actor() -> str:
    """``by`` for the automatic receipt: a system actor, named in the site's language (stored text)."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(AUTOMATIC_RECEIPT)


def actor_for(by: Any, dossier: Dossier) -> Actor:
    """``by`` is a user, or None / a string for the system (a job, another system's event)."""
    if by is None or isinstance(by, str):
        return SYSTEM_ACTOR if by is None else Actor(None, ActorKind.SYSTEM, by, frozenset({SYSTEM}))
    name = display_name(by)
    if is_applicant(by, dossier):
        return Actor(by, ActorKind.APPLICANT, name, frozenset({APPLICANT}))
    if getattr(by, "is_superuser", False) and by.is_active:
        return Actor(by, ActorKind.OFFICIAL, name, ALL_OFFICIAL_ROLES)
    return Actor(by, ActorKind.OFFICIAL, name, frozenset(_official_roles(by, dossier)))


def is_applicant(user: Any, dossier: Dossier) -> bool:
    """The account that submitted it, or the citizen it was filed for (VNeID level 2, ``ownership``)."""
    if dossier.account_id is not None and dossier.account_id == getattr(user, "pk", None):
        return True
    return is_filed_for(user, dossier)


def _official_roles(user: Any, dossier: Dossier) -> set[str]:
    if not user.is_active:
        return set()
    desk_places = {dossier.receiving_agency_id, dossier.current_agency_id}
    roles = set()
    for held in agency_selectors.roles_of(user):
        if held.role == Role.DESK_OFFICER and held.agency_id in desk_places:
            roles.add(DESK)
        elif held.role in PROCESSING_ROLES and held.agency_id == dossier.current_agency_id:
            roles.add(held.role)
    return roles


def display_name(user: Any) -> str:
    official = agency_selectors.official_of(user)
    if official is not None:
        return official.full_name
    return user.get_full_name() or user.get_username()


def may_see(user: Any, dossier: Dossier) -> bool:
    """Scope: an official sees dossiers of their agencies (and those below); the applicant theirs.

    The same rule as ``selectors.visible_dossiers`` (which lists): receiving, competent and
    current agency. The center that served the person is the receiving one whenever set.
    """
    if is_applicant(user, dossier):
        return True
    scope = agency_selectors.agency_scope(user)
    places = (
        dossier.receiving_agency_id,
        dossier.competent_agency_id,
        dossier.current_agency_id,
    )
    return any(scope.allows(agency_id) for agency_id in places)
