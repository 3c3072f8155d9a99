"""Creating officials and granting roles."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from motcua.agencies.models import Agency, Official, OfficialRole, Role
from motcua.core.audit import record_audit


@transaction.atomic
def upsert_official(
    *,
    username: str,
    full_name: str,
    agency: Agency,
    position: str = "",
    phone: str = "",
    email: str = "",
    password: str | None = None,
    by: Any = None,
) -> tuple[Official, bool]:
    """Create the official's login and profile, or update the profile.

    A password is set only when the login is created, so re-running a seed never resets
    a password an official has changed.
    """
    user_model = get_user_model()
    user, user_created = user_model.objects.get_or_create(
        username=username, defaults={"email": email, "first_name": full_name[:150]}
    )
    if user_created:
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(update_fields=["password"])
    official, created = Official.objects.get_or_create(
        user=user,
        defaults={"full_name": full_name, "agency": agency, "position": position, "phone": phone},
    )
    changed = not created and _update_profile(
        official, full_name=full_name, agency_id=agency.pk, position=position, phone=phone
    )
    if created or changed:
        record_audit(
            actor=by,
            action="official.created" if created else "official.updated",
            object_type="official",
            object_id=username,
            scope=agency.pk,
            data={"full_name": full_name, "agency": agency.code},
        )
    return official, created


def _update_profile(official: Official, **values: Any) -> bool:
    changed = [field for field, value in values.items() if getattr(official, field) != value]
    for field in changed:
        setattr(official, field, values[field])
    if changed:
        official.save(update_fields=changed)
    return bool(changed)


@transaction.atomic
def grant_role(*, official: Official, agency: Agency, role: Role | str, by: Any = None) -> bool:
    """Give the official a role in an agency; returns False if they already had it."""
    _, created = OfficialRole.objects.get_or_create(official=official, agency=agency, role=role)
    if created:
        record_audit(
            actor=by,
            action="official.role_granted",
            object_type="official",
            object_id=official.user.get_username(),
            scope=agency.pk,
            data={"role": str(role), "agency": agency.code},
        )
    return created
