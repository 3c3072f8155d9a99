"""The owner hears about their dossier: the outbox rows, the texts, the providers' failover."""

import random
import smtplib
from datetime import date

import pytest
from django.core import mail

from motcua.dossiers import services
from motcua.dossiers.services import DossierInput, PartyInput, create_dossier
from motcua.dossiers.services.notifications import SMS_LIMIT, Notice, gsm7, normalise_phone, sms_text
from motcua.dossiers.tests.helpers import MARRIAGE_STATUS, THUC_PHAN_CENTER, frozen, owner, user
from motcua.integrations.delivery import deliver_due
from motcua.integrations.models import OutboxMessage
from motcua.integrations.notifications import providers as provider_module

pytestmark = pytest.mark.django_db
DESK, HANDLER, LEADER = "thucphan.motcua", "thucphan.xuly", "thucphan.lanhdao"


def _dossier(*, phone="0912 345 678", email="", parties=()):
    data = DossierInput(
        procedure_code=MARRIAGE_STATUS,
        channel="desk",
        owner=owner(phone=phone, email=email),
        served_at=THUC_PHAN_CENTER,
        parties=parties,
    )
    dossier = create_dossier(data=data, by=user(DESK), submit=False)
    dossier.components.update(copies=1)
    return services.submit_dossier(dossier=dossier, by=user(DESK))


def _received(**kw):
    return services.receive_dossier(dossier=_dossier(**kw), by=user(DESK))


def _notify_messages(dossier=None):
    rows = OutboxMessage.objects.filter(system="notify")
    return rows.filter(ordering_key__startswith=f"notify:{dossier.reference}") if dossier else rows


def _deliver():
    return deliver_due(rng=random.Random(3))


def test_a_receipt_queues_one_sms_to_the_owner(demo_catalog):
    with frozen(2026, 3, 2, 9, 0):
        dossier = _received()
    receipt = dossier.events.get(action="receive")
    [message] = _notify_messages(dossier)
    assert (message.topic, message.key, message.ordering_key) == (
        "notify.sms",
        f"notify:{dossier.reference}:{receipt.seq}:sms",
        f"notify:{dossier.reference}:sms",
    )
    payload = message.payload
    assert (payload["channel"], payload["to"], payload["kind"]) == ("sms", "+84912345678", "received")
    assert dossier.code in payload["text"] and "09/03/2026" in payload["text"]
    assert len(payload["text"]) <= SMS_LIMIT and payload["text"].isascii()


def test_actions_that_do_not_concern_the_owner_send_nothing(demo_catalog):
    with frozen(2026, 3, 2, 9, 0):
        dossier = _dossier()
        assert not _notify_messages(dossier).exists()  # submitted at the desk: nothing yet
        dossier = services.receive_dossier(dossier=dossier, by=user(DESK))
        services.assign_dossier(dossier=dossier, by=user(DESK))
        services.complete_step(dossier=dossier.code, by=user(HANDLER), note="Hợp lệ")
    assert list(_notify_messages(dossier).values_list("payload__kind", flat=True)) == ["received"]


def test_the_events_that_notify_each_say_what_happened(demo_catalog):
    with frozen(2026, 3, 2, 9, 0):
        dossier = _received()
        services.assign_dossier(dossier=dossier, by=user(DESK))
        services.request_supplement(
            dossier=dossier.code, by=user(HANDLER), reason="Thiếu giấy tờ", missing=["Bản sao giấy khai sinh"]
        )
        services.supply_supplement(dossier=dossier.code, by=user(DESK))
        services.extend_dossier(
            dossier=dossier.code,
            by=user(LEADER),
            reason="Cần xác minh thêm",
            new_appointment=date(2026, 3, 16),
        )
        services.stop_dossier(dossier=dossier.code, by=user(LEADER), reason="Công dân đề nghị dừng")
    texts = dict(_notify_messages(dossier).values_list("payload__kind", "payload__text"))
    assert list(texts) == ["received", "supplement_requested", "extended", "stopped"]
    assert "Ban sao giay khai sinh" in texts["supplement_requested"]
    assert "16/03/2026" in texts["extended"] and "Can xac minh them" in texts["extended"]
    assert "Cong dan de nghi dung" in texts["stopped"]
    assert all(len(text) <= SMS_LIMIT and text.isascii() for text in texts.values())


