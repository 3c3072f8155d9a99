"""Seeding the demo province through the agencies services (idempotent)."""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from motcua.agencies import selectors as agency_selectors
from motcua.agencies.services import grant_role, upsert_agency, upsert_official
from motcua.catalog.services import import_catalog, set_auto_receive_online
from motcua.core.errors import InvalidInput
from motcua.demo import data
from motcua.demo.dossiers import seed_dossiers
from motcua.dossiers.services import assign_competence
from motcua.reporting.services import rebuild_rollups
from motcua.signing import selectors as signing_selectors
from motcua.signing.services import ensure_certificate_authority, issue_certificate

if TYPE_CHECKING:
    from motcua.agencies.models import AdminUnit, Agency


CATALOG_FILE = Path(__file__).resolve().parent / "catalog" / "procedures.json"


@dataclass
class SeedReport:
    province: str
    agencies_written: int = 0
    agencies_total: int = 0
    officials_created: int = 0
    procedures_total: int = 0
    procedures_written: int = 0
    dossiers_total: int = 0
    dossiers_created: int = 0
    dossiers_by_status: dict[str, int] = field(default_factory=dict)
    dossiers_seconds: float = 0.0
    logins: list[tuple[str, str, str]] = field(default_factory=list)  # username, name, where


class MissingLevel1Code(InvalidInput):
    code = "demo.level1_code_missing"
    default_message = _(
        "No agency level-1 code is known for province %(province)s; pass one with "
        "--level1-code (for example H14)."
    )


@transaction.atomic
def seed_demo(
    *,
    province_code: str,
    password: str,
    level1_code: str | None = None,
    with_catalog: bool = True,
    with_dossiers: bool = True,
) -> SeedReport:
    """Agencies and officials; with the catalog, its procedures and who decides them; with
    the dossiers too, demo dossiers in every state (only into a database that has none)."""
    province = agency_selectors.get_province(code=province_code)
    level1 = level1_code or data.LEVEL1_CODES.get(province_code)
    if not level1:
        raise MissingLevel1Code(province=province_code)
    report = SeedReport(province=province.full_name)
    seeder = _Seeder(province=province, level1=level1, report=report, password=password)
    seeder.run()
    if with_catalog:
        seed_catalog(report)
        seed_competence(records=_catalog_records(), level1=level1)
        if with_dossiers:
            seed_demo_dossiers(report, province_code=province_code, level1=level1)
    return report


def seed_demo_dossiers(report: SeedReport, *, province_code: str, level1: str) -> None:
    counts = seed_dossiers(province_code=province_code, level1=level1)
    if counts.created:
        rebuild_rollups()  # the dashboards show the demo at once, not after the worker's first run
    report.dossiers_total, report.dossiers_created = counts.total, counts.created
    report.dossiers_by_status, report.dossiers_seconds = counts.by_status, counts.seconds


class CatalogSeedFailed(InvalidInput):
    code = "demo.catalog_invalid"


def seed_catalog(report: SeedReport) -> None:
    """The demo catalog: real procedures of both levels, each with an e-form and a process."""
    records = _catalog_records()
    result = import_catalog(records=records, by="seed_demo")
    if not result.ok:
        row, problems = next(iter(result.errors.items()))
        raise CatalogSeedFailed(f"{CATALOG_FILE.name} row {row}: {problems[0]}")
    report.procedures_total = len(records)
    report.procedures_written = len(result.created) + len(result.updated)
    seed_automatic_receipt(records)


# The citizen's browser journey submits temporary residence online and has the ward's desk
# receive it (tests/e2e/citizen.py): it must stay with the desk even if it becomes full-process.
DESK_RECEIVED_IN_JOURNEYS = frozenset({"1.004194"})


def seed_automatic_receipt(records: list[dict[str, Any]]) -> None:
    """Full-process (toàn trình) procedures: complete online dossiers received by the system at once."""
    for record in records:
        if record.get("online_level") == "full" and record["code"] not in DESK_RECEIVED_IN_JOURNEYS:
            set_auto_receive_online(procedure_code=record["code"], enabled=True, by="seed_demo")


def _catalog_records() -> list[dict[str, Any]]:
    return json.loads(CATALOG_FILE.read_text(encoding="utf-8"))["procedures"]


def seed_competence(*, records: list[dict[str, Any]], level1: str) -> None:
    """Route the provincial procedures to the demo's departments and vertical agencies."""
    for record in records:
        number = data.COMPETENT_BY_FIELD.get(record["field"])
        if number:
            assign_competence(
                procedure_code=record["code"], agency_code=f"000.00.{number}.{level1}", by="seed_demo"
            )


