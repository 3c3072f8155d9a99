"""The demo catalog seeds real procedures of both levels, each usable end to end."""

import pytest

from motcua.catalog.models import Procedure
from motcua.demo.services import seed_demo

pytestmark = pytest.mark.django_db


def test_demo_catalog_has_30_plus_procedures_with_forms_and_processes():
    report = seed_demo(province_code="04", password="x", with_dossiers=False)
    assert report.procedures_total >= 30
    procedures = Procedure.objects.prefetch_related("processes__steps")
    with_form = [p for p in procedures if p.form_schema]
    assert len(with_form) >= 30
    assert all(p.processes.get(agency=None).steps.exists() for p in procedures)
    assert procedures.filter(at_commune=True).exists() and procedures.filter(at_province=True).exists()
    assert all(p.legal_basis for p in procedures)
    again = seed_demo(province_code="04", password="x", with_dossiers=False)
    assert again.procedures_written == 0


@pytest.mark.parametrize(
    ("query", "expected_in_name"),
    [
        ("dang ky khai sinh", "khai sinh"),
        ("ket hon", "kết hôn"),
        ("chung thuc ban sao", "bản sao"),
        ("giay phep xay dung", "giấy phép xây dựng"),
        ("ho kinh doanh", "hộ kinh doanh"),
    ],
)
def test_common_phone_searches_find_the_right_procedure(client, query, expected_in_name):
    seed_demo(province_code="04", password="x", with_dossiers=False)
    results = client.get("/api/v1/procedures/", {"q": query}).json()["results"]
    assert results and expected_in_name in results[0]["name"].lower()
