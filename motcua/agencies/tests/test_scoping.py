"""The agency scoping rule (selectors.visible_agencies) on the real demo province.

Matrix: each demo user × a few probe agencies × visible or not. The demo numbering
(motcua/demo/data.py) gives, for Cao Bằng (level-1 code H14):
Thục Phán (01273) is commune no. 1, Bảo Lâm (01290) commune no. 4.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from motcua.agencies.models import Agency
from motcua.agencies.selectors import agency_scope, get_visible_agency, visible_agencies
from motcua.core.errors import NotFound

pytestmark = pytest.mark.django_db

TOTAL_AGENCIES = 130  # 1 committee + 13 departments + 3 vertical + 1 center + 56 × 2

PROVINCE_COMMITTEE = "000.00.00.H14"
PROVINCE_CENTER = "000.00.20.H14"
JUSTICE = "000.00.03.H14"  # Sở Tư pháp
HOME_AFFAIRS = "000.00.02.H14"  # Sở Nội vụ: "another department"
POLICE = "000.00.31.H14"  # Công an tỉnh: a vertical agency, outside the committee's tree
THUC_PHAN_COMMITTEE = "000.01.50.H14"
THUC_PHAN_CENTER = "001.01.50.H14"
BAO_LAM_COMMITTEE = "000.04.50.H14"
BAO_LAM_CENTER = "001.04.50.H14"

PROBES = [
    PROVINCE_COMMITTEE,
    PROVINCE_CENTER,
    JUSTICE,
    HOME_AFFAIRS,
    POLICE,
    THUC_PHAN_COMMITTEE,
    THUC_PHAN_CENTER,
    BAO_LAM_COMMITTEE,
    BAO_LAM_CENTER,
]

# Exactly which probes each demo user sees (every other probe must be invisible).
COMMUNE_OFFICIAL = {
    "thucphan": {THUC_PHAN_COMMITTEE, THUC_PHAN_CENTER},
    "baolam": {BAO_LAM_COMMITTEE, BAO_LAM_CENTER},
}
# Desk officers' home agency is the commune's service center and their desk_officer role
# is held at that center too, so the rule ("home agency and role agencies, with what is
# under them") gives them the center only, not the committee above it. This is what the
# code implements; it is asserted as such.
DESK_OFFICER = {"thucphan": {THUC_PHAN_CENTER}, "baolam": {BAO_LAM_CENTER}}

VISIBLE = {
    **{f"{commune}.motcua": DESK_OFFICER[commune] for commune in ("thucphan", "baolam")},
    **{
        f"{commune}.{suffix}": COMMUNE_OFFICIAL[commune]
        for commune in ("thucphan", "baolam")
        for suffix in ("xuly", "lanhdao", "kyso", "quantri")
    },
    # A department official sees the department only (it has no units under it here).
    **{f"sotuphap.{suffix}": {JUSTICE} for suffix in ("xuly", "lanhdao", "kyso", "quantri")},
    # The provincial center's desk officer: home and role at the provincial center, which
    # has nothing under it (commune centers sit under their commune committees).
    "tinh.motcua": {PROVINCE_CENTER},
    # province_admin: every agency of the province, vertical agencies included.
    "tinh.quantri": set(PROBES),
    "admin": set(PROBES),  # superuser
}
COUNTS = {username: len(codes) for username, codes in VISIBLE.items()}
COUNTS.update({"tinh.quantri": TOTAL_AGENCIES, "admin": TOTAL_AGENCIES})

MATRIX = [(username, code, code in VISIBLE[username]) for username in VISIBLE for code in PROBES]


def _user(username: str):
    # A fresh object each time: the scope is cached on the user instance.
    return get_user_model().objects.get(username=username)


def test_the_demo_province_has_130_agencies_and_the_expected_users(demo):
    # then: the matrix below covers every demo login
    assert Agency.objects.count() == TOTAL_AGENCIES
    assert demo.agencies_total == TOTAL_AGENCIES
    assert sorted(username for username, _, _ in demo.logins) == sorted(VISIBLE)
    assert Agency.objects.get(code=THUC_PHAN_COMMITTEE).unit.code == "01273"
    assert Agency.objects.get(code=THUC_PHAN_CENTER).parent.code == THUC_PHAN_COMMITTEE
    assert Agency.objects.get(code=BAO_LAM_COMMITTEE).unit.code == "01290"
    assert Agency.objects.get(code=JUSTICE).name == "Sở Tư pháp"


@pytest.mark.parametrize(
    ("username", "code", "visible"),
    MATRIX,
    ids=[f"{u}-{c}-{'sees' if v else 'hidden'}" for u, c, v in MATRIX],
)
def test_scoping_matrix(demo, username, code, visible):
    # when
    codes = set(visible_agencies(_user(username)).values_list("code", flat=True))
    # then
    assert (code in codes) is visible


@pytest.mark.parametrize(("username", "count"), sorted(COUNTS.items()))
def test_each_user_sees_exactly_this_many_agencies(demo, username, count):
    # when
    agencies = visible_agencies(_user(username))
    # then
    assert agencies.count() == count


def test_commune_official_sees_exactly_the_committee_and_its_center(demo):
    # when
    codes = list(visible_agencies(_user("thucphan.xuly")).order_by("code").values_list("code", flat=True))
    # then
    assert codes == [THUC_PHAN_COMMITTEE, THUC_PHAN_CENTER]


def test_province_admin_sees_every_agency(demo):
    # when
    codes = set(visible_agencies(_user("tinh.quantri")).values_list("code", flat=True))
    # then
    assert codes == set(Agency.objects.values_list("code", flat=True))
    assert len(codes) == TOTAL_AGENCIES


def test_user_without_official_profile_sees_nothing(demo, django_user_model):
    # given
    user = django_user_model.objects.create_user("citizen", password="x-secret-123")
    # when / then
    assert visible_agencies(user).count() == 0
    assert agency_scope(user).everything is False


def test_inactive_official_sees_nothing(demo):
    # given
    user = _user("thucphan.xuly")
    user.is_active = False
    user.save(update_fields=["is_active"])
    # when / then
    assert visible_agencies(_user("thucphan.xuly")).count() == 0


def test_inactive_superuser_sees_nothing(demo):
    # given
    user = _user("admin")
    user.is_active = False
    user.save(update_fields=["is_active"])
    # when / then
    assert visible_agencies(_user("admin")).count() == 0


def test_anonymous_sees_nothing(demo):
    from django.contrib.auth.models import AnonymousUser

    assert visible_agencies(AnonymousUser()).count() == 0


def test_get_visible_agency_returns_an_agency_in_scope(demo):
    # when
    agency = get_visible_agency(_user("thucphan.xuly"), code=THUC_PHAN_CENTER)
    # then
    assert agency.code == THUC_PHAN_CENTER


def test_other_communes_agency_and_a_missing_code_give_the_same_not_found(demo):
    # given
    user = _user("thucphan.xuly")
    # when
    with pytest.raises(NotFound) as hidden:
        get_visible_agency(user, code=BAO_LAM_COMMITTEE)
    with pytest.raises(NotFound) as missing:
        get_visible_agency(user, code="999.99.99.H14")
    # then: nothing tells "not yours" from "not there"
    assert hidden.value.code == missing.value.code == "agency.not_found"
    assert hidden.value.status == missing.value.status == 404
    assert hidden.value.detail == missing.value.detail
    assert type(hidden.value) is type(missing.value)


def test_scope_is_granted_by_a_role_in_another_agency(demo, official_factory):
    # given: an official of a test agency with a handler role at Bảo Lâm's committee
    from motcua.agencies.models import OfficialRole

    official = official_factory(roles=())
    OfficialRole.objects.create(
        official=official, role="handler", agency=Agency.objects.get(code=BAO_LAM_COMMITTEE)
    )
    # when
    codes = set(visible_agencies(_user(official.user.username)).values_list("code", flat=True))
    # then: home agency, plus the role agency and what is under it
    assert codes == {official.agency.code, BAO_LAM_COMMITTEE, BAO_LAM_CENTER}
