"""The province's payment report: daily comparisons and open mismatches, for administrators only."""

from datetime import date, timedelta

import pytest
from django.test import Client

from motcua.dossiers.tests.helpers import user
from motcua.payments import periodic
from motcua.payments.models import MismatchKind, PaymentMismatch, ReconciliationReport
from motcua.payments.services import start_payment
from motcua.payments.tests.conftest import DESK

pytestmark = pytest.mark.django_db
URL = "/backoffice/tich-hop/thanh-toan/"


def logged_in(username: str) -> Client:
    client = Client()
    client.force_login(user(username))
    return client


@pytest.fixture
def flagged(dossier, platform, now):
    """A payment paid at the platform whose callback was lost, found by the next day's report."""
    platform.drop_callbacks = True
    payment = start_payment(dossier=dossier, by=user(DESK), method="vietqr")
    platform.pay(payment.platform_ref)
    platform.payments[payment.platform_ref].paid_amount = 40000  # the bank passed on less
    now.tick(timedelta(days=1))
    assert "1 mismatches" in periodic.daily_report()
    return PaymentMismatch.objects.get()


def test_only_administrators_see_it(dossier):
    assert Client().get(URL).status_code == 302  # to the login page
    assert logged_in(DESK).get(URL).status_code == 403
    assert logged_in(DESK).post(f"{URL}1/da-xu-ly/", {"resolution": "x"}).status_code == 403


def test_the_report_lists_the_day_and_its_mismatches(flagged):
    # given the daily job found one mismatch on 2 March
    report = ReconciliationReport.objects.get(day=date(2026, 3, 2))
    assert (report.day, report.platform_count, report.local_count, report.mismatches) == (
        date(2026, 3, 2),
        1,
        0,
        1,
    )
    # when an administrator opens the page
    page = logged_in("tinh.quantri").get(URL)
    # then the day, the counts and the mismatch with its amounts are there
    html = page.content.decode()
    assert page.status_code == 200
    assert "02/03/2026" in html and flagged.platform_ref in html and "40.000 đồng" in html
    assert f"{URL}{flagged.pk}/da-xu-ly/" in html
    assert flagged.kind == MismatchKind.AMOUNT_DIFFERS


def test_settling_a_mismatch_needs_a_note(flagged):
    admin = logged_in("tinh.quantri")
    assert admin.post(f"{URL}{flagged.pk}/da-xu-ly/", {"resolution": "  "}).status_code == 302
    flagged.refresh_from_db()
    assert not flagged.resolved
    assert admin.post(f"{URL}99999/da-xu-ly/", {"resolution": "refunded"}).status_code == 404
    assert admin.post(f"{URL}{flagged.pk}/da-xu-ly/", {"resolution": "refunded 40,000"}).status_code == 302
    flagged.refresh_from_db()
    assert flagged.resolved and flagged.resolution == "refunded 40,000"
    assert f"{URL}{flagged.pk}/da-xu-ly/" not in admin.get(URL).content.decode()


def test_the_reconcile_job_settles_a_lost_callback(dossier, platform, now):
    platform.drop_callbacks = True
    payment = start_payment(dossier=dossier, by=user(DESK), method="vietqr")
    platform.pay(payment.platform_ref)
    now.tick(timedelta(minutes=15))
    assert periodic.reconcile() == "paid: 1"
    payment.refresh_from_db()
    assert payment.state == "paid" and dossier.fees.get().channel == "national"
    assert periodic.reconcile() == "nothing pending"
