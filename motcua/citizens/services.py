"""Writes about citizens: a VNeID login creates or refreshes the citizen's profile."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from motcua.citizens.errors import (
    InvalidCitizenClaims,
    InvalidOrganisationName,
    InvalidTaxCode,
    NotACitizenAccount,
)
from motcua.citizens.models import AssuranceLevel, Citizen
from motcua.citizens.types import SELF, ActingFor
from motcua.core import clock
from motcua.core.audit import record_audit

__all__ = ["act_for_organisation", "act_for_self", "normalise_tax_code", "sign_in_citizen"]

CITIZEN_ID = re.compile(r"^\d{12}$")
TAX_CODE = re.compile(r"^(\d{10})-?(\d{3})?$")  # a branch's: the parent's 10 digits, "-", 3 digits
ORGANISATION_NAME_MAX = 200  # Dossier.owner_name


@transaction.atomic
def sign_in_citizen(*, claims: Mapping[str, Any]) -> Any:
    """The user to log in for VNeID's verified claims; the citizen is created or updated.

    ``claims``: ``sub`` (the 12-digit citizen ID), ``name``, optional ``birthdate``
    (YYYY-MM-DD) and ``phone_number``, and ``assurance_level`` (1 or 2). The account is
    named by the citizen ID, like the demo's dossier owners, and has no password: it can
    log in only through VNeID. An official's or administrator's account is never used.
    """
    values = _parse(claims)
    now = clock.now()
    citizen = (
        Citizen.objects.select_for_update().select_related("user").filter(citizen_id=values["citizen_id"])
    )
    citizen = citizen.first()
    created = citizen is None
    if created:
        user = _account(values["citizen_id"], values["full_name"])
        citizen = Citizen(user=user, created_at=now, **values)
    else:
        _check_not_staff(citizen.user)
        for field, value in values.items():
            setattr(citizen, field, value)
    citizen.last_login_at = now
    citizen.save()
    record_audit(
        actor=citizen.user,
        action="citizen.signed_in",
        object_type="citizen",
        object_id=citizen.pk,
        data={
            "via": "vneid",
            "level": citizen.last_assurance_level,
            "created": created,
            "acting_for": SELF.organisation_tax_code or "self",
        },
    )
    return citizen.user


def _parse(claims: Mapping[str, Any]) -> dict[str, Any]:
    citizen_id = str(claims.get("sub") or "")
    if not CITIZEN_ID.match(citizen_id):
        raise InvalidCitizenClaims(problem="citizen ID")
    full_name = " ".join(str(claims.get("name") or "").split())
    if not full_name:
        raise InvalidCitizenClaims(problem="name")
    level = claims.get("assurance_level")
    if level not in AssuranceLevel.values:
        raise InvalidCitizenClaims(problem="assurance level")
    try:
        born = date.fromisoformat(claims["birthdate"]) if claims.get("birthdate") else None
    except (TypeError, ValueError):
        raise InvalidCitizenClaims(problem="date of birth") from None
    return {
        "citizen_id": citizen_id,
        "full_name": full_name[:150],
        "date_of_birth": born,
        "phone": str(claims.get("phone_number") or "")[:30],
        "last_assurance_level": level,
    }


def _account(citizen_id: str, full_name: str) -> Any:
    """The citizen's login: an existing password-less account of that ID (demo owners), or a new one."""
    user_model = get_user_model()
    user = user_model.objects.select_for_update().filter(username=citizen_id).first()
    if user is None:
        user = user_model(username=citizen_id, first_name=full_name[:150])
        user.set_unusable_password()
        user.save()
        return user
    _check_not_staff(user)
    if user.has_usable_password():  # made some other way: it is not only VNeID's to open
        raise NotACitizenAccount()
    return user


def _check_not_staff(user: Any) -> None:
    if user.is_staff or user.is_superuser or hasattr(user, "official"):
        raise NotACitizenAccount()


def normalise_tax_code(text: str) -> str:
    """``0101234567`` or ``0101234567-001`` (spaces dropped, a branch's hyphen put back).

    Raises :class:`InvalidTaxCode` for anything else: only the format is checked.
    """
    match = TAX_CODE.match("".join(str(text or "").split()))
    if match is None:
        raise InvalidTaxCode()
    parent, branch = match.groups()
    return f"{parent}-{branch}" if branch else parent


@transaction.atomic
def act_for_organisation(*, user: Any, tax_code: str, name: str) -> ActingFor:
    """The citizen declares acting for an organisation; the declaration is audited.

    Only the format is checked: there is no business-registry check in this version, so
    the declaration is recorded with the representative's VNeID identity (here and as the
    representative party of each dossier they submit) and the official checks the
    authorisation documents at receipt.
    """
    citizen = _citizen(user)
    code = normalise_tax_code(tax_code)
    clean_name = " ".join(str(name or "").split())
    if not clean_name or len(clean_name) > ORGANISATION_NAME_MAX:
        raise InvalidOrganisationName(max=ORGANISATION_NAME_MAX)
    acting = ActingFor(organisation_tax_code=code, organisation_name=clean_name)
    _audit_acting(citizen, acting)
    return acting


@transaction.atomic
def act_for_self(*, user: Any) -> ActingFor:
    """Back to acting for oneself (audited, so the log shows where the declaration ended)."""
    _audit_acting(_citizen(user), SELF)
    return SELF


def _citizen(user: Any) -> Citizen:
    citizen = Citizen.objects.filter(user_id=getattr(user, "pk", None)).first()
    if citizen is None:
        raise NotACitizenAccount()
    return citizen


def _audit_acting(citizen: Citizen, acting: ActingFor) -> None:
    record_audit(
        actor=citizen.user,
        action="citizen.acting_for",
        object_type="citizen",
        object_id=citizen.pk,
        data={
            "acting_for": acting.organisation_tax_code or "self",
            "organisation_name": acting.organisation_name,
            "level": citizen.last_assurance_level,
        },
    )
