"""Acting for an organisation: declared on the account page, kept in the session, shown in
the header with a way back; online submissions then go in the organisation's name with
the person as its representative, and "my dossiers" follows the organisation's."""

from __future__ import annotations

import uuid

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from motcua.catalog.models import Procedure
from motcua.citizens.tests.helpers import log_in_citizen
from motcua.core.models import AuditEntry
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.helpers import THUC_PHAN
from motcua.integrations.base import registry
from motcua.integrations.population.simulator import simulator as population_simulator

pytestmark = pytest.mark.django_db

CODE = "1.004194"  # temporary residence in the demo catalog, opened to organisations here
START = f"/nop-ho-so/{CODE}/"
MAI = "004190001234"  # Hoàng Thị Mai, known to the simulated population database
TAX_CODE = "4800123456"
COMPANY = "Công ty TNHH Thương mại Non Nước Cao Bằng"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
SCHEMA = {
    "type": "object",
    "required": ["applicant"],
    "properties": {
        "applicant": {
            "type": "object",
            "title": "Người yêu cầu",
            "properties": {
                "full_name": {"type": "string", "title": "Họ tên", "x-prefill": "full_name"},
                "citizen_id": {"type": "string", "title": "Số định danh", "x-prefill": "citizen_id"},
            },
        },
    },
}


@pytest.fixture(autouse=True)
def simulated(settings, demo_catalog):
    settings.INTEGRATIONS_MODE = "simulated"
    registry.reset()
    population_simulator.reset()
    Procedure.objects.filter(code=CODE).update(
        online_level="full", form_schema=SCHEMA, for_organisations=True
    )
    yield
    population_simulator.reset()
    registry.reset()


@pytest.fixture
def mai(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return log_in_citizen(client, MAI, name="Hoàng Thị Mai")


def act_for(client: Client, tax_code: str = TAX_CODE, name: str = COMPANY):
    return client.post("/tai-khoan/dai-dien-to-chuc/", {"tax_code": tax_code, "name": name})


def application(reference: str, *, action: str = "submit") -> dict:
    return {
        "reference": reference,
        "population": "",
        "address": "Số 5, đường Hoàng Đình Giong",
        "unit": THUC_PHAN,
        "phone": "02063851234",
        "email": "lienhe@nonnuoc.example",
        "result_delivery": "online",
        "payment": "desk",
        "action": action,
        "f.applicant.full_name": "Hoàng Thị Mai",
        "f.applicant.citizen_id": MAI,
        "doc-2": SimpleUploadedFile("giay-uy-quyen.pdf", PDF, content_type="application/pdf"),
    }


def reference_of(response) -> str:
    html = response.content.decode()
    marker = 'name="reference" value="'
    start = html.index(marker) + len(marker)
    return html[start : start + 36]


def test_the_account_page_offers_it_and_says_nothing_is_checked_against_a_registry(client, mai):
    html = client.get("/tai-khoan/").content.decode()
    assert 'action="/tai-khoan/dai-dien-to-chuc/"' in html and 'name="tax_code"' in html
    assert "not checked against the business registry" in html
    assert 'aria-describedby="id_tax_code-help"' in html


@pytest.mark.parametrize(
    "tax_code", ["12345", "48001234567", "4800123456-01", "480012345A", "4800123456/001", ""]
)
def test_a_malformed_tax_code_is_refused_with_a_clear_message(client, mai, tax_code):
    response = act_for(client, tax_code)

    html = response.content.decode()
    assert response.status_code == 400
    if tax_code:
        assert "The tax code must have 10 digits" in html and "4800123456-001" in html
    assert 'aria-describedby="id_tax_code-help id_tax_code-errors"' in html
    assert client.session["acting_for_tax_code"] == ""
    assert not AuditEntry.objects.filter(action="citizen.acting_for").exists()


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("4800123456", "4800123456"),
        ("4800123456-001", "4800123456-001"),
        (" 4800123456001 ", "4800123456-001"),
    ],
)
def test_a_well_formed_tax_code_is_kept_for_the_session_and_audited(client, mai, typed, kept):
    response = act_for(client, typed, f"  {COMPANY}  ")

    assert response.status_code == 302 and response["Location"] == "/tai-khoan/"
    assert client.session["acting_for_tax_code"] == kept and client.session["acting_for_name"] == COMPANY
    audit = AuditEntry.objects.get(action="citizen.acting_for")
    assert audit.actor_user_id == mai.user.pk
    assert audit.data == {"acting_for": kept, "organisation_name": COMPANY, "level": 2}


def test_the_header_shows_the_organisation_and_switches_back_to_oneself(client, mai):
    act_for(client)
    page = client.get("/thu-tuc/").content.decode()
    assert f"for {COMPANY}" in page and 'action="/tai-khoan/ca-nhan/"' in page
    account = client.get("/tai-khoan/").content.decode()
    assert TAX_CODE in account and "Act for yourself again" in account

    response = client.post("/tai-khoan/ca-nhan/")

    assert response.status_code == 302 and client.session["acting_for_tax_code"] == ""
    page = client.get("/thu-tuc/").content.decode()
    assert f"for {COMPANY}" not in page and 'action="/tai-khoan/ca-nhan/"' not in page
    entries = AuditEntry.objects.filter(action="citizen.acting_for").order_by("seq")
    assert [entry.data["acting_for"] for entry in entries] == [TAX_CODE, "self"]


