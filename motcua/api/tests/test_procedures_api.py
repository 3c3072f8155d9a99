import pytest

from motcua.api.tests.helpers import assert_json_error
from motcua.catalog.services import import_catalog
from motcua.catalog.tests.records import birth_registration, construction_permit, marriage_registration

pytestmark = pytest.mark.django_db
URL = "/api/v1/procedures/"


@pytest.fixture
def catalog():
    records = [birth_registration(), marriage_registration(), construction_permit()]
    assert import_catalog(records=records, by="t").ok


def _codes(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["code"] for item in response.json()["results"]]


def test_anonymous_can_list_and_search(client, catalog):
    assert _codes(client.get(URL)) == ["1.000894", "1.001193", "1.009994"]
    assert _codes(client.get(URL, {"q": "dang ky khai sinh"})) == ["1.001193"]
    assert _codes(client.get(URL, {"q": "kết hôn"})) == ["1.000894"]
    assert _codes(client.get(URL, {"q": "khai sihn"})) == ["1.001193"]  # a typo


def test_filters(client, catalog):
    assert _codes(client.get(URL, {"online_level": "partial"})) == ["1.009994"]
    assert _codes(client.get(URL, {"level": "province"})) == []
    assert _codes(client.get(URL, {"life_event": "birth"})) == ["1.001193"]
    assert _codes(client.get(URL, {"field": "hoat-dong-xay-dung"})) == ["1.009994"]


def test_agency_filter_uses_the_agency_level_and_kind(client, catalog, demo):
    assert len(_codes(client.get(URL, {"agency": "000.01.50.H14"}))) == 3  # a commune People's Committee
    assert _codes(client.get(URL, {"agency": "000.00.03.H14"})) == []  # Sở Tư pháp (department)
    assert_json_error(client.get(URL, {"agency": "000.99.99.H14"}), 400, "agency.not_found")


def test_detail_has_components_fees_form_and_process(client, catalog):
    body = client.get(f"{URL}1.009994/").json()
    assert body["name"] == "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ"
    assert body["time_limit"] == {"value": 15.0, "unit": "working_days", "note": ""}
    assert body["online_level"] == "partial"
    assert body["content"]["fees"][0]["amount"] == 75000
    assert [s["days"] for s in body["content"]["process"]] == [0.5, 12, 1.5, 0.5, 0.5]
    assert body["revision"] == 1


@pytest.mark.parametrize(
    "params", [{"level": "district"}, {"online_level": "maybe"}, {"life_event": "x"}, {"q": "x" * 201}]
)
def test_bad_filters_are_400(client, catalog, params):
    assert_json_error(client.get(URL, params), 400, "invalid")


@pytest.mark.parametrize("code", ["9.999999", "abc", "1.001193\x00"])
def test_unknown_procedure_is_a_json_404(client, catalog, code):
    assert_json_error(client.get(f"{URL}{code}/"), 404, "procedure.not_found")


def test_search_issues_a_bounded_number_of_queries(client, catalog, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        client.get(URL, {"q": "dang ky"})
