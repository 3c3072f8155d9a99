"""Reads of units, agencies and officials. Agency data is always scoped to the caller.

The scoping rule: an official sees their home agency and every agency where they hold a
role, each with the agencies under it (a department sees its units, a commune People's
Committee its service center); a province administrator sees every agency of the
province; a superuser sees everything; anyone else sees nothing. Asking for something
outside the scope gives the same answer as asking for something that does not exist.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet

from motcua.agencies.codes import is_valid_agency_code
from motcua.agencies.errors import UnknownAdminUnit, UnknownProvince
from motcua.agencies.models import (
    AdminUnit,
    Agency,
    AgencyKind,
    Official,
    OfficialRole,
    Role,
    UnitLevel,
    UnitSupersession,
)
from motcua.core.errors import NotFound

_SCOPE_CACHE = "_motcua_agency_scope"
_UNIT_CODE = re.compile(r"[0-9]{2}|[0-9]{5}")


@dataclass(frozen=True)
class AgencyScope:
    everything: bool
    agency_ids: frozenset[int]

    def allows(self, agency_id: int | None) -> bool:
        return self.everything or agency_id in self.agency_ids


def official_of(user: Any) -> Official | None:
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.official
    except Official.DoesNotExist:
        return None


def agency_scope(user: Any) -> AgencyScope:
    cached = getattr(user, _SCOPE_CACHE, None)
    if cached is not None:
        return cached
    scope = _compute_scope(user)
    if getattr(user, "is_authenticated", False):
        setattr(user, _SCOPE_CACHE, scope)
    return scope


def _compute_scope(user: Any) -> AgencyScope:
    if getattr(user, "is_superuser", False) and user.is_active:
        return AgencyScope(everything=True, agency_ids=frozenset())
    official = official_of(user)
    if official is None or not user.is_active:
        return AgencyScope(everything=False, agency_ids=frozenset())
    roles = list(
        OfficialRole.objects.filter(official=official)
        .select_related("agency__unit")
        .only("role", "agency__unit__parent_id", "agency__unit__level")
    )
    province_ids = {_province_id(r.agency.unit) for r in roles if r.role == Role.PROVINCE_ADMIN}
    roots = {official.agency_id} | {r.agency_id for r in roles}
    ids = _with_descendants(roots)
    if province_ids:
        ids |= set(
            Agency.objects.filter(
                Q(unit_id__in=province_ids) | Q(unit__parent_id__in=province_ids)
            ).values_list("id", flat=True)
        )
    return AgencyScope(everything=False, agency_ids=frozenset(ids))


def _province_id(unit: AdminUnit) -> int:
    return unit.pk if unit.level == UnitLevel.PROVINCE else unit.parent_id


def _with_descendants(roots: set[int]) -> set[int]:
    found, frontier = set(roots), set(roots)
    while frontier:  # agency trees are shallow: one query per level
        frontier = set(Agency.objects.filter(parent_id__in=frontier).values_list("id", flat=True)) - found
        found |= frontier
    return found


def visible_agencies(user: Any) -> QuerySet[Agency]:
    scope = agency_scope(user)
    queryset = Agency.objects.select_related("unit", "parent")
    return queryset if scope.everything else queryset.filter(id__in=scope.agency_ids)


def get_visible_agency(user: Any, *, code: str) -> Agency:
    if not is_valid_agency_code(code):  # junk never reaches the database (NUL bytes, …)
        raise NotFound(code="agency.not_found")
    try:
        return visible_agencies(user).get(code=code)
    except Agency.DoesNotExist:
        raise NotFound(code="agency.not_found") from None


def filter_agencies(
    queryset: QuerySet[Agency], *, unit: str | None = None, level: str | None = None, kind: str | None = None
) -> QuerySet[Agency]:
    if unit:
        queryset = queryset.filter(Q(unit__code=unit) | Q(unit__parent__code=unit))
    if level:
        queryset = queryset.filter(level=level)
    if kind:
        queryset = queryset.filter(kind=kind)
    return queryset


def visible_officials(user: Any) -> QuerySet[Official]:
    scope = agency_scope(user)
    queryset = Official.objects.select_related("user", "agency")
    return queryset if scope.everything else queryset.filter(agency_id__in=scope.agency_ids)


def roles_of(user: Any) -> list[OfficialRole]:
    official = official_of(user)
    if official is None:
        return []
    return list(official.roles.select_related("agency").order_by("agency__code", "role"))


def has_role(user: Any, role: Role | str, *, agency: Agency | None = None) -> bool:
    official = official_of(user)
    if official is None:
        return False
    roles = official.roles.filter(role=role)
    return roles.filter(agency=agency).exists() if agency else roles.exists()


# Administrative units are public reference data: no scoping.


def admin_units(
    *, parent: str | None = None, level: str | None = None, on: date | None = None
) -> QuerySet[AdminUnit]:
    queryset = AdminUnit.objects.select_related("parent")
    if parent:
        if not AdminUnit.objects.filter(code=parent, level=UnitLevel.PROVINCE).exists():
            raise UnknownProvince(value=parent)
        queryset = queryset.filter(parent__code=parent)
    if level:
        queryset = queryset.filter(level=level)
    if on:
        queryset = queryset.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=on),
            Q(valid_until__isnull=True) | Q(valid_until__gte=on),
        )
    return queryset.order_by("code")


def get_admin_unit(*, code: str) -> AdminUnit:
    if not _UNIT_CODE.fullmatch(code):
        raise UnknownAdminUnit(value=code)
    try:
        return AdminUnit.objects.select_related("parent").get(code=code)
    except AdminUnit.DoesNotExist:
        raise UnknownAdminUnit(value=code) from None


def get_province(*, code: str) -> AdminUnit:
    if not _UNIT_CODE.fullmatch(code):
        raise UnknownProvince(value=code)
    try:
        return AdminUnit.objects.get(code=code, level=UnitLevel.PROVINCE)
    except AdminUnit.DoesNotExist:
        raise UnknownProvince(value=code) from None


def current_unit(*, code: str, on: date) -> AdminUnit:
    """The unit that answers for ``code`` on a date, following recorded mergers."""
    unit = get_admin_unit(code=code)
    seen = {unit.pk}
    while True:
        merger = (
            UnitSupersession.objects.filter(old=unit, effective_on__lte=on)
            .select_related("new")
            .order_by("-effective_on")
            .first()
        )
        if merger is None or merger.new_id in seen:
            return unit
        unit = merger.new
        seen.add(unit.pk)


def public_service_centers(*, province_code: str) -> QuerySet[Agency]:
    """Service centers of a province with their public contact details (no scoping)."""
    return (
        Agency.objects.filter(kind="service_center", is_active=True)
        .filter(Q(unit__code=province_code) | Q(unit__parent__code=province_code))
        .select_related("unit")
        .only("code", "name", "address", "phone", "level", "unit__name", "unit__kind", "unit__level")
        .order_by("-level", "unit__code")
    )


def all_officials() -> QuerySet[Official]:
    """Every official, unscoped: for operator commands only, never for a request."""
    return Official.objects.select_related("user", "agency")


class UnitsDirectory:
    """Provinces and communes for address pickers and checks (the e-forms' ``units``)."""

    def provinces(self) -> list[tuple[str, str]]:
        return [
            (u.code, u.full_name)
            for u in AdminUnit.objects.filter(level=UnitLevel.PROVINCE, valid_until__isnull=True).order_by(
                "code"
            )
        ]

    def communes(self, province_code: str) -> list[tuple[str, str]]:
        return list(
            AdminUnit.objects.filter(parent__code=province_code, valid_until__isnull=True)
            .order_by("name")
            .values_list("code", "name")
        )

    def province_exists(self, code: str) -> bool:
        return (
            bool(_UNIT_CODE.fullmatch(code or ""))
            and AdminUnit.objects.filter(code=code, level=UnitLevel.PROVINCE).exists()
        )

    def commune_in_province(self, commune: str, province: str) -> bool:
        return (
            bool(_UNIT_CODE.fullmatch(commune or ""))
            and AdminUnit.objects.filter(code=commune, parent__code=province).exists()
        )


def agency_profile(*, code: str) -> tuple[str, str] | None:
    """(level, kind) of an agency by code: public facts used to filter the catalog."""
    if not is_valid_agency_code(code):
        return None
    row = Agency.objects.filter(code=code, is_active=True).values_list("level", "kind").first()
    return tuple(row) if row else None


# Routing reads (unscoped, like public contact details): the dossier engine's routing
# asks them to find the competent agency and the center that receives for it.


def find_agency(*, code: str) -> Agency | None:
    """An active agency by electronic ID code, or None."""
    if not is_valid_agency_code(code or ""):
        return None
    return Agency.objects.select_related("unit").filter(code=code, is_active=True).first()


def agency_at(*, unit_id: int, kind: str) -> Agency | None:
    """The active agency of ``kind`` serving an administrative unit (its People's Committee, …)."""
    return (
        Agency.objects.select_related("unit")
        .filter(unit_id=unit_id, kind=kind, is_active=True)
        .order_by("code")
        .first()
    )


def service_center_for(agency: Agency) -> Agency | None:
    """The Public Administration Service Center that receives for ``agency``'s unit."""
    return agency_at(unit_id=agency.unit_id, kind=AgencyKind.SERVICE_CENTER)


def province_id_of(agency: Agency) -> int:
    return _province_id(agency.unit)


def agencies_in_province(*, province_id: int) -> QuerySet[Agency]:
    """The province's active agencies (choices for a transfer); public facts, no scoping."""
    return (
        Agency.objects.filter(is_active=True)
        .filter(Q(unit_id=province_id) | Q(unit__parent_id=province_id))
        .exclude(kind=AgencyKind.SERVICE_CENTER)
        .select_related("unit")
        .order_by("-level", "code")
    )


def officials_at(*, agency_id: int) -> QuerySet[Official]:
    """Officials working at an agency or holding a role there (choices for an assignment)."""
    return (
        Official.objects.filter(Q(agency_id=agency_id) | Q(roles__agency_id=agency_id), user__is_active=True)
        .select_related("user")
        .distinct()
        .order_by("full_name")
    )


def desk_agencies(user: Any) -> list[Agency]:
    """The centers (or agencies) where the user receives dossiers as a desk officer."""
    return [held.agency for held in roles_of(user) if held.role == Role.DESK_OFFICER]


# Reporting reads (unscoped public facts: agency names and units; the caller scopes counts).


def agencies_of_units(*, unit_ids: list[int]) -> list[int]:
    """Ids of the agencies serving these administrative units."""
    return list(Agency.objects.filter(unit_id__in=unit_ids).values_list("id", flat=True))


def agency_names(*, ids: Any) -> dict[int, Agency]:
    """Agencies by id, with their unit (names for a table of counts)."""
    return Agency.objects.select_related("unit").in_bulk(list(ids))
