"""The agencies API: authentication, scoping, filters and errors, on the demo province."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from motcua.agencies.models import Agency
from motcua.api.tests.helpers import assert_json_error
from motcua.core.models import ApiToken
from motcua.core.tokens import create_api_token, revoke_api_token

pytestmark = pytest.mark.django_db

URL = "/api/v1/agencies/"
TOTAL_AGENCIES = 130
PROVINCE_LEVEL_AGENCIES = 18  # committee, 13 departments, 3 vertical agencies, center
THUC_PHAN_COMMITTEE = "000.01.50.H14"
THUC_PHAN_CENTER = "001.01.50.H14"
BAO_LAM_COMMITTEE = "000.04.50.H14"


@pytest.fixture
def token_for(demo):
    """token_for("thucphan.xuly") → the Authorization header value for a new token."""

    def make(username: str) -> str:
        _, clear = create_api_token(user=get_user_model().objects.get(username=username))
        return f"Bearer {clear}"

    return make


def _codes(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [agency["code"] for agency in response.json()["results"]]


# Authentication


def test_without_credentials_is_401(client, demo):
    # when
    response = client.get(URL)
    # then
    assert_json_error(response, 401, "not_authenticated")
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'


@pytest.mark.parametrize(
    "header",
    [
        "Bearer mc_not-a-real-token",
        "Bearer not-even-prefixed",
        "Token mc_not-a-real-token",
        "Bearer mc_a mc_b",
        "Bearer",
    ],
)
def test_with_a_bad_token_is_401(client, demo, header):
    # when
    response = client.get(URL, HTTP_AUTHORIZATION=header)
    # then
    assert_json_error(response, 401, "authentication_failed")


def test_revoked_token_is_401(client, demo):
    # given
    token, clear = create_api_token(user=get_user_model().objects.get(username="tinh.quantri"))
    assert client.get(URL, HTTP_AUTHORIZATION=f"Bearer {clear}").status_code == 200
    # when
    revoke_api_token(token=token, by="test")
    response = client.get(URL, HTTP_AUTHORIZATION=f"Bearer {clear}")
    # then
    assert_json_error(response, 401, "authentication_failed")


def test_token_of_a_deactivated_user_is_401(client, demo, token_for):
    # given
    header = token_for("tinh.quantri")
    get_user_model().objects.filter(username="tinh.quantri").update(is_active=False)
    # when
    response = client.get(URL, HTTP_AUTHORIZATION=header)
    # then
    assert_json_error(response, 401, "authentication_failed")


def test_session_login_works_too(client, demo):
    # given
    client.force_login(get_user_model().objects.get(username="thucphan.xuly"))
    # when
    response = client.get(URL)
    # then
    assert _codes(response) == [THUC_PHAN_COMMITTEE, THUC_PHAN_CENTER]


# Scoping


def test_commune_handler_lists_only_the_committee_and_its_center(client, token_for):
    # when
    response = client.get(URL, HTTP_AUTHORIZATION=token_for("thucphan.xuly"))
    # then
    assert response.json()["count"] == 2
    assert _codes(response) == [THUC_PHAN_COMMITTEE, THUC_PHAN_CENTER]
    committee = response.json()["results"][0]
    assert committee["name"] == "Ủy ban nhân dân phường Thục Phán"
    assert committee["level"] == "commune"
    assert committee["kind"] == "peoples_committee"
    assert committee["parent"] == "000.00.00.H14"
    assert committee["unit"] == "01273"
    assert committee["unit_name"] == "Phường Thục Phán"
    assert committee["is_active"] is True


def test_another_communes_agency_is_indistinguishable_from_a_missing_one(client, token_for):
    # given
    header = token_for("thucphan.xuly")
    # when
    hidden = client.get(f"{URL}{BAO_LAM_COMMITTEE}/", HTTP_AUTHORIZATION=header)
    missing = client.get(f"{URL}999.99.99.H14/", HTTP_AUTHORIZATION=header)
    # then
    assert_json_error(hidden, 404, "agency.not_found")
    assert missing.status_code == 404
    assert hidden.json() == missing.json()
    assert hidden.content == missing.content


def test_own_agency_detail(client, token_for):
    # when
    response = client.get(f"{URL}{THUC_PHAN_CENTER}/", HTTP_AUTHORIZATION=token_for("thucphan.xuly"))
    # then
    assert response.status_code == 200
    assert response.json()["code"] == THUC_PHAN_CENTER
    assert response.json()["parent"] == THUC_PHAN_COMMITTEE
    assert response.json()["kind"] == "service_center"


def test_province_admin_lists_all_130(client, token_for, django_assert_max_num_queries):
    # given
    header = token_for("tinh.quantri")
    # when
    with django_assert_max_num_queries(12):
        response = client.get(URL, {"page_size": 200}, HTTP_AUTHORIZATION=header)
    # then
    body = response.json()
    assert body["count"] == TOTAL_AGENCIES
    assert len(body["results"]) == TOTAL_AGENCIES
    assert body["next"] is None
    codes = _codes(response)
    assert codes == sorted(codes)
    assert set(codes) == set(Agency.objects.values_list("code", flat=True))


def test_province_admin_sees_bao_lam(client, token_for):
    # when
    response = client.get(f"{URL}{BAO_LAM_COMMITTEE}/", HTTP_AUTHORIZATION=token_for("tinh.quantri"))
    # then
    assert response.status_code == 200
    assert response.json()["unit_name"] == "Xã Bảo Lâm"


def test_default_page_is_50(client, token_for):
    # when
    response = client.get(URL, HTTP_AUTHORIZATION=token_for("tinh.quantri"))
    # then
    assert response.json()["count"] == TOTAL_AGENCIES
    assert len(response.json()["results"]) == 50
    assert response.json()["next"] is not None


def test_user_without_official_profile_gets_an_empty_list(client, demo, django_user_model):
    # given
    user = django_user_model.objects.create_user("integrator", password="x-secret-123")
    _, clear = create_api_token(user=user)
    # when
    response = client.get(URL, HTTP_AUTHORIZATION=f"Bearer {clear}")
    # then
    assert response.status_code == 200
    assert response.json()["count"] == 0
    assert response.json()["results"] == []


# Filters


def test_level_filter(client, token_for):
    # when
    response = client.get(
        URL, {"level": "province", "page_size": 200}, HTTP_AUTHORIZATION=token_for("tinh.quantri")
    )
    # then
    assert response.json()["count"] == PROVINCE_LEVEL_AGENCIES
    assert {agency["level"] for agency in response.json()["results"]} == {"province"}


def test_level_filter_stays_in_scope(client, token_for):
    # when
    response = client.get(URL, {"level": "province"}, HTTP_AUTHORIZATION=token_for("thucphan.xuly"))
    # then
    assert response.json()["count"] == 0


def test_kind_filter(client, token_for):
    # when
    response = client.get(
        URL, {"kind": "service_center", "page_size": 200}, HTTP_AUTHORIZATION=token_for("tinh.quantri")
    )
    # then
    assert response.json()["count"] == 57  # the provincial center and 56 commune centers
    assert {agency["kind"] for agency in response.json()["results"]} == {"service_center"}


def test_unit_filter_by_commune(client, token_for):
    # when
    response = client.get(URL, {"unit": "01273"}, HTTP_AUTHORIZATION=token_for("tinh.quantri"))
    # then
    assert _codes(response) == [THUC_PHAN_COMMITTEE, THUC_PHAN_CENTER]


def test_unit_filter_by_province_includes_its_communes(client, token_for):
    # when
    response = client.get(URL, {"unit": "04", "page_size": 200}, HTTP_AUTHORIZATION=token_for("tinh.quantri"))
    # then
    assert response.json()["count"] == TOTAL_AGENCIES


def test_unit_filter_stays_in_scope(client, token_for):
    # when
    response = client.get(URL, {"unit": "01290"}, HTTP_AUTHORIZATION=token_for("thucphan.xuly"))
    # then
    assert response.json()["count"] == 0


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"unit": "garbage"}, "unit"),
        ({"unit": "0127"}, "unit"),
        ({"unit": "012730"}, "unit"),
        ({"level": "district"}, "level"),
        ({"kind": "ministry"}, "kind"),
    ],
)
def test_bad_filter_is_a_400(client, token_for, params, field):
    # when
    response = client.get(URL, params, HTTP_AUTHORIZATION=token_for("tinh.quantri"))
    # then
    body = assert_json_error(response, 400, "invalid")
    assert list(body["fields"]) == [field]


@pytest.mark.parametrize("page", ["999", "abc"])
def test_page_out_of_range_is_a_json_404(client, token_for, page):
    # when
    response = client.get(URL, {"page": page}, HTTP_AUTHORIZATION=token_for("tinh.quantri"))
    # then
    assert_json_error(response, 404, "not_found")


# Read-only


def test_post_to_the_list_is_405_and_creates_nothing(client, token_for):
    # given
    before = Agency.objects.count()
    # when
    response = client.post(
        URL,
        data={"code": "000.00.99.H14", "name": "X"},
        content_type="application/json",
        HTTP_AUTHORIZATION=token_for("tinh.quantri"),
    )
    # then
    assert_json_error(response, 405, "method_not_allowed")
    assert Agency.objects.count() == before
    assert not Agency.objects.filter(code="000.00.99.H14").exists()


def test_delete_of_an_agency_is_405_and_deletes_nothing(client, token_for):
    # when
    response = client.delete(f"{URL}{THUC_PHAN_CENTER}/", HTTP_AUTHORIZATION=token_for("tinh.quantri"))
    # then
    assert_json_error(response, 405, "method_not_allowed")
    assert Agency.objects.filter(code=THUC_PHAN_CENTER).exists()


# The create_api_token command


def test_create_api_token_command_prints_a_working_token(client, demo):
    # given
    out = StringIO()
    # when
    call_command("create_api_token", "thucphan.xuly", "--name", "test", stdout=out)
    # then
    clear = out.getvalue().strip()
    assert clear.startswith("mc_")
    assert "\n" not in clear
    token = ApiToken.objects.get(user__username="thucphan.xuly")
    assert token.name == "test"
    assert token.digest != clear and clear not in token.digest  # stored as a digest only
    response = client.get(URL, HTTP_AUTHORIZATION=f"Bearer {clear}")
    assert _codes(response) == [THUC_PHAN_COMMITTEE, THUC_PHAN_CENTER]


def test_create_api_token_command_for_an_unknown_user_fails(demo):
    # when
    with pytest.raises(CommandError) as raised:
        call_command("create_api_token", "nobody", stdout=StringIO())
    # then
    assert "nobody" in str(raised.value)
    assert ApiToken.objects.count() == 0


def test_create_api_token_command_for_an_inactive_user_fails(demo):
    # given
    get_user_model().objects.filter(username="thucphan.xuly").update(is_active=False)
    # when
    with pytest.raises(CommandError):
        call_command("create_api_token", "thucphan.xuly", stdout=StringIO())
    # then
    assert ApiToken.objects.count() == 0
