"""The payments app's periodic jobs (core.schedule): thin, the work is in services."""

from __future__ import annotations

from datetime import timedelta

from motcua.core import clock
from motcua.core.schedule import periodic
from motcua.payments import services


@periodic("payments.reconcile", every=timedelta(minutes=15))
def reconcile() -> str:
    """Ask the payment platform about pending payments older than 2 minutes and apply its answer."""
    counts = services.reconcile_pending()
    return ", ".join(f"{name}: {count}" for name, count in sorted(counts.items())) or "nothing pending"


@periodic("payments.daily_report", every=timedelta(hours=24))
def daily_report() -> str:
    """Compare yesterday's payments (and any day missed before) with the platform's list."""
    reports = services.report_missing_days(until=clock.today() - timedelta(days=1))
    return "; ".join(
        f"{r.day}: {r.platform_count} at the platform, {r.mismatches} mismatches" for r in reports
    )
