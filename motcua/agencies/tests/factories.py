"""factory_boy factories for agencies and officials, exposed to pytest as fixtures."""

from __future__ import annotations

import factory
import pytest
from django.contrib.auth import get_user_model

from motcua.agencies.models import AdminUnit, Agency, Official, OfficialRole, UnitKind, UnitLevel

__all__ = [
    "AgencyFactory",
    "OfficialFactory",
    "OfficialRoleFactory",
    "UserFactory",
    "agency_factory",
    "cao_bang",
    "commune_unit",
    "default_unit",
    "official_factory",
]


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")

    @factory.post_generation
    def password(self, create: bool, extracted: str | None, **kwargs) -> None:
        self.set_password(extracted or "secret-pass-123")
        if create:
            self.save(update_fields=["password"])


def default_unit() -> AdminUnit:
    """Phường Thục Phán, created if a transactional test flushed the reference data."""
    province, _ = AdminUnit.objects.get_or_create(
        code="04", defaults={"name": "Cao Bằng", "kind": UnitKind.PROVINCE, "level": UnitLevel.PROVINCE}
    )
    ward, _ = AdminUnit.objects.get_or_create(
        code="01273",
        defaults={
            "name": "Phường Thục Phán",
            "kind": UnitKind.WARD,
            "level": UnitLevel.COMMUNE,
            "parent": province,
        },
    )
    return ward


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    code = factory.Sequence(lambda n: f"{n % 1000:03d}.{n // 1000 % 100:02d}.90.H14")
    name = factory.Sequence(lambda n: f"Cơ quan thử nghiệm {n}")
    level = "commune"
    kind = "peoples_committee"
    unit = factory.LazyFunction(default_unit)


class OfficialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Official

    user = factory.SubFactory(UserFactory)
    full_name = factory.Sequence(lambda n: f"Cán bộ {n}")
    agency = factory.SubFactory(AgencyFactory)


class OfficialRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OfficialRole

    official = factory.SubFactory(OfficialFactory)
    agency = factory.SelfAttribute("official.agency")
    role = "handler"


@pytest.fixture
def agency_factory():
    return AgencyFactory


@pytest.fixture
def official_factory():
    """official_factory(agency=..., roles=["handler"]) → Official with those roles."""

    def make(*, agency: Agency | None = None, roles: tuple[str, ...] = ("handler",), **kwargs) -> Official:
        official = OfficialFactory(agency=agency or AgencyFactory(), **kwargs)
        for role in roles:
            OfficialRoleFactory(official=official, agency=official.agency, role=role)
        return official

    return make


@pytest.fixture
def cao_bang(db) -> AdminUnit:
    return AdminUnit.objects.get(code="04")


@pytest.fixture
def commune_unit(db):
    return lambda code: AdminUnit.objects.get(code=code)
