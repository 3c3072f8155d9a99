"""Changes made in /admin/ leave audit entries, and an agency's code cannot be edited."""

import pytest

from motcua.agencies.models import AdminUnit, Agency
from motcua.core.audit import verify_audit_chain
from motcua.core.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", password="x-1234567"))
    return client


def _agency_form(**overrides) -> dict:
    unit = AdminUnit.objects.get(code="01273")
    return {
        "code": "000.99.50.H14",
        "name": "Ủy ban nhân dân phường Thử",
        "short_name": "",
        "level": "commune",
        "kind": "peoples_committee",
        "unit": unit.pk,
        "parent": "",
        "address": "",
        "phone": "",
        "email": "",
        "is_active": "on",
        **overrides,
    }


def test_agency_created_in_admin_is_audited(admin_client):
    response = admin_client.post("/admin/agencies/agency/add/", _agency_form())
    assert response.status_code == 302
    agency = Agency.objects.get(code="000.99.50.H14")
    entry = AuditEntry.objects.filter(action="agency.created", object_id=agency.code).get()
    assert entry.actor == "root"
    assert verify_audit_chain().ok


def test_agency_code_is_read_only_once_created(admin_client):
    admin_client.post("/admin/agencies/agency/add/", _agency_form())
    agency = Agency.objects.get(code="000.99.50.H14")
    response = admin_client.post(
        f"/admin/agencies/agency/{agency.pk}/change/", _agency_form(code="000.98.50.H14", name="Tên mới")
    )
    assert response.status_code == 302
    assert list(Agency.objects.filter(name="Tên mới").values_list("code", flat=True)) == ["000.99.50.H14"]
    assert not Agency.objects.filter(code="000.98.50.H14").exists()


def test_invalid_code_in_admin_is_refused_with_a_message(admin_client):
    response = admin_client.post("/admin/agencies/agency/add/", _agency_form(code="abc"))
    assert response.status_code in (200, 400)
    assert not Agency.objects.filter(name="Ủy ban nhân dân phường Thử").exists()


def test_unit_merger_recorded_in_admin_is_audited(admin_client):
    old, new = AdminUnit.objects.get(code="01279"), AdminUnit.objects.get(code="01273")
    response = admin_client.post(
        "/admin/agencies/unitsupersession/add/",
        {"old": old.pk, "new": new.pk, "effective_on": "2026-01-01", "legal_basis": "NQ thử"},
    )
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="unitsupersession.created_in_admin").count() == 1
