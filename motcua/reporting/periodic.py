"""The reporting app's periodic job: keep the rollups up with the dossier events."""

from datetime import timedelta

from motcua.core.schedule import periodic
from motcua.reporting import rollups


@periodic("reporting.rollup", every=timedelta(minutes=1))
def roll_up_events() -> str:
    """Add the dossier events since the last run to the indicator rollups."""
    return f"{rollups.process_new_events()} events"