def test_a_new_login_starts_as_oneself(client, mai):
    act_for(client)
    log_in_citizen(client, MAI, name="Hoàng Thị Mai")
    assert client.session["acting_for_tax_code"] == ""


def test_the_organisation_applies_online_with_the_person_as_representative(client, mai):
    # given: for herself the form is prefilled from the population database; now for the company
    assert "Số 12, phố Kim Đồng" in client.get(START).content.decode() and population_simulator.lookups
    population_simulator.reset()
    act_for(client)

    # when: the form, then submitting it
    form = client.get(START)
    html = form.content.decode()
    reference = reference_of(form)
    response = client.post(START, application(reference))

    # then: nothing of the person's population record filled the organisation's form
    assert form.status_code == 200
    assert COMPANY in html and TAX_CODE in html
    assert "Số 12, phố Kim Đồng" not in html  # Mai's address in the population database
    assert 'value="Hoàng Thị Mai"' not in html and f'value="{MAI}"' not in html
    assert population_simulator.lookups == [] and 'name="population" value="found"' not in html
    # the dossier is the organisation's, submitted by Mai's account, Mai its representative
    assert response.status_code == 302 and response["Location"] == f"/nop-ho-so/da-nop/{reference}/"
    dossier = Dossier.objects.get()
    assert (dossier.owner_kind, dossier.owner_name, dossier.owner_id_number) == (
        "organisation",
        COMPANY,
        TAX_CODE,
    )
    assert dossier.owner_address == "Số 5, đường Hoàng Đình Giong" and dossier.owner_phone == "02063851234"
    assert dossier.account == mai.user and dossier.assurance_level == 2 and dossier.status == "submitted"
    party = dossier.parties.get()
    assert (party.role, party.name, party.id_number) == ("representative", "Hoàng Thị Mai", MAI)
    assert client.get(f"/nop-ho-so/da-nop/{reference}/").status_code == 200
    # my dossiers follows the organisation's while acting for it, and only then
    listing = client.get("/ho-so-cua-toi/").content.decode()
    assert f"/ho-so-cua-toi/{reference}/" in listing and "submitted as its representative" in listing
    assert client.get(f"/ho-so-cua-toi/{reference}/").status_code == 200
    client.post("/tai-khoan/ca-nhan/")
    assert f"/ho-so-cua-toi/{reference}/" not in client.get("/ho-so-cua-toi/").content.decode()
    assert client.get(f"/ho-so-cua-toi/{reference}/").status_code == 404


def test_another_organisation_or_another_representative_does_not_see_it(client, mai):
    act_for(client)
    reference = reference_of(client.get(START))
    client.post(START, application(reference))

    act_for(client, "4800999999", "Công ty khác")
    assert client.get(f"/ho-so-cua-toi/{reference}/").status_code == 404
    other = Client()
    log_in_citizen(other, "004203003456", name="Lý Văn Toàn")
    act_for(other)  # declares the same company: still not the one who submitted
    assert other.get(f"/ho-so-cua-toi/{reference}/").status_code == 404
    assert f"/ho-so-cua-toi/{reference}/" not in other.get("/ho-so-cua-toi/").content.decode()


def test_a_procedure_not_for_organisations_is_refused_while_acting_for_one(client, mai):
    Procedure.objects.filter(code=CODE).update(for_organisations=False)
    act_for(client)

    response = client.get(START, follow=True)

    assert response.redirect_chain[0][0] == f"/thu-tuc/{CODE}/"
    assert "Organisations cannot apply for this procedure" in response.content.decode()
    assert client.post(START, application(str(uuid.uuid4()))).status_code == 302
    assert not Dossier.objects.exists()


def test_a_personal_draft_does_not_become_the_organisations(client, mai):
    reference = reference_of(client.get(START))
    client.post(START, application(reference, action="save"))
    draft = Dossier.objects.get()
    assert draft.owner_kind == "citizen"
    act_for(client)

    page = client.get(f"/nop-ho-so/ban-nhap/{reference}/", follow=True)
    replayed = client.post(START, application(reference))  # the old form posted again

    assert page.redirect_chain[0][0] == "/nop-ho-so/ban-nhap/"
    assert "This draft was started for Hoàng Thị Mai" in page.content.decode()
    assert replayed.status_code == 400 and "started for another applicant" in replayed.content.decode()
    draft.refresh_from_db()
    assert (draft.status, draft.owner_kind, draft.owner_id_number) == ("draft", "citizen", MAI)
    assert not draft.parties.exists()


def test_the_organisations_uploads_are_not_kept_in_the_representatives_store(client, mai):
    from motcua.datastore.models import StoredDocument

    act_for(client)
    form = client.get(START)
    assert 'name="keep_copies"' not in form.content.decode()  # not offered for an organisation
    response = client.post(START, application(reference_of(form)) | {"keep_copies": "on"})
    assert response.status_code == 302 and Dossier.objects.get().owner_kind == "organisation"
    assert not StoredDocument.objects.filter(owner=mai.user).exists()
