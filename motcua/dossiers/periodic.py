"""The dossier engine's periodic jobs (``core.schedule``; run by ``run_scheduler``)."""

from __future__ import annotations

from datetime import timedelta

from motcua.core import clock
from motcua.core.schedule import periodic
from motcua.dossiers.services.population import backfill_population
from motcua.dossiers.services.portal_sync import reconcile_with_national_portal


@periodic("dossiers.population_backfill", every=timedelta(minutes=5))
def population_backfill() -> str:
    """Complete the dossiers taken in while the National Population Database was down."""
    return str(backfill_population())


@periodic("dossiers.reconcile_national_portal", every=timedelta(days=1))
def reconcile_national_portal() -> str:
    """Compare yesterday's and today's dossiers with what the national portal holds."""
    today = clock.today()
    run = reconcile_with_national_portal(start=today - timedelta(days=1), end=today, triggered_by="schedule")
    if run.error:
        return f"stopped: {run.error}"
    return f"{run.checked} checked, {run.differences_count} differences"
