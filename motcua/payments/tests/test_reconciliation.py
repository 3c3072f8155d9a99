"""Reconciliation: a dropped callback is caught by the 15-minute job; the daily report finds the rest."""

from datetime import date, timedelta

import pytest

from motcua.core import schedule
from motcua.core.models import ScheduledJob
from motcua.dossiers.tests.helpers import user
from motcua.payments.models import PaymentMismatch, ReconciliationReport
from motcua.payments.services import ALREADY_PAID, confirm_payment, expire_payments, report_day, start_payment
from motcua.payments.tests.conftest import DESK

pytestmark = pytest.mark.django_db


def job(name: str) -> schedule.PeriodicJob:
    return next(j for j in schedule.jobs() if j.name == name)


def test_the_jobs_are_registered():
    assert job("payments.reconcile").every == timedelta(minutes=15)
    assert job("payments.daily_report").every == timedelta(hours=24)


def test_a_dropped_callback_is_caught_by_the_reconcile_job(dossier, platform, now):
    platform.drop_callbacks = True
    payment = start_payment(dossier=dossier, by=user(DESK), method="vietqr")
    [sent] = platform.pay(payment.platform_ref)
    assert sent.outcome == "dropped"
    payment.refresh_from_db()
    assert payment.state == "pending"

    now.tick(timedelta(minutes=1))  # too young: the callback may still come
    schedule.run_job(job("payments.reconcile"))
    payment.refresh_from_db()
    assert payment.state == "pending"

    now.tick(timedelta(minutes=2))
    summary = schedule.run_job(job("payments.reconcile"))
    payment.refresh_from_db()
    fee = dossier.fees.get()
    assert summary == "paid: 1" and payment.state == "paid" and payment.paid_amount == 50000
    assert fee.paid_at is not None and fee.channel == "national"
    assert ScheduledJob.objects.get(name="payments.reconcile").last_summary == "paid: 1"
    assert confirm_payment(payment=payment, amount=50000).outcome == ALREADY_PAID  # idempotent
    assert dossier.events.filter(action="pay").count() == 1


def test_reconcile_during_an_outage_expires_nothing(dossier, platform, now):
    payment = start_payment(dossier=dossier, by=user(DESK), method="vietqr")
    platform.down = True
    now.tick(timedelta(minutes=30))  # past its expiry
    assert schedule.run_job(job("payments.reconcile")) == "platform_unavailable: 1"
    payment.refresh_from_db()
    assert payment.state == "pending"
    platform.down = False
    assert schedule.run_job(job("payments.reconcile")) == "expired: 1"
    payment.refresh_from_db()
    assert payment.state == "expired"


def test_a_late_callback_for_an_expired_code_still_counts(dossier, platform, now):
    payment = start_payment(dossier=dossier, by=user(DESK), method="vietqr")
    now.tick(timedelta(minutes=14))
    platform.out_of_order = True  # the callback is held…
    platform.pay(payment.platform_ref)
    now.tick(timedelta(minutes=5))
    assert expire_payments() == 1  # …while we expire the code
    [sent] = platform.flush_callbacks()
    payment.refresh_from_db()
    assert sent.outcome == "delivered" and payment.state == "paid"
    assert dossier.fees.get().paid_at is not None


def test_the_daily_report_finds_a_payment_paid_at_the_platform_only(dossier, platform, now):
    platform.drop_callbacks = True
    payment = start_payment(dossier=dossier, by=user(DESK), method="vietqr")
    platform.pay(payment.platform_ref)
    now.tick(timedelta(days=1))
    summary = schedule.run_job(job("payments.daily_report"))
    assert (
        summary.startswith("2026-02-28: 0 at the platform")
        and "2026-03-02: 1 at the platform, 1 mismatches" in summary
    )
    mismatch = PaymentMismatch.objects.get()
    assert (mismatch.day, mismatch.kind, mismatch.payment, mismatch.platform_amount) == (
        date(2026, 3, 2),
        "platform_only",
        payment,
        50000,
    )
    report = ReconciliationReport.objects.get(day=date(2026, 3, 2))
    assert (report.platform_count, report.platform_total, report.local_count, report.mismatches) == (
        1,
        50000,
        0,
        1,
    )
    report_day(day=date(2026, 3, 2))  # again: the same mismatch, not a second one
    assert PaymentMismatch.objects.count() == 1


def test_the_daily_report_finds_what_the_platform_does_not_know(dossier, platform, now):
    payment = start_payment(dossier=dossier, by=user(DESK), method="vietqr")
    platform.pay(payment.platform_ref)
    payment.refresh_from_db()
    assert payment.state == "paid"
    assert report_day(day=date(2026, 3, 2)).mismatches == 0  # all agree
    platform.payments.clear()  # the platform lost it
    report = report_day(day=date(2026, 3, 2))
    assert report.mismatches == 1
    assert PaymentMismatch.objects.get().kind == "unknown_at_platform"


def test_money_for_fees_already_paid_in_cash_is_flagged(dossier, platform):
    from motcua.dossiers import services as dossier_services

    payment = start_payment(dossier=dossier, by=user(DESK), method="vietqr")
    dossier_services.record_payment(dossier=dossier, by=user(DESK))  # cash meanwhile
    platform.pay(payment.platform_ref)
    payment.refresh_from_db()
    mismatch = PaymentMismatch.objects.get()
    assert payment.state == "paid" and mismatch.kind == "not_applied"
    assert mismatch.details["reason"] == "the fees were already paid"
    assert dossier.fees.get().channel == "cash"
