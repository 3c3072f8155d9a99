"""What other apps use of the National Population Database (re-exported by ``integrations.services``).

Every lookup is personal data processing (Law 91/2025, Decree 356/2025): it is recorded in
the audit trail — who looked up which citizen ID, why, and whether the database answered —
but never what the database returned.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction

from motcua.core.audit import record_audit
from motcua.integrations.base import registry
from motcua.integrations.population.adapter import (
    SYSTEM,
    PopulationAdapter,
    PopulationUnavailable,
    check_citizen_id,
    record_to_wire,
)
from motcua.integrations.population.simulator import save_directory, simulator
from motcua.integrations.types import CitizenLookup, LookupOutcome, LookupPurpose, PersonRecord

logger = logging.getLogger(__name__)


def lookup_citizen(*, citizen_id: str, by: Any, purpose: str, timeout: float | None = None) -> CitizenLookup:
    """Look a citizen up within the time budget; found, not found or unavailable, never an exception.

    ``by`` is the user (or a job's name) who asks, ``purpose`` one of :class:`LookupPurpose`.
    A malformed ID raises :class:`MalformedCitizenId` before any call and is not audited.
    Call it outside a transaction: the audit entry is written after the answer, so no lock
    is held while the database is slow.
    """
    number = check_citizen_id(citizen_id)
    purpose = LookupPurpose(purpose).value
    adapter: PopulationAdapter = registry.get(SYSTEM)  # type: ignore[assignment]  (tests may override it)
    try:
        record = adapter.lookup(number, purpose=purpose, timeout=timeout)
    except PopulationUnavailable as error:
        logger.warning("population database unavailable for a %s lookup: %s", purpose, error)
        result = CitizenLookup(number, LookupOutcome.UNAVAILABLE, reason=str(error))
    else:
        outcome = LookupOutcome.FOUND if record is not None else LookupOutcome.NOT_FOUND
        result = CitizenLookup(number, outcome, record=record)
    _audit(by=by, citizen_id=number, purpose=purpose, outcome=result.outcome)
    return result


@transaction.atomic
def _audit(*, by: Any, citizen_id: str, purpose: str, outcome: LookupOutcome) -> None:
    record_audit(
        actor=by,
        action="population.lookup",
        object_type="citizen",
        object_id=citizen_id,
        data={"purpose": purpose, "outcome": outcome.value},
    )


def register_simulated_citizens(records: list[PersonRecord]) -> int:
    """Demo and training: the simulated database knows these people, in every process.

    Added to this process's simulator and to the shared directory file
    (``POPULATION_SIMULATOR_FILE``); the number of citizens the file now holds.
    """
    rows = [record_to_wire(record) for record in records]
    simulator.add(rows)
    return save_directory(rows)
