"""Creating and updating agencies."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from motcua.agencies.codes import is_valid_agency_code
from motcua.agencies.errors import InconsistentAgency, InvalidAgencyCode
from motcua.agencies.models import AdminUnit, Agency, AgencyLevel, UnitLevel
from motcua.core.audit import record_audit

_TRACKED = (
    "name",
    "short_name",
    "level",
    "kind",
    "parent_id",
    "unit_id",
    "address",
    "phone",
    "email",
    "is_active",
)


@transaction.atomic
def upsert_agency(
    *,
    code: str,
    name: str,
    level: str,
    kind: str,
    unit: AdminUnit,
    parent: Agency | None = None,
    short_name: str = "",
    address: str = "",
    phone: str = "",
    email: str = "",
    is_active: bool = True,
    by: Any = None,
) -> tuple[Agency, bool]:
    """Create the agency with this electronic ID code, or bring it up to date.

    Returns the agency and whether anything was written. Running it again with the same
    values writes nothing and records nothing.
    """
    code = code.strip().upper()
    if not is_valid_agency_code(code):
        raise InvalidAgencyCode(value=code)
    _check_consistency(level=level, unit=unit, parent=parent)
    values = {
        "name": name,
        "short_name": short_name,
        "level": level,
        "kind": kind,
        "parent_id": parent.pk if parent else None,
        "unit_id": unit.pk,
        "address": address,
        "phone": phone,
        "email": email,
        "is_active": is_active,
    }
    agency = Agency.objects.filter(code=code).first()
    if agency is None:
        agency = Agency.objects.create(code=code, **values)
        _audit(by, "agency.created", agency, values)
        return agency, True
    changed = {field: value for field, value in values.items() if getattr(agency, field) != value}
    if not changed:
        return agency, False
    for field, value in changed.items():
        setattr(agency, field, value)
    agency.save(update_fields=list(changed))
    _audit(by, "agency.updated", agency, changed)
    return agency, True


def _check_consistency(*, level: str, unit: AdminUnit, parent: Agency | None) -> None:
    expected_unit_level = UnitLevel.PROVINCE if level == AgencyLevel.PROVINCE else UnitLevel.COMMUNE
    if unit.level != expected_unit_level:
        raise InconsistentAgency(
            _("A %(level)s-level agency must serve a %(level)s-level unit; %(unit)s is not."),
            level=AgencyLevel(level).label,
            unit=unit.code,
        )
    if (
        parent is not None
        and parent.pk
        and parent.level == AgencyLevel.COMMUNE
        and level == AgencyLevel.PROVINCE
    ):
        raise InconsistentAgency(_("A province-level agency cannot sit under a commune agency."))


def _audit(by: Any, action: str, agency: Agency, values: dict[str, Any]) -> None:
    record_audit(
        actor=by, action=action, object_type="agency", object_id=agency.code, scope=agency.pk, data=values
    )
