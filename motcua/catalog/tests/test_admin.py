"""An administrator configures a procedure without a programmer: the admin pages end to end."""

import pytest

from motcua.catalog.models import Procedure, ProcedureRevision, ProcessTemplate
from motcua.catalog.services import save_procedure
from motcua.catalog.tests.records import marriage_registration

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", password="x-1234567"))
    client.cookies["motcua_language"] = "en"  # exact English messages in the assertions
    return client


def _inline(prefix: str, rows: list[dict]) -> dict:
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{key}": value for key, value in row.items()})
    return data


def _procedure_form(field_id, **overrides) -> dict:
    data = {
        "code": "2.000001",
        "name": "Thủ tục thử nghiệm",
        "field": field_id,
        "is_active": "on",
        "at_commune": "on",
        "agency_kinds": ["peoples_committee"],
        "for_citizens": "on",
        "online_level": "partial",
        "time_limit_value": "3",
        "time_limit_unit": "working_days",
        "time_limit_note": "",
        "exemptions": "",
        "legal_basis": "Luật Hộ tịch 2014\nNghị định 123/2015/NĐ-CP",
        "keywords": "thử nghiệm",
        "form_schema": "null",
        **_inline(
            "components",
            [
                {
                    "position": "0",
                    "name": "Tờ khai",
                    "kind": "form",
                    "count": "1",
                    "mandatory": "on",
                    "source_database": "",
                    "template": "",
                    "form_schema": "null",
                }
            ],
        ),
        **_inline(
            "fees",
            [
                {
                    "position": "0",
                    "name": "Lệ phí",
                    "amount": "8000",
                    "unit": "dossier",
                    "group": "",
                    "note": "",
                }
            ],
        ),
        **_inline("results", [{"position": "0", "name": "Giấy xác nhận", "paper": "on", "validity": ""}]),
    }
    data.update(overrides)
    return data


@pytest.fixture
def field_id():
    save_procedure(record=marriage_registration(), by="t")
    return Procedure.objects.get(code="1.000894").field_id


def test_admin_creates_a_procedure_with_parts_and_a_revision(admin_client, field_id):
    response = admin_client.post("/admin/catalog/procedure/add/", _procedure_form(field_id))
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    procedure = Procedure.objects.get(code="2.000001")
    assert procedure.legal_basis == ["Luật Hộ tịch 2014", "Nghị định 123/2015/NĐ-CP"]
    assert procedure.agency_kind_list == ["peoples_committee"]
    assert procedure.fees.get().amount == 8000
    revision = ProcedureRevision.objects.get(procedure=procedure)
    assert revision.snapshot["components"][0]["name"] == "Tờ khai"
    assert "thu nghiem" in procedure.search_text


def test_negative_fee_is_refused_and_nothing_saved(admin_client, field_id):
    data = _procedure_form(field_id)
    data["fees-0-amount"] = "-5"
    response = admin_client.post("/admin/catalog/procedure/add/", data)
    assert response.status_code == 200
    assert not Procedure.objects.filter(code="2.000001").exists()


def test_invalid_schema_is_refused_naming_the_problem(admin_client, field_id):
    response = admin_client.post(
        "/admin/catalog/procedure/add/",
        _procedure_form(field_id, form_schema='{"type": "object", "properties": 5}'),
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["form_schema"]
    assert not Procedure.objects.filter(code="2.000001").exists()


def test_component_without_a_name_is_refused(admin_client, field_id):
    data = _procedure_form(field_id)
    data["components-0-name"] = ""
    assert admin_client.post("/admin/catalog/procedure/add/", data).status_code == 200
    assert not Procedure.objects.filter(code="2.000001").exists()


def test_editing_makes_a_revision_whose_page_shows_the_change(admin_client, field_id):
    procedure = Procedure.objects.get(code="1.000894")
    first = procedure.revisions.get()
    response = admin_client.get(f"/admin/catalog/procedure/{procedure.pk}/change/")
    assert response.status_code == 200
    form = response.context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data.update(
        name="Đăng ký kết hôn (sửa đổi)",
        life_events=[],
        agency_kinds=["peoples_committee"],
        legal_basis="Luật Hộ tịch",
        exemptions="",
        keywords="",
    )
    data = {k: ("on" if v is True else v) for k, v in data.items() if v is not False}
    for formset in response.context["inline_admin_formsets"]:
        fs = formset.formset
        data.update({f"{fs.prefix}-TOTAL_FORMS": "0", f"{fs.prefix}-INITIAL_FORMS": "0"})
    response = admin_client.post(f"/admin/catalog/procedure/{procedure.pk}/change/", data)
    assert response.status_code == 302
    second = procedure.revisions.order_by("-number").first()
    assert second.number == first.number + 1
    page = admin_client.get(f"/admin/catalog/procedurerevision/{second.pk}/change/").content.decode()
    assert "Đăng ký kết hôn (sửa đổi)" in page


def test_process_steps_that_do_not_add_up_are_refused(admin_client, field_id):
    template = ProcessTemplate.objects.get(procedure__code="1.000894", agency=None)
    url = f"/admin/catalog/processtemplate/{template.pk}/change/"
    data = {
        "procedure": template.procedure_id,
        "agency": "",
        "name": "Quy trình",
        **_inline(
            "steps",
            [
                {
                    "position": "0",
                    "name": "Tiếp nhận",
                    "kind": "receive",
                    "role": "desk_officer",
                    "agency_kind": "",
                    "days": "1",
                },
                {
                    "position": "1",
                    "name": "Xử lý",
                    "kind": "assess",
                    "role": "handler",
                    "agency_kind": "",
                    "days": "1",
                },
            ],
        ),
    }
    data["steps-INITIAL_FORMS"] = "0"
    template.steps.all().delete()
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "add up to 2 working days but the time limit is 3" in response.content.decode()
    data["steps-1-days"] = "2"
    assert admin_client.post(url, data).status_code == 302
    assert [float(s.days) for s in template.steps.all()] == [1.0, 2.0]


PREVIEW_SCHEMA = {
    "type": "object",
    "title": "Tờ khai",
    "properties": {
        "full_name": {"type": "string", "title": "Họ và tên", "x-prefill": "full_name"},
        "citizen_id": {
            "type": "string",
            "title": "Số định danh cá nhân",
            "x-widget": "citizen_id",
            "format": "citizen-id",
        },
        "children": {
            "type": "array",
            "title": "Các con",
            "x-widget": "repeat",
            "items": {
                "type": "object",
                "title": "Con",
                "properties": {"name": {"type": "string", "title": "Họ tên con"}},
            },
        },
    },
    "required": ["full_name", "citizen_id"],
}


def test_preview_shows_the_form_and_its_checks(admin_client):
    save_procedure(record=marriage_registration(form=PREVIEW_SCHEMA), by="t")
    procedure = Procedure.objects.get(code="1.000894")
    url = f"/admin/catalog/procedure/{procedure.pk}/preview/"
    page = admin_client.get(url).content.decode()
    assert 'name="f.full_name"' in page and "Họ và tên" in page
    checked = admin_client.post(url, {"f.full_name": "", "f.citizen_id": "12345"})
    assert checked.status_code == 200
    assert checked.context["error_count"] == 2
    fine = admin_client.post(url, {"f.full_name": "Nguyễn Văn A", "f.citizen_id": "001090012345"})
    assert fine.context["error_count"] == 0
    more = admin_client.post(url, {"f.full_name": "", "_add_f.children": "1"})
    assert more.context["checked"] is False  # "add another" re-renders, it does not judge
