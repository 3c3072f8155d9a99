"""Public administrative-unit API and the API's documentation pages."""

from __future__ import annotations

import re

import pytest

from motcua.agencies.models import AdminUnit
from motcua.api.tests.helpers import assert_json_error

pytestmark = pytest.mark.django_db

URL = "/api/v1/admin-units/"


def test_anonymous_lists_the_34_provinces(client):
    # when
    response = client.get(URL, {"level": "province"})
    # then
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 34
    assert len(body["results"]) == 34
    assert body["next"] is None
    codes = [unit["code"] for unit in body["results"]]
    assert codes == sorted(codes)
    assert {unit["level"] for unit in body["results"]} == {"province"}
    assert {unit["parent"] for unit in body["results"]} == {None}
    cao_bang = next(unit for unit in body["results"] if unit["code"] == "04")
    assert cao_bang["full_name"] == "Tỉnh Cao Bằng"


def test_communes_of_a_province_come_in_one_page_sorted_by_code(client):
    # when
    response = client.get(URL, {"parent": "04"})
    # then
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 56
    assert len(body["results"]) == 56
    assert body["next"] is None and body["previous"] is None
    codes = [unit["code"] for unit in body["results"]]
    assert codes == sorted(codes)
    assert codes == list(
        AdminUnit.objects.filter(parent__code="04").order_by("code").values_list("code", flat=True)
    )
    assert body["results"][0] == {
        "code": "01273",
        "name": "Phường Thục Phán",
        "full_name": "Phường Thục Phán",
        "kind": "ward",
        "level": "commune",
        "parent": "04",
        "valid_from": "2025-07-01",
        "valid_until": None,
    }


def test_filters_combine(client):
    # when
    response = client.get(URL, {"parent": "04", "level": "province"})
    # then
    assert response.status_code == 200
    assert response.json()["count"] == 0


@pytest.mark.parametrize("parent", ["4", "abc", "004", "0a", "04a"])
def test_malformed_province_code_is_a_400_with_field_errors(client, parent):
    # when
    response = client.get(URL, {"parent": parent})
    # then
    body = assert_json_error(response, 400, "invalid")
    assert list(body["fields"]) == ["parent"]


def test_unknown_province_is_a_404(client):
    # when
    response = client.get(URL, {"parent": "99"})
    # then
    body = assert_json_error(response, 404, "admin_unit.unknown_province")
    assert "99" in body["detail"]


def test_a_commune_is_not_a_province_for_the_parent_filter(client):
    # given: "01" is Hà Nội, but a commune code must not pass as a parent
    response = client.get(URL, {"parent": "01"})
    assert response.status_code == 200
    # when: a 5-digit commune code fails the 2-digit rule
    response = client.get(URL, {"parent": "01273"})
    # then
    assert_json_error(response, 400, "invalid")


@pytest.mark.parametrize("level", ["district", "PROVINCE", "1"])
def test_unknown_level_is_a_400(client, level):
    # when
    response = client.get(URL, {"level": level})
    # then
    body = assert_json_error(response, 400, "invalid")
    assert list(body["fields"]) == ["level"]


def test_bad_date_is_a_400(client):
    # when
    response = client.get(URL, {"on": "2025-13-40"})
    # then
    body = assert_json_error(response, 400, "invalid")
    assert list(body["fields"]) == ["on"]


def test_detail_of_a_commune(client):
    # when
    response = client.get(f"{URL}01273/")
    # then
    assert response.status_code == 200
    body = response.json()
    assert body["code"] == "01273"
    assert body["name"] == "Phường Thục Phán"
    assert body["parent"] == "04"
    assert body["kind"] == "ward"


def test_detail_of_a_province_has_no_parent(client):
    # when
    response = client.get(f"{URL}04/")
    # then
    assert response.status_code == 200
    assert response.json()["parent"] is None
    assert response.json()["full_name"] == "Tỉnh Cao Bằng"


@pytest.mark.parametrize("code", ["99999", "abc", "0127"])
def test_detail_of_an_unknown_unit_is_a_json_404(client, code):
    # when
    response = client.get(f"{URL}{code}/")
    # then
    body = assert_json_error(response, 404, "admin_unit.not_found")
    assert code in body["detail"]


def test_admin_units_are_read_only(client):
    # when
    response = client.post(URL, data="{}", content_type="application/json")
    # then
    assert_json_error(response, 405, "method_not_allowed")
    assert AdminUnit.objects.count() == 3355


def test_schema_is_served_and_lists_the_agencies_endpoint(client):
    # when
    response = client.get("/api/v1/schema/")
    # then
    assert response.status_code == 200
    body = response.content.decode()
    assert "/api/v1/agencies/" in body
    assert "/api/v1/admin-units/" in body


def test_docs_page_is_html_and_uses_no_cdn(client):
    # when
    response = client.get("/api/v1/docs/")
    # then
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    body = response.content.decode()
    assert "swagger-ui" in body
    assert "/static/drf_spectacular_sidecar/" in body
    lowered = body.lower()
    assert "cdn" not in lowered
    assert "unpkg" not in lowered
    assert "jsdelivr" not in lowered
    assets = re.findall(r'(?:src|href)="([^"]*)"', body)
    assert assets  # the stylesheet and scripts
    assert [url for url in assets if not url.startswith("/")] == []