class _Seeder:
    def __init__(self, *, province: AdminUnit, level1: str, report: SeedReport, password: str) -> None:
        self.province, self.level1, self.report, self.password = province, level1, report, password
        self.by = "seed_demo"
        self.place = province.name_in_text  # "tỉnh Cao Bằng"

    def agency(self, **values: Any) -> Agency:
        agency, written = upsert_agency(by=self.by, **values)
        self.report.agencies_written += int(written)
        self.report.agencies_total += 1
        return agency

    def run(self) -> None:
        committee = self.agency(
            code=f"000.00.00.{self.level1}",
            name=f"Ủy ban nhân dân {self.place}",
            short_name="UBND tỉnh",
            level="province",
            kind="peoples_committee",
            unit=self.province,
        )
        departments = self.seed_departments(committee)
        center = self.agency(
            code=f"000.00.20.{self.level1}",
            name=f"Trung tâm Phục vụ hành chính công {self.place}",
            short_name="TTPVHCC tỉnh",
            level="province",
            kind="service_center",
            unit=self.province,
            parent=committee,
        )
        communes = self.seed_communes(committee)
        self.seed_officials(committee, center, departments, communes)
        self.seed_superuser()

    def seed_departments(self, committee: Agency) -> dict[str, Agency]:
        rows = data.DEPARTMENTS + data.EXTRA_DEPARTMENTS.get(self.province.code, [])
        departments = {
            number: self.agency(
                code=f"000.00.{number}.{self.level1}",
                name=name,
                short_name=short,
                level="province",
                kind="department",
                unit=self.province,
                parent=committee,
            )
            for number, name, short in rows
        }
        for number, name, short in data.VERTICAL_AGENCIES:
            self.agency(
                code=f"000.00.{number}.{self.level1}",
                name=name.format(province=self.province.name),
                short_name=short,
                level="province",
                kind="vertical",
                unit=self.province,
            )
        return departments

    def seed_communes(self, province_committee: Agency) -> dict[str, tuple[Agency, Agency]]:
        communes = {}
        units = agency_selectors.admin_units(parent=self.province.code)
        # Numbered in code order, which never changes when the list is reloaded.
        for index, unit in enumerate(units.order_by("code"), start=1):
            place = unit.name_in_text
            committee = self.agency(
                code=f"000.{index:02d}.50.{self.level1}",
                name=f"Ủy ban nhân dân {place}",
                short_name=f"UBND {place}",
                level="commune",
                kind="peoples_committee",
                unit=unit,
                parent=province_committee,
                address=f"Trụ sở UBND {place}, {self.place}",
            )
            center = self.agency(
                code=f"001.{index:02d}.50.{self.level1}",
                name=f"Trung tâm Phục vụ hành chính công {place}",
                short_name=f"TTPVHCC {place}",
                level="commune",
                kind="service_center",
                unit=unit,
                parent=committee,
                address=f"Trụ sở UBND {place}, {self.place}",
            )
            communes[unit.code] = (committee, center)
        return communes

    def seed_officials(
        self,
        committee: Agency,
        center: Agency,
        departments: dict[str, Agency],
        communes: dict[str, tuple[Agency, Agency]],
    ) -> None:
        units = self.demo_units(communes)
        for unit_code, names in (
            (units["ward"], None),
            (units["mountain_commune"], data.MOUNTAIN_COMMUNE_NAMES),
        ):
            commune_committee, commune_center = communes[unit_code]
            prefix = _username_prefix(commune_committee.unit.codename, commune_committee.unit.name)
            for position, staff in enumerate(data.COMMUNE_STAFF):
                if names:
                    staff = replace(staff, full_name=names[position])
                home = commune_center if staff.at_center else commune_committee
                self.official(prefix, staff, home, commune_committee, commune_center)
        department = departments[units["department"]]
        prefix = _username_prefix("", department.name)
        for staff in data.DEPARTMENT_STAFF:
            self.official(prefix, staff, department, department, department)
        for staff in data.PROVINCE_CENTER_STAFF:
            self.official("tinh", staff, center, committee, center)
        self.official("tinh", data.PROVINCE_ADMIN, committee, committee, committee)

    def demo_units(self, communes: dict[str, tuple[Agency, Agency]]) -> dict[str, str]:
        configured = data.DEMO_UNITS.get(self.province.code)
        if configured:
            return configured
        units = [c[0].unit for c in communes.values()]
        ward = next((u for u in units if u.kind == "ward"), units[0])
        commune = next((u for u in units if u.kind == "commune"), units[-1])
        return {"ward": ward.code, "mountain_commune": commune.code, "department": "03"}

    def official(
        self, prefix: str, staff: data.DemoOfficial, home: Agency, committee: Agency, center: Agency
    ) -> None:
        username = f"{prefix}.{staff.suffix}"
        official, created = upsert_official(
            username=username,
            full_name=staff.full_name,
            agency=home,
            position=staff.position,
            password=self.password,
            by=self.by,
        )
        self.report.officials_created += int(created)
        for role in staff.roles:
            grant_role(
                official=official,
                agency=center if role == "desk_officer" else committee,
                role=role,
                by=self.by,
            )
        if "signer" in staff.roles:  # signs results: a personal certificate and the agency's seal
            self.certificate(official)
            self.certificate(committee)
        self.report.logins.append((username, staff.full_name, home.name))

    def certificate(self, holder: Any) -> None:
        ensure_certificate_authority(by=self.by)
        if signing_selectors.current_certificate_of(holder) is None:
            issue_certificate(holder=holder, pin=data.DEMO_SIGNING_PIN, by=self.by)

    def seed_superuser(self) -> None:
        user_model = get_user_model()
        user, created = user_model.objects.get_or_create(
            username="admin", defaults={"is_staff": True, "is_superuser": True}
        )
        if created:
            user.set_password(self.password)
            user.save(update_fields=["password"])
        self.report.logins.insert(0, ("admin", "Superuser", "/admin/"))


def _username_prefix(codename: str, name: str) -> str:
    if codename:
        return codename.split("_", 1)[-1].replace("_", "")
    ascii_name = unicodedata.normalize("NFKD", name.replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in ascii_name.lower() if c.isalnum())
