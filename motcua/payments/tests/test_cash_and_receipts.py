"""The desk takes the fees in cash: one receipt, never twice, and a later transfer is flagged."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from motcua.dossiers.tests.helpers import user
from motcua.payments.errors import NothingDue
from motcua.payments.models import MismatchKind, Payment, PaymentMismatch
from motcua.payments.services import collect_cash, start_payment
from motcua.payments.tests.conftest import DESK

pytestmark = pytest.mark.django_db


def logged_in(username: str) -> Client:
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def fees_page(dossier) -> str:
    return f"/backoffice/ho-so/{dossier.code}/thu-phi/vietqr/"


def test_the_desk_takes_cash_and_prints_the_receipt(dossier):
    # given
    desk = logged_in(DESK)
    assert (
        f"/backoffice/ho-so/{dossier.code}/thu-phi/tien-mat/" in desk.get(fees_page(dossier)).content.decode()
    )
    # when
    done = desk.post(f"/backoffice/ho-so/{dossier.code}/thu-phi/tien-mat/")
    # then
    payment = Payment.objects.get()
    receipt_url = f"/backoffice/ho-so/{dossier.code}/thu-phi/bien-lai/{payment.reference}/"
    assert done.status_code == 302 and done["Location"] == receipt_url
    assert (payment.method, payment.channel, payment.state, payment.paid_amount) == (
        "cash",
        "cash",
        "paid",
        50000,
    )
    assert payment.platform_ref == "" and payment.started_by.username == DESK
    fee = dossier.fees.get()
    assert fee.paid_at is not None and fee.channel == "cash"
    assert dossier.events.filter(action="pay").count() == 1
    receipt = desk.get(receipt_url).content.decode()
    assert payment.receipt_number in receipt and payment.receipt_number.startswith("BL20260302-")
    assert "50.000 đồng" in receipt and dossier.code in receipt and dossier.owner_name in receipt
    assert receipt_url in desk.get(fees_page(dossier)).content.decode()


def test_cash_twice_or_by_someone_else_records_nothing_more(dossier):
    handler = logged_in("thucphan.xuly")
    assert handler.post(f"/backoffice/ho-so/{dossier.code}/thu-phi/tien-mat/").status_code == 302
    assert not Payment.objects.exists() and dossier.fees.get().paid_at is None  # not a desk official
    other_commune = logged_in("baolam.motcua")
    assert other_commune.post(f"/backoffice/ho-so/{dossier.code}/thu-phi/tien-mat/").status_code == 404
    assert not Payment.objects.exists()

    collect_cash(dossier=dossier, by=user(DESK))
    with pytest.raises(NothingDue):
        collect_cash(dossier=dossier, by=user(DESK))
    again = logged_in(DESK).post(f"/backoffice/ho-so/{dossier.code}/thu-phi/tien-mat/")
    assert again.status_code == 302 and again["Location"] == fees_page(dossier)
    assert Payment.objects.count() == 1 and dossier.events.filter(action="pay").count() == 1


def test_a_receipt_is_only_for_a_paid_payment_of_a_visible_dossier(dossier, platform):
    pending = start_payment(dossier=dossier, by=user(DESK), method="vietqr")
    desk = logged_in(DESK)
    base = f"/backoffice/ho-so/{dossier.code}/thu-phi/bien-lai/"
    assert desk.get(f"{base}{pending.reference}/").status_code == 404
    assert desk.get(f"{base}not-a-uuid/").status_code == 404
    paid = collect_cash(dossier=dossier, by=user(DESK))
    assert logged_in("baolam.motcua").get(f"{base}{paid.reference}/").status_code == 404
    assert desk.get(f"{base}{paid.reference}/").status_code == 200


def test_a_transfer_after_cash_is_flagged_not_applied_twice(dossier, platform):
    # given a VietQR code is on screen, then the applicant pays in cash instead
    qr = start_payment(dossier=dossier, by=user(DESK), method="vietqr")
    collect_cash(dossier=dossier, by=user(DESK))
    qr.refresh_from_db()
    assert qr.state == "cancelled"
    # when the applicant also scans the code
    [callback] = platform.pay(qr.platform_ref)
    # then the money is a mismatch to refund, the fees stay paid once, in cash
    assert callback.status == 200
    mismatch = PaymentMismatch.objects.get()
    assert mismatch.kind == MismatchKind.NOT_APPLIED and mismatch.payment == qr
    fee = dossier.fees.get()
    assert fee.channel == "cash" and dossier.events.filter(action="pay").count() == 1


def test_a_callback_naming_a_cash_receipt_is_unknown(dossier, platform):
    import json

    from motcua.payments.tests.conftest import signed

    paid = collect_cash(dossier=dossier, by=user(DESK))
    data = {
        "payment_ref": "SIMFORGED",
        "merchant_ref": str(paid.reference),
        "status": "succeeded",
        "amount": 50000,
        "paid_amount": 50000,
    }
    body = json.dumps(
        {
            "id": "evt-cash",
            "type": "payment.succeeded",
            "occurred_at": "2026-03-02T09:00:00+07:00",
            "data": data,
        }
    ).encode()
    answer = Client().post(
        "/api/v1/integrations/payment/events/", body, content_type="application/json", **signed(body)
    )
    assert answer.status_code == 404
    assert dossier.events.filter(action="pay").count() == 1


def test_the_dossier_page_sends_cash_to_the_receipt_flow(dossier):
    page = logged_in(DESK).get(f"/backoffice/ho-so/{dossier.code}/").content.decode()
    assert f"/backoffice/ho-so/{dossier.code}/thu-phi/tien-mat/" in page
