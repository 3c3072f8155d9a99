"""The commune desk collects the fees by VietQR through the back-office pages (no JavaScript)."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

from motcua.payments.models import Payment
from motcua.payments.tests.conftest import DESK

pytestmark = pytest.mark.django_db


def logged_in(username: str) -> Client:
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def test_the_desk_shows_a_vietqr_and_the_applicant_pays(dossier, platform):
    desk = logged_in(DESK)
    base = f"/backoffice/ho-so/{dossier.code}/thu-phi/vietqr/"
    assert base in desk.get(f"/backoffice/ho-so/{dossier.code}/").content.decode()

    started = desk.post(base)
    assert started.status_code == 302 and started["Location"] == base
    assert desk.post(base).status_code == 302  # a double click
    payment = Payment.objects.get()
    page = desk.get(base).content.decode()
    assert 'hx-trigger="every 5s"' in page and 'http-equiv="refresh"' not in page
    assert "<svg" in page and "50.000 đồng" in page and "113000000004" in page and payment.purpose in page
    assert f"{base}{payment.reference}/kiem-tra/" in page and f"{base}{payment.reference}/gia-lap/" in page

    not_yet = desk.post(f"{base}{payment.reference}/kiem-tra/", follow=True)
    assert "Chưa thanh toán" in not_yet.content.decode() or "Not paid yet" in not_yet.content.decode()

    paid = desk.post(f"{base}{payment.reference}/gia-lap/")
    assert paid.status_code == 302
    page = desk.get(base).content.decode()
    assert 'http-equiv="refresh"' not in page and "hx-trigger" not in page and "<svg" not in page
    payment.refresh_from_db()
    fee = dossier.fees.get()
    assert payment.state == "paid" and fee.paid_at is not None and fee.channel == "national"
    detail = desk.get(f"/backoffice/ho-so/{dossier.code}/").content.decode()
    assert "thu-phi/vietqr/" not in detail and str(fee.get_channel_display()) in detail


def test_the_waiting_page_polls_with_htmx_instead_of_a_meta_refresh(dossier, platform):
    # A timed <meta refresh> fails WCAG 2.2.1 (axe: critical); the page asks itself again with
    # htmx, swapping its <main>, and without JavaScript offers "Check again".
    desk = logged_in(DESK)
    desk.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    base = f"/backoffice/ho-so/{dossier.code}/thu-phi/vietqr/"
    desk.post(base)

    page = desk.get(base).content.decode()

    assert "http-equiv" not in page.lower()
    assert f'hx-get="{base}" hx-trigger="every 5s" hx-select="main" hx-target="main"' in page
    assert f'<a href="{base}">Check again</a>' in page
    # htmx's poll is a plain GET of the same page: its <main> shows the payment once paid.
    platform.pay(Payment.objects.get().platform_ref)
    polled = desk.get(base, HTTP_HX_REQUEST="true").content.decode()
    assert '<main id="main">' in polled and "Paid" in polled and "hx-trigger" not in polled


def test_check_payment_catches_a_dropped_callback(dossier, platform):
    desk = logged_in(DESK)
    base = f"/backoffice/ho-so/{dossier.code}/thu-phi/vietqr/"
    desk.post(base)
    payment = Payment.objects.get()
    platform.drop_callbacks = True
    platform.pay(payment.platform_ref)
    desk.post(f"{base}{payment.reference}/kiem-tra/")
    payment.refresh_from_db()
    assert payment.state == "paid" and dossier.fees.get().channel == "national"


def test_who_may_not_start_or_simulate(dossier, platform, settings):
    base = f"/backoffice/ho-so/{dossier.code}/thu-phi/vietqr/"
    assert logged_in("baolam.motcua").post(base).status_code == 404  # another commune
    handler = logged_in("thucphan.xuly")
    handler.post(base)
    assert not Payment.objects.exists()  # a handler does not collect fees
    logged_in(DESK).post(base)
    payment = Payment.objects.get()
    assert handler.post(f"{base}{payment.reference}/gia-lap/").status_code == 404
    assert logged_in(DESK).post(f"{base}not-a-uuid/gia-lap/").status_code == 404
    settings.INTEGRATIONS_MODE = "live"
    assert logged_in(DESK).post(f"{base}{payment.reference}/gia-lap/").status_code == 404
    payment.refresh_from_db()
    assert payment.state == "pending"


def test_a_platform_outage_is_explained(dossier, platform):
    platform.down = True
    desk = logged_in(DESK)
    page = desk.post(f"/backoffice/ho-so/{dossier.code}/thu-phi/vietqr/", follow=True).content.decode()
    assert "tiền mặt" in page or "cash" in page
    assert not Payment.objects.exists()


def test_the_simulated_card_checkout_page(dossier, platform):
    from motcua.dossiers.tests.helpers import user
    from motcua.payments.services import start_payment

    paying = start_payment(dossier=dossier, by=user(DESK), method="card", return_url="/tra-cuu/")
    page = Client().get(paying.checkout_url)
    assert page.status_code == 200 and "50.000 đồng" in page.content.decode()
    cancelled = Client().post(paying.checkout_url, {"decision": "cancel"})
    assert cancelled.status_code == 302 and cancelled["Location"] == "/tra-cuu/"
    paying.refresh_from_db()
    assert paying.state == "cancelled"

    fresh = start_payment(  # a fresh one for the same fees
        dossier=dossier, by=user(DESK), method="card", return_url="https://evil.example/"
    )
    done = Client().post(fresh.checkout_url, {"decision": "pay"})
    assert done.status_code == 200 and "evil.example" not in done.content.decode()  # no way to another site
    fresh.refresh_from_db()
    assert fresh.state == "paid"
    assert Client().post(fresh.checkout_url, {"decision": "pay"}).status_code == 409
    assert Client().get("/gia-lap/thanh-toan/SIMUNKNOWN/").status_code == 404