def test_the_result_being_ready_and_handed_over_are_told(demo_catalog):
    with frozen(2026, 3, 2, 9, 0):
        dossier = _received()
        services.assign_dossier(dossier=dossier, by=user(DESK))
        services.complete_step(dossier=dossier.code, by=user(HANDLER), note="Hợp lệ")
        services.approve_dossier(dossier=dossier.code, by=user(LEADER))
        services.sign_result(dossier=dossier.code, by=user("thucphan.kyso"))
        services.return_result(dossier=dossier.code, by=user(DESK))
    texts = dict(_notify_messages(dossier).values_list("payload__kind", "payload__text"))
    assert list(texts) == ["received", "result_ready", "returned"]
    assert f"{dossier.code}-KQ1" in texts["result_ready"]


@pytest.mark.parametrize("ending", ["refuse", "withdraw"])
def test_a_refusal_or_withdrawal_is_told_with_its_reason(demo_catalog, ending):
    with frozen(2026, 3, 2, 9, 0):
        dossier = _dossier()
        if ending == "refuse":
            services.refuse_dossier(dossier=dossier, by=user(DESK), reason="Không thuộc thẩm quyền")
        else:
            services.withdraw_dossier(dossier=dossier, by=user(DESK), reason="Công dân rút hồ sơ")
    [message] = _notify_messages(dossier)
    assert message.payload["kind"] == {"refuse": "refused", "withdraw": "withdrawn"}[ending]
    if ending == "refuse":
        assert "Khong thuoc tham quyen" in message.payload["text"]


def test_sms_text_is_gsm7_without_diacritics_and_cut_to_160_at_its_variable_part():
    assert gsm7("Đàm Thị Hạnh – phường Thục Phán") == "Dam Thi Hanh - phuong Thuc Phan"
    notice = Notice(
        "refused",
        "refused",
        "Ho so %(code)s bi tu choi. Ly do: %(reason)s",
        {
            "code": "001.01.50.H14-260302-0001",
            "reason": "Không đủ điều kiện " * 20,
        },
        shorten="reason",
    )
    text = sms_text(notice)
    assert len(text) == SMS_LIMIT and text.endswith("...")
    assert text.startswith("Ho so 001.01.50.H14-260302-0001 bi tu choi. Ly do: Khong du dieu kien")
    assert (normalise_phone("+84 912.345.678"), normalise_phone("0912345678"), normalise_phone("12345")) == (
        "+84912345678",
        "+84912345678",
        "",
    )


def test_without_the_owners_contacts_the_representative_is_told(demo_catalog):
    representative = PartyInput(role="representative", name="Đàm Thị Hạnh", email="hanh@example.vn")
    with frozen(2026, 3, 2, 9, 0):
        dossier = _received(phone="", parties=(representative,))
    [message] = _notify_messages(dossier)
    assert (message.payload["channel"], message.payload["to"]) == ("email", "hanh@example.vn")


def test_delivery_goes_through_the_primary_sms_provider(demo_catalog, notify):
    with frozen(2026, 3, 2, 9, 0):
        dossier = _received()
        _deliver()
    [sent] = notify.sms_primary.sent
    assert (sent["to"], sent["key"]) == ("+84912345678", _notify_messages(dossier).get().key)
    assert notify.sms_secondary.sent == []
    assert _notify_messages(dossier).get().state == "acknowledged"


