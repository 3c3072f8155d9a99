"""The integration desk: health, dead letters with replay, reconciliation with resync."""

import pytest

from motcua.core import clock
from motcua.dossiers import services
from motcua.dossiers.tests.helpers import at, desk_dossier, user
from motcua.integrations.base import registry
from motcua.integrations.delivery import deliver_due
from motcua.integrations.models import DeliveryState, OutboxMessage, ReconciliationRun
from motcua.integrations.national_portal.simulator import simulator as portal

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clean_portal(settings):
    settings.INTEGRATIONS_MODE = "simulated"
    registry.reset()
    portal.reset()
    yield
    portal.reset()


@pytest.fixture
def operator(client, demo_catalog):
    client.force_login(user("tinh.quantri"))
    return client


def received(n=2):
    with clock.frozen(at(2026, 3, 2, 9, 0)):
        return [
            services.receive_dossier(dossier=desk_dossier(), by=user("thucphan.motcua")).code
            for _ in range(n)
        ]


def test_a_desk_official_may_not_open_the_integration_desk(client, demo_catalog):
    client.force_login(user("thucphan.motcua"))
    assert client.get("/backoffice/tich-hop/").status_code == 403
    assert (
        client.post(
            "/backoffice/tich-hop/doi-soat/", {"start": "2026-03-02", "end": "2026-03-02"}
        ).status_code
        == 403
    )
    assert 'href="/backoffice/tich-hop/"' not in client.get("/backoffice/ho-so/").content.decode()


def test_the_province_administrator_finds_the_integration_desk_in_the_menu(operator):
    assert 'href="/backoffice/tich-hop/"' in operator.get("/backoffice/ho-so/").content.decode()


def test_the_health_page_shows_each_system_its_backlog_and_the_simulator(operator):
    received(2)
    portal.down = True
    with clock.frozen(at(2026, 3, 2, 9, 1)):
        deliver_due(now=clock.now())
        page = operator.get("/backoffice/tich-hop/")
    assert page.status_code == 200
    row = next(s for s in page.context["systems"] if s.system == "national_portal")
    assert (row.backlog, row.dead, row.error_rate) == (2, 0, 1.0)
    assert row.status == "down"
    assert row.simulator["switches"]["down"] is True
    assert "national-portal" in page.content.decode()


def test_a_dead_letter_is_listed_and_sent_again(operator):
    code = received(1)[0]
    portal.refuse_codes = {code}
    with clock.frozen(at(2026, 3, 2, 9, 1)):
        deliver_due(now=clock.now())
    dead = OutboxMessage.objects.get(system="national_portal", state=DeliveryState.DEAD)
    assert dead.key in operator.get("/backoffice/tich-hop/thu-chet/").content.decode()
    response = operator.post(f"/backoffice/tich-hop/thu-chet/{dead.pk}/gui-lai/")
    assert response.status_code == 302
    dead.refresh_from_db()
    assert dead.state == DeliveryState.PENDING


def test_reconcile_from_the_page_then_resend_every_difference(operator):
    codes = received(2)
    with clock.frozen(at(2026, 3, 2, 9, 1)):
        deliver_due(now=clock.now())
    portal.received = {}  # the portal lost everything
    with clock.frozen(at(2026, 3, 2, 16, 0)):
        response = operator.post(
            "/backoffice/tich-hop/doi-soat/", {"start": "2026-03-02", "end": "2026-03-02"}
        )
    run = ReconciliationRun.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/doi-soat/{run.pk}/")
    page = operator.get(f"/backoffice/tich-hop/doi-soat/{run.pk}/?kind=missing")
    assert [d.dossier_code for d in page.context["page"]] == codes
    with clock.frozen(at(2026, 3, 2, 16, 1)):
        operator.post(f"/backoffice/tich-hop/doi-soat/{run.pk}/gui-lai/")
        deliver_due(now=clock.now())
    assert {portal.holding(code)["MaHoSo"] for code in codes} == set(codes)
    assert all(d.resynced_at for d in run.differences.all())


def test_an_inverted_period_is_refused_with_a_message(operator):
    page = operator.post("/backoffice/tich-hop/doi-soat/", {"start": "2026-03-05", "end": "2026-03-01"})
    assert page.status_code == 200
    assert not ReconciliationRun.objects.exists()
    assert page.context["form"].errors
