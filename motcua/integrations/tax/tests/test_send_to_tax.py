"""Sending a dossier to the tax office: it pauses, one outbox message, the simulator gets it;
the simulator's own callbacks (duplicates, out of order) drive the dossier."""

import random

import pytest

from motcua.dossiers import services
from motcua.dossiers.tests.helpers import frozen, user
from motcua.dossiers.workflow import ActionNotAllowed, RoleNotAllowed
from motcua.integrations.delivery import deliver_due
from motcua.integrations.models import OutboxMessage
from motcua.integrations.tax.tests.helpers import DESK, HANDLER, processing_dossier, sent_to_tax

pytestmark = pytest.mark.django_db


def _tax_messages():
    return OutboxMessage.objects.filter(system="tax")


def test_sending_pauses_the_dossier_and_queues_one_tax_message(demo_catalog):
    with frozen(2026, 3, 2, 9, 0):
        dossier = sent_to_tax(note="Chuyển nhượng thửa đất số 12")
    assert dossier.status == "paused"
    pause = dossier.pauses.get()
    assert pause.ended_at is None and "Chuyển nhượng thửa đất số 12" in pause.reason
    event = dossier.events.get(action="send-to-tax")
    assert (event.from_status, event.to_status, event.actor.username) == ("processing", "paused", HANDLER)
    [message] = _tax_messages()
    assert (message.topic, message.key, message.ordering_key, message.state) == (
        "tax.dossier",
        f"tax:{dossier.reference}:{event.seq}",
        f"tax:{dossier.reference}",
        "pending",
    )
    assert (message.payload["code"], message.payload["note"]) == (
        dossier.code,
        "Chuyển nhượng thửa đất số 12",
    )


def test_delivering_the_message_reaches_the_tax_office(demo_catalog, tax_office):
    with frozen(2026, 3, 2, 9, 0):
        dossier = sent_to_tax()
        report = deliver_due(rng=random.Random(1))
    assert report.acknowledged >= 1
    [filing] = tax_office.dossiers(dossier.code)
    assert (filing["MaHoSo"], filing["MaCoQuan"], filing["ThoiDiemGui"]) == (
        dossier.code,
        dossier.competent_agency.code,
        "20260302090000",
    )
    assert filing["NguoiNopThue"]["HoTen"] == "Nông Văn Dũng"
    assert _tax_messages().get().state == "acknowledged"


def test_the_tax_office_down_keeps_the_message_for_a_retry(demo_catalog, tax_office):
    tax_office.down = True
    with frozen(2026, 3, 2, 9, 0):
        sent_to_tax()
        deliver_due(rng=random.Random(1))
    message = _tax_messages().get()
    assert (message.state, message.attempts) == ("failed", 1)
    assert "connection refused" in message.last_error
    assert tax_office.received == {}


def test_only_the_processing_agency_sends_and_only_while_processing(demo_catalog):
    with frozen(2026, 3, 2, 9, 0):
        dossier = processing_dossier()
        with pytest.raises(RoleNotAllowed):
            services.send_to_tax_office(dossier=dossier, by=user(DESK))
        dossier = services.send_to_tax_office(dossier=dossier, by=user(HANDLER))
        with pytest.raises(ActionNotAllowed) as error:
            services.send_to_tax_office(dossier=dossier, by=user(HANDLER))
    assert error.value.code == "dossier.action_not_allowed"
    assert _tax_messages().count() == 1


def test_the_simulators_callbacks_drive_the_dossier_even_out_of_order_and_twice(demo_catalog, tax_office):
    with frozen(2026, 3, 2, 9, 0):
        dossier = sent_to_tax()
        deliver_due(rng=random.Random(1))
    tax_office.out_of_order = True
    tax_office.duplicate_callbacks = True
    with frozen(2026, 3, 4, 9, 0):
        assert tax_office.assess(dossier.code, 2_000_000) == []  # held back
        sent = tax_office.confirm_paid(dossier.code)  # overtakes it
    assert [(c.envelope["type"], c.status, c.answer["duplicate"]) for c in sent] == [
        ("tax.paid", 200, False),
        ("tax.paid", 200, True),
        ("tax.assessed", 200, False),
        ("tax.assessed", 200, True),
    ]
    assert sent[2].answer["outcome"]["stale"] is True
    dossier.refresh_from_db()
    assert dossier.status == "processing"
    assert dossier.events.filter(action="tax-paid").count() == 1
    assert not dossier.events.filter(action="tax-assessed").exists()


def test_a_callback_for_a_dossier_it_never_had_is_answered_404(demo_catalog, tax_office):
    with frozen(2026, 3, 4, 9, 0):
        [callback] = tax_office.reject("001.01.50.H14-260302-9999", "Không có hồ sơ")
    assert (callback.status, callback.answer["code"]) == (404, "integrations.unknown_dossier")


def test_a_handler_sends_it_from_the_dossier_page(demo_catalog, client):
    with frozen(2026, 3, 2, 9, 0):
        dossier = processing_dossier()
        client.force_login(user(HANDLER))
        page = client.get(f"/backoffice/ho-so/{dossier.code}/")
        assert b"send-to-tax" in page.content
        response = client.post(
            f"/backoffice/ho-so/{dossier.code}/send-to-tax/",
            {"send-to-tax-version": dossier.version, "send-to-tax-note": "Lệ phí trước bạ"},
        )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == "paused"
    assert _tax_messages().count() == 1


def test_a_handler_sends_it_through_the_api(demo_catalog, client):
    with frozen(2026, 3, 2, 9, 0):
        dossier = processing_dossier()
        client.force_login(user(HANDLER))
        response = client.post(
            f"/api/v1/dossiers/{dossier.code}/send-to-tax/",
            {"note": "Thuế thu nhập cá nhân", "version": dossier.version},
            content_type="application/json",
        )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "paused"
    assert _tax_messages().count() == 1
