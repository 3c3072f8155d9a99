"""The page after submitting: the code, the appointment and Form 01 at once when the system
receives the dossier; otherwise what happens next. "My dossiers" links Form 01 when there is one."""

from __future__ import annotations

import uuid

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from motcua.catalog.models import Procedure
from motcua.catalog.services import set_auto_receive_online
from motcua.citizens.tests.helpers import log_in_citizen
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.helpers import THUC_PHAN, frozen
from motcua.integrations.base import registry
from motcua.integrations.payment.simulator import simulator as payment_simulator
from motcua.integrations.population.simulator import simulator as population_simulator

pytestmark = pytest.mark.django_db

CODE = "1.004194"  # temporary residence: 3 working days, a 7,000 đồng fee, one document to attach
MAI = "004190001234"  # Hoàng Thị Mai, known to the simulated population database
OTHER = "004203003456"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
SCHEMA = {
    "type": "object",
    "required": ["reason"],
    "properties": {"reason": {"type": "string", "title": "Lý do", "maxLength": 200}},
}
START = f"/nop-ho-so/{CODE}/"
NEXT_STEPS = "The center will check your dossier. When it is received, you will get a notification"


@pytest.fixture(autouse=True)
def simulated(settings, demo_catalog):
    settings.INTEGRATIONS_MODE = "simulated"
    settings.POPULATION_SIMULATOR_FILE = ""
    registry.reset()
    population_simulator.reset()
    payment_simulator.reset()
    Procedure.objects.filter(code=CODE).update(online_level="full", form_schema=SCHEMA)
    yield
    population_simulator.reset()
    payment_simulator.reset()
    registry.reset()


@pytest.fixture
def automatic():
    set_auto_receive_online(procedure_code=CODE, enabled=True, by="test")


def citizen(client: Client, number: str = MAI, name: str = "Hoàng Thị Mai"):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return log_in_citizen(client, number, name=name)


def blank_form_reference(client: Client) -> str:
    page = client.get(START).content.decode()
    marker = 'name="reference" value="'
    return page[page.index(marker) + len(marker) :][:36]


def answers(reference: str, *, payment: str = "desk") -> dict:
    """A complete application: the e-form answered, the one document attached."""
    return {
        "reference": reference,
        "population": "found",
        "address": "Số 12, phố Kim Đồng",
        "unit": THUC_PHAN,
        "phone": "0912345678",
        "email": "",
        "result_delivery": "online",
        "payment": payment,
        "action": "submit",
        "f.reason": "Đi làm",
        "doc-2": SimpleUploadedFile("giay-to.pdf", PDF, content_type="application/pdf"),
    }


def submit(client: Client, *, payment: str = "desk") -> tuple[str, object]:
    """The blank form's reference, and the answer to submitting it complete."""
    reference = blank_form_reference(client)
    return reference, client.post(START, answers(reference, payment=payment))


def test_received_at_once_the_page_shows_the_code_the_appointment_and_form_01(client, automatic):
    # given
    citizen(client)
    # when: Wednesday 25/11/2026, office hours
    with frozen(2026, 11, 25, 9, 0):
        reference, response = submit(client)
        page = client.get(response["Location"], follow=True)
    # then
    dossier = Dossier.objects.get()
    html = page.content.decode()
    assert response.status_code == 302 and response["Location"] == f"/nop-ho-so/da-nop/{reference}/"
    assert dossier.status == "received" and dossier.appointment_on.strftime("%d/%m/%Y") == "30/11/2026"
    assert "Dossier received" in html and "Your dossier has been submitted and received." in html
    assert dossier.code in html and "30/11/2026" in html and "25/11/2026" in html
    assert f'href="/nop-ho-so/da-nop/{reference}/mau-01.pdf"' in html and NEXT_STEPS not in html
    assert "outside office hours" not in html
    slip = client.get(f"/nop-ho-so/da-nop/{reference}/mau-01.pdf")
    assert slip.status_code == 200 and slip["Content-Disposition"].endswith(f'"{dossier.code}-mau-01.pdf"')
    assert b"".join(slip.streaming_content).startswith(b"%PDF")


def test_another_citizen_gets_404_for_the_receipt_and_its_form_01(client, automatic):
    citizen(client)
    reference, _response = submit(client)
    assert Dossier.objects.get().status == "received"
    stranger = Client()
    citizen(stranger, OTHER, "Lý Văn Toàn")
    assert stranger.get(f"/nop-ho-so/da-nop/{reference}/mau-01.pdf").status_code == 404
    assert stranger.get(f"/nop-ho-so/da-nop/{reference}/").status_code == 404
    assert stranger.get(f"/nop-ho-so/da-nop/{uuid.uuid4()}/mau-01.pdf").status_code == 404
    assert f"/nop-ho-so/da-nop/{reference}/mau-01.pdf" not in stranger.get("/ho-so-cua-toi/").content.decode()


def test_submitted_on_a_saturday_the_page_says_it_counts_from_monday(client, automatic):
    citizen(client)
    with frozen(2026, 11, 28, 10, 0):
        reference, _response = submit(client)
        html = client.get(f"/nop-ho-so/da-nop/{reference}/").content.decode()
    dossier = Dossier.objects.get()
    assert dossier.code.endswith("-261130-0001")
    assert "30/11/2026" in html and "03/12/2026" in html  # received Monday, due Thursday
    assert "outside office hours: it counts as received on the next working day" in html


def test_paying_online_still_goes_to_the_payment_and_the_dossier_is_received(client, automatic):
    citizen(client)
    reference, response = submit(client, payment="online")
    assert response["Location"] == f"/nop-ho-so/da-nop/{reference}/thanh-toan/"
    dossier = Dossier.objects.get()
    assert dossier.status == "received" and dossier.fees.get().paid_at is None
    assert client.post(response["Location"], {"method": "vietqr"}).status_code == 200


def test_without_automatic_receipt_the_page_says_what_happens_next_and_no_form_01_yet(client):
    citizen(client)
    reference, _response = submit(client)
    html = client.get(f"/nop-ho-so/da-nop/{reference}/").content.decode()
    assert Dossier.objects.get().status == "submitted"
    assert "Dossier submitted" in html and "What happens next" in html and NEXT_STEPS in html
    assert "mau-01.pdf" not in html
    assert client.get(f"/nop-ho-so/da-nop/{reference}/mau-01.pdf").status_code == 404


def test_my_dossiers_links_form_01_as_soon_as_there_is_one(client):
    from motcua.dossiers import services
    from motcua.dossiers.tests.helpers import user

    citizen(client)
    reference, _response = submit(client)
    link = f'href="/nop-ho-so/da-nop/{reference}/mau-01.pdf"'
    dossier = Dossier.objects.get()
    assert link not in client.get("/ho-so-cua-toi/").content.decode()
    assert link not in client.get(f"/ho-so-cua-toi/{reference}/").content.decode()
    services.receive_dossier(dossier=dossier, by=user("admin"))
    assert link in client.get("/ho-so-cua-toi/").content.decode()
    assert link in client.get(f"/ho-so-cua-toi/{reference}/").content.decode()


def test_a_double_click_on_submit_makes_one_dossier_received_once(client, automatic):
    citizen(client)
    reference = blank_form_reference(client)
    first, second = client.post(START, answers(reference)), client.post(START, answers(reference))
    dossier = Dossier.objects.get()
    assert first["Location"] == second["Location"] == f"/nop-ho-so/da-nop/{reference}/"
    assert list(dossier.events.values_list("action", flat=True)) == ["submit", "receive"]
    assert dossier.code.endswith("-0001")
