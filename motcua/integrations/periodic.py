"""The integrations' periodic jobs (``core.schedule``; run by ``run_scheduler``)."""

from __future__ import annotations

from datetime import timedelta

from motcua.core.models import ScheduledJob
from motcua.core.schedule import periodic
from motcua.integrations.national_portal.catalog_sync import sync_catalog
from motcua.integrations.national_portal.submissions import fetch_portal_submissions

CATALOG_JOB = "integrations.sync_portal_catalog"
CATALOG_OVERLAP = timedelta(days=1)  # clocks and late publication on the portal's side


@periodic("integrations.fetch_portal_dossiers", every=timedelta(minutes=1))
def fetch_portal_dossiers() -> str:
    """Take in the dossiers people submitted on the National Public Service Portal."""
    return str(fetch_portal_submissions())


@periodic(CATALOG_JOB, every=timedelta(days=1))
def sync_portal_catalog() -> str:
    """Bring the catalog in line with the national database of administrative procedures."""
    return str(sync_catalog(updated_since=catalog_since()))


def catalog_since() -> str:
    """Since the last successful run (less an overlap), else everything: re-reading a record
    changes nothing, missing one would."""
    last = ScheduledJob.objects.filter(name=CATALOG_JOB, last_error="").values_list(
        "last_started_at", flat=True
    )
    started = last.first()
    return (started - CATALOG_OVERLAP).isoformat() if started else ""
