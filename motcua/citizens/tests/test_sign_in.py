"""sign_in_citizen: a citizen per citizen ID, updated at each login; never an official."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.contrib.auth import get_user_model

from motcua.agencies import selectors as agency_selectors
from motcua.citizens import selectors
from motcua.citizens.errors import InvalidCitizenClaims, NotACitizenAccount
from motcua.citizens.models import Citizen
from motcua.citizens.services import sign_in_citizen
from motcua.core import clock
from motcua.core.models import AuditEntry

pytestmark = pytest.mark.django_db
CLAIMS = {
    "sub": "004095001234",
    "name": "Nông Thị Hoa",
    "birthdate": "1995-03-14",
    "phone_number": "0912345678",
    "acr": "vneid:level2",
    "assurance_level": 2,
}


def test_first_login_creates_a_password_less_account_named_by_the_citizen_id():
    with clock.frozen(datetime(2026, 1, 5, 2, 0, tzinfo=UTC)):
        user = sign_in_citizen(claims=CLAIMS)
    citizen = selectors.citizen_of(user)
    assert (citizen.citizen_id, citizen.full_name, citizen.date_of_birth, citizen.phone) == (
        "004095001234",
        "Nông Thị Hoa",
        date(1995, 3, 14),
        "0912345678",
    )
    assert citizen.last_assurance_level == 2
    assert citizen.last_login_at == datetime(2026, 1, 5, 2, 0, tzinfo=UTC)
    assert user.username == "004095001234" and not user.has_usable_password()
    assert not user.is_staff and not user.is_superuser


def test_the_next_login_updates_the_same_citizen():
    first = sign_in_citizen(claims=CLAIMS)
    second = sign_in_citizen(
        claims={**CLAIMS, "assurance_level": 1, "phone_number": "", "name": "Nông  Thị Hoa "}
    )
    assert first.pk == second.pk and Citizen.objects.count() == 1
    citizen = Citizen.objects.get()
    assert (citizen.last_assurance_level, citizen.phone, citizen.full_name) == (1, "", "Nông Thị Hoa")
    assert [e.data["created"] for e in AuditEntry.objects.filter(action="citizen.signed_in")] == [True, False]


def test_a_demo_dossier_owner_account_becomes_the_citizen(django_user_model):
    owner = django_user_model(username="004095001234", first_name="Nông Thị Hoa")
    owner.set_unusable_password()
    owner.save()
    assert sign_in_citizen(claims=CLAIMS).pk == owner.pk


@pytest.mark.parametrize(
    "change",
    [
        {"sub": "12345"},
        {"sub": "00409500123X"},
        {"sub": ""},
        {"name": "  "},
        {"assurance_level": 3},
        {"assurance_level": None},
        {"birthdate": "14/03/1995"},
    ],
)
def test_unusable_claims_are_refused(change):
    with pytest.raises(InvalidCitizenClaims):
        sign_in_citizen(claims={**CLAIMS, **change})
    assert not Citizen.objects.exists() and not AuditEntry.objects.filter(action="citizen.signed_in").exists()


def test_an_official_is_never_signed_in_as_a_citizen(official_factory):
    official = official_factory(user__username="004095001234")
    with pytest.raises(NotACitizenAccount):
        sign_in_citizen(claims=CLAIMS)
    assert not Citizen.objects.exists()
    assert selectors.citizen_of(official.user) is None


@pytest.mark.parametrize("flags", [{"is_staff": True}, {"is_superuser": True}])
def test_an_administrator_account_is_never_used(django_user_model, flags):
    django_user_model.objects.create_user("004095001234", password="secret-pass-1", **flags)
    with pytest.raises(NotACitizenAccount):
        sign_in_citizen(claims=CLAIMS)


def test_an_account_with_a_password_is_not_taken_over(django_user_model):
    django_user_model.objects.create_user("004095001234", password="secret-pass-1")
    with pytest.raises(NotACitizenAccount):
        sign_in_citizen(claims=CLAIMS)


def test_a_citizen_whose_account_became_staff_is_refused():
    user = sign_in_citizen(claims=CLAIMS)
    user.is_staff = True
    user.save()
    with pytest.raises(NotACitizenAccount):
        sign_in_citizen(claims=CLAIMS)


def test_a_citizen_is_not_an_official_and_sees_no_agency():
    user = sign_in_citizen(claims=CLAIMS)
    assert agency_selectors.official_of(user) is None
    assert agency_selectors.visible_agencies(user).count() == 0
    assert not get_user_model().objects.get(pk=user.pk).is_staff


def test_mask_citizen_id():
    assert selectors.mask_citizen_id("004095001234") == "*********234"
