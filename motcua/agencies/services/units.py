"""Loading the 2025 administrative-unit list and recording mergers."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from motcua.agencies.errors import InconsistentAgency, ReferenceDataMissing, UnknownAdminUnit
from motcua.agencies.models import AdminUnit, UnitKind, UnitLevel, UnitSupersession
from motcua.core.audit import record_audit

# The two-tier system (Resolution 202/2025/QH15, Decision 19/2025/QĐ-TTg) starts here.
REFORM_DATE = date(2025, 7, 1)

_KINDS = {
    "tỉnh": UnitKind.PROVINCE,
    "thành phố trung ương": UnitKind.CITY,
    "xã": UnitKind.COMMUNE,
    "phường": UnitKind.WARD,
    "đặc khu": UnitKind.SPECIAL_ZONE,
}
_FIELDS = ("name", "kind", "level", "parent_id", "codename")


@dataclass(frozen=True)
class LoadReport:
    created: int
    updated: int
    unchanged: int

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


def reference_data_path() -> Path:
    try:
        from vietnam_provinces import NESTED_DIVISIONS_JSON_PATH
    except ImportError as error:
        raise ReferenceDataMissing(reason=str(error)) from None
    return Path(NESTED_DIVISIONS_JSON_PATH)


def read_reference_data(source: Path | None = None) -> list[dict[str, Any]]:
    path = source or reference_data_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ReferenceDataMissing(reason=f"{path}: {error}") from None
    if not isinstance(data, list) or not all("wards" in item for item in data):
        raise ReferenceDataMissing(reason=f"{path}: not a nested province list")
    return data


@transaction.atomic
def load_admin_units(*, source: Path | None = None, by: Any = None) -> LoadReport:
    """Create or update every province and commune; safe to run again."""
    data = read_reference_data(source)
    existing = {unit.code: unit for unit in AdminUnit.objects.all()}
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    province_rows = [_province_row(item) for item in data]
    _apply(province_rows, existing, counts)
    province_ids = dict(AdminUnit.objects.filter(level=UnitLevel.PROVINCE).values_list("code", "id"))
    commune_rows = [
        _commune_row(ward, province_ids[_province_code(item)]) for item in data for ward in item["wards"]
    ]
    _apply(commune_rows, existing, counts)
    report = LoadReport(**counts)
    if report.created or report.updated:
        record_audit(
            actor=by,
            action="admin_units.loaded",
            object_type="admin_unit",
            object_id="*",
            data={"created": report.created, "updated": report.updated},
        )
    return report


def _province_code(item: dict[str, Any]) -> str:
    return f"{int(item['code']):02d}"


def _province_row(item: dict[str, Any]) -> dict[str, Any]:
    return {
        "code": _province_code(item),
        "name": item["name"],
        "kind": _KINDS[item["division_type"]],
        "level": UnitLevel.PROVINCE,
        "parent_id": None,
        "codename": item.get("codename", ""),
    }


def _commune_row(ward: dict[str, Any], province_id: int) -> dict[str, Any]:
    return {
        "code": f"{int(ward['code']):05d}",
        "name": ward["name"],
        "kind": _KINDS[ward["division_type"]],
        "level": UnitLevel.COMMUNE,
        "parent_id": province_id,
        "codename": ward.get("codename", ""),
    }


def _apply(rows: list[dict[str, Any]], existing: dict[str, AdminUnit], counts: dict) -> None:
    to_create, to_update = [], []
    for row in rows:
        unit = existing.get(row["code"])
        if unit is None:
            to_create.append(AdminUnit(**row, valid_from=REFORM_DATE))
        elif any(getattr(unit, field) != row[field] for field in _FIELDS):
            for field in _FIELDS:
                setattr(unit, field, row[field])
            to_update.append(unit)
        else:
            counts["unchanged"] += 1
    AdminUnit.objects.bulk_create(to_create, batch_size=500)
    AdminUnit.objects.bulk_update(to_update, list(_FIELDS), batch_size=500)
    counts["created"] += len(to_create)
    counts["updated"] += len(to_update)


@transaction.atomic
def record_unit_merger(
    *, old_code: str, new_code: str, effective_on: date, legal_basis: str = "", by: Any = None
) -> UnitSupersession:
    """Record that unit ``old_code`` is superseded by ``new_code`` from ``effective_on``.

    The old unit stays (dossiers and addresses from before still resolve) and is marked
    valid until the day before. Recording the same merger again changes nothing.
    """
    old, new = _unit(old_code), _unit(new_code)
    if old.pk == new.pk or old.level != new.level:
        raise InconsistentAgency(
            _("Unit %(old)s cannot be merged into %(new)s: they must be different units of the same level."),
            code="admin_unit.merger_invalid",
            old=old_code,
            new=new_code,
        )
    merger, created = UnitSupersession.objects.get_or_create(
        old=old, new=new, defaults={"effective_on": effective_on, "legal_basis": legal_basis}
    )
    if created:
        old.valid_until = effective_on - timedelta(days=1)
        old.save(update_fields=["valid_until"])
        record_audit(
            actor=by,
            action="admin_unit.merged",
            object_type="admin_unit",
            object_id=old.code,
            data={"into": new.code, "effective_on": effective_on},
        )
    return merger


def _unit(code: str) -> AdminUnit:
    try:
        return AdminUnit.objects.get(code=code)
    except AdminUnit.DoesNotExist:
        raise UnknownAdminUnit(value=code) from None
