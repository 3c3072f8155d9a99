import pytest

from motcua.catalog.services import import_catalog
from motcua.catalog.tests.records import birth_registration, construction_permit, marriage_registration

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalog():
    assert import_catalog(
        records=[birth_registration(), marriage_registration(), construction_permit()], by="t"
    ).ok


def test_index_browses_by_life_event_and_field(client, catalog):
    body = client.get("/thu-tuc/").content.decode()
    assert "Đăng ký khai sinh" in body and "Đăng ký kết hôn" in body
    assert "?life_event=birth" in body and "?field=ho-tich" in body


def test_search_without_diacritics(client, catalog):
    body = client.get("/thu-tuc/", {"q": "dang ky ket hon"}).content.decode()
    assert "Đăng ký kết hôn" in body and "Đăng ký khai sinh" not in body


def test_typo_shows_the_closest_procedures(client, catalog):
    response = client.get("/thu-tuc/", {"q": "khai sihn"})
    body = response.content.decode()
    assert "Đăng ký khai sinh" in body
    assert response.context["fuzzy"] is True


def test_english_alias_path(client, catalog):
    assert client.get("/procedures/").status_code == 200


def test_procedure_page_says_what_to_bring_costs_and_where(client, catalog):
    response = client.get("/thu-tuc/1.009994/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ" in body
    assert "75.000 đồng" in body
    assert "Giấy chứng sinh" in body  # the components
    assert "Luật Hộ tịch số 60/2014/QH13" in body


def test_unknown_procedure_page_is_404(client, catalog):
    assert client.get("/thu-tuc/9.999999/").status_code == 404


def test_catalog_page_query_count_is_bounded(client, catalog, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        client.get("/thu-tuc/")
    with django_assert_max_num_queries(12):
        client.get("/thu-tuc/1.001193/")
