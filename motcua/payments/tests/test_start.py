"""Starting a payment: one per double click, the QR a page shows, refusals."""

from datetime import timedelta

import pytest

from motcua.dossiers import services as dossier_services
from motcua.dossiers.tests.helpers import user
from motcua.integrations.errors import PaymentPlatformUnavailable
from motcua.integrations.payment import vietqr
from motcua.payments.errors import MayNotTakePayment, NothingDue, UnknownMethod
from motcua.payments.models import Payment
from motcua.payments.services import start_payment
from motcua.payments.tests.conftest import DESK

pytestmark = pytest.mark.django_db


def test_a_double_click_makes_one_payment(dossier, platform):
    first = start_payment(dossier=dossier, by=user(DESK), method="vietqr")
    second = start_payment(dossier=dossier, by=user(DESK), method="vietqr")
    assert first.pk == second.pk and Payment.objects.count() == 1
    assert len(platform.payments) == 1


def test_the_payment_holds_what_a_page_shows(dossier, now):
    payment = start_payment(dossier=dossier, by=user(DESK), method="vietqr")
    assert (payment.amount, payment.state, payment.channel) == (50000, "pending", "national")
    assert payment.fee_ids == [fee.pk for fee in dossier.fees.all()]
    assert payment.expires_at == now() + timedelta(minutes=15)
    qr = vietqr.decode(payment.qr_payload)
    assert (qr.amount, qr.bank_bin, qr.account, qr.bill) == (
        50000,
        "970415",
        "113000000004",
        payment.platform_ref,
    )
    assert qr.purpose == payment.purpose == dossier.code[-25:]
    assert (payment.bank_name, payment.account_name) == ("VietinBank", "KHO BAC NHA NUOC CAO BANG")


def test_a_card_payment_gets_a_checkout_address(dossier):
    payment = start_payment(dossier=dossier, by=user(DESK), method="card", return_url="/tra-cuu/")
    assert payment.checkout_url == f"/gia-lap/thanh-toan/{payment.platform_ref}/" and not payment.qr_payload


def test_a_new_amount_replaces_the_pending_payment(dossier):
    first = start_payment(dossier=dossier, by=user(DESK), method="vietqr")
    dossier.fees.create(name="Phí thẩm định", amount=20000)
    second = start_payment(dossier=dossier, by=user(DESK), method="vietqr")
    first.refresh_from_db()
    assert second.amount == 70000 and first.state == "cancelled"


def test_refusals(dossier):
    with pytest.raises(UnknownMethod):
        start_payment(dossier=dossier, by=user(DESK), method="cash")
    with pytest.raises(MayNotTakePayment):
        start_payment(dossier=dossier, by=user("thucphan.xuly"), method="vietqr")  # a handler
    dossier_services.record_payment(dossier=dossier, by=user(DESK))
    with pytest.raises(NothingDue):
        start_payment(dossier=dossier, by=user(DESK), method="vietqr")
    assert not Payment.objects.exists()


def test_platform_down_means_a_clear_error_and_no_payment(dossier, platform):
    platform.down = True
    with pytest.raises(PaymentPlatformUnavailable) as raised:
        start_payment(dossier=dossier, by=user(DESK), method="vietqr")
    assert raised.value.status == 503 and not Payment.objects.exists()


def test_the_applicant_starts_an_online_payment_for_the_portal(dossier, platform):
    from django.contrib.auth import get_user_model

    from motcua.payments.services import start_online_payment

    # given the dossier belongs to a citizen's account
    citizen = get_user_model().objects.create_user(username="citizen-001", password=None)
    dossier.account = citizen
    dossier.save(update_fields=["account"])
    # when the citizen asks for a VietQR code, then for a card checkout
    qr = start_online_payment(dossier=dossier, by=citizen, method="vietqr")
    card = start_online_payment(dossier=dossier, by=citizen, method="card", return_url="/tra-cuu/")
    # then the page gets an inline QR code, or where to send the payer
    assert qr.qr_svg.startswith("<svg") and qr.checkout_url == "" and qr.amount == 50000
    assert qr.bank_name == "VietinBank" and qr.account_number == "113000000004" and qr.purpose
    assert vietqr.decode(qr.payment.qr_payload).amount == 50000
    assert card.qr_svg == "" and card.checkout_url == f"/gia-lap/thanh-toan/{card.payment.platform_ref}/"
    assert platform.payments[card.payment.platform_ref].return_url == "/tra-cuu/"
    assert Payment.objects.filter(started_by=citizen).count() == 2
    # and someone else's account may not
    stranger = get_user_model().objects.create_user(username="citizen-002", password=None)
    with pytest.raises(MayNotTakePayment):
        start_online_payment(dossier=dossier, by=stranger, method="vietqr")
