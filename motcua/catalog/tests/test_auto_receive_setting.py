"""The province's "receive online dossiers automatically" setting: in the admin, audited, kept."""

import pytest

from motcua.catalog.models import Procedure
from motcua.catalog.services import save_procedure, set_auto_receive_online
from motcua.catalog.tests.records import marriage_registration
from motcua.core.errors import NotFound
from motcua.core.models import AuditEntry

pytestmark = pytest.mark.django_db

CODE = "1.000894"


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", password="x-1234567"))
    client.cookies["motcua_language"] = "en"
    return client


@pytest.fixture
def procedure():
    save_procedure(record=marriage_registration(), by="t")
    return Procedure.objects.get(code=CODE)


def _unchanged_form(response) -> dict:
    """The change form posted back as shown (inline rows left alone)."""
    form = response.context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data.update(agency_kinds=form.instance.agency_kind_list, life_events=[], exemptions="", keywords="")
    data["legal_basis"] = "\n".join(form.instance.legal_basis)
    data = {k: ("on" if v is True else v) for k, v in data.items() if v is not False}
    for formset in response.context["inline_admin_formsets"]:
        prefix = formset.formset.prefix
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    return data


def test_it_is_off_by_default_and_a_national_import_keeps_it(procedure):
    assert procedure.auto_receive_online is False
    set_auto_receive_online(procedure_code=CODE, enabled=True, by="t")
    save_procedure(record={**marriage_registration(), "name": "Đăng ký kết hôn (sửa đổi)"}, by="import")
    assert Procedure.objects.get(code=CODE).auto_receive_online is True


def test_the_service_audits_a_change_only(procedure):
    set_auto_receive_online(procedure_code=CODE, enabled=True, by="t")
    set_auto_receive_online(procedure_code=CODE, enabled=True, by="t")  # no change, no entry
    set_auto_receive_online(procedure_code=CODE, enabled=False, by="t")
    entries = AuditEntry.objects.filter(action="procedure.setting_changed", object_id=CODE)
    assert [e.data["value"] for e in entries.order_by("seq")] == [True, False]
    with pytest.raises(NotFound):
        set_auto_receive_online(procedure_code="9.999999", enabled=True, by="t")


def test_the_admin_shows_and_saves_it_audited_outside_the_revision(admin_client, procedure):
    url = f"/admin/catalog/procedure/{procedure.pk}/change/"
    page = admin_client.get(url)
    html = page.content.decode()
    assert 'name="auto_receive_online"' in html
    assert "Receive complete online dossiers automatically" in html and "Online receipt" in html
    response = admin_client.post(url, {**_unchanged_form(page), "auto_receive_online": "on"})
    assert response.status_code == 302
    assert Procedure.objects.get(code=CODE).auto_receive_online is True
    latest = procedure.revisions.order_by("-number").first()
    assert "auto_receive_online" not in latest.snapshot  # a setting of the province, not the content
    entry = AuditEntry.objects.get(action="procedure.setting_changed", object_id=CODE)
    assert entry.actor == "root" and entry.data == {"setting": "auto_receive_online", "value": True}