def test_with_the_primary_sms_provider_down_the_secondary_sends_it(demo_catalog, notify):
    notify.sms_primary.down = True
    with frozen(2026, 3, 2, 9, 0):
        dossier = _received()
        _deliver()
    message = _notify_messages(dossier).get()
    assert (message.state, message.attempts) == ("acknowledged", 1)
    assert notify.sms_primary.sent == []
    [sent] = notify.sms_secondary.sent
    assert sent["text"] == message.payload["text"]


def test_with_both_sms_providers_down_the_message_is_retried_later(demo_catalog, notify):
    notify.sms_primary.down = True
    notify.sms_secondary.error_rate = 1.0  # answers 503
    with frozen(2026, 3, 2, 9, 0):
        dossier = _received()
        _deliver()
    message = _notify_messages(dossier).get()
    assert (message.state, message.attempts) == ("failed", 1)
    assert "sms-primary" in message.last_error and "sms-secondary" in message.last_error
    notify.sms_primary.down = False  # back up: the retry goes through the primary
    with frozen(2026, 3, 2, 9, 30):
        _deliver()
    message.refresh_from_db()
    assert (message.state, message.attempts) == ("acknowledged", 2)
    assert len(notify.sms_primary.sent) == 1 and notify.sms_secondary.sent == []


def test_a_recipient_the_provider_refuses_is_a_dead_letter_not_a_failover(demo_catalog, notify):
    notify.sms_primary.refuse = {"+84912345678"}
    with frozen(2026, 3, 2, 9, 0):
        dossier = _received()
        _deliver()
    message = _notify_messages(dossier).get()
    assert message.state == "dead" and "unknown recipient" in message.last_error
    assert notify.sms_secondary.sent == []


def test_e_mail_goes_through_djangos_backend(demo_catalog, notify):
    with frozen(2026, 3, 2, 9, 0):
        dossier = _received(phone="", email="dung@example.vn")
        _deliver()
    [email] = mail.outbox
    assert email.to == ["dung@example.vn"]
    assert dossier.code in email.subject
    assert "Nông Văn Dũng" in email.body and "09/03/2026" in email.body
    assert email.extra_headers["X-Motcua-Idempotency-Key"] == _notify_messages(dossier).get().key
    assert notify.email_secondary.sent == []


def test_owner_with_phone_and_e_mail_gets_both(demo_catalog, notify):
    with frozen(2026, 3, 2, 9, 0):
        dossier = _received(email="dung@example.vn")
        _deliver()
    assert sorted(_notify_messages(dossier).values_list("topic", "state")) == [
        ("notify.email", "acknowledged"),
        ("notify.sms", "acknowledged"),
    ]
    assert (len(mail.outbox), len(notify.sms_primary.sent)) == (1, 1)


def test_when_djangos_e_mail_backend_fails_the_secondary_sends_it(demo_catalog, notify, monkeypatch):
    def broken(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("connection unexpectedly closed")

    monkeypatch.setattr(provider_module, "get_connection", broken)
    with frozen(2026, 3, 2, 9, 0):
        dossier = _received(phone="", email="dung@example.vn")
        _deliver()
    assert mail.outbox == []
    [sent] = notify.email_secondary.sent
    assert (sent["to"], sent["subject"]) == ("dung@example.vn", mail_subject := sent["subject"])
    assert dossier.code in mail_subject
    assert _notify_messages(dossier).get().state == "acknowledged"


def test_the_tax_assessment_tells_the_owner_the_amount(demo_catalog):
    from motcua.dossiers.services import TaxAnswer, apply_tax_status

    with frozen(2026, 3, 2, 9, 0):
        dossier = _received()
        services.assign_dossier(dossier=dossier, by=user(DESK))
        services.send_to_tax_office(dossier=dossier.code, by=user(HANDLER))
        apply_tax_status(
            code=dossier.code,
            answer=TaxAnswer(status="assessed", sequence=1, amount=12_500_000, due_on="2026-04-02"),
        )
    text = _notify_messages(dossier).get(payload__kind="tax_assessed").payload["text"]
    assert "12.500.000" in text and "02/04/2026" in text
