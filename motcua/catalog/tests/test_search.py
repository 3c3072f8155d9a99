"""Search with and without diacritics, and with typos; runs on SQLite and PostgreSQL."""

import pytest

from motcua.catalog.selectors import active_procedures, filter_procedures, search_procedures
from motcua.catalog.services import import_catalog
from motcua.catalog.tests.records import birth_registration, construction_permit, marriage_registration

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalog():
    import_catalog(records=[birth_registration(), marriage_registration(), construction_permit()], by="t")


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("đăng ký khai sinh", "1.001193"),
        ("dang ky khai sinh", "1.001193"),
        ("khai sinh", "1.001193"),
        ("KHAI SINH", "1.001193"),
        ("ket hon", "1.000894"),
        ("kết hôn", "1.000894"),
        ("giay phep xay nha", "1.009994"),
        ("1.001193", "1.001193"),
    ],
)
def test_exact_search_with_or_without_diacritics(catalog, query, code):
    result = search_procedures(query)
    assert not result.fuzzy
    assert next(iter(result.procedures)).code == code


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("khai sihn", "1.001193"),
        ("dang ki ket hon", "1.000894"),
        ("giay phep xay dug", "1.009994"),
    ],
)
def test_typos_find_the_procedure(catalog, query, code):
    result = search_procedures(query)
    assert result.fuzzy
    assert next(iter(result.procedures)).code == code


def test_nonsense_finds_nothing(catalog):
    assert list(search_procedures("qqqq zzzz").procedures) == []


def test_filters(catalog):
    commune = filter_procedures(active_procedures(), level="commune")
    assert commune.count() == 3
    assert filter_procedures(active_procedures(), level="province").count() == 0
    assert [p.code for p in filter_procedures(active_procedures(), online_level="partial")] == ["1.009994"]
    assert [p.code for p in filter_procedures(active_procedures(), life_event="marriage")] == ["1.000894"]
    assert filter_procedures(active_procedures(), agency_kind="peoples_committee").count() == 3
    assert filter_procedures(active_procedures(), agency_kind="department").count() == 0


def test_words_match_at_their_start_not_inside_other_words(catalog):
    from motcua.catalog.services import import_catalog as load
    from motcua.catalog.tests.records import birth_registration as record

    load(
        records=[
            record(
                code="1.012345",
                name="Cấp lại Giấy chứng nhận quyền sử dụng đất",
                keywords=["sổ đỏ"],
                life_events=["land"],
            )
        ],
        by="t",
    )
    found = [p.code for p in search_procedures("so do").procedures]
    assert found == ["1.012345"]  # not "hồ sơ", "số", "do bị mất"
